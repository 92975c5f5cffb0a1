"""Does work follow change? No-op runs, one changed article, and ``-j``, on a generated portal.

Generates a portal of 1,000 articles (the articles of ``bench_review.py``,
4 languages) in a temporary folder and times, side by side in one run, each
command in a fresh process:

- the first ``sync --no-translate`` with one process and with ``-j`` (one per
  CPU), on two copies of the portal: the speed-up;
- a second, no-op ``sync --no-translate``: its time over the first (target ≤ 10%);
- the first ``build`` and a no-op one (target ≤ 10%);
- ``sync --no-translate`` and ``build`` after one article changed, and which
  files they rewrote (target: that article's own files only);
- the no-op sync again with the state file deleted, to show what it saves.

    python3 benchmarks/bench_incremental.py [--articles 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_review import REPO, make_articles  # noqa: E402

CONFIG = """\
project: Benchmark portal
source_language: en
languages: [fr, es, pt, ru]
paths: {content: content, locales: locales, glossary: glossary/sse.yaml, build: build}
translation: {engines: [pseudo]}
release: {min_coverage: 0}
"""


def write_portal(root: Path, count: int) -> None:
    (root / "content").mkdir(parents=True)
    (root / "sselocale.yaml").write_text(CONFIG, encoding="utf-8")
    shutil.copytree(REPO / "glossary", root / "glossary")
    for slug, units in make_articles(count):
        body = "\n\n".join(text if kind == "paragraph" else f"## {text}" if kind == "heading" else f"- {text}"
                           for kind, text in units[2:])
        (root / "content" / f"{slug}.md").write_text(
            f'---\ntitle: "{units[0][1]}"\nsummary: "{units[1][1]}"\nslug: {slug}\n---\n\n{body}\n', encoding="utf-8")


def timed(root: Path, *args: str) -> float:
    sselocale = ["sselocale"] if shutil.which("sselocale") else [sys.executable, "-m", "sselocale"]
    start = time.perf_counter()
    subprocess.run([*sselocale, "-q", *args], cwd=root, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def snapshot(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*")
            if p.is_file() and ".sselocale" not in p.parts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--keep", type=Path, default=None, help="generate the portals here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="sselocale-incremental-"))
    try:
        one, many = work / "one", work / "many"
        write_portal(one, args.articles)
        shutil.copytree(one, many)
        cpus = len(os.sched_getaffinity(0))
        print(f"portal: {args.articles} articles × 4 languages; {cpus} CPUs, load {os.getloadavg()[0]:.1f}")
        first = timed(one, "sync", "--no-translate", "-j", "1")
        first_many = timed(many, "sync", "--no-translate")
        noop = timed(one, "sync", "--no-translate", "-j", "1")
        build = timed(one, "build", "-j", "1")
        build_many = timed(many, "build")
        noop_build = timed(one, "build", "-j", "1")
        shutil.rmtree(one / ".sselocale")
        stateless = timed(one, "sync", "--no-translate", "-j", "1")
        timed(one, "build", "-j", "1")  # the state again
        article = one / "content" / "news-0007.md"
        article.write_text(article.read_text(encoding="utf-8").replace("##", "## Changed:", 1), encoding="utf-8")
        before = snapshot(one)
        one_sync = timed(one, "sync", "--no-translate", "-j", "1")
        one_build = timed(one, "build", "-j", "1")
        rewritten = sorted(name for name, mtime in snapshot(one).items() if before.get(name) != mtime)

        rows = [
            ("first sync --no-translate, 1 process", first, ""),
            (f"first sync --no-translate, -j {cpus}", first_many, f"speed-up {first / first_many:.2f}×"),
            ("no-op sync --no-translate", noop, f"{noop / first:.1%} of the first, target ≤ 10%"),
            ("no-op sync, state file deleted", stateless, f"{stateless / first:.1%} of the first"),
            ("first build, 1 process", build, ""),
            (f"first build, -j {cpus}", build_many, f"speed-up {build / build_many:.2f}×"),
            ("no-op build", noop_build, f"{noop_build / build:.1%} of the first, target ≤ 10%"),
            ("sync after one article changed", one_sync, f"{one_sync / first:.1%} of the first"),
            ("build after one article changed", one_build, f"{one_build / build:.1%} of the first"),
        ]
        for name, seconds, note in rows:
            print(f"{name:42} {seconds:7.2f} s  {note}")
        print(f"files rewritten after one article changed ({len(rewritten)}): {', '.join(rewritten)}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
