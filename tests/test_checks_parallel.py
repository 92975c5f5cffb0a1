"""Checking with several processes gives the same report as one."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

from sselocale.po import catalogs
from sselocale.review.gate import run_checks
from sselocale.errors import ContentError
from sselocale.project import Project, extract, update


REPO = Path(__file__).resolve().parent.parent


def make_portal(root: Path, articles: int) -> Project:
    (root / "content").mkdir(parents=True)
    shutil.copytree(REPO / "glossary", root / "glossary")
    (root / "sselocale.yaml").write_text("languages: [fr, ru]\nrelease:\n  min_coverage: 10\n", encoding="utf-8")
    for n in range(articles):
        (root / "content" / f"news-{n:03d}.md").write_text(
            f"# Cooperatives in {1900 + n}\n\n"
            f"The ILO counted {n},000 members of [cooperatives](https://www.ilo.org/{n}).\n\n"
            "Decent work matters.\n",
            encoding="utf-8",
        )
    project = Project.open(root)
    extract(project, now="2026-01-01 10:00+0000")
    update(project, now="2026-01-01 10:00+0000")
    for n in range(0, articles, 3):  # every third article translated, some with mistakes
        path = project.po_path("fr", f"news-{n:03d}")
        po = catalogs.load_catalog(path)
        for entry in po:
            entry.msgstr = {
                f"Cooperatives in {1900 + n}": f"Coopératives en {1900 + n + n % 2}",
                "Decent work matters.": "Le travail compte." if n % 2 else "Le travail décent compte.",
            }.get(entry.msgid, f"L'OIT a compté {n} 000 membres de [coopératives](https://www.ilo.org/{n}).")
        path.write_text(catalogs.render(po), encoding="utf-8")
    return project


def test_two_processes_report_exactly_what_one_does(tmp_path: Path) -> None:
    project = make_portal(tmp_path / "portal", 120)
    serial = run_checks(project, jobs=1)
    parallel = run_checks(Project.open(project.root), jobs=2)
    assert serial.findings  # the mistakes above are found...
    assert {f.check for f in serial.findings} >= {"numbers", "glossary-term"}
    assert parallel == serial  # ...in the same order, with the same coverage


def test_errors_keep_their_location_across_processes() -> None:
    error = ContentError("malformed front matter", path="content/a.md", line=3, hint="fix it")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy)) == (ContentError, str(error))
