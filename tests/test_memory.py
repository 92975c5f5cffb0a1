"""The translation memory: reuse in translate and update, what translators see, and its cache."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import polib
import pytest
from argos_package import argos_home
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from sselocale.cli import main
from sselocale.config import load_config
from sselocale.errors import ConfigError
from sselocale.memory import Kind, Matcher, Pair, load
from sselocale.memory.placeables import substitute
from sselocale.mt.engines import probe
from sselocale.mt.engines.pseudo import PseudoEngine
from sselocale.mt.placeholders import Protected
from sselocale.mt.translate import translate_language
from sselocale.po import catalogs
from sselocale.project import Project, extract, update

STAMP = "2026-01-01 10:00+0000"
ILO = "The ILO was founded in 1919."
ILO_FR = "L'OIT a été fondée en 1919."
COOPS = "Cooperatives create decent work in many regions of the world."
COOPS_FR = "Les coopératives créent du travail décent dans de nombreuses régions du monde."
MEETING = "The 46th meeting was held on 13 December 2023."
MEETING_FR = "La 46e réunion s'est tenue le 13 décembre 2023."


class Recording(PseudoEngine):
    """Pseudo-localisation that remembers what it was asked to translate."""

    def __init__(self) -> None:
        super().__init__(probe("pseudo", "en", "fr"))
        self.seen: list[str] = []

    def translate(self, units: Sequence[Protected]) -> Iterator[str]:
        # Article titles (``T a``) are not what these tests are about.
        self.seen += [unit.text for unit in units if not unit.text.startswith("T ")]
        yield from super().translate(units)


def article(root: Path, slug: str, *paragraphs: str) -> None:
    body = "\n\n".join(paragraphs)
    (root / "content" / f"{slug}.md").write_text(f"---\ntitle: T {slug}\nslug: {slug}\n---\n\n{body}\n",
                                                 encoding="utf-8")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "portal"
    (root / "content").mkdir(parents=True)
    (root / "sselocale.yaml").write_text(
        "project: P\nlanguages: [fr]\ntranslation: {engines: [pseudo]}\n", encoding="utf-8")
    return root


def sync(root: Path) -> Project:
    project = Project.open(root)
    extract(project, now=STAMP)
    update(project, now=STAMP)
    return Project.open(root)


def review(root: Path, slug: str, mapping: dict[str, str], *, fuzzy: bool = False) -> None:
    path = root / "locales" / "fr" / f"{slug}.po"
    po = catalogs.load_catalog(path)
    for entry in po:
        if entry.msgid in mapping:
            entry.msgstr = mapping[entry.msgid]
            entry.flags = ["fuzzy"] if fuzzy else []
    path.write_text(catalogs.render(po), encoding="utf-8")


def entry(root: Path, slug: str, msgid: str, *, obsolete: bool = False) -> polib.POEntry:
    po = catalogs.load_catalog(root / "locales" / "fr" / f"{slug}.po")
    (found,) = [e for e in po if e.msgid == msgid and e.obsolete == obsolete]
    return found


def translate(root: Path) -> Recording:
    engine = Recording()
    translate_language(Project.open(root), "fr", engine=engine)
    return engine


def reviewed_elsewhere(root: Path, *texts: tuple[str, str], new: tuple[str, ...]) -> None:
    """Article ``a`` holds reviewed ``texts``; article ``b`` (``new``) is merged before the review."""
    article(root, "a", *(source for source, _ in texts))
    article(root, "b", *new)
    sync(root)
    review(root, "a", dict(texts))


# --- translate: exact, fuzzy, placeables, sentences ------------------------------------------


def test_an_exact_match_is_reused_as_fuzzy_with_where_it_comes_from(root: Path) -> None:
    reviewed_elsewhere(root, (ILO, ILO_FR), new=(ILO, "A new paragraph."))
    engine = translate(root)
    found = entry(root, "b", ILO)
    assert found.msgstr == ILO_FR
    assert found.flags == ["fuzzy"]
    assert "translation memory: 100%, content/a.md:6" in found.comment.split("\n")
    assert ILO not in engine.seen and "A new paragraph." in engine.seen


def test_a_reviewed_translation_in_a_nested_article_is_in_the_memory(root: Path) -> None:
    (root / "content" / "guide").mkdir()
    (root / "content" / "guide" / "index.md").write_text(f"# Guide\n\n{ILO}\n", encoding="utf-8")
    article(root, "b", ILO)
    sync(root)
    review(root, "guide/index", {ILO: ILO_FR})
    translate(root)
    assert entry(root, "b", ILO).msgstr == ILO_FR


def test_accept_exact_writes_an_exact_match_as_reviewed(root: Path) -> None:
    config = root / "sselocale.yaml"
    config.write_text(config.read_text() + "memory: {accept_exact: true}\n", encoding="utf-8")
    reviewed_elsewhere(root, (ILO, ILO_FR), new=(ILO,))
    translate(root)
    found = entry(root, "b", ILO)
    assert (found.msgstr, found.flags) == (ILO_FR, [])
    assert "machine translation: checksum" not in found.comment


def test_a_fuzzy_match_shows_its_score_and_source(root: Path) -> None:
    changed = COOPS.replace("world", "globe")
    reviewed_elsewhere(root, (COOPS, COOPS_FR), new=(changed,))
    engine = translate(root)
    found = entry(root, "b", changed)
    assert (found.msgstr, found.flags) == (COOPS_FR, ["fuzzy"])
    line = next(l for l in catalogs.comment_lines(found.comment) if l.startswith("translation memory"))
    assert line == f"translation memory: 93%, content/a.md:6, source: {COOPS}"
    assert engine.seen == []


def test_below_the_threshold_the_engine_translates(root: Path) -> None:
    config = root / "sselocale.yaml"
    config.write_text(config.read_text() + "memory:\n  threshold: 95\n", encoding="utf-8")
    changed = COOPS.replace("world", "globe")
    reviewed_elsewhere(root, (COOPS, COOPS_FR), new=(changed,))
    engine = translate(root)
    assert changed in engine.seen
    assert "translation memory" not in entry(root, "b", changed).comment


def test_numbers_and_dates_are_replaced_from_the_new_source(root: Path) -> None:
    new = "The 47th meeting was held on 14 December 2024."
    reviewed_elsewhere(root, (MEETING, MEETING_FR), new=(new,))
    engine = translate(root)
    found = entry(root, "b", new)
    assert found.msgstr == "La 47e réunion s'est tenue le 14 décembre 2024."
    assert found.flags == ["fuzzy"]
    assert ("translation memory: 100%, content/a.md:6, placeables replaced: 46 → 47; 13 → 14; 2023 → 2024"
            in found.comment.split("\n"))
    assert engine.seen == []


def test_a_paragraph_reuses_known_sentences_and_sends_only_the_others(root: Path) -> None:
    known = f"{COOPS} {ILO}"
    new = f"{COOPS} Mutual benefit societies and associations grow every year in Africa."
    reviewed_elsewhere(root, (known, f"{COOPS_FR} {ILO_FR}"), new=(new,))
    engine = translate(root)
    assert engine.seen == ["Mutual benefit societies and associations grow every year in Africa."]
    found = entry(root, "b", new)
    assert found.msgstr.startswith(COOPS_FR + " ⟦")
    lines = catalogs.comment_lines(found.comment)
    assert "translation memory: sentence 1: 100%, content/a.md:6, sentence 1" in lines
    assert "translation memory: sentence 2: machine translation" in lines
    assert any(l.startswith("machine translation: pseudo") for l in lines)
    assert found.flags == ["fuzzy"]


def test_a_one_sentence_unit_matches_a_sentence_of_a_reviewed_paragraph(root: Path) -> None:
    reviewed_elsewhere(root, (f"{COOPS} {ILO}", f"{COOPS_FR} {ILO_FR}"), new=(ILO,))
    assert translate(root).seen == []
    assert entry(root, "b", ILO).msgstr == ILO_FR


def test_reviewed_text_is_never_replaced_by_a_memory_match(root: Path) -> None:
    article(root, "a", ILO, COOPS)
    article(root, "b", ILO, COOPS)
    sync(root)
    review(root, "a", {ILO: ILO_FR, COOPS: COOPS_FR})
    review(root, "b", {ILO: "Texte humain", COOPS: "Texte humain flou"})
    review(root, "b", {COOPS: "Texte humain flou"}, fuzzy=True)
    translate(root)
    translate_language(Project.open(root), "fr", engine=Recording(), refresh=True)
    sync(root)
    assert (entry(root, "b", ILO).msgstr, entry(root, "b", ILO).flags) == ("Texte humain", [])
    assert entry(root, "b", COOPS).msgstr == "Texte humain flou"


def test_memory_fills_without_any_engine(root: Path, argos_home: Path) -> None:
    (root / "sselocale.yaml").write_text("project: P\nlanguages: [fr]\ntranslation: {engines: [argos]}\n",
                                         encoding="utf-8")
    reviewed_elsewhere(root, (ILO, ILO_FR), new=(ILO, "Something else entirely."))
    result = CliRunner().invoke(main, ["-C", str(root), "translate", "--lang", "fr", "--article", "b"])
    assert result.exit_code == 0, result.output
    assert "2 units left for translators" in result.output and "1 from the translation memory" in result.output
    assert entry(root, "b", ILO).msgstr == ILO_FR


# --- update: obsolete entries and the memory ----------------------------------------------


def test_update_offers_a_new_unit_the_memory_match_and_the_comment_travels(root: Path) -> None:
    article(root, "a", ILO)
    sync(root)
    review(root, "a", {ILO: ILO_FR})
    article(root, "b", ILO.replace("1919", "1920"))
    sync(root)
    found = entry(root, "b", "The ILO was founded in 1920.")
    assert (found.msgstr, found.flags) == ("L'OIT a été fondée en 1920.", ["fuzzy"])
    assert "translation memory: 100%, content/a.md:6, placeables replaced: 1919 → 1920" in found.comment
    before = (root / "locales" / "fr" / "b.po").read_bytes()
    sync(root)  # nothing changed: the file stays byte-identical, the provenance kept
    assert (root / "locales" / "fr" / "b.po").read_bytes() == before


def test_a_changed_unit_takes_an_obsolete_translation(root: Path) -> None:
    article(root, "a", COOPS)
    sync(root)
    review(root, "a", {COOPS: COOPS_FR})
    article(root, "a", "Something else.")
    sync(root)
    assert entry(root, "a", COOPS, obsolete=True).msgstr == COOPS_FR
    changed = COOPS.replace("world", "globe")
    article(root, "a", changed)
    sync(root)
    found = entry(root, "a", changed)
    assert (found.msgstr, found.flags, found.previous_msgid) == (COOPS_FR, ["fuzzy"], COOPS)
    # The translation moved into the fuzzy entry, as with msgmerge: no obsolete copy stays.
    po = catalogs.load_catalog(root / "locales" / "fr" / "a.po")
    assert po.obsolete_entries() == []


@pytest.mark.parametrize("fuzzy", [True, False], ids=["fuzzy", "reviewed"])
def test_the_file_does_not_grow_with_every_edit(root: Path, fuzzy: bool) -> None:
    words = ["many", "most", "several", "all", "some", "few", "other", "distant", "rural"]
    article(root, "a", COOPS)
    sync(root)
    review(root, "a", {COOPS: COOPS_FR}, fuzzy=fuzzy)
    sizes = []
    for word in words:
        article(root, "a", COOPS.replace("many", word))
        sync(root)
        sizes.append((root / "locales" / "fr" / "a.po").stat().st_size)
    assert max(sizes[2:]) - min(sizes[2:]) < 40, sizes  # only the changing words differ
    po = catalogs.load_catalog(root / "locales" / "fr" / "a.po")
    assert len(po.obsolete_entries()) == 0
    assert entry(root, "a", COOPS.replace("many", "rural")).msgstr == COOPS_FR


# --- the memory, its cache, its settings --------------------------------------------------


def test_the_cache_is_rebuilt_when_a_catalog_changes_or_it_is_damaged(root: Path) -> None:
    article(root, "a", ILO, COOPS)
    sync(root)
    review(root, "a", {ILO: ILO_FR})
    config = load_config(root / "sselocale.yaml")
    assert [p.source for p in load(config, "fr").pairs] == [ILO]
    cache = root / ".sselocale" / "memory-fr.json"
    assert cache.exists() and (root / ".sselocale" / ".gitignore").read_text().endswith("*\n")
    review(root, "a", {COOPS: COOPS_FR})
    assert [p.source for p in load(config, "fr").pairs] == [ILO, COOPS]
    cache.write_text("{not json", encoding="utf-8")
    assert [p.source for p in load(config, "fr").pairs] == [ILO, COOPS]
    assert json.loads(cache.read_text(encoding="utf-8"))["pairs"][0] == [ILO, ILO_FR, "content/a.md:6"]


def test_fuzzy_and_untranslated_entries_are_not_in_the_memory(root: Path) -> None:
    article(root, "a", ILO, COOPS)
    sync(root)
    review(root, "a", {ILO: ILO_FR}, fuzzy=True)
    assert load(load_config(root / "sselocale.yaml"), "fr").pairs == []


@pytest.mark.parametrize(("setting", "message"), [
    ("threshold: 150", "memory.threshold: must be a percentage between 1 and 100"),
    ("threshold: high", "memory.threshold: must be an integer"),
    ("accept_exact: maybe", "memory.accept_exact: must be true or false"),
    ("colour: red", "memory.colour: unknown key"),
])
def test_a_bad_memory_setting_names_its_line(root: Path, setting: str, message: str) -> None:
    (root / "sselocale.yaml").write_text(f"project: P\nlanguages: [fr]\nmemory:\n  {setting}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(root / "sselocale.yaml")
    assert caught.value.line == 4


def test_tm_stats_counts_the_leverage(root: Path) -> None:
    reviewed_elsewhere(root, (ILO, ILO_FR), (COOPS, COOPS_FR),
                       new=(ILO, COOPS.replace("world", "globe"), "Unrelated text here."))
    result = CliRunner().invoke(main, ["-C", str(root), "tm", "stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    fr = json.loads(result.output)["languages"]["fr"]
    assert (fr["entries"], fr["exact"], fr["fuzzy"]) == (2, 1, 1)
    assert fr["exact_words"] == 6 and fr["fuzzy_words"] == 10
    text = CliRunner().invoke(main, ["-C", str(root), "tm", "stats"]).output
    assert "fr: 2 entries" in text and "1 exact (6 words)" in text


# --- matching ----------------------------------------------------------------------------


def test_a_placeable_missing_from_the_translation_is_not_guessed() -> None:
    assert substitute("Mille membres.", "1000 members.", "2000 members.") is None
    matcher = Matcher([Pair("1000 members joined.", "Mille membres ont adhéré.", "x")])
    match = matcher.best("2000 members joined.", threshold=75)
    assert match is not None and match.kind is Kind.FUZZY and match.target == "Mille membres ont adhéré."


def test_a_different_text_never_scores_100() -> None:
    source = "Cooperatives share profits among members. " * 8
    matcher = Matcher([Pair(source, "b", "x")])
    match = matcher.best(source.replace("members.", "members!", 1), threshold=75)
    assert match is not None and match.score == 99 and match.kind is Kind.FUZZY


sentences = st.text(alphabet="abcdefgh ,.", min_size=1, max_size=60).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None)
@given(st.lists(sentences, min_size=1, max_size=30, unique=True), st.data())
def test_every_memory_source_is_found_exactly(sources: list[str], data) -> None:
    matcher = Matcher([Pair(s, f"T{i}", str(i)) for i, s in enumerate(sources)])
    chosen = data.draw(st.sampled_from(sources))
    match = matcher.best(chosen, threshold=75)
    assert match is not None and match.kind is Kind.EXACT and match.target == f"T{sources.index(chosen)}"


def test_a_damaged_catalog_is_left_out_of_the_memory(root: Path) -> None:
    article(root, "a", ILO)
    sync(root)
    review(root, "a", {ILO: ILO_FR})
    (root / "locales" / "fr" / "zz-broken.po").write_text('msgid "x"\nmsgstr "\n', encoding="utf-8")
    assert [p.source for p in load(load_config(root / "sselocale.yaml"), "fr").pairs] == [ILO]


def test_a_missing_tmx_named_in_the_configuration_is_an_error(root: Path) -> None:
    config = root / "sselocale.yaml"
    config.write_text(config.read_text() + "memory: {tmx: [shared/missing.tmx]}\n", encoding="utf-8")
    article(root, "a", ILO)
    for command in (["tm", "stats"], ["sync"]):
        result = CliRunner().invoke(main, ["-C", str(root), *command])
        assert result.exit_code == 2, result.output
        assert "sselocale.yaml:4: memory.tmx: no such TMX file: 'shared/missing.tmx'" in result.output
    assert not (root / "locales").exists()  # refused before anything was written
