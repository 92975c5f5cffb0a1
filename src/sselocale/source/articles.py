"""Source articles: Markdown files with optional YAML front matter."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import safeyaml
from ..errors import ContentError, brief
from ..files import read_utf8

#: A folder or file name in a slug taken from the article's path (``_index``, ``Getting-Started``,
#: ``v2.0``): it names files on every system. ``\Z``, as ``$`` would allow a final newline.
SLUG_RE = re.compile(r"\A[A-Za-z0-9_]+(?:[-.][A-Za-z0-9_]+)*\Z")
#: A slug written in front matter: lower-case letters and digits joined by single hyphens.
WRITTEN_SLUG_RE = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")
#: Names Windows reserves whatever their extension: ``con.po`` cannot be checked out there.
_RESERVED = re.compile(r"\A(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?\Z", re.I)
_FENCE = "---"
_TOML_FENCE = "+++"


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
    front_matter_toml: bool = False
    """The front matter is TOML between ``+++`` lines (Hugo): checked, kept as written, not translated."""

    @cached_property
    def _parsed(self) -> tuple[Any, dict[str, int]]:
        if not self.front_matter_lines:
            return None, {}
        if self.front_matter_toml:
            _check_toml(self.front_matter_text, self.relpath)
            return None, {}
        return parse_front_matter(self.front_matter_text, self.relpath)

    @property
    def front_matter(self) -> Any:
        """The YAML front matter as a ruamel round-trip mapping; None when there is none, or it is TOML."""
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
        return "".join(lines_of(self.text)[self.front_matter_lines :])


def lines_of(text: str) -> list[str]:
    """The lines of ``text`` (newlines normalised), each with its ``\\n``.

    Not :meth:`str.splitlines`, which also breaks at U+2028, form feeds and
    other characters that are no line ending in Markdown, YAML or PO files.

    >>> lines_of("a\\u2028b\\nc\\n")
    ['a\\u2028b\\n', 'c\\n']
    """
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


#: A ``slug:`` line whose value needs no YAML parser to read.
_PLAIN_SLUG = re.compile(r"""^slug:[ \t]*(?P<q>["']?)(?P<slug>[A-Za-z0-9_.-]+)(?P=q)[ \t]*(?:#.*)?$""", re.M)


def read_article(
    path: Path, *, root: Path, parse: bool = True, content: Path | None = None, slug_field: bool = True
) -> Article:
    """Read one article; raise ContentError naming the file and line on bad input.

    Without a ``slug`` in its front matter, an article's slug is its path under
    ``content`` (the content folder) without ``.md``: ``guide/index`` for
    ``content/guide/index.md``, so that catalogs mirror the site's tree; a slug
    written in front matter is one lower-case name (:data:`WRITTEN_SLUG_RE`). With
    ``slug_field`` false (``slugs: path``) a ``slug`` field is the site's, not read.
    With ``parse=False`` the front matter is only parsed when the slug cannot be
    read from a plain ``slug:`` line; it is parsed (and checked) on first use.
    """
    path = Path(path)
    _check_file(path, root)
    rel = _relpath(path, root)
    text = read_utf8(path, error=ContentError, what="article", shown=rel)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")

    fm_lines, fm_text = _split_front_matter(text, rel)
    toml = fm_lines > 0 and text.startswith(_TOML_FENCE)
    article = Article(
        path=path.resolve(), relpath=rel, slug="", text=text,
        front_matter_lines=fm_lines, front_matter_text=fm_text, front_matter_toml=toml,
    )
    if toml and parse:
        _check_toml(fm_text, rel)  # now, as YAML front matter is checked
    quick = _PLAIN_SLUG.search(fm_text) if fm_lines and slug_field and not parse and not toml else None
    written = True  # a slug the author wrote, not the article's path
    if quick and len(_PLAIN_SLUG.findall(fm_text)) == 1:
        slug, slug_line = quick.group("slug"), fm_text.count("\n", 0, quick.start()) + 2
    elif (slug_field and fm_lines and not toml and (parse or re.search(r"^slug\s*:", fm_text, re.M))
          and "slug" in article.front_matter):
        slug = article.front_matter["slug"]
        slug_line = article.field_lines.get("slug")
        if not isinstance(slug, str):
            raise ContentError(f"slug must be a string, not {brief(slug)}", path=rel, line=slug_line)
    else:
        slug, slug_line, written = _path_slug(path, content), None, False
    if written and not WRITTEN_SLUG_RE.fullmatch(slug):
        raise ContentError(
            f"unsafe slug {brief(slug)}: a slug in front matter is lower-case letters and digits joined by "
            "single hyphens",
            path=rel,
            line=slug_line or 1,
            hint="slugs name files under locales/ and build/: no '/', '..', spaces or capitals; if `slug` is "
                 "your site's URL setting, `slugs: path` in sselocale.yaml names files by the article's path",
        )
    if not safe_slug(slug):
        raise ContentError(
            f"unsafe slug {brief(slug)}: name files and folders with letters, digits and underscores, joined by "
            "single hyphens or dots",
            path=rel,
            line=slug_line or 1,
            hint="the path under the content folder names the article's files under locales/ and build/, so it "
                 "may not hold spaces, a leading or doubled '-' or '.', or a name Windows reserves (con, nul, com1...)",
        )
    object.__setattr__(article, "slug", slug)
    return article


def safe_slug(slug: str) -> bool:
    """Whether ``slug`` names files safely: folder and file names of :data:`SLUG_RE`, joined by ``/``."""
    return all(SLUG_RE.fullmatch(part) and not _RESERVED.fullmatch(part) for part in slug.split("/"))


def _path_slug(path: Path, content: Path | None) -> str:
    """``guide/index`` for ``content/guide/index.md``; the file name alone outside ``content``."""
    if content is not None:
        try:
            return path.relative_to(content).with_suffix("").as_posix()
        except ValueError:
            pass
    return path.stem


def load_articles(
    content_dir: Path, *, root: Path, parse: bool = True, errors: list[ContentError] | None = None,
    slug_field: bool = True,
) -> list[Article]:
    """Read every ``*.md`` under ``content_dir``, sorted by path; slugs must be unique.

    ``parse=False`` defers parsing front matter (see :func:`read_article`).
    With an ``errors`` list, an article that cannot be read (or repeats an
    earlier article's slug) is left out and its error appended, so that one
    broken article does not stop the others; without one, the first error is raised.
    """
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise ContentError(
            "content folder not found", path=_relpath(content_dir, root),
            hint="create it, or set paths.content in sselocale.yaml",
        )
    if not _inside(content_dir, root):
        raise ContentError(
            "the content folder is outside the project", path=content_dir,
            hint="keep articles inside the project folder (paths.content in sselocale.yaml)",
        )
    # A folder named *.md is no article; rglob looks inside it all the same.
    paths = [p for p in sorted(content_dir.rglob("*.md")) if p.is_symlink() or not p.is_dir()]
    seen: dict[str, Article] = {}
    duplicated: set[str] = set()
    for path in paths:
        other = None
        try:
            article = read_article(path, root=root, parse=parse, content=content_dir, slug_field=slug_field)
            # Case apart, two slugs would name one file on macOS and Windows.
            other = seen.get(article.slug.casefold())
            if other is not None:
                case = (f" as {brief(other.slug)}, which names the same file on macOS and Windows"
                        if other.slug != article.slug else "")
                raise ContentError(
                    f"duplicate slug {brief(article.slug)}, already used by {other.relpath}{case}",
                    path=article.relpath,
                    line=article.field_lines.get("slug", 1),
                    hint="give one of the articles another slug in its front matter",
                )
        except ContentError as exc:
            if errors is None:
                raise
            errors.append(exc)
            if other is not None:
                duplicated.add(other.slug)
            continue
        seen[article.slug.casefold()] = article
    # Neither article of a shared slug may write its catalogs: each would overwrite the other's.
    return [article for article in seen.values() if article.slug not in duplicated]


def _split_front_matter(text: str, rel: str) -> tuple[int, str]:
    """Lines taken by the front matter block (fences included) and the YAML inside.

    A first line ``---`` opens front matter only when a closing fence follows
    and the text between is a YAML mapping; otherwise it is Markdown (a
    thematic break, or the underline of nothing). Text that starts like a
    mapping (``key: value``) is front matter even when its YAML is broken, so
    that the mistake is reported rather than published.
    """
    lines = lines_of(text)
    if lines and lines[0].rstrip() == _TOML_FENCE:
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == _TOML_FENCE), None)
        return (end + 1, "".join(lines[1:end])) if end is not None else (0, "")
    if not lines or lines[0].rstrip() != _FENCE:
        return 0, ""
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (_FENCE, "..."):
            inner = "".join(lines[1:index])
            return (index + 1, inner) if _is_mapping(inner, rel) else (0, "")
    return 0, ""


#: The first line of a YAML mapping: a plain or quoted key, a colon, then space or the line's end.
_MAPPING_START = re.compile(r"""^(?:[^\s#:'"\[\]{}>|*&!%@`-][^\n]*?|"[^"\n]*"|'[^'\n]*')[ \t]*:(?:[ \t]|$)""")


def _is_mapping(inner: str, rel: str) -> bool:
    """Whether the text between two ``---`` lines is front matter (a YAML mapping)."""
    first = next((ln for ln in inner.split("\n") if ln.strip() and not ln.lstrip().startswith("#")), None)
    if first is None:
        return False  # empty: two thematic breaks
    if _MAPPING_START.match(first):
        return True
    try:
        data = safeyaml.load(inner, error=ContentError, path=rel, what="malformed front matter", first_line=2)
    except ContentError:
        return False
    return isinstance(data, dict)


def _check_toml(fm_text: str, rel: str) -> None:
    """Raise ContentError naming the line when TOML front matter does not parse."""
    import tomllib

    try:
        tomllib.loads(fm_text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        line = int(found.group(1)) + 1 if found else 1
        raise ContentError(f"malformed front matter: {str(exc).split(' (at')[0]}", path=rel, line=line,
                           hint="TOML front matter between +++ lines") from None


def parse_front_matter(fm_text: str, rel: str) -> tuple[Any, dict[str, int]]:
    """The front matter as a round-trip mapping, and the line of each key."""
    data = safeyaml.load(fm_text, error=ContentError, path=rel, what="malformed front matter", first_line=2)
    if data is None:
        data = _empty_mapping()
    if not isinstance(data, dict):
        raise ContentError("front matter must be a YAML mapping (key: value lines)", path=rel, line=2)
    return data, {str(k): _key_line(data, k) for k in data}


def _key_line(data: Any, key: Any) -> int:
    """The file line of a front-matter key; a key merged in with ``<<:`` has none of its own."""
    try:
        return data.lc.key(key)[0] + 2
    except (KeyError, TypeError):
        return 2


def _empty_mapping() -> Any:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap()


def _check_file(path: Path, root: Path) -> None:
    """Refuse what must not be read as an article: a link out of the project, a FIFO, a device.

    Reading a FIFO blocks until someone writes to it, and a link to a file
    elsewhere would publish that file; both are named as they stand in the project.
    """
    shown = _shown(path, root)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        what = "a broken link" if path.is_symlink() else "unreadable"
        raise ContentError(f"{what}: {exc.strerror}", path=shown) from exc
    if not _inside(path, root):
        raise ContentError(
            f"leads outside the project (to {brief(str(path.resolve()))})", path=shown,
            hint="copy the article into the project, or link only to files inside it",
        )
    if not stat.S_ISREG(mode):
        raise ContentError(
            "not a regular file: an article cannot be a FIFO, socket or device", path=shown,
            hint="remove it from the content folder",
        )


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path``, links followed, lies in ``root``."""
    return Path(path).resolve().is_relative_to(Path(root).resolve())


def _shown(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` as it is written, links not followed."""
    absolute = Path(os.path.abspath(path))
    for base in (Path(os.path.abspath(root)), Path(root).resolve()):
        if absolute.is_relative_to(base):
            return absolute.relative_to(base).as_posix()
    return absolute.as_posix()


def _relpath(path: Path, root: Path) -> str:
    path = Path(path).resolve()
    try:
        return path.relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return path.as_posix()
