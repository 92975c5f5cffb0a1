"""Quality checks: fixture PO files whose ``# expect:`` comments say what each entry must raise."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from sselocale.review import checks
from sselocale.po import fastread as pofast
from sselocale.review.checks import Severity, check_catalog
from sselocale.review.gate import run_checks
from sselocale.errors import ConfigError, SselocaleError
from sselocale.project import Project, extract, update

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
QUALITY = sorted((FIXTURES / "quality").glob("*.po"))
_EXPECT = re.compile(r"^expect: (.*)$", re.M)


def _expected(entry: pofast.Entry) -> set[tuple[str, bool]] | None:
    match = _EXPECT.search(entry.tcomment)
    if match is None:
        return None
    if match.group(1).strip() == "none":
        return set()
    out = set()
    for item in match.group(1).split(","):
        item = item.strip()
        silenced = item.endswith("(silenced)")
        out.add((item.removesuffix("(silenced)").strip(), silenced))
    return out


def _cases():
    for path in QUALITY:
        for entry in pofast.read_entries(path):
            expected = _expected(entry)
            if expected is not None:
                yield pytest.param(path, entry.msgstr_line or entry.line, expected,
                                   id=f"{path.name}:{entry.msgstr_line or entry.line}")


_FINDINGS: dict[Path, list[checks.Finding]] = {}


def _findings(path: Path) -> list[checks.Finding]:
    if path not in _FINDINGS:
        lang = path.name.split("-")[0]
        _FINDINGS[path] = check_catalog(pofast.read_entries(path), path=path, lang=lang)
    return _FINDINGS[path]


@pytest.mark.parametrize("path, line, expected", list(_cases()))
def test_fixture_entry_raises_what_it_expects(path: Path, line: int, expected: set) -> None:
    found = {(f.check, f.silenced) for f in _findings(path) if f.line == line}
    assert found == expected


@pytest.mark.parametrize("path", QUALITY, ids=lambda p: p.name)
def test_quality_fixtures_are_valid_po(path: Path) -> None:
    assert not [f for f in _findings(path) if f.check == "po-invalid"]


def test_every_check_is_exercised_by_a_fixture() -> None:
    exercised = {f.check for path in QUALITY for f in _findings(path)}
    pair_checks = {c.id for c in checks.CHECKS if not c.catalog} - {"glossary-term"}
    assert pair_checks <= exercised


def _one(lang: str, msgid: str, msgstr: str, *, flags: str = "", glossary=None) -> list[checks.Finding]:
    flag_line = f"#, {flags}\n" if flags else ""
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'{flag_line}msgid "{msgid}"\nmsgstr "{msgstr}"\n'
    )
    return check_catalog(list(pofast.parse(text)), path=Path("x.po"), lang=lang, glossary=glossary)


@pytest.mark.parametrize(
    "lang, msgid, msgstr, message",
    [
        ("fr", "Founded in 1919.", "Fondée en 1918.", "numbers differ: missing 1919; not in the source 1918"),
        ("es", "See [it](https://a.org/x).", "Vea [esto](https://a.org/y).",
         "link changed: https://a.org/x → https://a.org/y"),
        ("pt", "Work.", "Trabalho <script>x</script>.", "raw HTML not in the source: <script>"),
        ("pt", "Work.", "[Trabalho](javascript:go()).", "script or data URL not in the source: javascript:"),
        ("es", "Run `sync`.", "Ejecute `sincronizar`.",
         "code or placeholder missing `sync`; not in the source `sincronizar`"),
        ("es", "The **SSE**.", "La ESS.", "markup differs from the source: bold markers 2 → 0"),
        ("fr", "Work.", "Travail", "final punctuation differs: the source ends with '.', the translation with 'no mark'"),
        ("fr", "Work.", "Travail. ", "trailing whitespace '' → ' '"),
        ("ru", "A (b).", "А (б.", "unbalanced in the translation: ( )"),
        ("fr", "Cooperatives are owned by their members.", "Cooperatives are owned by their members.",
         "translation is identical to the source (6 words)"),
    ],
)
def test_messages_explain_the_problem(lang: str, msgid: str, msgstr: str, message: str) -> None:
    (finding,) = _one(lang, msgid, msgstr)
    assert finding.message == message
    assert finding.line == 5


def test_safety_checks_cannot_be_silenced() -> None:
    (finding,) = _one("pt", "Work.", "Trabalho <b>x</b>.", flags="ignore-unsafe-html")
    assert not finding.silenced and finding.blocking
    assert finding.message.endswith("(#, ignore-unsafe-html cannot silence this check)")


def test_titles_come_from_docstrings_and_ids_are_flags() -> None:
    by_id = {c.id: c for c in checks.CHECKS}
    assert by_id["numbers"].title.startswith("Numbers differ from the source")
    assert by_id["numbers"].flag == "ignore-numbers"
    assert by_id["unsafe-html"].severity is Severity.ERROR
    assert by_id["whitespace"].severity is Severity.WARNING
    assert len(by_id) == len(checks.CHECKS)


def test_unknown_check_is_an_error() -> None:
    with pytest.raises(SselocaleError, match="unknown check 'spelling'"):
        checks.select_checks(["spelling"])
    assert [c.id for c in checks.select_checks(["numbers"])] == ["numbers"]
    with pytest.raises(SselocaleError, match="unknown check 'spelling'"):
        checks.select_checks(skip=["spelling"])
    skipped = checks.select_checks(skip=["numbers", "glossary-term"])
    assert {c.id for c in skipped} == {c.id for c in checks.CHECKS} - {"numbers", "glossary-term"}


# --- numbers: locale formatting ---------------------------------------------------------

@pytest.mark.parametrize(
    "lang, source, target",
    [
        ("fr", "1,000", "1\u202f000"), ("fr", "1,000", "1 000"), ("ru", "1,000", "1\u00a0000"),
        ("es", "1,000", "1.000"), ("pt", "12.5", "12,5"), ("fr", "1,234.5", "1\u202f234,5"),
        ("es", "12,500", "12.500"), ("fr", "2023", "2023"), ("ru", "46th", "46-е"),
    ],
)
def test_numbers_accept_locale_formatting(lang: str, source: str, target: str) -> None:
    assert _one(lang, f"A {source} b.", f"C {target} d.") == []


@pytest.mark.parametrize("lang, source, target", [("fr", "1,000", "1\u202f001"), ("es", "12.5", "1.25"),
                                                  ("fr", "2023", "2032")])
def test_numbers_catch_changed_values(lang: str, source: str, target: str) -> None:
    assert [f.check for f in _one(lang, f"A {source} b.", f"C {target} d.")] == ["numbers"]


def test_signature_sees_locale_formatting_as_equal() -> None:
    assert checks.signature("12.5% of 1,000") == checks.signature("12,5 % de 1\u202f000")
    assert checks.signature("12.5") != checks.signature("1.25")


# --- glossary ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Term:
    text: str


@dataclass(frozen=True)
class _Concept:
    id: str
    terms: dict


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    concept: _Concept
    text: str


class _FakeGlossary:
    """Finds "decent work" and wants "travail décent"."""

    def missing_terms(self, source: str, translation: str, lang: str) -> list[_Match]:
        at = source.lower().find("decent work")
        if at < 0 or "travail décent" in translation:
            return []
        concept = _Concept("decent-work", {"fr": _Term("travail décent")})
        return [_Match(at, at + 11, concept, source[at : at + 11])]


def test_glossary_term_check_reports_the_expected_term() -> None:
    glossary = _FakeGlossary()
    assert _one("fr", "Decent work for all.", "Un travail décent pour tous.", glossary=glossary) == []
    (finding,) = _one("fr", "Decent work for all.", "Un emploi correct pour tous.", glossary=glossary)
    assert (finding.check, finding.severity) == ("glossary-term", Severity.WARNING)
    assert finding.message == "glossary term missing: 'Decent work' → 'travail décent'"


def test_glossary_term_check_is_silent_when_the_translation_is_the_source() -> None:
    findings = _one("fr", "Decent work for all members of cooperatives.",
                    "Decent work for all members of cooperatives.", glossary=_FakeGlossary())
    assert [f.check for f in findings] == ["unchanged"]


def test_glossary_term_check_with_the_real_glossary(tmp_path: Path) -> None:
    from sselocale.glossary import load_glossary

    path = tmp_path / "g.yaml"
    path.write_text(
        "source_language: en\nlanguages: [fr]\nconcepts:\n"
        "  - id: cooperative\n    pos: noun\n    policy: translate\n"
        "    en: {term: cooperative, plural: cooperatives}\n"
        "    fr: {term: coopérative, plural: coopératives}\n",
        encoding="utf-8",
    )
    glossary = load_glossary(path)
    assert _one("fr", "Cooperatives grow.", "Les coopératives grandissent.", glossary=glossary) == []
    (finding,) = _one("fr", "Cooperatives grow.", "Les entreprises grandissent.", glossary=glossary)
    assert finding.message == "glossary term missing: 'Cooperatives' → 'coopérative'"


# --- the release gate -------------------------------------------------------------------

def _translate(path: Path, *, fuzzy: set[int] = frozenset(), skip: set[int] = frozenset(),
               msgstr=lambda msgid: msgid.upper()) -> None:
    """Fill a catalog's entries (by position): reviewed, fuzzy, or left empty."""
    import polib

    po = polib.pofile(str(path))
    for i, entry in enumerate(e for e in po if e.msgid):
        if i in skip:
            continue
        entry.msgstr = msgstr(entry.msgid)
        if i in fuzzy:
            entry.flags.append("fuzzy")
    po.save(str(path))


@pytest.fixture
def small_project(sample_project: Path) -> Path:
    """The sample project cut to two articles and two languages, catalogs made."""
    keep = {"untfsse-46th-meeting.md", "about-this-portal.md"}
    for path in (sample_project / "content").glob("*.md"):
        if path.name not in keep:
            path.unlink()
    config = sample_project / "sselocale.yaml"
    config.write_text(config.read_text().replace("languages: [fr, es, pt, ru]", "languages: [fr, es]"))
    shutil.rmtree(sample_project / "glossary", ignore_errors=True)
    project = Project.open(sample_project)
    extract(project, now="2024-01-01 00:00+0000")
    update(project, now="2024-01-01 00:00+0000")
    return sample_project


def _fill_all(root: Path, lang: str, **kwargs) -> None:
    for path in sorted((root / "locales" / lang).glob("*.po")):
        _translate(path, **kwargs)


def test_gate_passes_when_every_language_is_reviewed(small_project: Path) -> None:
    _fill_all(small_project, "fr", msgstr=lambda s: s)
    _fill_all(small_project, "es", msgstr=lambda s: s)
    report = run_checks(Project.open(small_project), checks=checks.select_checks(["numbers"]))
    assert [(g.lang, g.percent, g.passed) for g in report.gates] == [("fr", 100.0, True), ("es", 100.0, True)]
    assert report.ok and report.verdict == "the release may ship"


def test_gate_fails_below_minimum_and_min_coverage_overrides(small_project: Path) -> None:
    _fill_all(small_project, "fr", msgstr=lambda s: s, skip={0})
    _fill_all(small_project, "es", msgstr=lambda s: s)
    project = Project.open(small_project)
    numbers_only = checks.select_checks(["numbers"])
    report = run_checks(project, checks=numbers_only)
    fr = report.gates[0]
    assert fr.coverage.counts.untranslated == 2 and not fr.passed
    assert report.verdict == "the release may not ship: fr under 100%"
    exact = fr.coverage.shipped_percent(count_fuzzy=False)
    assert run_checks(project, min_coverage=exact, checks=numbers_only).ok
    assert fr.percent == round(exact, 1)
    assert run_checks(project, langs=("es",), checks=numbers_only).ok


def test_gate_counts_fuzzy_only_when_configured(small_project: Path) -> None:
    _fill_all(small_project, "fr", msgstr=lambda s: s, fuzzy={0})
    _fill_all(small_project, "es", msgstr=lambda s: s)
    numbers_only = checks.select_checks(["numbers"])
    assert not run_checks(Project.open(small_project), checks=numbers_only).ok
    config = small_project / "sselocale.yaml"
    config.write_text(config.read_text().replace("count_fuzzy: false", "count_fuzzy: true"))
    assert run_checks(Project.open(small_project), checks=numbers_only).ok


def test_gate_per_language_minimum_and_release_articles(small_project: Path) -> None:
    _fill_all(small_project, "fr", msgstr=lambda s: s, skip={0})
    _translate(small_project / "locales" / "es" / "untfsse-46th-meeting.po", msgstr=lambda s: s)
    config = small_project / "sselocale.yaml"
    text = config.read_text()
    text = text.replace("languages: {}            # per-language", "languages: {fr: 80}            # per-language")
    text = text.replace("articles: []", "articles: [untfsse-46th-meeting]")
    config.write_text(text)
    report = run_checks(Project.open(small_project), checks=checks.select_checks(["numbers"]))
    assert [(g.lang, g.required, g.passed) for g in report.gates] == [("fr", 80.0, True), ("es", 100.0, True)]
    assert report.files == 2


def test_errors_block_the_release_warnings_do_not(small_project: Path) -> None:
    _fill_all(small_project, "fr", msgstr=lambda s: f"FR {s}")
    _fill_all(small_project, "es", msgstr=lambda s: f"ES {s}")
    project = Project.open(small_project)
    assert run_checks(project).ok
    path = small_project / "locales" / "fr" / "about-this-portal.po"
    _translate(path, skip={1, 2}, msgstr=lambda s: f"FR {s} <b>!</b>")
    _translate(path, skip={0, 2}, msgstr=lambda s: f"FR {s} ")
    # "FR <source>" leaves the source's English dates as they are: the dates check is not the point here.
    report = run_checks(project, checks=checks.select_checks(skip=["dates"]))
    assert sorted((f.check, f.severity.value) for f in report.findings) == [
        ("unsafe-html", "error"), ("whitespace", "warning")]
    assert (report.errors, report.warnings, report.ok) == (1, 1, False)
    assert report.verdict == "the release may not ship: 1 error"


def test_a_catalog_with_a_syntax_error_is_a_finding(small_project: Path) -> None:
    path = small_project / "locales" / "es" / "about-this-portal.po"
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "broken\n', encoding="utf-8")
    report = run_checks(Project.open(small_project))
    (finding,) = [f for f in report.findings if f.path == path]
    assert (finding.check, finding.line) == ("po-invalid", len(path.read_text().splitlines()))
    assert finding.message == "invalid PO syntax: end-of-line within string"
    assert report.gates[1].coverage.counts.untranslated > 0


def test_unknown_release_article_is_a_config_error(small_project: Path) -> None:
    with pytest.raises(ConfigError, match="unknown article 'nope'"):
        run_checks(Project.open(small_project), slugs=("nope",))


# --- the fast path ----------------------------------------------------------------------

def _fixture_pairs() -> list[tuple[str, str, str]]:
    pairs = []
    for path in [*QUALITY, *sorted((FIXTURES / "portal" / "locales").glob("*/*.po"))]:
        lang = path.name.split("-")[0] if path in QUALITY else path.parent.name
        for entry in pofast.read_entries(path):
            if entry.msgid and entry.msgstr:
                pairs.append((lang, entry.msgid, entry.msgstr))
    return pairs


_MUTATIONS = (
    lambda t: t.replace("1", "7", 1), lambda t: t.replace(",", ".", 1), lambda t: t.replace(".", ",", 1),
    lambda t: t.replace("**", "", 1), lambda t: t.replace("*", "", 1), lambda t: t.replace("](", "] (", 1),
    lambda t: t.replace("(", "", 1), lambda t: t.replace("«", "", 1), lambda t: t.replace("`", "", 1),
    lambda t: t + " <b>x</b>", lambda t: t + " [x](javascript:void(0))", lambda t: t.replace("ilo", "ilo2", 1),
    lambda t: t.replace("@", " at ", 1), lambda t: t.replace("{", "", 1), lambda t: t + " 12",
    lambda t: t.replace(" ", "\u202f", 1), lambda t: t.replace("\u202f", "", 1), lambda t: t + " &#106;",
)


def test_equal_signatures_mean_the_structural_checks_pass() -> None:
    """The fast path skips structural checks only where none of them could fail."""
    structural = [c for c in checks.CHECKS if c.structural]
    tried = skipped = 0
    for lang, source, target in _fixture_pairs():
        for candidate in (target, source, *(m(target) for m in _MUTATIONS), *(m(source) for m in _MUTATIONS)):
            tried += 1
            if checks.signature(source) != checks.signature(candidate):
                continue
            skipped += 1
            pair = checks.Pair(source, candidate, lang)
            assert [c.id for c in structural if c.run(pair)] == [], (source, candidate)
    assert tried > 1000 and skipped > 100


# --- text seen on real sites that no check may take for a problem -------------------------

@pytest.mark.parametrize(
    "lang, source, target",
    [
        # A script scheme in prose, after a word of another script once white space is gone.
        ("ru", "Avoid using javascript: links.", "Избегайте использования javascript: ссылок."),
        # The source, alone on its line, is an HTML block; its translation, a paragraph.
        ("fr", '<img src=\\"a.png\\">', 'Voir <img src=\\"a.png\\">'),
        # A date in a reference link's label finds the link; the label is kept as written.
        ("fr", "See [March 2024][report] for details.", "Voir [March 2024][report] pour les détails."),
        ("es", "See [March 2024] for details.", "Vea [March 2024] para más detalles."),
        # A link title's punctuation ends no sentence; a domain holds no emphasis marker.
        ("fr", '[Hover me](https://example.com \\"I am a tooltip!\\")',
         '[Survolez-moi](https://example.com \\"Je suis une info-bulle\\")'),
        ("fr", "_Write to hello@example.org._", "_Écrivez à hello@example.org_."),
        # Left as written, rightly: a reference's label, wiki links' targets and embeds, keys.
        ("fr", "[Manage a custom domain for your GitHub Pages site][]",
         "[Manage a custom domain for your GitHub Pages site][]"),
        ("fr", "[x] [Stay on page when switching languages]", "[x] [Stay on page when switching languages]"),
        ("fr", "![[Set up Obsidian Sync#Log in with your Obsidian account|Log in to your account]]",
         "![[Set up Obsidian Sync#Log in with your Obsidian account|Log in to your account]]"),
        ("fr", "[[Sync your notes across devices]]", "[[Sync your notes across devices]]"),
        ("fr", "<kbd>Ctrl</kbd> <kbd>Alt</kbd> <kbd>Delete</kbd> <kbd>Home</kbd> <kbd>End</kbd>",
         "<kbd>Ctrl</kbd> <kbd>Alt</kbd> <kbd>Delete</kbd> <kbd>Home</kbd> <kbd>End</kbd>"),
        # "JavaScript:" in prose is a word and a colon, not a script URL.
        ("es", "Write a JavaScript module:", "Escriba un módulo de JavaScript:"),
        ("es", "Languages: JavaScript, Python.", "Lenguajes: JavaScript: Python."),
        # Words on either side of a code span are not written twice in a row.
        ("es", "The `Environment` instance was first.", "El `Environment` el caso era primero."),
        # A backtick after a backslash is a backtick, and opens no code span.
        ("fr", "Use `${v}` between backticks (\\\\`), not quotes: `'${v}'`.",
         "Utilisez `${v}` entre accents graves (\\\\`), pas entre guillemets : `'${v}'`."),
    ],
)
def test_real_site_text_raises_no_finding(lang: str, source: str, target: str) -> None:
    assert _one(lang, source, target) == []


@pytest.mark.parametrize("payload", ["javascript:alert(1)", "java\u200bscript:alert(1)", "JavaScript:void(0)"])
def test_a_script_url_in_running_text_is_still_an_error(payload: str) -> None:
    assert [f.check for f in _one("es", "Write a module.", f"Escriba {payload}.")] == ["unsafe-url"]


@pytest.mark.parametrize(("text", "mark"), [("--bump &lt;type&gt;", ""), ("**Record&lt;string&gt;**", ""),
                                           ("Done&#46;", "."), ("Really&quest;", "?"), ("A &amp; B.", "."),
                                           ("--otp &lt;code\\&gt;", ";")])
def test_an_entity_at_the_end_is_its_character(text: str, mark: str) -> None:
    from sselocale.review.checks.text import final_punctuation

    assert final_punctuation(text) == mark


def test_digits_right_after_emphasis_markers_are_a_number() -> None:
    (finding,) = _one("fr", "Held on __13 February__.", "Tenu le __14 février__.")
    assert finding.message == "numbers differ: missing 13; not in the source 14"


def test_a_translated_date_in_an_inline_link_is_still_checked() -> None:
    (finding,) = _one("fr", "See [March 2024](/r) for details.", "Voir [March 2024](/r) pour les détails.")
    assert finding.check == "dates"
