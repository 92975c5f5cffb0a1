"""Commands of this group are added by their stage's issue."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Add this module's commands to ``group``."""


def annotator(project):
    """Return ``annotate(lang, msgid) -> comment lines`` for the project, or None."""
    return None
