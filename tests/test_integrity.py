"""Nothing a translator wrote is ever lost: refresh, merge identity, concurrent saves, PO strictness."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from sselocale import files
from sselocale.cli import main
from sselocale.errors import CatalogError
from sselocale.mt.engines import probe
from sselocale.mt.engines.pseudo import PseudoEngine
from sselocale.mt.placeholders import Protected
from sselocale.mt.translate import is_pending, translate_language
from sselocale.po import catalogs, fastread
from sselocale.project import Project, extract, update

REPO = Path(__file__).resolve().parent.parent
SLUG = "news"
PARAGRAPHS = [
    "Cooperatives create decent work in many regions.",
    "The social economy grows fast.",
    "Members share the profits of their cooperative.",
]


def write_article(root: Path, paragraphs: Sequence[str]) -> None:
    body = "\n\n".join(paragraphs)
    (root / "content" / f"{SLUG}.md").write_text(
        f"---\ntitle: News\nslug: {SLUG}\n---\n\n{body}\n", encoding="utf-8"
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A one-article project in French and Spanish, extracted and merged, no translations yet."""
    root = tmp_path / "portal"
    (root / "content").mkdir(parents=True)
    (root / "sselocale.yaml").write_text(
        "project: P\nlanguages: [fr, es]\ntranslation: {engines: [pseudo]}\n", encoding="utf-8"
    )
    write_article(root, PARAGRAPHS)
    sync(root)
    return root


def sync(root: Path) -> Project:
    project = Project.open(root)
    extract(project)
    update(Project.open(root))
    return Project.open(root)


def po_path(root: Path, lang: str = "fr") -> Path:
    return root / "locales" / lang / f"{SLUG}.po"


def load(root: Path, lang: str = "fr") -> polib.POFile:
    return catalogs.load_catalog(po_path(root, lang))


def entry(po: polib.POFile, msgid: str, *, msgctxt: str | None = None, obsolete: bool = False) -> polib.POEntry:
    (found,) = [e for e in po if e.msgid == msgid and e.msgctxt == msgctxt and e.obsolete == obsolete]
    return found


def save(root: Path, po: polib.POFile, lang: str = "fr") -> None:
    """Save as a translator's editor does: straight to the file."""
    po_path(root, lang).write_text(catalogs.render(po), encoding="utf-8")


class Engine(PseudoEngine):
    """Pseudo-localisation that remembers what it was asked, and can act while it works."""

    def __init__(self, *, during=None, at: int = 1) -> None:
        super().__init__(probe("pseudo", "en", "xx"))
        self.seen: list[str] = []
        self.during = during
        self.at = at

    def translate(self, units: Sequence[Protected]) -> Iterator[str]:
        for unit, text in zip(units, super().translate(units)):
            self.seen.append(unit.source)
            if self.during is not None and len(self.seen) == self.at:
                self.during()
            yield text


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), *args])


# --- 1. --refresh redoes only unedited, never-reviewed machine text ------------------------

def test_a_suggestion_records_a_checksum_of_its_text(root: Path) -> None:
    translate_language(Project.open(root), "fr", engine=Engine())
    found = entry(load(root), PARAGRAPHS[0])
    assert catalogs.is_fuzzy(found)
    assert catalogs.machine_checksum(found) == catalogs.checksum(found.msgstr)
    assert f"machine translation: checksum {catalogs.checksum(found.msgstr)}" in found.comment.split("\n")
    assert len(catalogs.checksum(found.msgstr)) == 8


def test_refresh_redoes_unedited_suggestions_only(root: Path) -> None:
    translate_language(Project.open(root), "fr", engine=Engine())
    po = load(root)
    edited = entry(po, PARAGRAPHS[1])
    edited.msgstr = "L'économie sociale croît vite."  # edited, left fuzzy ("needs editing")
    save(root, po)
    engine = Engine()
    report = translate_language(Project.open(root), "fr", refresh=True, engine=engine)
    assert PARAGRAPHS[1] not in engine.seen
    assert PARAGRAPHS[0] in engine.seen and PARAGRAPHS[2] in engine.seen
    assert report.pending == 3  # title and two paragraphs
    assert entry(load(root), PARAGRAPHS[1]).msgstr == "L'économie sociale croît vite."


def test_refresh_never_touches_text_a_translator_edited_in_any_way(root: Path) -> None:
    translate_language(Project.open(root), "fr", engine=Engine())
    po = load(root)
    machine = entry(po, PARAGRAPHS[0]).msgstr
    entry(po, PARAGRAPHS[0]).msgstr = machine + " "  # one space added
    save(root, po)
    translate_language(Project.open(root), "fr", refresh=True, engine=Engine())
    assert entry(load(root), PARAGRAPHS[0]).msgstr == machine + " "


@pytest.mark.parametrize("edit", [False, True], ids=["reviewed-as-is", "edited-and-reviewed"])
def test_a_reviewed_suggestion_made_fuzzy_by_a_source_change_is_not_refreshed(root: Path, edit: bool) -> None:
    translate_language(Project.open(root), "fr", engine=Engine())
    po = load(root)
    reviewed = entry(po, PARAGRAPHS[0])
    if edit:
        reviewed.msgstr = "Les coopératives créent du travail décent."
    reviewed.flags.remove("fuzzy")
    text = reviewed.msgstr
    save(root, po)
    # The source changes a little: the reviewed text comes back fuzzy, for the new sentence.
    changed = "Cooperatives create decent work in many countries."
    write_article(root, [changed, *PARAGRAPHS[1:]])
    sync(root)
    merged = entry(load(root), changed)
    assert catalogs.is_fuzzy(merged) and merged.msgstr == text and merged.previous_msgid == PARAGRAPHS[0]
    engine = Engine()
    translate_language(Project.open(root), "fr", refresh=True, engine=engine)
    assert changed not in engine.seen
    assert entry(load(root), changed).msgstr == text


def test_an_unreviewed_suggestion_whose_source_changed_is_refreshed(root: Path) -> None:
    translate_language(Project.open(root), "fr", engine=Engine())
    changed = "Cooperatives create decent work in many countries."
    write_article(root, [changed, *PARAGRAPHS[1:]])
    sync(root)
    engine = Engine()
    translate_language(Project.open(root), "fr", refresh=True, engine=engine)
    assert changed in engine.seen
    assert "çöüñţŕíéš" in entry(load(root), changed).msgstr


def test_old_machine_comments_without_a_checksum_count_as_human(root: Path) -> None:
    po = load(root)
    old = entry(po, PARAGRAPHS[0])
    old.msgstr = "ancienne suggestion"
    old.flags.append("fuzzy")
    old.comment += "\nmachine translation: apertium eng-spa 0.8.1-2"
    save(root, po)
    assert not is_pending(entry(load(root), PARAGRAPHS[0]), refresh=True)
    translate_language(Project.open(root), "fr", refresh=True, engine=Engine())
    assert entry(load(root), PARAGRAPHS[0]).msgstr == "ancienne suggestion"


# --- 2. an entry is (msgctxt, msgid); update drops nothing -----------------------------

DUPLICATED = """\
msgid "Cooperatives create decent work in many regions."
msgstr "Seconde copie"

"""


def _duplicate(root: Path, lang: str = "fr") -> tuple[Path, bytes, int, int]:
    path = po_path(root, lang)
    text = path.read_text(encoding="utf-8") + "\n" + DUPLICATED
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    first, second = [i for i, line in enumerate(lines, 1) if line == f'msgid "{PARAGRAPHS[0]}"']
    return path, path.read_bytes(), first, second


def test_both_readers_refuse_duplicates_naming_both_lines(root: Path) -> None:
    path, _raw, first, second = _duplicate(root)
    for read in (catalogs.load_catalog, fastread.read_entries):
        with pytest.raises(CatalogError, match=rf"duplicate.*line {first}") as caught:
            read(path)
        assert (caught.value.path, caught.value.line) == (path, second)


def test_same_msgid_in_another_context_is_no_duplicate(root: Path) -> None:
    path = po_path(root)
    path.write_text(path.read_text(encoding="utf-8") + f'\nmsgctxt "menu"\nmsgid "{PARAGRAPHS[0]}"\nmsgstr "Menu"\n',
                    encoding="utf-8")
    assert len(fastread.read_entries(path)) == len(load(root)) + 1


@pytest.mark.parametrize("command", [
    ["update"], ["sync", "--no-translate"], ["translate", "--engine", "pseudo"], ["build"], ["status"], ["check"],
    ["check", "-j", "2"],
])
def test_every_command_refuses_a_catalog_with_duplicates_and_writes_nothing_for_it(root: Path, command: list[str]) -> None:
    path, raw, first, second = _duplicate(root, "es")
    other = po_path(root, "fr").read_bytes()
    (root / "content" / "more.md").write_text("---\ntitle: More\nslug: more\n---\n\nMore text.\n", encoding="utf-8")
    result = run(root, *command)
    assert result.exit_code == 2, result.output
    assert f"locales/es/{SLUG}.po:{second}: duplicate" in result.stderr
    assert f"line {first}" in result.stderr
    assert path.read_bytes() == raw and po_path(root, "fr").read_bytes() == other
    assert not (root / "build").exists()
    # One broken article never stops the others: update and sync merge the new one.
    merges = command[0] in ("update", "sync")
    assert (root / "locales" / "fr" / "more.po").exists() == merges


def test_an_entry_with_a_context_the_template_lacks_is_kept_as_obsolete(root: Path) -> None:
    po = load(root)
    entry(po, PARAGRAPHS[0]).msgstr = "Relu"
    po.append(polib.POEntry(msgctxt="menu", msgid=PARAGRAPHS[0], msgstr="Menu : coopératives"))
    save(root, po)
    update(Project.open(root))
    after = load(root)
    kept = entry(after, PARAGRAPHS[0])
    assert kept.msgstr == "Relu" and not catalogs.is_fuzzy(kept)
    assert entry(after, PARAGRAPHS[0], msgctxt="menu", obsolete=True).msgstr == "Menu : coopératives"


def test_a_context_entry_alone_is_not_merged_into_the_entry_without_context(root: Path) -> None:
    po = load(root)
    po.remove(entry(po, PARAGRAPHS[1]))
    po.append(polib.POEntry(msgctxt="menu", msgid=PARAGRAPHS[1], msgstr="Menu"))
    save(root, po)
    update(Project.open(root))
    after = load(root)
    active = entry(after, PARAGRAPHS[1])
    assert active.msgstr in ("", "Menu")  # offered as a fuzzy suggestion at most
    assert not active.msgstr or catalogs.is_fuzzy(active)
    # The translator's text survives: as an obsolete entry, or moved into that suggestion.
    kept = [e for e in after if e.obsolete and e.msgctxt == "menu" and e.msgstr == "Menu"]
    assert kept or (active.msgstr == "Menu" and active.previous_msgctxt == "menu")


def test_a_plural_entry_the_template_lacks_becomes_obsolete_with_every_form(root: Path) -> None:
    po = load(root)
    po.append(polib.POEntry(msgid="{n} cooperative", msgid_plural="{n} cooperatives",
                            msgstr_plural={0: "{n} coopérative", 1: "{n} coopératives"}))
    save(root, po)
    update(Project.open(root))
    kept = entry(load(root), "{n} cooperative", obsolete=True)
    assert kept.msgid_plural == "{n} cooperatives"
    assert kept.msgstr_plural == {0: "{n} coopérative", 1: "{n} coopératives"}


def test_plural_entries_of_the_template_merge() -> None:
    template = polib.POFile()
    template.append(polib.POEntry(msgid="a", msgid_plural="as", msgstr_plural={0: "", 1: ""}))
    template.append(polib.POEntry(msgid="b", msgid_plural="bs", msgstr_plural={0: "", 1: ""}))
    old = polib.POFile()
    old.metadata = {"Language": "fr"}
    old.append(polib.POEntry(msgid="a", msgid_plural="as", msgstr_plural={0: "un a", 1: "des as"}))
    old.append(polib.POEntry(msgctxt="x", msgid="c", msgstr="C"))
    merged = catalogs.merge(old, template, header={})
    by_key = {(e.msgctxt, e.msgid, e.obsolete): e for e in merged}
    assert by_key[(None, "a", False)].msgstr_plural == {0: "un a", 1: "des as"}
    assert by_key[(None, "b", False)].msgid_plural == "bs"
    assert by_key[("x", "c", True)].msgstr == "C"


# --- 3. a save made during a run is kept ------------------------------------------------------

def test_a_translator_save_during_translate_is_kept_with_the_machine_fills(root: Path) -> None:
    path = po_path(root)

    def translator_saves() -> None:
        po = catalogs.load_catalog(path)
        entry(po, PARAGRAPHS[2]).msgstr = "Les membres partagent les bénéfices."  # not yet translated
        entry(po, "News").tcomment = "checked the title"
        save(root, po)

    engine = Engine(during=translator_saves, at=2)
    report = translate_language(Project.open(root), "fr", engine=engine)
    after = load(root)
    assert entry(after, PARAGRAPHS[2]).msgstr == "Les membres partagent les bénéfices."
    assert not catalogs.is_fuzzy(entry(after, PARAGRAPHS[2]))
    assert entry(after, "News").tcomment == "checked the title"
    for msgid in ("News", PARAGRAPHS[0], PARAGRAPHS[1]):
        assert entry(after, msgid).msgstr.startswith("⟦") and catalogs.is_fuzzy(entry(after, msgid))
    assert report.filled == 3


def test_a_translator_save_between_checkpoints_is_kept(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The catalog is saved once mid-run (checkpoint), then edited on disk, then saved again."""
    from sselocale.mt import translate as stage

    monkeypatch.setattr(stage, "CHECKPOINT_SECONDS", -1.0)  # save after every text
    path = po_path(root)

    def translator_saves() -> None:
        po = catalogs.load_catalog(path)
        assert entry(po, "News").msgstr.startswith("⟦")  # the checkpoint wrote the first fill
        entry(po, PARAGRAPHS[0]).msgstr = "Relu à la main"
        entry(po, PARAGRAPHS[0]).flags = []
        save(root, po)

    translate_language(Project.open(root), "fr", engine=Engine(during=translator_saves, at=2))
    after = load(root)
    assert entry(after, PARAGRAPHS[0]).msgstr == "Relu à la main"
    assert all(entry(after, m).msgstr.startswith("⟦") for m in ("News", PARAGRAPHS[1], PARAGRAPHS[2]))


def test_update_merges_again_when_the_catalog_changes_while_it_merges(root: Path) -> None:
    write_article(root, [*PARAGRAPHS, "A new paragraph about mutual societies."])
    project = Project.open(root)
    extract(project)
    path = po_path(root)
    calls = []

    def annotate(lang: str, msgid: str) -> list[str]:
        if lang == "fr" and not calls:
            calls.append(msgid)
            po = catalogs.load_catalog(path)
            entry(po, PARAGRAPHS[1]).msgstr = "Sauvé pendant la fusion"
            save(root, po)
        return []

    update(project, langs=("fr",), annotate=annotate)
    after = load(root)
    assert entry(after, PARAGRAPHS[1]).msgstr == "Sauvé pendant la fusion"
    assert entry(after, "A new paragraph about mutual societies.").msgstr == ""


def test_atomic_write_refuses_to_replace_a_file_that_changed(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text("one", encoding="utf-8")
    assert files.atomic_write(path, "two", expected=b"one")
    assert not files.atomic_write(path, "three", expected=b"one")
    assert path.read_text(encoding="utf-8") == "two"
    assert not files.atomic_write(tmp_path / "new.po", "x", expected=b"one")
    assert files.atomic_write(tmp_path / "new.po", "x", expected=None)
    assert not files.atomic_write(tmp_path / "new.po", "y", expected=None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po", "new.po"]


def test_temporary_files_are_hidden_recognisable_and_ignored_by_git(tmp_path: Path, monkeypatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", spy)
    files.atomic_write(tmp_path / "news.po", "x")
    (name,) = seen
    assert name.startswith(".news.po.sselocale-tmp-")
    ignored = subprocess.run(["git", "-C", str(REPO), "check-ignore", "-q", f"locales/fr/{name}"])
    assert ignored.returncode == 0
    kept = subprocess.run(["git", "-C", str(REPO), "check-ignore", "-q", "locales/fr/news.po"])
    assert kept.returncode == 1


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_stale_temporary_files_are_removed_by_the_next_run(root: Path) -> None:
    folder = po_path(root).parent
    old = folder / f".{SLUG}.po.sselocale-tmp-{os.getppid()}-aaaa"  # writer alive, but a minute old
    dead = folder / f".{SLUG}.po.sselocale-tmp-{_dead_pid()}-bbbb"  # writer gone
    live = folder / f".{SLUG}.po.sselocale-tmp-{os.getppid()}-cccc"  # in flight elsewhere: kept
    mine = folder / "notes.tmp"  # not ours: kept
    for path in (old, dead, live, mine):
        path.write_text("half a file", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    files._cleaned.clear()
    path = po_path(root)
    po = load(root)
    entry(po, PARAGRAPHS[0]).msgstr = "x"
    catalogs.save_catalog(path, po)
    assert not old.exists() and not dead.exists()
    assert live.exists() and mine.exists()


def test_a_temporary_file_left_by_kill_9_is_removed_by_the_next_write(tmp_path: Path) -> None:
    import signal
    import sys

    target = tmp_path / "news.po"
    script = (
        "import os, sys, time\n"
        "from sselocale import files\n"
        "os.replace = lambda src, dst: (print('written', flush=True), time.sleep(60))\n"
        f"files.atomic_write({str(target)!r}, 'half')\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline() == "written\n"  # the temporary file is on disk, the rename not done
    child.send_signal(signal.SIGKILL)
    child.wait()
    (left,) = tmp_path.iterdir()
    assert left.name.startswith(".news.po.sselocale-tmp-")
    files._cleaned.clear()
    files.atomic_write(target, "whole")
    assert [p.name for p in tmp_path.iterdir()] == ["news.po"]


# --- 4. PO strictness: what msgfmt rejects, every reader rejects -----------------------------

def test_an_invalid_escape_is_refused_not_rewritten(root: Path) -> None:
    path = po_path(root)
    text = path.read_text(encoding="utf-8").replace(f'msgid "{PARAGRAPHS[1]}"\nmsgstr ""',
                                                    f'msgid "{PARAGRAPHS[1]}"\nmsgstr "a\\q"')
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index('msgstr "a\\q"') + 1
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True).returncode != 0
    with pytest.raises(CatalogError, match="invalid control sequence") as caught:
        catalogs.load_catalog(path)
    assert (caught.value.path, caught.value.line) == (path, line)
    raw = path.read_bytes()
    result = run(root, "update")
    assert result.exit_code == 2 and f"{SLUG}.po:{line}:" in result.stderr
    assert path.read_bytes() == raw


def test_a_byte_order_mark_is_refused_by_every_reader_as_gnu_gettext_does(root: Path) -> None:
    path = po_path(root)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True).returncode != 0
    for read in (catalogs.load_catalog, fastread.read_entries):
        with pytest.raises(CatalogError, match="byte order mark") as caught:
            read(path)
        assert (caught.value.line, caught.value.hint) == (1, "save the file as UTF-8 without a BOM")
    raw = path.read_bytes()
    for command in (["update"], ["status"], ["build"], ["translate", "--engine", "pseudo"]):
        result = run(root, *command)
        assert result.exit_code == 2 and "byte order mark" in result.stderr, command
    result = run(root, "check")
    assert result.exit_code == 1 and "byte order mark" in result.stdout  # a po-invalid error, as syntax errors are
    assert path.read_bytes() == raw


def test_sync_stops_on_a_damaged_catalog_before_writing_a_template(root: Path) -> None:
    path, raw, _first, second = _duplicate(root)
    write_article(root, [*PARAGRAPHS, "A paragraph added since the last sync."])
    templates = {p: p.read_bytes() for p in root.glob("locales/templates/*.pot")}
    result = run(root, "sync", "--no-translate")
    assert result.exit_code == 2 and f"{SLUG}.po:{second}:" in result.stderr
    assert {p: p.read_bytes() for p in root.glob("locales/templates/*.pot")} == templates
    assert path.read_bytes() == raw
