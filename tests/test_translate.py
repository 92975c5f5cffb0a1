"""The translate stage and its commands: PO semantics, resume, glossary terms, models."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from argos_package import argos_home, install, tiny_packages  # noqa: F401  (fixtures)
from sselocale.po import catalogs
from sselocale.cli import main
from sselocale.mt.engines import probe
from sselocale.mt.engines.pseudo import PseudoEngine
from sselocale.mt.placeholders import FixedSpan, Protected
from sselocale.project import Project, extract, update
from sselocale.mt.translate import translate_language, translate_project

ARTICLE = "untfsse-46th-meeting"
OTHER = "sse-academies-itcilo"


@pytest.fixture
def project(sample_project: Path) -> Project:
    """The sample project with PO files, decoding bounded for random-weight models."""
    config = sample_project / "sselocale.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("max_decoding_length: 256", "max_decoding_length: 6").replace("beam_size: 4", "beam_size: 1")
    config.write_text(text, encoding="utf-8")
    opened = Project.open(sample_project)
    extract(opened)
    update(opened)
    return opened


def entries(project: Project, lang: str, slug: str = ARTICLE) -> list[polib.POEntry]:
    return [e for e in catalogs.load_catalog(project.po_path(lang, slug)) if e.msgid and not e.obsolete]


def run(project: Project, *args: str):
    return CliRunner().invoke(main, ["-C", str(project.root), *args])


class Recording(PseudoEngine):
    """Pseudo-localisation that remembers what it was asked to translate."""

    def __init__(self, *, stop_after: int | None = None, drop_tokens: bool = False) -> None:
        super().__init__(probe("pseudo", "en", "xx"))
        self.seen: list[str] = []
        self.stop_after = stop_after
        self.drop_tokens = drop_tokens

    def translate(self, units: Sequence[Protected]) -> Iterator[str]:
        for unit, text in zip(units, super().translate(units)):
            if self.stop_after is not None and len(self.seen) == self.stop_after:
                raise KeyboardInterrupt
            self.seen.append(unit.source)
            yield unit.prose if self.drop_tokens else text


# --- PO semantics ------------------------------------------------------------------

def test_translate_fills_every_unit_fuzzy_with_its_provenance(project, argos_home, tiny_packages) -> None:
    install(tiny_packages["fr"])
    result = run(project, "translate", "-q", "--lang", "fr", "--article", ARTICLE)
    assert result.exit_code == 0, result.output
    filled = entries(project, "fr")
    assert len(filled) == 18
    for entry in filled:
        assert entry.msgstr and catalogs.is_fuzzy(entry)
        assert "machine translation: argos translate-en_fr 1.9" in entry.comment.split("\n")
    assert result.output.startswith("fr: 18 of 18 units machine-translated with argos translate-en_fr 1.9 (1 file written, ")
    # Other articles and languages were not touched.
    assert all(not e.msgstr for e in entries(project, "fr", OTHER))
    assert all(not e.msgstr for e in entries(project, "es"))


def test_pt_comment_names_the_brazilian_package(project, argos_home, tiny_packages) -> None:
    install(tiny_packages["pb"])
    assert run(project, "translate", "-q", "-l", "pt", "-a", ARTICLE).exit_code == 0
    comment = entries(project, "pt")[0].comment.split("\n")
    assert comment[1:3] == [
        "machine translation: argos translate-en_pb 1.9",
        "machine translation: pt served by the Brazilian Portuguese package pb",
    ]


def _edit(project: Project, lang: str, edits: dict[int, tuple[str, bool, str]]) -> list[polib.POEntry]:
    """Give entries (by position) a msgstr, a fuzzy flag and comment lines; save."""
    path = project.po_path(lang, ARTICLE)
    po = catalogs.load_catalog(path)
    active = [e for e in po if e.msgid and not e.obsolete]
    for index, (msgstr, fuzzy, extra) in edits.items():
        active[index].msgstr = msgstr
        active[index].flags = ["fuzzy"] if fuzzy else []
        if extra:
            active[index].comment += "\n" + extra
    catalogs.save_catalog(path, po)
    return active


def test_reviewed_and_human_fuzzy_entries_are_never_changed(project) -> None:
    _edit(project, "ru", {
        0: ("Проверено", False, ""),
        1: ("Черновик переводчика", True, ""),
        2: ("старый машинный перевод", True, "machine translation: pseudo pseudo 0.0"),
    })
    engine = Recording()
    report = translate_language(project, "ru", slugs=[ARTICLE], engine=engine)
    assert report.pending == report.filled == 15
    after = entries(project, "ru")
    assert after[0].msgstr == "Проверено" and not catalogs.is_fuzzy(after[0])
    assert after[1].msgstr == "Черновик переводчика"
    assert after[2].msgstr == "старый машинный перевод"
    # --refresh redoes only fuzzy entries still holding the exact text the machine wrote
    # (their checksum matches). A machine comment without a checksum (written before
    # checksums existed) may hide a translator's edit: it is never refreshed.
    engine = Recording()
    report = translate_language(project, "ru", slugs=[ARTICLE], refresh=True, engine=engine)
    after = entries(project, "ru")
    assert after[0].msgstr == "Проверено" and after[1].msgstr == "Черновик переводчика"
    assert after[2].msgstr == "старый машинный перевод"
    assert after[2].comment.split("\n")[1:] == ["machine translation: pseudo pseudo 0.0"]
    assert after[3].msgstr.startswith("⟦")
    assert after[3].comment.split("\n")[1:] == [
        f"machine translation: pseudo pseudo {_version()}",
        f"machine translation: checksum {catalogs.checksum(after[3].msgstr)}",
    ]
    assert report.pending == 15  # the 15 earlier suggestions
    assert not {after[0].msgid, after[1].msgid, after[2].msgid} & set(engine.seen)


def _version() -> str:
    from sselocale import __version__

    return __version__


def test_machine_comments_travel_through_a_merge_and_the_file_stays_stable(project, argos_home, tiny_packages) -> None:
    install(tiny_packages["fr"])
    assert run(project, "translate", "-q", "-l", "fr", "-a", ARTICLE).exit_code == 0
    path = project.po_path("fr", ARTICLE)
    before = path.read_bytes()
    changes = update(project, langs=("fr",), slugs=(ARTICLE,))
    assert [c.written for c in changes] == [False]
    assert path.read_bytes() == before
    # Every comment line after the unit's kind says where the msgstr came from.
    for entry in entries(project, "fr"):
        for line in catalogs.comment_lines(entry.comment)[1:]:
            assert line.startswith("machine translation: ")


def test_lost_markup_is_reported_in_the_comment(project) -> None:
    report = translate_language(project, "es", slugs=[ARTICLE], engine=Recording(drop_tokens=True))
    last = entries(project, "es")[-1]
    assert "[" not in last.msgstr and "](" not in last.msgstr
    assert catalogs.comment_lines(last.comment)[2:] == [
        "machine translation: markup lost: link https://unsse.org/about/; "
        "link https://www.ilo.org/global/topics/cooperatives/sse/lang--en/index.htm",
        f"machine translation: checksum {catalogs.checksum(last.msgstr)}",
    ]
    assert catalogs.is_fuzzy(last)
    assert report.lost == sum("markup lost" in e.comment for e in entries(project, "es"))


def test_glossary_terms_are_inserted_and_flagged(project) -> None:
    def terms(text: str, lang: str, **_options: bool) -> list[FixedSpan]:
        start = text.find("decent work")
        return [FixedSpan(start, start + 11, "travail décent", "decent work")] if start >= 0 else []

    report = translate_language(project, "fr", slugs=[ARTICLE], engine=Recording(), terms=terms)
    [entry] = [e for e in entries(project, "fr") if "decent work" in e.msgid]
    assert "travail décent" in entry.msgstr and "decent work" not in entry.msgstr
    assert "machine translation: glossary terms, check agreement: travail décent" in catalogs.comment_lines(entry.comment)
    assert report.terms == 1


def test_identical_texts_in_several_articles_are_translated_once(project) -> None:
    engine = Recording()
    report = translate_language(project, "fr", engine=engine)
    assert len(engine.seen) == len(set(engine.seen))
    total = sum(catalogs.count(catalogs.load_catalog(p)).fuzzy for _l, _s, p in project.po_paths(("fr",)))
    assert report.filled == total > len(engine.seen)


# --- resume, progress ----------------------------------------------------------------

def test_an_interrupted_run_keeps_finished_work_and_resumes(project) -> None:
    first_article = len(entries(project, "fr", project.articles[0].slug))
    engine = Recording(stop_after=first_article + 3)
    with pytest.raises(KeyboardInterrupt):
        translate_language(project, "fr", engine=engine)
    done = {e.msgid for _l, _s, p in project.po_paths(("fr",)) for e in catalogs.load_catalog(p) if e.msgstr}
    assert len(done) == first_article + 3
    resumed = Recording()
    report = translate_language(project, "fr", engine=resumed)
    assert not set(resumed.seen) & done
    assert report.pending == report.filled
    assert all(e.msgstr for a in project.articles for e in entries(project, "fr", a.slug))


def test_articles_in_progress_are_saved_every_few_seconds(project, monkeypatch) -> None:
    monkeypatch.setattr("sselocale.mt.translate.CHECKPOINT_SECONDS", 0.0)
    path = project.po_path("fr", ARTICLE)
    on_disk: list[int] = []

    class Watching(Recording):
        def translate(self, units):
            for output in super().translate(units):
                on_disk.append(sum(bool(e.msgstr) for e in catalogs.load_catalog(path)))
                yield output

    translate_language(project, "fr", slugs=[ARTICLE], engine=Watching())
    # Before each unit is handed back, every unit before it is already on disk.
    assert on_disk == list(range(18))


class Counting:
    def __init__(self) -> None:
        self.events: list[tuple] = []

    def start(self, lang: str, engine: str, total: int) -> None:
        self.events.append(("start", lang, engine, total))

    def advance(self, entries: int) -> None:
        self.events.append(("advance", entries))

    def finish(self) -> None:
        self.events.append(("finish",))


def test_progress_counts_every_entry(project) -> None:
    progress = Counting()
    translate_project(project, langs=["fr", "ru"], slugs=[ARTICLE], engines=["pseudo"], progress=progress)
    starts = [e for e in progress.events if e[0] == "start"]
    assert [s[1:] for s in starts] == [("fr", f"pseudo pseudo {_version()}", 18), ("ru", f"pseudo pseudo {_version()}", 18)]
    assert sum(e[1] for e in progress.events if e[0] == "advance") == 36
    assert progress.events[-1] == ("finish",)


# --- the commands ----------------------------------------------------------------------

def test_a_language_without_engine_is_left_for_translators(project, argos_home) -> None:
    result = run(project, "translate", "--lang", "ru", "--article", ARTICLE)
    assert result.exit_code == 0
    assert "ru: 18 units left for translators, no engine (argos: no Argos package for en→ru installed; " in result.output
    assert all(not e.msgstr for e in entries(project, "ru"))


def test_sync_translates_with_the_configured_fallback(project, argos_home) -> None:
    result = run(project, "sync", "-q", "--lang", "es", "--article", ARTICLE)
    assert result.exit_code == 0, result.output
    assert "es: 18 of 18 units machine-translated with apertium eng-spa" in result.output
    last = entries(project, "es")[-1]
    assert "](https://unsse.org/about/)" in last.msgstr and "miembros" in last.msgstr


def test_engine_option_and_pseudo_localisation(project) -> None:
    result = run(project, "translate", "-q", "-e", "pseudo", "-l", "ru", "-a", ARTICLE)
    assert result.exit_code == 0
    assert all(e.msgstr.startswith("⟦") for e in entries(project, "ru"))


def test_unknown_article_is_an_error(project) -> None:
    result = run(project, "translate", "-a", "no-such-article")
    assert result.exit_code == 2
    assert "unknown article 'no-such-article'" in result.output


def test_models_list_shows_engines_in_fallback_order(project, argos_home, tiny_packages) -> None:
    install(tiny_packages["pb"])
    result = run(project, "models", "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "en→pt: argos translate-en_pb 1.9" in lines
    assert "  argos     installed  translate-en_pb 1.9 (pt served by the Brazilian Portuguese package pb)" in lines
    assert "en→ru: no engine" in lines
    assert lines[-1] == "install Argos packages with: sselocale models install fr es ru"


def test_models_install_from_a_file_and_rejects_unsafe_archives(project, argos_home, tiny_packages, tmp_path) -> None:
    result = run(project, "models", "install", "--from", str(tiny_packages["fr"]))
    assert result.exit_code == 0
    assert result.output == f"installed translate-en_fr 1.9 in {argos_home / 'translate-en_fr-1_9'}\n"
    bad = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("pkg/metadata.json", "{}")
        zf.writestr("../outside.txt", "x")
    result = run(project, "models", "install", "--from", str(bad))
    assert result.exit_code == 2
    assert "unsafe path in package archive: '../outside.txt'" in result.output


def test_models_install_downloads_what_the_index_lists(project, argos_home, tiny_packages, tmp_path, monkeypatch) -> None:
    from argostranslate import settings

    index = [
        {"type": "translate", "from_code": "en", "to_code": "pb", "package_version": "1.9",
         "links": [tiny_packages["pb"].as_uri()]},
        {"type": "sbd", "from_code": "en", "to_code": "en", "links": []},
    ]
    (tmp_path / "index.json").write_text(json.dumps(index), encoding="utf-8")
    monkeypatch.setattr(settings, "remote_package_index", (tmp_path / "index.json").as_uri())
    result = run(project, "models", "install", "pt", "ru")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"installed translate-en_pb 1.9 in {argos_home / 'translate-en_pb-1_9'}",
        "no package in the index for en→ru; those languages use the next engine in the fallback list",
    ]
    assert probe("argos", "en", "pt").available


def test_models_install_offline_fails_at_once_with_the_way_out(project, argos_home) -> None:
    result = run(project, "models", "install", "fr")
    assert result.exit_code == 2
    assert "cannot reach the Argos package index (http://127.0.0.1:9/index.json)" in result.output
    assert "sselocale models install --from FILE.argosmodel" in result.output


@pytest.mark.parametrize("command", [["translate"], ["models"], ["models", "list"], ["models", "install"]])
def test_every_command_has_help_with_an_example(command) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_help_does_not_import_the_machine_translation_stack() -> None:
    code = (
        "import sys\n"
        "from sselocale.cli import main\n"
        "for args in (['--help'], ['translate', '--help'], ['models', '--help']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = [m for m in ('torch', 'ctranslate2', 'argostranslate', 'stanza', 'spacy', 'sentencepiece') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
