"""How fast are ``sselocale status`` and ``sselocale check`` on a large portal?

Generates a portal of 1,000 articles × 4 languages (about 100,000 PO entries:
reviewed, fuzzy, untranslated and obsolete ones, with links, numbers, code,
glossary terms and a few deliberate mistakes) in a temporary folder, then
times, side by side in one run:

- ``sselocale status --format json`` and ``sselocale check`` (every check,
  the repository's glossary included);
- GNU ``msgfmt --statistics``, one process per file (what a per-file report
  needs), and one process per language over a file holding all its entries
  (concatenated before timing);
- Translate Toolkit's ``pocount`` over the same files.

The catalogs are brought up to date with ``sselocale sync --no-translate``
before anything is timed, as a real portal's are.

Each command runs ``--repeat`` times (best time kept) in a fresh process, and
its CPU time and peak memory (RSS) are read from the kernel. ``check`` also
runs without the glossary check (to show what the terminology check costs) and
on a tenth of the articles (to show that memory does not grow with the portal).

    python3 benchmarks/bench_review.py [--articles 1000] [--repeat 3] [--keep DIR]

Targets: check ≤ 3 × msgfmt --statistics (per file), and faster than pocount.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "es", "pt", "ru")

# Sentences built from the facts the sample articles use; {n}, {year}, {big}
# and {pct} vary per article so that every msgid is distinct.
SENTENCES = (
    "The International Labour Organization was founded in 1919 and its Cooperatives Unit in {year}.",
    "The Promotion of Cooperatives Recommendation, 2002 (No. 193) guides the work of {n} member States.",
    "More than {big} workers joined a cooperative in the region during {year}.",
    "The **social and solidarity economy** employs about {pct}% of the workforce in {n} countries.",
    "Read the [full report](https://www.ilo.org/global/topics/cooperatives/report-{n}.htm) for details.",
    "A platform cooperative lets drivers and couriers own the app they work through.",
    "Worker buy-outs saved {n} enterprises from closure between {year} and 2023.",
    "The UN General Assembly adopted a resolution on the social and solidarity economy on 18 April 2023.",
    "The 46th meeting of the UNTFSSE took place on 13 December 2023, {n} years after the first.",
    "Microfinance and microinsurance reached {big} members of mutual benefit societies.",
    "Run `sselocale sync` to prepare the translations of article {n}.",
    "Decent work for all remains at the heart of the ILO mandate in {year}.",
    "For questions, write to coop{n}@ilo.org or call the office.",
    "The 110th International Labour Conference held a general discussion on the SSE in June 2022.",
    "South-South and triangular cooperation helped {n} cooperatives share their experience.",
    "Statistics on cooperatives were discussed by the 21st International Conference of Labour Statisticians.",
    "An ILO SSE Academy was held in Turin with the ITCILO for {n} participants.",
    "Social enterprises in the informal economy gained access to credit worth {big} dollars.",
    "Cooperatives formalise informal economy workers and give them a voice.",
    "The budget grew by {pct}% to reach {big} euros in {year}.",
)
HEADINGS = (
    "Background", "What happened in {year}", "Key figures for article {n}", "Next steps",
    "Why it matters", "Voices from the field", "Further reading on topic {n}",
)


def make_articles(count: int, seed: int = 1) -> list[tuple[str, list[tuple[str, str]]]]:
    """``(slug, [(kind, text), ...])`` for each article, every text distinct within a language."""
    rng = random.Random(seed)
    seen: set[str] = set()
    articles = []

    def fill(template: str) -> str:
        while True:
            text = template.format(
                n=rng.randint(2, 999), year=rng.randint(1920, 2024), big=f"{rng.randint(1000, 999999):,}",
                pct=f"{rng.randint(1, 60)}.{rng.randint(1, 9)}",
            )
            if text not in seen:
                seen.add(text)
                return text
            template += " It was {n} days ago."

    for i in range(count):
        units = [("front matter: title", fill("SSE news item {n}: " + rng.choice(SENTENCES)[:40].rstrip() + "."))]
        units.append(("front matter: summary", fill(rng.choice(SENTENCES))))
        for _ in range(5):
            units.append(("heading", fill(rng.choice(HEADINGS))))
            for _ in range(rng.randint(2, 3)):
                units.append(("paragraph", fill(" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 4))))))
            if rng.random() < 0.5:
                units.append(("list item", fill(rng.choice(SENTENCES))))
        articles.append((f"news-{i:04d}", units))
    return articles


_ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçðéƒĝĥíĵķļɱñöþǫŕšţüṽŵẋýžÅƁÇÐÉƑĜĤÍĴĶĻṀÑÖÞǪŔŠŢÜṼŴẊÝŽ",
)
_KEEP = re.compile(r"(`[^`]*`|\]\([^)]*\)|https?://\S+|\S+@\S+|\ue000[^\ue001]*\ue001|\d[\d,.]*\d|\d)")


class Translator:
    """A stand-in translation: glossary terms in the target language, other words accented."""

    def __init__(self, glossary, lang: str) -> None:
        from babel.numbers import get_decimal_symbol, get_group_symbol

        self.lang = lang
        self.decimal = get_decimal_symbol(lang)
        self.group = get_group_symbol(lang)
        self.glossary = glossary

    def __call__(self, text: str) -> str:
        if self.glossary is not None:
            out, last = [], 0
            for match in self.glossary.find(text):
                if match.start < last:
                    continue
                term = match.concept.terms[self.lang]
                form = term.plural if match.plural and term.plural else term.text
                out += [text[last:match.start], f"\ue000{form}\ue001"]
                last = match.end
            text = "".join(out) + text[last:]
        parts = _KEEP.split(text)
        for i, part in enumerate(parts):
            if i % 2 == 0:
                parts[i] = part.translate(_ACCENTS)
            elif part[0].isdigit():
                parts[i] = self.number(part)
            elif part[0] == "\ue000":
                parts[i] = part[1:-1]
        return "".join(parts)

    def number(self, text: str) -> str:
        whole, _, fraction = text.partition(".")
        whole = whole.replace(",", self.group)
        return f"{whole}{self.decimal}{fraction}" if fraction else whole


def _po_string(keyword: str, text: str) -> str:
    """``keyword "text"``, wrapped as msgmerge wraps; ``#| msgid`` continues with ``#| "``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    prefix = "#| " if keyword.startswith("#|") else ""
    if len(escaped) + len(keyword) < 76:
        return f'{keyword} "{escaped}"\n'
    lines, line = [], ""
    for word in re.split(r"(?<= )", escaped):
        if len(line) + len(word) > 76 and line:
            lines.append(line)
            line = ""
        line += word
    lines.append(line)
    return f'{keyword} ""\n' + "".join(f'{prefix}"{chunk}"\n' for chunk in lines)


def write_portal(root: Path, count: int) -> int:
    """Write the project, its articles and catalogs; return the number of PO entries."""
    from sselocale.po.catalogs import language_header

    rng = random.Random(7)
    (root / "content").mkdir(parents=True)
    config = (REPO / "sselocale.yaml").read_text(encoding="utf-8")
    (root / "sselocale.yaml").write_text(config.replace("project: SSE portal", "project: Benchmark portal"),
                                         encoding="utf-8")
    glossary = None
    if (REPO / "glossary" / "sse.yaml").is_file():
        shutil.copytree(REPO / "glossary", root / "glossary")
        from sselocale.glossary import load_glossary

        glossary = load_glossary(root / "glossary" / "sse.yaml")
    articles = make_articles(count)
    for slug, units in articles:
        body = "\n\n".join(text if kind in ("paragraph",) else f"## {text}" if kind == "heading" else f"- {text}"
                           for kind, text in units[2:])
        (root / "content" / f"{slug}.md").write_text(
            f'---\ntitle: "{units[0][1]}"\nsummary: "{units[1][1]}"\nslug: {slug}\n---\n\n{body}\n',
            encoding="utf-8")
    entries = 0
    for lang in LANGUAGES:
        translate = Translator(glossary, lang)
        header = language_header("Benchmark portal", lang, pot_date="2026-01-01 00:00+0000",
                                 date="2026-01-01 00:00+0000")
        head = 'msgid ""\nmsgstr ""\n' + "".join(
            f'"{k}: {v}\\n"\n' for k, v in header.items()) + "\n"
        folder = root / "locales" / lang
        folder.mkdir(parents=True)
        for slug, units in articles:
            chunks = [f"# Translations of content/{slug}.md (Benchmark portal).\n", head]
            for line, (kind, text) in enumerate(units, start=2):
                roll = rng.random()
                chunks.append(f"#. {kind}\n#: content/{slug}.md:{line}\n")
                if roll < 0.15:
                    chunks.append(_po_string("msgid", text) + 'msgstr ""\n\n')
                    continue
                translation = translate(text)
                if roll < 0.35:
                    chunks.append(f"#, fuzzy\n{_po_string('#| msgid', text[: len(text) // 2])}")
                elif roll < 0.37:
                    translation = _mistake(rng, text, translation)
                chunks.append(_po_string("msgid", text) + _po_string("msgstr", translation) + "\n")
            chunks.append(f'#~ msgid "Removed unit of {slug}."\n#~ msgstr "{translate("Removed unit.")}"\n')
            (folder / f"{slug}.po").write_text("".join(chunks), encoding="utf-8")
            entries += len(units) + 1
    return entries


def _mistake(rng: random.Random, source: str, translation: str) -> str:
    """One of the problems review should catch."""
    choice = rng.randrange(5)
    if choice == 0:
        return re.sub(r"\d", "7", translation, count=1) if any(c.isdigit() for c in translation) else translation + " 42"
    if choice == 1:
        return translation.rstrip(".") + " <b>!</b>"
    if choice == 2:
        return source
    if choice == 3:
        return translation.replace("(", "", 1) if "(" in translation else "(" + translation
    return translation + " [more](javascript:alert(1))"


def measure(command: list[str], *, cwd: Path, repeat: int) -> tuple[float, float, int, int]:
    """Best wall time (s), its CPU time (s), peak RSS (KiB) and exit code of ``command``.

    Each run is a fresh process; CPU time (user + system, children included) is
    printed too because it moves less than wall time on a busy machine.
    """
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
        "wall = time.perf_counter() - t\n"
        "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(wall, use.ru_utime + use.ru_stime, use.ru_maxrss, rc)\n"
    )
    best, cpu, peak, code = float("inf"), 0.0, 0, 0
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", probe, *command], cwd=cwd, capture_output=True,
                             text=True, check=True).stdout.split()
        if float(out[0]) < best:
            best, cpu = float(out[0]), float(out[1])
        peak = max(peak, int(out[2]))
        code = int(out[3])
    return best, cpu, peak, code


def concatenate(root: Path, lang: str) -> Path:
    """All of a language's entries in one PO file (one header), for a single msgfmt process."""
    files = sorted((root / "locales" / lang).glob("*.po"))
    chunks = [files[0].read_text(encoding="utf-8")]
    for path in files[1:]:
        text = path.read_text(encoding="utf-8")
        chunks.append(text[text.index("\n\n", text.index('msgid ""')) + 2 :])
    out = root / "all" / f"{lang}.po"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(chunks), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="generate the portal here and keep it")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="sselocale-bench-"))
    root = work / "portal"
    try:
        sselocale = ["sselocale"] if shutil.which("sselocale") else [sys.executable, "-m", "sselocale"]
        t = time.perf_counter()
        entries = write_portal(root, args.articles)
        # The catalogs as `sync` leaves them (templates, X-Source-Digest): a portal
        # whose catalogs are stale is reported as such and its checks do not run.
        subprocess.run(sselocale + ["sync", "--no-translate", "-q"], cwd=root, check=True)
        files = sorted((root / "locales").glob("*/*.po"))
        for lang in LANGUAGES:
            concatenate(root, lang)
        print(f"portal: {args.articles} articles × {len(LANGUAGES)} languages, {len(files)} PO files, "
              f"{entries} entries (generated in {time.perf_counter() - t:.1f} s); "
              f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
        tenth = max(1, args.articles // 10)
        runs = {
            "sselocale status --format json": sselocale + ["status", "--format", "json"],
            "sselocale check (all checks)": sselocale + ["check"],
            "sselocale check --skip glossary-term": sselocale + ["check", "--skip", "glossary-term"],
            f"sselocale check, {tenth} articles only": sselocale + [
                "check", "--article", ",".join(f"news-{i:04d}" for i in range(tenth))],
            "msgfmt --statistics, one process per file": [
                "sh", "-c", 'for f in locales/*/*.po; do msgfmt --statistics -o /dev/null "$f" 2>/dev/null; done'],
            "msgfmt --statistics, one process per language": [
                "sh", "-c", "for l in " + " ".join(LANGUAGES)
                + '; do msgfmt --statistics -o /dev/null all/$l.po 2>/dev/null; done'],
            "pocount --short (Translate Toolkit)": ["pocount", "--short", "locales"],
        }
        results: dict[str, tuple[float, float]] = {}
        print(f"{'':52} {'wall':>8} {'CPU':>8} {'peak RSS':>10}  exit")
        for name, command in runs.items():
            if shutil.which(command[0]) is None:
                print(f"{name}: skipped, {command[0]} is not installed")
                continue
            wall, cpu, rss, code = measure(command, cwd=root, repeat=args.repeat)
            results[name] = (wall, cpu)
            print(f"{name:52} {wall:7.2f}s {cpu:7.2f}s {rss / 1024:7.0f} MiB  {code}")
        _check_outputs(root, sselocale)
        print("\nratios (wall time; CPU time in brackets):")
        baselines = [("msgfmt per file", "msgfmt --statistics, one process per file", "target ≤ 3"),
                     ("msgfmt per language", "msgfmt --statistics, one process per language", ""),
                     ("pocount", "pocount --short (Translate Toolkit)", "target < 1")]
        for name in ("sselocale status --format json", "sselocale check (all checks)",
                     "sselocale check --skip glossary-term"):
            wall, cpu = results[name]
            parts = []
            for label, base, target in baselines:
                if base in results:
                    b_wall, b_cpu = results[base]
                    note = f", {target}" if target else ""
                    parts.append(f"{wall / b_wall:.2f}× ({cpu / b_cpu:.2f}×) {label}{note}")
            print(f"  {name}: " + "; ".join(parts))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _check_outputs(root: Path, sselocale: list[str]) -> None:
    """Print what the timed commands found, so the work they did is visible."""
    status = json.loads(subprocess.run(sselocale + ["status", "--format", "json"], cwd=root,
                                       capture_output=True, text=True, check=True).stdout)
    total = {k: sum(v[k] for v in status["languages"].values())
             for k in ("total", "translated", "fuzzy", "untranslated", "obsolete")}
    print(f"status counted: {total}; stale catalogs: {len(status['stale'])}")
    if status["stale"]:
        raise SystemExit("the generated portal is stale: the checks would not run on it")
    report = json.loads(subprocess.run(sselocale + ["check", "--format", "json"], cwd=root,
                                       capture_output=True, text=True).stdout)
    by_check: dict[str, int] = {}
    for finding in report["findings"]:
        by_check[finding["check"]] = by_check.get(finding["check"], 0) + 1
    print(f"check found: {report['summary']}; by check: {dict(sorted(by_check.items()))}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
