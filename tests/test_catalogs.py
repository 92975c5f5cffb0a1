"""PO catalogs: templates, msgmerge semantics, headers, byte-stable rewrites."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest

from sselocale.po import catalogs
from sselocale.errors import CatalogError
from sselocale.project import Project, extract, update

STAMP = "2026-01-01 10:00+0000"
LATER = "2026-02-01 10:00+0000"


def write_article(root: Path, body: str) -> None:
    (root / "content" / "news.md").write_text(
        "---\ntitle: SSE news\nslug: news\n---\n\n" + body, encoding="utf-8"
    )


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "p"
    (root / "content").mkdir(parents=True)
    (root / "sselocale.yaml").write_text("project: Test portal\nlanguages: [fr, ru]\n", encoding="utf-8")
    write_article(
        root,
        "Cooperatives create decent work.\n\n"
        "The ILO was founded in 1919.\n\n"
        "The social and solidarity economy is growing fast in many regions.\n",
    )
    return Project.open(root)


def sync(root: Path, stamp: str = STAMP) -> Project:
    project = Project.open(root)
    extract(project, now=stamp)
    update(project, now=stamp)
    return project


def po(project: Project, lang: str = "fr") -> polib.POFile:
    return catalogs.load_catalog(project.po_path(lang, "news"))


def translate_all(project: Project, lang: str, mapping: dict[str, tuple[str, bool]]) -> None:
    path = project.po_path(lang, "news")
    cat = catalogs.load_catalog(path)
    for entry in cat:
        if entry.msgid in mapping:
            entry.msgstr, fuzzy = mapping[entry.msgid]
            entry.flags = ["fuzzy"] if fuzzy else []
    path.write_text(catalogs.render(cat), encoding="utf-8")


def test_template_has_references_and_kinds(project: Project) -> None:
    sync(project.root)
    pot = catalogs.load_catalog(project.template_path("news"))
    entries = {e.msgid: e for e in pot}
    assert entries["SSE news"].occurrences == [("content/news.md", "2")]
    assert entries["SSE news"].comment == "front matter: title"
    assert entries["The ILO was founded in 1919."].occurrences == [("content/news.md", "8")]
    assert entries["The ILO was founded in 1919."].comment == "paragraph"


@pytest.mark.parametrize(
    ("lang", "team", "plural"),
    [("fr", "French (français)", "nplurals=2; plural=(n > 1);"),
     ("ru", "Russian (русский)", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")],
)
def test_header_is_complete(project: Project, lang: str, team: str, plural: str) -> None:
    sync(project.root)
    meta = po(project, lang).metadata
    assert meta["Language"] == lang
    assert meta["Language-Team"].startswith(team.split(" (")[0])
    assert meta["Plural-Forms"] == plural
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Project-Id-Version"] == "Test portal"
    assert meta["POT-Creation-Date"] == STAMP
    assert meta["PO-Revision-Date"] == STAMP
    assert meta["X-Generator"].startswith("sselocale ")


def test_every_written_file_passes_msgfmt_check(project: Project) -> None:
    sync(project.root)
    translate_all(project, "fr", {"SSE news": ("Actualités de l'ESS", False)})
    write_article(project.root, "Cooperatives create decent jobs.\n")
    sync(project.root, LATER)
    files = [*project.root.glob("locales/*/*.po"), *project.root.glob("locales/templates/*.pot")]
    assert len(files) == 3
    for path in files:
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, (path, result.stderr)


def test_rerun_without_changes_is_byte_identical(project: Project) -> None:
    sync(project.root)
    before = {p: p.read_bytes() for p in project.root.glob("locales/**/*.po*")}
    changes = [*extract(Project.open(project.root), now=LATER), *update(Project.open(project.root), now=LATER)]
    assert not any(c.written for c in changes)
    assert {p: p.read_bytes() for p in project.root.glob("locales/**/*.po*")} == before


def test_unchanged_unit_keeps_msgstr_and_flags(project: Project) -> None:
    sync(project.root)
    translate_all(project, "fr", {
        "Cooperatives create decent work.": ("Les coopératives créent du travail décent.", False),
        "The ILO was founded in 1919.": ("L'OIT a été fondée en 1919.", True),
    })
    write_article(
        project.root,
        "Cooperatives create decent work.\n\nThe ILO was founded in 1919.\n\nA new paragraph.\n",
    )
    sync(project.root, LATER)
    entries = {e.msgid: e for e in po(project)}
    assert entries["Cooperatives create decent work."].msgstr == "Les coopératives créent du travail décent."
    assert entries["Cooperatives create decent work."].flags == []
    assert entries["The ILO was founded in 1919."].flags == ["fuzzy"]
    assert entries["A new paragraph."].msgstr == ""
    # Merging a template changes no translation: only the template's date follows.
    assert po(project).metadata["PO-Revision-Date"] == STAMP
    assert po(project).metadata["POT-Creation-Date"] == LATER


def test_changed_unit_takes_closest_translation_as_fuzzy(project: Project) -> None:
    sync(project.root)
    translate_all(project, "fr", {
        "The social and solidarity economy is growing fast in many regions.":
            ("L'économie sociale et solidaire progresse vite dans de nombreuses régions.", False),
    })
    write_article(project.root, "The social and solidarity economy is growing fast in most regions.\n")
    sync(project.root, LATER)
    cat = po(project)
    entry = cat.find("The social and solidarity economy is growing fast in most regions.")
    assert entry.msgstr == "L'économie sociale et solidaire progresse vite dans de nombreuses régions."
    assert entry.flags == ["fuzzy"]
    assert entry.previous_msgid == "The social and solidarity economy is growing fast in many regions."
    assert '#| msgid "The social and solidarity economy is growing fast in many regions."' in catalogs.render(cat)
    # The reviewed translation of the old text lives on in the fuzzy entry, as with
    # msgmerge; no obsolete copy of it piles up.
    assert cat.obsolete_entries() == []


def test_removed_unit_becomes_obsolete_and_readded_unit_is_revived(project: Project) -> None:
    sync(project.root)
    translate_all(project, "fr", {"The ILO was founded in 1919.": ("L'OIT a été fondée en 1919.", False)})
    write_article(project.root, "Cooperatives create decent work.\n")
    sync(project.root, LATER)
    text = project.po_path("fr", "news").read_text(encoding="utf-8")
    assert '#~ msgid "The ILO was founded in 1919."\n#~ msgstr "L\'OIT a été fondée en 1919."' in text
    assert po(project).find("The ILO was founded in 1919.") is None  # not active any more

    write_article(project.root, "Cooperatives create decent work.\n\nThe ILO was founded in 1919.\n")
    sync(project.root, "2026-03-01 10:00+0000")
    entry = po(project).find("The ILO was founded in 1919.")
    assert (entry.msgstr, entry.flags, entry.obsolete) == ("L'OIT a été fondée en 1919.", [], False)
    assert "#~" not in project.po_path("fr", "news").read_text(encoding="utf-8")


def test_untranslated_removed_units_are_dropped_like_msgmerge(project: Project) -> None:
    sync(project.root)
    write_article(project.root, "Cooperatives create decent work.\n")
    sync(project.root, LATER)
    assert po(project).obsolete_entries() == []


def test_reviewed_translation_is_never_overwritten(project: Project) -> None:
    sync(project.root)
    reviewed = "Les coopératives créent du travail décent."
    translate_all(project, "fr", {"Cooperatives create decent work.": (reviewed, False)})
    for stamp in (LATER, "2026-03-01 10:00+0000"):
        sync(project.root, stamp)
    entry = po(project).find("Cooperatives create decent work.")
    assert (entry.msgstr, entry.flags) == (reviewed, [])


def test_provenance_travels_and_derived_comments_are_recomputed() -> None:
    template = polib.POFile()
    template.append(polib.POEntry(msgid="Decent work for all.", comment="paragraph"))
    old = polib.POFile()
    old.append(polib.POEntry(
        msgid="Decent work for all.", msgstr="Travail décent pour tous.", flags=["fuzzy"],
        comment="paragraph\nmachine translation: argos translate-en_fr 1.9\nglossary: stale",
    ))
    merged = catalogs.merge(old, template, header={}, annotate=lambda m: ["glossary: decent work → travail décent"])
    assert merged[0].comment.split("\n") == [
        "paragraph", "machine translation: argos translate-en_fr 1.9", "glossary: decent work → travail décent",
    ]


def test_duplicate_texts_share_one_entry_with_two_references(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "content").mkdir(parents=True)
    (root / "sselocale.yaml").write_text("languages: [fr]\n", encoding="utf-8")
    (root / "content" / "table.md").write_text("| Yes | Yes |\n|---|---|\n| No | Yes |\n", encoding="utf-8")
    project = sync(root)
    pot = catalogs.load_catalog(project.template_path("table"))
    assert [(e.msgid, e.occurrences) for e in pot] == [
        # A reference appears once, however often the text stands on that line (as xgettext does).
        ("Yes", [("content/table.md", "1"), ("content/table.md", "3")]),
        ("No", [("content/table.md", "3")]),
    ]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [('msgid "x"\nmsgstr "y\n', 2, "unterminated string"),
     ('msgid "x"\nmsgstr "y" trailing\n', 2, "unexpected text"),
     ('msgid "a"\nmsgstr ""\n\nmsgxyz "b"\n', 4, "unexpected text")],
)
def test_po_syntax_error_names_file_and_line(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = tmp_path / "broken.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError, match=reason) as info:
        catalogs.load_catalog(path)
    assert (info.value.path, info.value.line) == (path, line)


def test_counts_follow_gettext_definitions() -> None:
    cat = polib.POFile()
    cat.append(polib.POEntry(msgid="a", msgstr="A"))
    cat.append(polib.POEntry(msgid="b", msgstr="B", flags=["fuzzy"]))
    cat.append(polib.POEntry(msgid="c", msgstr=""))
    cat.append(polib.POEntry(msgid="d", msgstr="D", obsolete=True))
    counts = catalogs.count(cat)
    assert (counts.translated, counts.fuzzy, counts.untranslated, counts.obsolete) == (1, 1, 1, 1)
    assert counts.total == 3
    assert counts.percent == pytest.approx(100 / 3)
    assert catalogs.Counts().percent == 100.0


def test_long_comment_lines_survive_wrapping_across_merges() -> None:
    long_hint = "glossary: Sustainable Development Goals → Objetivos de Desarrollo Sostenible (ODS), a long note"
    long_origin = "machine translation: glossary terms inserted: Asamblea General de las Naciones Unidas; check agreement"
    template = polib.POFile()
    template.append(polib.POEntry(msgid="The Sustainable Development Goals.", comment="paragraph"))
    old = polib.POFile()
    old.append(polib.POEntry(
        msgid="The Sustainable Development Goals.", msgstr="Los ODS.", flags=["fuzzy"],
        comment=f"paragraph\n{long_origin}\n{long_hint}",
    ))
    texts = []
    current = catalogs.pofile_from_text(catalogs.render(old))
    for _ in range(3):
        merged = catalogs.merge(current, template, header={}, annotate=lambda m: [long_hint])
        texts.append(catalogs.render(merged))
        current = catalogs.pofile_from_text(texts[-1])
    assert texts[0] == texts[1] == texts[2]
    assert f"#. {long_hint}" in texts[0].splitlines()  # GNU tools never wrap extracted comments
    assert catalogs.comment_lines(current[0].comment) == ["paragraph", long_origin, long_hint]


SHIPPED = sorted((Path(__file__).resolve().parent.parent / "locales").rglob("*.po*"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_catalogs_are_msgcat_fixed_points(path: Path) -> None:
    result = subprocess.run(["msgcat", "-o", "-", str(path)], capture_output=True, check=True)
    assert result.stdout == path.read_bytes()


def test_sync_on_the_shipped_project_changes_nothing(tmp_path: Path) -> None:
    """A new user's first `sync` leaves `git status` clean."""
    import shutil

    repo = Path(__file__).resolve().parent.parent
    root = tmp_path / "clone"
    root.mkdir()
    shutil.copy(repo / "sselocale.yaml", root)
    for name in ("content", "glossary", "locales"):
        shutil.copytree(repo / name, root / name)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    from click.testing import CliRunner

    from sselocale.cli import main

    result = CliRunner().invoke(main, ["-C", str(root), "sync", "--no-translate"])
    assert result.exit_code == 0, result.output
    assert "(0 written)" in result.output
    # The state file is a cache that git never sees: its folder ignores itself.
    state = root / ".sselocale"
    assert (state / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and state not in p.parents}
    assert after == before
