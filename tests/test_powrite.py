"""powrite.render must write what GNU msgcat 0.21 writes, byte for byte.

The judge is the real ``msgcat`` (GNU gettext, installed by the project's install script);
without it these tests fail rather than skip.  We call ``msgcat --force-po`` because plain
msgcat prints nothing for a catalog holding only a header (see test_header_only_catalog).
"""

from __future__ import annotations

import atexit
import doctest
import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from sselocale.po import write as powrite
from sselocale.po.write import render, wrap_string

REPO = Path(__file__).resolve().parent.parent
CATALOGS = sorted((REPO / "locales").rglob("*.po")) + sorted((REPO / "locales").rglob("*.pot"))
UNKNOWN_FLAGS = ["ignore-numbers", "ignore-markup", "ignore-length", "ellipsis-unicode-check"]
HEADER = {"Content-Type": "text/plain; charset=UTF-8"}


def msgcat(path: Path, *options: str) -> str:
    """What GNU msgcat writes for ``path``; fails loudly when gettext is missing."""
    exe = shutil.which("msgcat")
    assert exe, "GNU gettext's msgcat is required (the project's install script installs it)"
    done = subprocess.run([exe, *options, "-o", "-", str(path)], capture_output=True,
                          check=False)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode("utf-8")


def msgcat_text(text: str, tmp_path: Path, *options: str) -> str:
    """msgcat --force-po of a PO text."""
    path = tmp_path / "in.po"
    path.write_bytes(text.encode("utf-8"))
    return msgcat(path, "--force-po", *options)


def reparse(text: str, tmp_path: Path) -> polib.POFile:
    """polib's reading of a PO text (from a file: polib splits strings on \\x85 and co.)."""
    path = tmp_path / "back.po"
    path.write_bytes(text.encode("utf-8"))
    return polib.pofile(str(path))


def catalog(*entries: polib.POEntry, header: str = "", fuzzy: bool = False,
            metadata: dict[str, str] | None = None) -> polib.POFile:
    po = polib.POFile()
    po.header, po.metadata_is_fuzzy = header, fuzzy
    po.metadata = dict(HEADER if metadata is None else metadata)
    po.extend(entries)
    return po


# ---------------------------------------------------------------- generated catalogs


def strip_dots(path: str) -> str:
    while path.startswith("./"):
        path = path[2:]
    return path


LETTERS = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789"
FOREIGN = "éèçñüöß" + "ЖжДдЯяЩщ" + "日本語中文、。「」" + "한국"
PUNCT = ".,;:!?'()[]{}<>/-_%$#&*+=@|~"
CHARS = LETTERS * 3 + FOREIGN + PUNCT + '"\\'


@st.composite
def texts(draw: st.DrawFn, *, min_words: int = 0) -> str:
    """Prose-like strings: words, long words, escapes, newlines, tabs, trailing spaces.

    No BEL: GNU writes it as ``\\a``, which polib cannot read back (test_control_characters).
    """
    short = st.text(CHARS, min_size=1, max_size=12)
    word = st.one_of(
        short, short, short,
        st.text(LETTERS + FOREIGN, min_size=60, max_size=110),  # longer than the page
        st.sampled_from(["\\", '"', "\\n", "% d", "%s", "%(name)s", "\u2028", "\x1b", "\x85",
                         "\u0301", "\u200b", "\b\f\v\r"]))
    seps = [" ", " ", " ", "", "  ", "\t", "-", "/", "\n", "\n\n"]
    parts = draw(st.lists(st.tuples(word, st.sampled_from(seps)), min_size=min_words,
                          max_size=14))
    return "".join(w + s for w, s in parts) + draw(st.sampled_from(["", "", "\n", " "]))


comment_lines = st.text(LETTERS + FOREIGN + PUNCT + " ", min_size=1,
                        max_size=100).map(str.rstrip).filter(bool)
comments = st.lists(st.one_of(comment_lines, st.just("")), max_size=4).map("\n".join).filter(
    lambda c: not c.startswith("\n") and c != "")  # polib drops leading empty comment lines
# polib's str() writes a header line ", x" or ": x" as "#, x" or "#: x", a flag or reference.
header_comments = comments.filter(lambda c: not any(line[:1] in ",:" for line in c.split("\n")))
paths = st.builds(
    lambda dot, parts, ext: ("./" if dot else "") + "/".join(parts) + ext,
    st.booleans(), st.lists(st.text(LETTERS + "_-.é日", min_size=1, max_size=20),
                            min_size=1, max_size=4),
    st.sampled_from([".md", ".py", ""]))
# Not both "./x" and "x": msgcat dedupes before it strips "./", writing "x x" (see
# test_references_wrap_by_bytes_and_are_normalized), which it would then read as one "x".
occurrences = st.lists(st.tuples(paths, st.one_of(st.just(""), st.integers(1, 99999).map(str))),
                       max_size=8, unique_by=lambda ref: (strip_dots(ref[0]), ref[1]))


@st.composite
def flag_lists(draw: st.DrawFn, *, unknown: bool) -> list[str]:
    """Flags without contradictions (GNU keeps the last of c-format/no-c-format...)."""
    flags = [draw(st.sampled_from(group)) for group in (
        ["", "c-format", "no-c-format", "possible-c-format"], ["", "no-wrap", "wrap"],
        ["", "fuzzy"], ["", "python-format"], ["", "python-brace-format"], ["", "range: 0..3"])]
    flags += draw(st.lists(st.sampled_from(UNKNOWN_FLAGS), unique=True)) if unknown else []
    return draw(st.permutations([f for f in flags if f]))


@st.composite
def entries(draw: st.DrawFn, key: tuple[str | None, str], *, unknown_flags: bool,
            obsolete_previous: bool) -> polib.POEntry:
    msgctxt, msgid = key
    obsolete = draw(st.booleans()) and draw(st.booleans())
    entry = polib.POEntry(msgctxt=msgctxt, msgid=msgid, obsolete=obsolete)
    if draw(st.integers(0, 3)) == 0:
        entry.msgid_plural = draw(texts(min_words=1))
        forms = draw(st.lists(texts(), min_size=2, max_size=3))
        entry.msgstr_plural = dict(enumerate(forms))
    else:
        entry.msgstr = draw(texts())
    entry.flags = draw(flag_lists(unknown=unknown_flags))
    entry.tcomment = draw(st.one_of(st.just(""), comments))
    entry.comment = draw(st.one_of(st.just(""), st.lists(comment_lines, min_size=1,
                                                         max_size=3).map("\n".join)))
    entry.occurrences = draw(occurrences)
    if (not obsolete or obsolete_previous) and draw(st.booleans()):
        entry.previous_msgid = draw(texts(min_words=1))
        entry.previous_msgctxt = draw(st.one_of(st.none(), texts(min_words=1)))
        if entry.msgid_plural and draw(st.booleans()):
            entry.previous_msgid_plural = draw(texts(min_words=1))
    return entry


METADATA_KEYS = ["Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date",
                 "Language-Team", "Language", "MIME-Version", "Plural-Forms", "X-Generator"]


@st.composite
def catalogs(draw: st.DrawFn, *, unknown_flags: bool = False,
             obsolete_previous: bool = True) -> polib.POFile:
    """Catalogs with unique (msgctxt, msgid) keys, as msgcat requires."""
    keys = draw(st.lists(st.tuples(st.one_of(st.none(), texts(min_words=1)),
                                   texts(min_words=1)), max_size=5, unique=True))
    po = catalog(*(draw(entries(k, unknown_flags=unknown_flags,
                                obsolete_previous=obsolete_previous)) for k in keys),
                 header=draw(st.one_of(st.just(""), header_comments)), fuzzy=draw(st.booleans()))
    value = st.text(LETTERS + FOREIGN + PUNCT + ' "', max_size=90).map(str.strip)
    extra = draw(st.lists(st.tuples(st.sampled_from(METADATA_KEYS), value), max_size=6))
    po.metadata = dict(draw(st.permutations([*HEADER.items(), *dict(extra).items()])))
    return po


def expected_after_reading(po: polib.POFile) -> list[tuple[object, ...]]:
    """The entries polib should read back from render(po), with GNU's normalizations."""
    result = []
    for entry in [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]:
        first = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        if entry.obsolete and not first:
            continue  # GNU drops obsolete entries without a translation
        flags = set(entry.flags) - {"wrap"} - ({"fuzzy"} if not first else set())
        flags -= {"range: 0..3"} if entry.obsolete else set()
        if "possible-c-format" in flags:
            flags = (flags - {"possible-c-format"}) | {"c-format"}
        refs = {(strip_dots(path), line) for path, line in entry.occurrences}
        result.append(summary(entry, flags, refs))
    return result


def summary(entry: polib.POEntry, flags: set[str] | None = None,
            refs: set[tuple[str, str]] | None = None) -> tuple[object, ...]:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural, entry.msgstr,
            dict(entry.msgstr_plural), bool(entry.obsolete), entry.tcomment, entry.comment,
            set(entry.flags) if flags is None else flags,
            set(entry.occurrences) if refs is None else refs,
            None if entry.obsolete else (entry.previous_msgctxt, entry.previous_msgid,
                                         entry.previous_msgid_plural))


# Hypothesis keeps caches in ./.hypothesis; keep the repository clean.
HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="hypothesis-powrite-")
set_hypothesis_home_dir(HYPOTHESIS_HOME)
atexit.register(shutil.rmtree, HYPOTHESIS_HOME, ignore_errors=True)
SETTINGS = settings(deadline=None, database=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@settings(SETTINGS, max_examples=70)
@given(po=catalogs())
def test_render_is_a_fixed_point_of_msgcat(po: polib.POFile, tmp_path: Path) -> None:
    ours = render(po)
    assert msgcat_text(ours, tmp_path) == ours


@settings(SETTINGS, max_examples=45)
@given(po=catalogs(unknown_flags=True, obsolete_previous=False))
def test_polib_reads_back_what_we_wrote(po: polib.POFile, tmp_path: Path) -> None:
    ours = render(po)
    back = reparse(ours, tmp_path)
    assert [summary(e) for e in back] == expected_after_reading(po)
    assert (back.header, back.metadata) == (po.header, po.metadata)
    assert bool(back.metadata_is_fuzzy) == po.metadata_is_fuzzy
    assert render(back) == ours
    # Unknown flags are the only thing msgcat would change.
    gnu = msgcat_text(ours, tmp_path)
    assert [summary(e, set(e.flags) - set(UNKNOWN_FLAGS)) for e in back] == [
        summary(e) for e in reparse(gnu, tmp_path)]


@settings(SETTINGS, max_examples=45)
@given(po=catalogs(unknown_flags=True, obsolete_previous=False))
def test_rendering_a_msgcat_file_read_by_polib_gives_msgcat_bytes(
        po: polib.POFile, tmp_path: Path) -> None:
    gnu = msgcat_text(str(po), tmp_path)  # polib's own output, normalized by msgcat
    expected = gnu
    if po.header == "" and gnu.startswith("#\n"):
        # polib writes an empty header comment as a lone "#", then reads that back as "".
        expected = gnu[2:]
    assert render(reparse(gnu, tmp_path)) == expected


@settings(SETTINGS, max_examples=45)
@given(text=texts(min_words=1), keyword=st.sampled_from(["msgid", "msgstr[1]", "msgctxt"]),
       prefix=st.sampled_from(["", "#~ ", "#| ", "#~| "]))
def test_wrap_string_matches_msgcat_for_every_prefix(
        text: str, keyword: str, prefix: str, tmp_path: Path) -> None:
    entry = polib.POEntry(msgid="k", msgstr="x", obsolete=prefix.startswith("#~"))
    if prefix.endswith("| "):
        entry.previous_msgid, keyword = text, "msgid"
    elif keyword == "msgctxt":
        entry.msgctxt = text
    elif keyword == "msgid":
        entry.msgid = text
    else:
        entry.msgid_plural, entry.msgstr_plural = "ks", {0: "x", 1: text}
    ours = render(catalog(entry))
    assert msgcat_text(ours, tmp_path) == ours
    assert "\n".join(wrap_string(keyword, text, line_prefix=prefix)) + "\n" in ours


@settings(SETTINGS, max_examples=40)
@given(text=st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\0\4"),
                    max_size=120).map(lambda t: t.replace("x", " ")))
def test_line_breaking_matches_msgcat_for_any_unicode(text: str, tmp_path: Path) -> None:
    """Any script, combining marks, emoji, unassigned code points: the tables are whole.

    (NUL cannot be in a PO string and msgcat refuses U+0004, its msgctxt separator.)
    """
    ours = render(catalog(polib.POEntry(msgid="k", msgstr=text + text)))
    assert msgcat_text(ours, tmp_path) == ours


# ---------------------------------------------------------------- the real catalogs


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(REPO / "locales")))
def test_project_catalogs_render_as_msgcat_writes_them(path: Path) -> None:
    assert render(polib.pofile(str(path))) == msgcat(path)


def test_there_are_project_catalogs() -> None:
    assert len(CATALOGS) > 10


# ---------------------------------------------------------------- special cases


def test_module_example() -> None:
    assert doctest.testmod(powrite).failed == 0


def test_empty_catalog_is_empty(tmp_path: Path) -> None:
    empty = polib.POFile()
    assert render(empty) == ""
    assert msgcat_text("", tmp_path) == ""


def test_header_only_catalog(tmp_path: Path) -> None:
    po = catalog(metadata={"Project-Id-Version": "x 1", **HEADER})
    ours = render(po)
    assert ours == ('msgid ""\nmsgstr ""\n"Project-Id-Version: x 1\\n"\n'
                    '"Content-Type: text/plain; charset=UTF-8\\n"\n')
    assert msgcat_text(ours, tmp_path) == ours
    (tmp_path / "h.po").write_text(ours, encoding="utf-8")
    assert msgcat(tmp_path / "h.po") == ""  # plain msgcat writes nothing: no messages


def test_pot_header_with_comment_and_fuzzy(tmp_path: Path) -> None:
    po = catalog(polib.POEntry(msgid="Hi", occurrences=[("a.md", "1")]),
                 header="SOME DESCRIPTIVE TITLE.\n\nThis file is distributed...", fuzzy=True,
                 metadata={"Project-Id-Version": "PACKAGE VERSION", "Report-Msgid-Bugs-To": "",
                           "Content-Type": "text/plain; charset=UTF-8"})
    ours = render(po)
    assert ours == (
        "# SOME DESCRIPTIVE TITLE.\n#\n# This file is distributed...\n#, fuzzy\n"
        'msgid ""\nmsgstr ""\n"Project-Id-Version: PACKAGE VERSION\\n"\n'
        '"Report-Msgid-Bugs-To: \\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: a.md:1\nmsgid "Hi"\nmsgstr ""\n')
    assert msgcat_text(ours, tmp_path) == ours
    back = reparse(ours, tmp_path)
    assert back.metadata_is_fuzzy and back.header == po.header


def test_fuzzy_header_without_metadata_loses_fuzzy_like_msgcat(tmp_path: Path) -> None:
    ours = render(catalog(polib.POEntry(msgid="a", msgstr="b"), fuzzy=True, metadata={}))
    assert ours == 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n'
    assert msgcat_text(ours, tmp_path) == ours


def test_single_line_header_and_strings_ending_in_newline_stay_on_one_line() -> None:
    ours = render(catalog(polib.POEntry(msgid="one\n", msgstr="un\n")))
    assert ours == ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "one\\n"\nmsgstr "un\\n"\n')


def test_embedded_newline_and_long_string_start_with_empty_line(tmp_path: Path) -> None:
    long = "word " * 20
    ours = render(catalog(polib.POEntry(msgid="a\nb", msgstr=long.strip())))
    assert 'msgid ""\n"a\\n"\n"b"\nmsgstr ""\n"word word' in ours
    assert all(len(line) <= 79 for line in ours.splitlines())
    assert msgcat_text(ours, tmp_path) == ours


def test_no_wrap_keeps_long_strings_whole(tmp_path: Path) -> None:
    long = "a long sentence " * 8
    ours = render(catalog(polib.POEntry(msgid=long, msgstr=long, flags=["no-wrap"],
                                        previous_msgid=long)))
    assert f'#, no-wrap\n#| msgid "{long}"\nmsgid "{long}"\nmsgstr "{long}"\n' in ours
    assert msgcat_text(ours, tmp_path) == ours


def test_obsolete_entries_multiline_and_last(tmp_path: Path) -> None:
    gone = polib.POEntry(msgid="old " * 25, msgstr="vieux\n" + "ancien " * 12, obsolete=True,
                         tcomment="kept", comment="also kept", flags=["fuzzy", "c-format"],
                         occurrences=[("x.md", "3")], msgctxt="ctx", previous_msgid="older")
    untranslated = polib.POEntry(msgid="nothing", obsolete=True, tcomment="dropped")
    po = catalog(gone, untranslated, polib.POEntry(msgid="live", msgstr="vif"))
    ours = render(po)
    assert ours.endswith(
        '# kept\n#. also kept\n#: x.md:3\n#, fuzzy, c-format\n#~| msgid "older"\n'
        '#~ msgctxt "ctx"\n#~ msgid ""\n'
        f'#~ "{"old " * 18}"\n#~ "{"old " * 7}"\n#~ msgstr ""\n#~ "vieux\\n"\n'
        f'#~ "{"ancien " * 10}"\n#~ "ancien ancien "\n')  # "#~ " counts: 74 columns left
    assert 'msgid "live"' in ours.split("#~")[0] and "dropped" not in ours
    assert msgcat_text(ours, tmp_path) == ours


def test_unknown_flags_are_kept_after_gnu_flags(tmp_path: Path) -> None:
    entry = polib.POEntry(msgid="%d files", msgstr="%d fichiers",
                          flags=["ignore-numbers", "wrap", "python-format", "fuzzy",
                                 "ignore-markup", "c-format", "no-wrap", "ignore-numbers"])
    ours = render(catalog(entry))
    line = "#, fuzzy, c-format, python-format, no-wrap, ignore-numbers, ignore-markup\n"
    assert line in ours
    assert msgcat_text(ours, tmp_path) == ours.replace(", ignore-numbers, ignore-markup", "")
    assert reparse(ours, tmp_path)[0].flags == line[3:].strip().split(", ")


def test_fuzzy_on_untranslated_entry_is_dropped_like_msgcat(tmp_path: Path) -> None:
    po = catalog(polib.POEntry(msgid="a", flags=["fuzzy", "ignore-numbers"]),
                 polib.POEntry(msgid="b", msgid_plural="bs", msgstr_plural={0: "", 1: "x"},
                               flags=["fuzzy"]))
    ours = render(po)
    assert '#, ignore-numbers\nmsgid "a"' in ours and "fuzzy" not in ours
    assert msgcat_text(ours, tmp_path) == ours.replace("#, ignore-numbers\n", "")


def test_range_flag_and_other_format_spellings(tmp_path: Path) -> None:
    entry = polib.POEntry(msgid="n", msgid_plural="ns", msgstr_plural={0: "a", 1: "b"},
                          flags=["range: 007..9", "possible-python-format", "impossible-c-format",
                                 "no-java-format"])
    ours = render(catalog(entry))
    assert "#, python-format, no-java-format, range: 7..9\n" in ours
    assert msgcat_text(ours, tmp_path) == ours


def test_cjk_counts_two_columns_and_breaks_between_ideographs(tmp_path: Path) -> None:
    text = "日本語のテキスト" * 10
    ours = render(catalog(polib.POEntry(msgid="cjk", msgstr=text)))
    lines = ours.split('msgstr ""\n')[1].splitlines()
    assert len(lines) == 3 and len(lines[0]) == 40  # 38 wide characters + quotes = 78 columns
    assert msgcat_text(ours, tmp_path) == ours
    cyrillic = "Строка " * 20  # one column each
    assert wrap_string("msgid", cyrillic)[1] == '"' + "Строка " * 11 + '"'


def test_escapes_count_two_columns_and_stay_whole_at_the_wrap_boundary(tmp_path: Path) -> None:
    texts = [f"{'x' * pad} {escape * 3}yy tail" for pad in range(64, 78)
             for escape in ('"', "\\", "\t", "\n", "\a")]
    texts += [f"{'x' * pad} \n" for pad in range(70, 78)]  # a final \n stays on its line
    po = catalog(*(polib.POEntry(msgid=text, msgstr="t") for text in texts))
    ours = render(po)
    assert msgcat_text(ours, tmp_path) == ours
    assert 'xxxxxxxxxx \\n"\n' in ours and '" \\n"' not in ours  # even past column 79


def test_control_characters_and_rare_escapes(tmp_path: Path) -> None:
    text = "bell\a back\b form\f tab\t cr\r vt\v esc\x1b del\x7f nel\x85 ls\u2028 end"
    ours = render(catalog(polib.POEntry(msgid=text, msgstr=text + " " * 40 + text)))
    assert 'msgid "bell\\a back\\b form\\f tab\\t cr\\r vt\\v esc\x1b' in ours
    assert msgcat_text(ours, tmp_path) == ours


def test_format_directives_are_not_broken(tmp_path: Path) -> None:
    # "% d" is one C directive: GNU will not break after its space, only before it.
    text = "x" * 70 + " 100% done and more words to wrap"
    for flag in ("c-format", "python-format", "no-c-format"):
        ours = render(catalog(polib.POEntry(msgid=text, msgstr="t", flags=[flag])))
        assert msgcat_text(ours, tmp_path) == ours
        assert ('100% "\n' in ours) == (flag == "no-c-format")


def test_references_wrap_by_bytes_and_are_normalized(tmp_path: Path) -> None:
    refs = [("./content/" + "é" * 20 + ".md", "12"), ("content/" + "é" * 20 + ".md", "12"),
            ("a.md", ""), ("b.md", "007")] + [(f"content/article-{n}.md", str(n)) for n in range(6)]
    ours = render(catalog(polib.POEntry(msgid="r", msgstr="s", occurrences=refs)))
    block = ours.split("\n\n")[1]
    # 20 two-byte characters: counted in characters, article-0 would still fit on line one
    assert block.startswith("#: content/" + "é" * 20 + ".md:12 a.md b.md:7\n#: content/")
    assert all(len(line.encode()) <= 79 for line in block.splitlines())
    assert msgcat_text(ours, tmp_path) == ours
    # msgcat dedupes before stripping "./" (and so is not a fixed point of itself); we dedupe
    # after, which is what a second msgcat pass gives.
    raw = 'msgid ""\nmsgstr ""\n\n#: ./a.md:1 a.md:1\nmsgid "r"\nmsgstr "s"\n'
    assert "#: a.md:1 a.md:1\n" in msgcat_text(raw, tmp_path)
    assert "#: a.md:1\n" in render(reparse(raw, tmp_path))


def test_comments_are_never_wrapped(tmp_path: Path) -> None:
    long = "glossary: " + "very long extracted comment " * 5
    entry = polib.POEntry(msgid="c", msgstr="d", comment=f"{long}\nsecond", tcomment="a\n\nb")
    ours = render(catalog(entry))
    assert f"# a\n#\n# b\n#. {long}\n#. second\n" in ours
    assert msgcat_text(ours, tmp_path) == ours


def test_polib_str_is_what_we_replace(tmp_path: Path) -> None:
    entry = polib.POEntry(msgid="m", msgstr="word " * 30 + "a-hyphenated-compound " * 3)
    po = catalog(entry)
    assert str(po) != msgcat_text(str(po), tmp_path)  # polib wraps otherwise
    assert render(po) == msgcat_text(str(po), tmp_path)[2:]  # minus polib's lone "#"
