"""Engines: choosing one per language, Argos packages (built here, installed for real), Apertium, pseudo."""

from __future__ import annotations

import json
import re
import stat
import zipfile
from pathlib import Path

import pytest

from argos_package import argos_home, install, tiny_packages  # noqa: F401  (fixtures)
from sselocale.config import ArgosOptions, Config, Paths, TranslationSettings
from sselocale.mt.engines import argos, apertium, choose, open_engine, probe, pseudo
from sselocale.mt.engines.argos import inference
from sselocale.errors import EngineError
from sselocale.mt.placeholders import protect, restore

REPO = Path(__file__).resolve().parent.parent
FAST = ArgosOptions(beam_size=2, max_decoding_length=6, inter_threads=1, intra_threads=1)


def config(engines=("argos", "apertium"), per_language=None, options=FAST) -> Config:
    root = Path("/nonexistent")
    return Config(
        path=root / "sselocale.yaml",
        project="test",
        source_language="en",
        languages=("fr", "es", "pt", "ru"),
        paths=Paths(root, root / "content", root / "locales", root / "glossary.yaml", root / "build"),
        translation=TranslationSettings(engines=tuple(engines), per_language=per_language or {}, argos=options),
    )


# --- choosing an engine ----------------------------------------------------------

def test_the_first_engine_that_serves_a_language_is_chosen(argos_home, tiny_packages) -> None:
    install(tiny_packages["fr"])
    cfg = config()
    assert choose(cfg, "fr").chosen.engine == "argos"
    assert choose(cfg, "es").chosen.engine == "apertium"  # no Argos package for es
    ru = choose(cfg, "ru")
    assert ru.chosen is None
    assert ru.reasons == "argos: no Argos package for en→ru installed; apertium: no Apertium mode for en→ru"
    # A per-language list overrides the default order.
    assert choose(config(per_language={"fr": ("pseudo",)}), "fr").chosen.engine == "pseudo"


def test_pt_is_served_by_an_installed_pb_package_and_says_so(argos_home, tiny_packages) -> None:
    install(tiny_packages["pb"])
    offer = probe("argos", "en", "pt")
    assert offer.available
    assert offer.provenance.comment() == (
        "machine translation: argos translate-en_pb 1.9 "
        "(pt served by the Brazilian Portuguese package pb)"
    )


def test_a_pair_without_a_package_pivots_through_english(argos_home, tiny_packages) -> None:
    install(tiny_packages["fr-en"])
    install(tiny_packages["ru"])
    offer = argos.probe("fr", "ru")
    assert [hop.name for hop in offer.hops] == ["translate-fr_en", "translate-en_ru"]
    assert offer.provenance.label == "argos translate-fr_en+translate-en_ru 1.9+1.9"
    with open_engine(offer, config()) as engine:
        units = [protect("Les coopératives. Elles comptent."), protect("Bonjour")]
        assert len(list(engine.translate(units))) == 2


def test_folders_that_are_not_packages_are_skipped(argos_home, tiny_packages) -> None:
    (argos_home / "broken").mkdir()
    (argos_home / "broken" / "metadata.json").write_text("{not json")
    (argos_home / "empty").mkdir()
    install(tiny_packages["fr"])
    assert [p.name for p in argos.installed_packages()] == ["translate-en_fr"]


# --- Argos inference -------------------------------------------------------------

@pytest.fixture
def submitted(monkeypatch) -> list[int]:
    """Sizes of the submissions the Argos engine makes to CTranslate2."""
    sizes: list[int] = []
    real_submit = inference._Model.submit

    def spy(self, tokens, *, asynchronous):
        sizes.append(len(tokens))
        return real_submit(self, tokens, asynchronous=asynchronous)

    monkeypatch.setattr(inference._Model, "submit", spy)
    return sizes


def test_argos_translates_every_unit_in_order_with_all_sentences_in_one_batch(
    argos_home, tiny_packages, submitted
) -> None:
    install(tiny_packages["fr"])
    texts = [
        "The ILO was founded in 1919. Its Cooperatives Unit followed in 1920.",
        "Decent work for all.",
        "First line  \nsecond line. Third sentence!",
    ]
    units = [protect(t) for t in texts]
    with open_engine(probe("argos", "en", "fr"), config()) as engine:
        outputs = list(engine.translate(units))
    assert len(outputs) == 3
    assert submitted == [6]  # every sentence of the run in one submission
    # The hard break's line structure survives: one newline, after the first line.
    assert outputs[2].count("\n") == 1


def test_argos_submits_windows_and_keeps_order(argos_home, tiny_packages, submitted, monkeypatch) -> None:
    install(tiny_packages["fr"])
    monkeypatch.setattr(inference, "WINDOW_BATCHES", 1)
    options = ArgosOptions(beam_size=1, max_batch_size=2, max_decoding_length=4, inter_threads=1, intra_threads=1)
    units = [protect(f"Sentence number {n}.") for n in range(5)]
    with open_engine(probe("argos", "en", "fr"), config(options=options)) as engine:
        first = list(engine.translate(units))
        # Translating one unit alone gives the same text: order is not mixed up.
        alone = [list(engine.translate([u]))[0] for u in units]
    assert submitted[:3] == [2, 2, 1]
    assert first == alone


def test_a_unit_without_letters_never_reaches_the_model(argos_home, tiny_packages) -> None:
    install(tiny_packages["fr"])
    unit = protect("`sselocale sync`  \n2024")
    with open_engine(probe("argos", "en", "fr"), config()) as engine:
        [output] = list(engine.translate([unit]))
    assert output == unit.text
    assert restore(output, unit).text == "`sselocale sync`  \n2024"


@pytest.mark.parametrize(
    ("pieces", "text"),
    [
        (["▁snake", "_", "case", "▁name"], "snake_case name"),
        (["▁Le", "▁", "\ue000", "site", "\ue001", "."], "Le \ue000site\ue001."),
        (["▁caf", "<0xC3>", "<0xA9>", "▁ok"], "café ok"),
        (["<s>", "▁a", "<unk>", "</s>"], "a"),
    ],
)
def test_detokenize_keeps_underscores_and_copied_tokens(pieces: list[str], text: str) -> None:
    assert argos.detokenize(pieces) == text


@pytest.mark.parametrize(
    ("options", "cores", "expected"),
    [
        (ArgosOptions(), 2, (2, 1)),
        (ArgosOptions(), 16, (4, 4)),
        (ArgosOptions(inter_threads=1), 8, (1, 8)),
        (ArgosOptions(inter_threads=3, intra_threads=2), 16, (3, 2)),
        (ArgosOptions(device="cuda"), 16, (1, 0)),
    ],
)
def test_thread_settings_resolve_zero_for_the_machine(options, cores, expected) -> None:
    assert argos.threads(options, cores=cores) == expected


# --- installing packages ---------------------------------------------------------

def test_install_archive_uses_argos_installer(argos_home, tiny_packages) -> None:
    package = argos.install_archive(tiny_packages["fr"])
    assert package.path == argos_home / "translate-en_fr-1_9"
    assert (package.path / "model" / "model.bin").is_file()
    assert (package.source, package.target, package.version) == ("en", "fr", "1.9")


def _zip(path: Path, members: dict[str, bytes], *, symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


META = json.dumps({"from_code": "en", "to_code": "fr", "package_version": "1.0"}).encode()


@pytest.mark.parametrize(
    ("members", "symlink", "message"),
    [
        ({"pkg/metadata.json": META, "pkg/../../evil.txt": b"x"}, None, "unsafe path.*evil"),
        ({"pkg/metadata.json": META, "/tmp/evil.txt": b"x"}, None, "unsafe path"),
        ({"pkg/metadata.json": META}, "pkg/link", "unsafe path.*link"),
        ({"pkg/metadata.json": META, "other/x": b""}, None, "exactly one folder"),
        ({"pkg/model/x": b""}, None, "no metadata.json"),
    ],
)
def test_archives_that_escape_their_folder_are_rejected(
    argos_home, tmp_path, members, symlink, message
) -> None:
    archive = _zip(tmp_path / "bad.argosmodel", members, symlink=symlink)
    with pytest.raises(EngineError, match=message):
        argos.install_archive(archive)
    assert list(argos_home.iterdir()) == []
    assert not (tmp_path / "evil.txt").exists()


def test_a_file_that_is_not_a_zip_is_rejected(argos_home, tmp_path) -> None:
    path = tmp_path / "x.argosmodel"
    path.write_text("not a zip")
    with pytest.raises(EngineError, match="zip archives"):
        argos.install_archive(path)


def test_offline_index_fails_at_once_saying_how_to_install_from_a_file(argos_home) -> None:
    with pytest.raises(EngineError, match="cannot reach the Argos package index") as caught:
        argos.fetch_index()
    assert "sselocale models install --from FILE.argosmodel" in caught.value.hint


def test_choosing_from_the_index_maps_pt_to_pb() -> None:
    index = [argos.Available("en", "pb", "1.9", ("u",)), argos.Available("en", "fr", "1.9", ("v",))]
    assert argos.choose(index, "en", "pt").target == "pb"
    assert argos.choose(index, "en", "ru") is None


# --- Apertium --------------------------------------------------------------------

def test_apertium_routes_through_spanish_for_portuguese() -> None:
    modes = ("eng-spa", "es-pt", "spa-eng")
    assert apertium.route("en", "es", modes) == ["eng-spa"]
    assert apertium.route("en", "pt", modes) == ["eng-spa", "es-pt"]
    assert apertium.route("en", "ru", modes) == []
    offer = apertium.probe("en", "pt")
    assert [hop.name for hop in offer.hops] == ["eng-spa", "es-pt"]
    assert offer.note == "pt via es"


def test_apertium_html_round_trip_keeps_nesting() -> None:
    unit = protect("A **[link](https://x.org)** & <b>tag</b> in 2024.")
    html = apertium.to_html(unit)
    assert html == (
        'A <b id="0"><b id="1">link</b></b> &amp; <span id="4">x4x</span>tag'
        '<span id="5">x5x</span> in <span id="6">2024</span>.'
    )
    assert apertium.from_html(html, unit) == unit.text


def test_apertium_crossing_pairs_travel_as_plain_tokens() -> None:
    unit = protect("*a [b* c](https://x.org)")
    assert "<b " not in apertium.to_html(unit).replace('<b id="1">', "")
    assert apertium.from_html(apertium.to_html(unit), unit) == unit.text


LINK_PARAGRAPH = (
    "To learn more about the Task Force and its members, visit the "
    "[UNTFSSE website](https://unsse.org/about/) or the "
    "[ILO SSE pages](https://www.ilo.org/global/topics/cooperatives/sse/lang--en/index.htm)."
)


def test_apertium_translates_a_real_paragraph_into_spanish_with_its_links() -> None:
    source = (REPO / "content" / "untfsse-46th-meeting.md").read_text(encoding="utf-8")
    assert LINK_PARAGRAPH in source
    unit = protect(LINK_PARAGRAPH)
    with open_engine(probe("apertium", "en", "es"), config()) as engine:
        [output] = list(engine.translate([unit]))
    restored = restore(output, unit)
    assert restored.lost == ()
    assert "](https://unsse.org/about/)" in restored.text
    assert "](https://www.ilo.org/global/topics/cooperatives/sse/lang--en/index.htm)." in restored.text
    words = set(re.findall(r"\w+", restored.text.lower()))
    assert {"para", "sus", "miembros", "sitio", "el"} <= words
    assert "members" not in words


def test_apertium_reaches_portuguese_through_spanish() -> None:
    unit = protect("The **cooperatives** of the informal economy met in 2023.")
    with open_engine(probe("apertium", "en", "pt"), config()) as engine:
        [output] = list(engine.translate([unit]))
    restored = restore(output, unit)
    assert restored.lost == ()
    assert "**cooperativas**" in restored.text and "2023" in restored.text
    assert "economia informal" in restored.text


@pytest.mark.parametrize(
    ("lang", "source", "number"),
    [("pt", "Files outside this list will result in a 403.", "403"),
     ("es", "CPU: Ryzen 9 5900X, Memory: DDR4-3600 32GB, SSD: WD Blue.", "5900"),
     ("es", 'This would output something like: "3 days ago" or "last Friday".', "3")],
)
def test_apertium_leaves_no_mark_and_no_second_copy_of_a_number(lang: str, source: str, number: str) -> None:
    """es→pt moves "un 403" out of its span ("403 <span/>"); unknown words glued to digits get a "*"."""
    unit = protect(source)
    with open_engine(probe("apertium", "en", lang), config()) as engine:
        [output] = list(engine.translate([unit]))
    restored = restore(output, unit)
    assert restored.lost == () and "*" not in restored.text
    assert restored.text.count(number) == source.count(number), restored.text


@pytest.mark.parametrize("output", ['em 403 <span id="0"></span>.', 'em <span id="0"></span> 403.',
                                    'em <span id="0">403</span>.', 'em <span id="0"></span>.'])
def test_an_emptied_span_takes_back_the_content_apertium_moved_beside_it(output: str) -> None:
    unit = protect("in a 403.")
    assert apertium.from_html(output, unit) == "em \ue000."


@pytest.mark.parametrize(("output", "expected"), [('<span id="0">hace</span> 403 días', "hace \ue000 días"),
                                                  ('hace 403 <span id="0">de</span> días', "hace \ue000 de días")])
def test_a_word_apertium_moved_into_a_numbers_span_stays_and_the_number_keeps_its_place(output: str,
                                                                                     expected: str) -> None:
    assert apertium.from_html(output, protect("403 days ago")) == expected


# --- pseudo ----------------------------------------------------------------------

def test_pseudo_accents_lengthens_brackets_and_keeps_markup() -> None:
    unit = protect("Read the [guide](https://x.org) by 2024.")
    with open_engine(pseudo.probe("en", "ru"), config()) as engine:
        [output] = list(engine.translate([unit]))
    restored = restore(output, unit)
    assert restored.lost == ()
    assert restored.text.startswith("⟦Ŕéáð ţĥé [ĝüíðé](https://x.org) ƀý 2024 ")
    assert restored.text.endswith("⟧.")  # the final punctuation stays outside
    letters = sum(ch.isalpha() for ch in unit.prose)
    assert restored.text.count("·") >= 0.3 * letters  # about a third longer
    assert pseudo.pseudo_text("\ue000") == "\ue000"  # nothing to pseudo-translate
