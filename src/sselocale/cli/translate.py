"""Commands of this group are added by their stage's issue."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Add this module's commands to ``group``."""


def run_translation(ctx, project, *, langs, slugs, refresh) -> None:
    """Machine-translate pending units (provided by the machine translation stage)."""
