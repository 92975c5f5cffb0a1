"""Work proportional to change: the state file never hides one, `-j` and shards change no file.

The property behind the state file: a project run with its state gives, byte
for byte, the files the same project gives with the state deleted before every
step, whatever was edited in between (an article, a catalog, the glossary, the
configuration, a built file, the state itself).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sselocale.cli import main
from sselocale.glossary.enforce import annotator
from sselocale.project import build, extract, update
from sselocale.source.workspace import Project
from sselocale.statefile import STATE_DIR, StateFile
from sselocale.workers import shard

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-01-01 00:00+0000"
CONFIG = """\
project: Incremental
source_language: en
languages: [fr, es]
paths:
  content: content
  locales: locales
  glossary: glossary/sse.yaml
  build: build
translation:
  engines: [pseudo]
release:
  min_coverage: 0
"""
SENTENCES = [
    "Cooperatives give {n} workers a voice.", "The social and solidarity economy grew in {n}.",
    "Read the [report {n}](https://www.ilo.org/r{n}).", "Decent work for all, article {n}.",
]


def _article(i: int, variant: int = 0) -> str:
    body = "\n\n".join(s.format(n=i * 10 + variant + k) for k, s in enumerate(SENTENCES))
    return f"---\ntitle: Article {i}.{variant}\nslug: a{i:02d}\n---\n\n## Part {i}\n\n{body}\n\n- Item {i}\n"


def make_project(root: Path, articles: int = 4) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "sselocale.yaml").write_text(CONFIG, encoding="utf-8")
    shutil.copytree(REPO / "glossary", root / "glossary")
    for i in range(articles):
        (root / "content" / f"a{i:02d}.md").write_text(_article(i), encoding="utf-8")
    return root


def steps(root: Path, *, jobs: int = 1, forget: bool = False) -> None:
    """extract, update (glossary hints on) and build, as `sync --no-translate` and `build` run them."""
    for step in ("extract", "update", "build"):
        if forget:
            shutil.rmtree(root / STATE_DIR, ignore_errors=True)
        project = Project.open(root)
        if step == "extract":
            extract(project, now=NOW, jobs=jobs, errors=[])
        elif step == "update":
            update(project, now=NOW, annotate=annotator(project), jobs=jobs, errors=[])
        else:
            build(project, jobs=jobs, errors=[])


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and STATE_DIR not in p.parts}


def _review(root: Path, lang: str, slug: str, text: str) -> None:
    path = root / "locales" / lang / f"{slug}.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid and not e.obsolete)
    entry.msgstr, entry.flags = text, [f for f in entry.flags if f != "fuzzy"]
    po.save()


EDITS = {
    "article": lambda root, i: (root / "content" / f"a{i % 4:02d}.md").write_text(_article(i % 4, i), encoding="utf-8"),
    "new article": lambda root, i: (root / "content" / f"a{4 + i % 3:02d}.md").write_text(_article(4 + i % 3, i),
                                                                                           encoding="utf-8"),
    "removed article": lambda root, i: (root / "content" / f"a{i % 4:02d}.md").unlink(missing_ok=True),
    "translator": lambda root, i: _review(root, ("fr", "es")[i % 2], f"a{i % 4:02d}", f"Traduction {i}."),
    "glossary": lambda root, i: (root / "glossary" / "sse.yaml").write_text(
        (REPO / "glossary" / "sse.yaml").read_text(encoding="utf-8").replace("travail décent", f"travail décent {i}"),
        encoding="utf-8"),
    "configuration": lambda root, i: (root / "sselocale.yaml").write_text(
        CONFIG.replace("Incremental", f"Incremental {i}"), encoding="utf-8"),
    "front matter setting": lambda root, i: (root / "sselocale.yaml").write_text(
        CONFIG + ("front_matter: [title]\n" if i % 2 else ""), encoding="utf-8"),
    "built file": lambda root, i: (root / "build" / "fr" / f"a{i % 4:02d}.md").write_text("tampered", encoding="utf-8"),
    "template": lambda root, i: (root / "locales" / "templates" / f"a{i % 4:02d}.pot").write_text(
        "# emptied by hand\n", encoding="utf-8"),
    "state deleted": lambda root, i: shutil.rmtree(root / STATE_DIR, ignore_errors=True),
    "state damaged": lambda root, i: (root / STATE_DIR / "state.json").write_text("{not json", encoding="utf-8"),
}


def _apply(root: Path, edit: str, i: int) -> None:
    if edit in ("translator", "built file", "template", "state damaged") and not (root / "build").exists():
        return
    if edit == "translator" and not (root / "locales" / ("fr", "es")[i % 2] / f"a{i % 4:02d}.po").exists():
        return
    if edit == "built file" and not (root / "build" / "fr").is_dir():
        return
    if edit == "template" and not (root / "locales" / "templates" / f"a{i % 4:02d}.pot").exists():
        return
    EDITS[edit](root, i)


@given(st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.integers(0, 50)), min_size=1, max_size=5))
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_state_never_hides_a_change(tmp_path_factory, edits) -> None:
    base = tmp_path_factory.mktemp("incremental")
    kept, fresh = make_project(base / "kept"), make_project(base / "fresh")
    steps(kept)
    steps(fresh, forget=True)
    for edit, i in edits:
        for root in (kept, fresh):
            _apply(root, edit, i)
        steps(kept)
        steps(fresh, forget=True)
        assert files(kept) == files(fresh), edit
        assert reports(kept) == reports(fresh, forget=True), edit


def reports(root: Path, *, forget: bool = False) -> list[str]:
    """What `check` and `status` say, as JSON."""
    out = []
    for command in (["check", "--format", "json", "-j", "1"], ["status", "--format", "json"]):
        if forget:
            shutil.rmtree(root / STATE_DIR, ignore_errors=True)
        out.append(CliRunner().invoke(main, ["-C", str(root), *command]).output)
    return out


def test_an_unchanged_project_is_not_segmented_again(tmp_path: Path, monkeypatch) -> None:
    root = make_project(tmp_path / "p")
    steps(root)
    segmented: list[str] = []
    original = Project.units

    def counting(self, article):
        segmented.append(article.slug)
        return original(self, article)

    monkeypatch.setattr(Project, "units", counting)
    steps(root)
    assert segmented == []
    (root / "content" / "a01.md").write_text(_article(1, 7), encoding="utf-8")
    before = files(root)
    steps(root)
    changed = {name for name, data in files(root).items() if before.get(name) != data}
    assert set(segmented) == {"a01"}
    # One changed article rewrites only its own files.
    assert changed == {"locales/templates/a01.pot", "locales/fr/a01.po", "locales/es/a01.po",
                       "build/fr/a01.md", "build/es/a01.md"}


def test_the_state_folder_ignores_itself_and_a_damaged_state_is_ignored(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    steps(root)
    assert (root / STATE_DIR / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    data = json.loads((root / STATE_DIR / "state.json").read_text(encoding="utf-8"))
    assert set(data["steps"]) >= {"extract", "update", "build"}
    (root / STATE_DIR / "state.json").write_text('{"format": 1, "steps": []}', encoding="utf-8")
    assert StateFile.load(root).steps == {}


def test_jobs_write_the_same_files_as_one_process(tmp_path: Path) -> None:
    one, many = make_project(tmp_path / "one", 20), make_project(tmp_path / "many", 20)
    steps(one, jobs=1)
    steps(many, jobs=2)
    assert files(one) == files(many)
    for root in (one, many):
        (root / "content" / "a03.md").write_text(_article(3, 5), encoding="utf-8")
    steps(one, jobs=1)
    steps(many, jobs=3)
    assert files(one) == files(many)
    assert json.loads((many / STATE_DIR / "state.json").read_text())["steps"]["update"].keys() == \
        json.loads((one / STATE_DIR / "state.json").read_text())["steps"]["update"].keys()


@given(st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=20), unique=True, max_size=60),
       st.integers(1, 9))
def test_shards_cover_every_article_exactly_once(names: list[str], count: int) -> None:
    parts = [shard(names, k, count) for k in range(1, count + 1)]
    assert sorted(n for part in parts for n in part) == sorted(names)
    # An article keeps its shard when others come and go.
    for k, part in enumerate(parts, 1):
        assert shard(part + ["zz-new"], k, count)[: len(part)] == part


def test_translate_shards_split_the_portal_between_runners(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", 12)
    assert CliRunner().invoke(main, ["-C", str(root), "sync", "--no-translate", "-q"]).exit_code == 0
    taken: list[str] = []
    for k in (1, 2, 3):
        before = files(root)
        result = CliRunner().invoke(main, ["-C", str(root), "translate", "-q", "--shard", f"{k}/3"])
        assert result.exit_code == 0, result.output
        changed = {n.split("/")[-1][:-3] for n, d in files(root).items() if before.get(n) != d and n.endswith(".po")}
        assert not set(taken) & changed
        taken += changed
    assert sorted(taken) == sorted(f"a{i:02d}" for i in range(12))
    bad = CliRunner().invoke(main, ["-C", str(root), "translate", "--shard", "4/3"])
    assert bad.exit_code == 2 and "K/N" in bad.output


@pytest.mark.parametrize("command", [["sync", "--no-translate"], ["build"], ["extract"], ["update"]])
def test_every_step_takes_jobs(tmp_path: Path, command: list[str]) -> None:
    root = make_project(tmp_path / "p", 17)
    CliRunner().invoke(main, ["-C", str(root), "sync", "--no-translate", "-q"])
    result = CliRunner().invoke(main, ["-C", str(root), *command, "-j", "2"])
    assert result.exit_code == 0, result.output


def test_the_examples_in_the_docs_hold() -> None:
    import doctest

    from sselocale import statefile, workers

    assert doctest.testmod(statefile).failed == 0 and doctest.testmod(workers).failed == 0


def test_a_catalog_edited_by_hand_is_read_strictly_again(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    steps(root)
    po = root / "locales" / "fr" / "a01.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "Broken\nmsgstr ""\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(root), "sync", "--no-translate"])
    assert result.exit_code == 2 and "locales/fr/a01.po:" in result.output
