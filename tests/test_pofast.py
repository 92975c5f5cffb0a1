"""The fast PO reader agrees with polib on content and with GNU msgfmt on counts and validity."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

from sselocale.po import catalogs, validate as pocheck, fastread as pofast
from sselocale.errors import CatalogError
from sselocale.project import Project, extract, update
from sselocale.review.coverage import coverage

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
REPO = Path(__file__).resolve().parent.parent
VALID = sorted((FIXTURES / "valid").glob("*.po")) + sorted((FIXTURES / "counts").glob("*.po")) \
    + sorted((FIXTURES / "quality").glob("*.po")) + sorted((FIXTURES / "portal" / "locales").glob("*/*.po"))
INVALID = sorted((FIXTURES / "invalid").glob("*.po"))


def _ids(paths):
    return [f"{p.parent.name}/{p.name}" for p in paths]


def msgfmt_statistics(path: Path) -> tuple[int, int, int]:
    """``(translated, fuzzy, untranslated)`` as ``msgfmt --statistics`` prints them."""
    result = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    numbers = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for count, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", result.stderr):
        numbers[kind] = int(count)
    return numbers["translated"], numbers["fuzzy"], numbers["untranslated"]


@dataclass
class Msgfmt:
    """What ``msgfmt --check`` said about a file."""

    status: int
    errors: dict[int, str]
    """Line → message of the errors that stand alone."""
    halves: set[int]
    """Lines of two-part messages ("nplurals = 2..." / "...but some messages have 3 forms")."""
    header: bool
    """Whether it said "PO file header missing or invalid", which has no line."""


def msgfmt_check(path: Path) -> Msgfmt:
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    errors, halves = {}, set()
    for line, message in re.findall(rf"^{re.escape(str(path))}:(\d+)(?::\d+)?: (.*)$", result.stderr, re.M):
        if message.startswith("warning"):
            continue
        if message.startswith("...") or message.endswith("..."):
            halves.add(int(line))
        else:
            errors.setdefault(int(line), message)
    return Msgfmt(result.returncode, errors, halves, "PO file header missing or invalid" in result.stderr)


def our_error_lines(path: Path) -> set[int]:
    try:
        entries = pofast.read_entries(path)
    except CatalogError as exc:
        return {exc.line}
    return {p.line for p in pocheck.problems(entries)}


def _header_line(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((i for i, line in enumerate(lines, 1) if line == 'msgid ""'), 1)


def _key(entry) -> tuple:
    occurrences = entry.occurrences
    if isinstance(entry, polib.POEntry):
        occurrences = [f"{f}:{n}" if n else f for f, n in occurrences]
    return (entry.msgctxt, entry.msgid, entry.msgid_plural, entry.msgstr, dict(entry.msgstr_plural),
            list(entry.flags), entry.obsolete, entry.previous_msgid, entry.comment, entry.tcomment,
            list(occurrences))


def _assert_same_as_polib(path: Path) -> None:
    ours = [_key(e) for e in pofast.read_entries(path) if not e.is_header]
    theirs = [_key(e) for e in polib.pofile(str(path))]
    assert ours == theirs


@pytest.mark.parametrize("path", VALID, ids=_ids(VALID))
def test_reader_agrees_with_polib(path: Path) -> None:
    _assert_same_as_polib(path)


@pytest.mark.parametrize("path", VALID, ids=_ids(VALID))
def test_counts_agree_with_msgfmt(path: Path) -> None:
    counts = coverage(pofast.read_entries(path)).counts
    assert (counts.translated, counts.fuzzy, counts.untranslated) == msgfmt_statistics(path)
    polib_counts = catalogs.count(polib.pofile(str(path)))
    assert polib_counts == counts


def test_counts_agree_with_msgfmt_on_the_edge_cases() -> None:
    expected = {"states.po": (1, 1, 2), "plurals.po": (2, 1, 3), "contexts.po": (2, 1, 2)}
    for name, numbers in expected.items():
        counts = coverage(pofast.read_entries(FIXTURES / "counts" / name)).counts
        assert (counts.translated, counts.fuzzy, counts.untranslated) == numbers == msgfmt_statistics(
            FIXTURES / "counts" / name)
    assert coverage(pofast.read_entries(FIXTURES / "counts" / "states.po")).counts.obsolete == 3


def test_state_follows_msgfmt_on_plural_forms() -> None:
    entry = polib.POEntry(msgid="a", msgid_plural="as", msgstr_plural={0: "x", 1: ""})
    assert catalogs.state(entry) is catalogs.State.TRANSLATED
    entry = polib.POEntry(msgid="a", msgid_plural="as", msgstr_plural={0: "", 1: "y"})
    assert catalogs.state(entry) is catalogs.State.UNTRANSLATED


def test_generated_catalogs_agree_with_polib_and_msgfmt(sample_project: Path) -> None:
    project = Project.open(sample_project)
    extract(project, now="2024-01-01 00:00+0000")
    update(project, langs=("fr", "ru"), now="2024-01-01 00:00+0000")
    paths = sorted((sample_project / "locales").glob("*/*.po"))
    for i, path in enumerate(paths):
        po = polib.pofile(str(path))
        for j, entry in enumerate(po):
            if (i + j) % 3:
                entry.msgstr = f"«{entry.msgid}»"
            if (i + j) % 4 == 0:
                entry.flags.append("fuzzy")
        po.append(polib.POEntry(msgid=f"Removed unit {i}", msgstr="Unité retirée", obsolete=True))
        po.save(str(path))
    for path in paths + sorted((sample_project / "locales" / "templates").glob("*.pot")):
        _assert_same_as_polib(path)
        counts = coverage(pofast.read_entries(path)).counts
        assert (counts.translated, counts.fuzzy, counts.untranslated) == msgfmt_statistics(path)
        if path.suffix == ".po":
            assert our_error_lines(path) == set() and msgfmt_check(path).status == 0


@pytest.mark.parametrize("path", INVALID, ids=_ids(INVALID))
def test_invalid_po_is_rejected_where_msgfmt_rejects_it(path: Path) -> None:
    msgfmt = msgfmt_check(path)
    assert msgfmt.status != 0
    ours = our_error_lines(path)
    try:
        pofast.read_entries(path)
    except CatalogError as exc:
        (line,) = ours
        if not msgfmt.errors:
            # Duplicates stop our reader too (every command refuses them); msgfmt reports
            # them in two halves, the second definition first, and so do we.
            assert "duplicate entry" in exc.message and line == max(msgfmt.halves)
            # msgfmt points at the first definition's msgstr, we at its msgid, the line before.
            assert f"also defined at line {min(msgfmt.halves) - 1}" in exc.message
            return
        # A syntax error stops our reader; it must be the first one msgfmt reports,
        # except that msgfmt puts an unterminated string on the line after it.
        first = min(msgfmt.errors)
        if msgfmt.errors[first] == "end-of-line within string":
            first -= 1
        assert line == first
        return
    allowed = set(msgfmt.errors) | msgfmt.halves | ({_header_line(path)} if msgfmt.header else set())
    assert ours and set(msgfmt.errors) <= ours <= allowed


@pytest.mark.parametrize("path", VALID, ids=_ids(VALID))
def test_valid_po_is_accepted_like_msgfmt_accepts_it(path: Path) -> None:
    msgfmt = msgfmt_check(path)
    assert (msgfmt.status, msgfmt.errors, msgfmt.halves) == (0, {}, set())
    assert our_error_lines(path) == set()


def test_escapes_decode_as_msgfmt_compiles_them(tmp_path: Path) -> None:
    import gettext

    path = tmp_path / "escapes.po"
    path.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Octal \\101, hex \\x42, bell \\a, tab \\t, quote \\""\n'
        'msgstr "Octal \\101, hexa \\x42, cloche \\a, tab \\t, guillemet \\""\n',
        encoding="utf-8",
    )
    subprocess.run(["msgfmt", "-o", str(tmp_path / "x.mo"), str(path)], check=True)
    with open(tmp_path / "x.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    (entry,) = [e for e in pofast.read_entries(path) if not e.is_header]
    assert entry.msgid == 'Octal A, hex B, bell \a, tab \t, quote "'
    assert compiled.gettext(entry.msgid) == entry.msgstr


@pytest.mark.parametrize(
    "name, line, message",
    [
        ("syntax-unterminated.po", 17, "end-of-line within string"),
        ("syntax-unknown-keyword.po", 18, "syntax error: text after the closing quote"),
        ("syntax-missing-msgstr.po", 14, "missing 'msgstr' section"),
        ("syntax-missing-msgid.po", 17, "msgstr without a msgid before it"),
        ("syntax-index-without-plural.po", 14, "missing 'msgid_plural' section"),
        ("syntax-bad-escape.po", 15, "invalid control sequence"),
        ("syntax-plural-index.po", 16, "first plural form has nonzero index"),
        ("syntax-domain.po", 14, "'domain' directives are not supported"),
    ],
)
def test_syntax_errors_name_file_and_line(name: str, line: int, message: str) -> None:
    path = FIXTURES / "invalid" / name
    with pytest.raises(CatalogError, match=re.escape(message)) as caught:
        pofast.read_entries(path)
    assert (caught.value.path, caught.value.line) == (path, line)


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "\xe9"\n')
    with pytest.raises(CatalogError, match="not valid UTF-8") as caught:
        pofast.read_entries(path)
    assert caught.value.line == 5


def test_entry_lines_point_at_msgid_and_msgstr() -> None:
    entries = pofast.read_entries(FIXTURES / "counts" / "contexts.po")
    wrapped = next(e for e in entries if e.msgid.startswith("A long text"))
    assert (wrapped.line, wrapped.msgstr_line) == (28, 31)
    assert wrapped.flags == ["no-wrap", "ignore-numbers"]
