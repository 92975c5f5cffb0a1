"""Stale catalogs: sources changed since the templates were extracted, or catalogs not merged since.

A template records the digest of what it was made from (``X-Source-Digest``,
:mod:`sselocale.source.digest`); a PO file records, as ``msgmerge`` does, the
``POT-Creation-Date`` of the template it was merged with, and each new version
of a template gets a new date. So a catalog is stale when:

- its article has no template, or the template's digest is not that of the
  article, glossary and extraction settings as they are now;
- its ``POT-Creation-Date`` is not its template's (it was not merged since).

A missing PO file next to a current template is not stale: it counts as its
template, every unit untranslated, which is exactly right, and coverage deals
with it.

Only file headers are read and articles hashed: nothing is segmented, so this
is cheap enough for every ``status`` and ``check``, and the record sits in
committed files, so a fresh clone in CI sees what a working copy sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CatalogError
from ..source.digest import DIGEST_FIELD, glossary_bytes, source_digest
from .fastread import entries_of, header_fields

if TYPE_CHECKING:
    from ..source.workspace import Project

__all__ = ["Reason", "Stale", "read_header", "stale_catalogs"]

#: How much of a file is read at a time while looking for the end of its header.
_CHUNK = 8192


class Reason(str, Enum):
    """Why a catalog is stale."""

    NO_TEMPLATE = "no-template"
    SOURCES_CHANGED = "sources-changed"
    NOT_MERGED = "not-merged"


@dataclass(frozen=True, slots=True)
class Stale:
    """One article's catalog in one language that no longer matches the sources."""

    slug: str
    lang: str
    reason: Reason
    article: str
    """The article's path relative to the project root, as in PO references."""
    path: Path
    """The PO file (which may not exist when the template is what is stale)."""
    catalog: str
    """The PO file's path relative to the project root."""

    @property
    def message(self) -> str:
        """What is stale and what to do, in one line."""
        if self.reason is Reason.NO_TEMPLATE:
            what = f"{self.article} has no template (locales/templates/{self.slug}.pot)"
        elif self.reason is Reason.SOURCES_CHANGED:
            what = f"{self.article}, the glossary or the extraction settings changed since the last sync"
        else:
            what = f"the {self.lang} catalog of {self.article} was not merged with its current template"
        return f"stale: {what}: run `sselocale sync`"


def read_header(path: Path) -> dict[str, str]:
    """The header fields of a PO or POT file, reading only as far as its header; {} if unreadable."""
    try:
        with open(path, "rb") as handle:
            data = b""
            while True:
                chunk = handle.read(_CHUNK)
                data += chunk
                end = data.find(b"\n\n")
                if end >= 0 or not chunk:
                    break
    except OSError:
        return {}
    text = data[: end if end >= 0 else len(data)].decode("utf-8", errors="replace")
    try:
        entries = entries_of(text + "\n", Path(path), unique=False)
    except CatalogError:
        return {}
    first = entries[0] if entries else None
    if first is None or first.msgid != "" or first.obsolete:
        return {}
    return header_fields(first)


def stale_catalogs(
    project: Project, *, langs: tuple[str, ...] = (), slugs: tuple[str, ...] | list[str] = ()
) -> list[Stale]:
    """Every stale catalog of the selection, article by article, languages in configured order."""
    languages = project.languages(langs)
    config = project.config
    glossary = glossary_bytes(config)
    out: list[Stale] = []
    for article in project.select(tuple(slugs)):
        template = project.template_path(article.slug)
        header = read_header(template) if template.exists() else None
        if header is None:
            common: Reason | None = Reason.NO_TEMPLATE
        else:
            digest = source_digest(text=article.text, relpath=article.relpath, config=config, glossary=glossary)
            common = None if header.get(DIGEST_FIELD) == digest else Reason.SOURCES_CHANGED
        for lang in languages:
            path = project.po_path(lang, article.slug)
            reason = common
            if reason is None:
                assert header is not None
                if path.exists() and read_header(path).get("POT-Creation-Date") != header.get("POT-Creation-Date"):
                    reason = Reason.NOT_MERGED
            if reason is not None:
                out.append(Stale(article.slug, lang, reason, article.relpath, path, _relative(path, project.root)))
    return out


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
