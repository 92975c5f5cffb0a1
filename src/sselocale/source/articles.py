"""Source articles: Markdown files with optional YAML front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import ContentError
from ..files import read_utf8

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FENCE = "---"


@dataclass(frozen=True)
class Article:
    """One source article, read but not yet segmented.

    The front matter is parsed on first use: listing a large portal (as
    ``status`` and ``check`` do) needs only slugs, which a plain ``slug:`` line
    gives without a YAML parser.
    """

    path: Path
    """Absolute path of the Markdown file."""
    relpath: str
    """Path relative to the project root, with ``/`` separators, as shown in PO references."""
    slug: str
    """Safe identifier: names the catalogs and the rebuilt file."""
    text: str
    """The whole file, front matter included, newlines normalised to ``\\n``."""
    front_matter_lines: int = 0
    """How many lines the front matter block takes, fences included (0 when absent)."""
    front_matter_text: str = ""
    """The YAML between the fences, as written."""

    @cached_property
    def _parsed(self) -> tuple[Any, dict[str, int]]:
        if not self.front_matter_lines:
            return None, {}
        return parse_front_matter(self.front_matter_text, self.relpath)

    @property
    def front_matter(self) -> Any:
        """The front matter as a ruamel round-trip mapping, or None when there is none."""
        return self._parsed[0]

    @property
    def field_lines(self) -> dict[str, int]:
        """1-based source line of each top-level front-matter key."""
        return self._parsed[1]

    @property
    def body(self) -> str:
        """The Markdown after the front matter."""
        if not self.front_matter_lines:
            return self.text
        return "".join(self.text.splitlines(keepends=True)[self.front_matter_lines :])


#: A ``slug:`` line whose value needs no YAML parser to read.
_PLAIN_SLUG = re.compile(r"""^slug:[ \t]*(?P<q>["']?)(?P<slug>[a-z0-9-]+)(?P=q)[ \t]*(?:#.*)?$""", re.M)


def read_article(path: Path, *, root: Path, parse: bool = True) -> Article:
    """Read one article; raise ContentError naming the file and line on bad input.

    With ``parse=False`` the front matter is only parsed when the slug cannot be
    read from a plain ``slug:`` line; it is parsed (and checked) on first use.
    """
    path = Path(path)
    rel = _relpath(path, root)
    text = read_utf8(path, error=ContentError, what="article", shown=rel)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")

    fm_lines, fm_text = _split_front_matter(text, rel)
    article = Article(
        path=path.resolve(), relpath=rel, slug="", text=text,
        front_matter_lines=fm_lines, front_matter_text=fm_text,
    )
    quick = _PLAIN_SLUG.search(fm_text) if fm_lines and not parse else None
    if quick and len(_PLAIN_SLUG.findall(fm_text)) == 1:
        slug, slug_line = quick.group("slug"), None
    elif fm_lines and (parse or re.search(r"^slug\s*:", fm_text, re.M)) and "slug" in article.front_matter:
        slug = article.front_matter["slug"]
        slug_line = article.field_lines.get("slug")
        if not isinstance(slug, str):
            raise ContentError(f"slug must be a string, not {slug!r}", path=rel, line=slug_line)
    else:
        slug, slug_line = path.stem, None
    if not SLUG_RE.match(slug):
        raise ContentError(
            f"unsafe slug {slug!r}: use only lowercase letters, digits and single hyphens",
            path=rel,
            line=slug_line or 1,
            hint="slugs name files under locales/ and build/, so they may not contain / . or spaces",
        )
    object.__setattr__(article, "slug", slug)
    return article


def load_articles(content_dir: Path, *, root: Path, parse: bool = True) -> list[Article]:
    """Read every ``*.md`` under ``content_dir``, sorted by path; slugs must be unique.

    ``parse=False`` defers parsing front matter (see :func:`read_article`).
    """
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise ContentError(
            "content folder not found", path=_relpath(content_dir, root),
            hint="create it, or set paths.content in sselocale.yaml",
        )
    articles = [read_article(p, root=root, parse=parse) for p in sorted(content_dir.rglob("*.md"))]
    seen: dict[str, Article] = {}
    for article in articles:
        other = seen.get(article.slug)
        if other is not None:
            raise ContentError(
                f"duplicate slug {article.slug!r}, already used by {other.relpath}",
                path=article.relpath,
                line=article.field_lines.get("slug", 1),
                hint="give one of the articles another slug in its front matter",
            )
        seen[article.slug] = article
    return articles


def _split_front_matter(text: str, rel: str) -> tuple[int, str]:
    """Lines taken by the front matter block (fences included) and the YAML inside."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != _FENCE:
        return 0, ""
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (_FENCE, "..."):
            return index + 1, "".join(lines[1:index])
    raise ContentError(
        "front matter is not closed",
        path=rel,
        line=1,
        hint="end the YAML block with a line holding only ---",
    )


def parse_front_matter(fm_text: str, rel: str) -> tuple[Any, dict[str, int]]:
    """The front matter as a round-trip mapping, and the line of each key."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = YAML(typ="rt").load(fm_text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else 1
        raise ContentError(f"malformed front matter: {exc.problem or exc}", path=rel, line=line) from exc
    except YAMLError as exc:
        raise ContentError(f"malformed front matter: {exc}", path=rel, line=1) from exc
    if data is None:
        data = _empty_mapping()
    if not isinstance(data, dict):
        raise ContentError("front matter must be a YAML mapping (key: value lines)", path=rel, line=2)
    return data, {str(k): data.lc.key(k)[0] + 2 for k in data}


def _empty_mapping() -> Any:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap()


def _relpath(path: Path, root: Path) -> str:
    path = Path(path).resolve()
    try:
        return path.relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return path.as_posix()
