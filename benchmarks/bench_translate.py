"""Machine translation throughput: sselocale against Argos Translate and the CTranslate2 limit.

A synthetic Argos package of a real model's size (Transformer-base: 6+6 layers,
d_model 512, 8 heads, FFN 2048, 32k vocabulary, int8) is built with the test
suite's builder, and the same paragraphs are translated, round after round, by:

  (a) Argos Translate's own ``translate()``, one paragraph per call, with its
      default settings (32-token batches, its thread defaults). Offline, its
      sentence splitter would try to download a model, so its sentencizer's
      ``split_sentences`` is replaced by sselocale's pysbd splitter
      (``sselocale.sentences.split``), which is all that changes;
  (b) ``sselocale translate`` end to end: a new process on a generated project,
      from start-up to the last PO file written, with the project's decoding
      options (``sselocale.yaml``);
  (c) one ``translate_batch`` call over the same sentences as (b), tokenized
      beforehand, with the best thread settings found for this machine: the
      limit of the hardware.

Decoding is identical (beam 4, length penalty 0.2, unknowns replaced) and the
output length is fixed (``min_decoding_length == max_decoding_length``) so that
random weights do comparable work; for (b), which has no minimum length option,
the script checks that the random model never ends a sentence early. Each mode
runs in its own process, whose peak RSS (``VmHWM``) is watched from outside.

    python3 benchmarks/bench_translate.py                 # 240 paragraphs, 2 rounds
    python3 benchmarks/bench_translate.py --paragraphs 60 --rounds 1

Targets: b/a >= 5, b/c >= 0.85, peak RSS of (b) under 1 GiB, ``sselocale --help`` under 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "src"))

SOURCE, TARGET = "en", "fr"
BEAM = 4
THREAD_CHOICES = ((1, 2), (2, 1))
BATCH_CHOICES = (16, 32, 64)
TARGETS = {"b/a": 5.0, "b/c": 0.85, "rss_mib": 1024.0, "help_s": 0.5}


# --- set-up -------------------------------------------------------------------

def paragraphs(count: int) -> list[str]:
    """``count`` distinct paragraphs from the sample articles (variants when more are asked for)."""
    from sselocale.project import Project
    from sselocale.source.units import UnitKind

    project = Project.open(REPO)
    prose = [
        unit.text
        for article in project.articles
        for unit in project.units(article)
        if unit.kind in (UnitKind.PARAGRAPH, UnitKind.LIST_ITEM, UnitKind.BLOCKQUOTE) and "\n" not in unit.text
    ]
    leads = ["", "Update: ", "In brief: ", "Background: ", "Note: ", "Looking back: "]
    out: list[str] = []
    for lead in leads:
        out += [lead + text for text in prose]
        if len(out) >= count:
            break
    return list(dict.fromkeys(out))[:count]


CONFIG = """\
project: Benchmark
source_language: {source}
languages: [{target}]
translation:
  engines: [argos]
  argos:
    beam_size: {beam}
    max_batch_size: {batch}
    inter_threads: {inter}
    intra_threads: {intra}
    device: cpu
    compute_type: auto
    max_decoding_length: {length}
"""


def make_project(root: Path, texts: list[str], length: int) -> None:
    """A project whose articles hold ``texts``, 20 paragraphs each, with PO files ready.

    Its decoding options are the defaults every new project gets, but the length.
    """
    from sselocale.config import ArgosOptions

    defaults = ArgosOptions()
    (root / "content").mkdir(parents=True)
    (root / "sselocale.yaml").write_text(
        CONFIG.format(
            source=SOURCE, target=TARGET, beam=BEAM, length=length, batch=defaults.max_batch_size,
            inter=defaults.inter_threads, intra=defaults.intra_threads,
        ),
        encoding="utf-8",
    )
    for start in range(0, len(texts), 20):
        number = start // 20 + 1
        body = "\n\n".join(texts[start:start + 20])
        (root / "content" / f"bench-{number:02d}.md").write_text(
            f"---\nslug: bench-{number:02d}\n---\n\n{body}\n", encoding="utf-8"
        )
    run_cli(root, "sync", "--no-translate", "-q")


def cli() -> list[str]:
    """The ``sselocale`` console script of this interpreter, as users run it."""
    script = Path(sys.executable).parent / "sselocale"
    found = str(script) if script.exists() else shutil.which("sselocale")
    if found is None:
        raise SystemExit("sselocale is not installed: pip install -e .")
    return [found]


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*cli(), "-C", str(root), *args],
        capture_output=True, text=True, check=True, env=os.environ.copy(),
    )


def argos_env(work: Path) -> None:
    """Point Argos Translate at the benchmark's own folders (read when it is imported)."""
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")):
        os.environ[var] = str(work / "argos" / sub)
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "argos" / "packages")
    (work / "argos" / "packages").mkdir(parents=True, exist_ok=True)


# --- the three modes, each in its own process --------------------------------

def child_argos(work: Path, texts: list[str], length: int) -> dict:
    """(a) Argos Translate's translate(), per paragraph, default settings."""
    import ctranslate2
    from argostranslate import sbd, settings
    from argostranslate import translate as argos_translate

    from sselocale.mt import sentences

    def split_sentences(self, text: str) -> list[str]:
        return [p.text + p.after for p in sentences.split(text, SOURCE)]

    for name in ("MiniSBDSentencizer", "StanzaSentencizer", "SpacySentencizerSmall"):
        setattr(getattr(sbd, name), "split_sentences", split_sentences)
    started = time.perf_counter()
    translation = argos_translate.get_translation_from_codes(SOURCE, TARGET)
    package_translation = translation.underlying
    # What PackageTranslation.hypotheses() would build, with the length fixed.
    translator = ctranslate2.Translator(
        str(package_translation.pkg.package_path / "model"),
        device=settings.device,
        inter_threads=settings.inter_threads,
        intra_threads=settings.intra_threads,
        compute_type=settings.compute_type,
    )
    package_translation.translator = _FixedLength(translator, length)
    for text in texts:
        argos_translate.translate(text, SOURCE, TARGET)
    seconds = time.perf_counter() - started
    count = sum(sum(p.translate for p in sentences.split(t, SOURCE)) for t in texts)
    return {"seconds": seconds, "sentences": count}


class _FixedLength:
    """A CTranslate2 translator whose outputs all have the same length."""

    def __init__(self, translator, length: int) -> None:
        self.translator = translator
        self.length = length

    def translate_batch(self, *args, **kwargs):
        kwargs.update(min_decoding_length=self.length, max_decoding_length=self.length)
        return self.translator.translate_batch(*args, **kwargs)


def pipeline_sentences(texts: list[str]) -> list[str]:
    """The sentences ``sselocale translate`` sends to the model for ``texts``."""
    from sselocale.mt import sentences
    from sselocale.mt.placeholders import protect

    return [p.text for t in texts for p in sentences.split(protect(t).text, SOURCE) if p.translate]


def child_raw(work: Path, texts: list[str], length: int) -> dict:
    """(c) translate_batch over pre-tokenized sentences, with the settings of the sweep."""
    import ctranslate2

    package, tokens = _pretokenized(work, texts)
    inter, intra, batch = json.loads((work / "sweep.json").read_text())["best"]
    translator = ctranslate2.Translator(str(package / "model"), inter_threads=inter, intra_threads=intra)
    started = time.perf_counter()
    translator.translate_batch(tokens, max_batch_size=batch, min_decoding_length=length, **_options(length))
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "sentences": len(tokens),
        "settings": f"inter_threads={inter} intra_threads={intra} max_batch_size={batch}",
    }


def child_sweep(work: Path, texts: list[str], length: int) -> dict:
    """Find the fastest thread settings and batch size for (c) on a sample of sentences."""
    import ctranslate2

    package, tokens = _pretokenized(work, texts)
    sample = tokens[:128]
    rates: dict[tuple[int, int, int], float] = {}
    translators = {
        threads: ctranslate2.Translator(str(package / "model"), inter_threads=threads[0], intra_threads=threads[1])
        for threads in THREAD_CHOICES
    }
    for _pass in range(2):  # interleaved passes, the best of each: other load comes and goes
        for (inter, intra), translator in translators.items():
            for batch in BATCH_CHOICES:
                started = time.perf_counter()
                translator.translate_batch(sample, max_batch_size=batch, min_decoding_length=length, **_options(length))
                rate = len(sample) / (time.perf_counter() - started)
                rates[inter, intra, batch] = max(rate, rates.get((inter, intra, batch), 0.0))
    del translators
    best = max(rates, key=rates.get)
    # (b) has no minimum length option: check that the random model never stops early.
    translator = ctranslate2.Translator(str(package / "model"), inter_threads=best[0], intra_threads=best[1])
    free = translator.translate_batch(sample[:32], max_batch_size=best[2], **_options(length))
    early = sum(len(r.hypotheses[0]) < length for r in free)
    return {"best": best, "rates": [(round(r, 1), s) for s, r in rates.items()], "early_stops": early}


def _options(length: int) -> dict:
    return dict(beam_size=BEAM, length_penalty=0.2, replace_unknowns=True, max_decoding_length=length)


def _pretokenized(work: Path, texts: list[str]):
    import sentencepiece

    package = next((work / "argos" / "packages").iterdir())
    processor = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    return package, [processor.encode(s, out_type=str) for s in pipeline_sentences(texts)]


def watch(process: subprocess.Popen) -> float:
    """Wait for ``process``; return its peak RSS in MiB.

    Read from ``VmHWM`` while it runs: ``wait4``'s ``ru_maxrss`` would count the
    parent's memory at fork time as the child's.
    """
    peak = 0
    status = Path(f"/proc/{process.pid}/status")
    while process.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    return peak / 1024


def run_child(mode: str, work: Path, length: int) -> dict:
    """Run one mode in a fresh process; its result plus its peak RSS."""
    out = work / f"{mode}.json"
    command = [sys.executable, __file__, "--child", mode, "--work", str(work), "--length", str(length)]
    process = subprocess.Popen(command, env=os.environ.copy())
    rss = watch(process)
    if process.returncode != 0:
        raise SystemExit(f"mode {mode} failed (status {process.returncode})")
    result = json.loads(out.read_text())
    result["rss_mib"] = rss
    return result


def run_sselocale(work: Path) -> dict:
    """(b) ``sselocale translate`` end to end, on fresh copies of the PO files."""
    project = work / "project"
    shutil.rmtree(project / "locales" / TARGET)
    shutil.copytree(work / "pristine", project / "locales" / TARGET)
    command = [*cli(), "-C", str(project), "translate", "-q"]
    output = work / "b.out"
    with output.open("w") as stdout:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=os.environ.copy(), stdout=stdout)
        rss = watch(process)
        seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"sselocale translate failed: {output.read_text()}")
    texts = json.loads((work / "texts.json").read_text())
    return {
        "seconds": seconds,
        "sentences": len(pipeline_sentences(texts)),
        "rss_mib": rss,
        "filled": filled_entries(project),
        "summary": output.read_text().strip(),
    }


def filled_entries(project: Path) -> int:
    from sselocale.po import catalogs

    return sum(
        catalogs.count(catalogs.load_catalog(path)).fuzzy
        for path in (project / "locales" / TARGET).glob("*.po")
    )


def help_seconds(repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([*cli(), "--help"], capture_output=True, check=True)
        best = min(best, time.perf_counter() - started)
    return best


# --- main ---------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=240)
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds; the best time of each mode counts")
    parser.add_argument("--length", type=int, default=32, help="output tokens per sentence")
    parser.add_argument("--tiny", action="store_true", help="a tiny model, to check the script quickly")
    parser.add_argument("--modes", default="abc", help="which modes to run, e.g. bc to skip the slow (a)")
    parser.add_argument("--keep", type=Path, help="keep the work folder here")
    parser.add_argument("--child", choices=["a", "c", "sweep"], help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        texts = json.loads((args.work / "texts.json").read_text())
        run = {"a": child_argos, "c": child_raw, "sweep": child_sweep}[args.child]
        result = run(args.work, texts, args.length)
        (args.work / f"{args.child}.json").write_text(json.dumps(result))
        return

    work = Path(args.keep or tempfile.mkdtemp(prefix="sselocale-bench-translate-"))
    work.mkdir(parents=True, exist_ok=True)
    argos_env(work)
    import argos_package

    size = argos_package.TINY if args.tiny else argos_package.BASE
    print(f"building a {'tiny' if args.tiny else 'Transformer-base int8'} Argos package ...", flush=True)
    started = time.perf_counter()
    archive = argos_package.build_package(work / "build", source=SOURCE, target=TARGET, size=size)
    print(f"  {archive.stat().st_size / 2**20:.0f} MiB in {time.perf_counter() - started:.1f} s")
    argos_package.install(archive)
    texts = paragraphs(args.paragraphs)
    (work / "texts.json").write_text(json.dumps(texts))
    make_project(work / "project", texts, args.length)
    shutil.copytree(work / "project" / "locales" / TARGET, work / "pristine")
    print(f"{len(texts)} paragraphs, {len(pipeline_sentences(texts))} sentences, "
          f"{args.length} output tokens each, {os.cpu_count()} CPUs; {args.rounds} interleaved rounds")

    sweep = run_child("sweep", work, args.length) if "c" in args.modes else {}
    (work / "sweep.json").write_text(json.dumps(sweep))
    if sweep:
        rates = ", ".join(f"{tuple(s)} {r}" for r, s in sweep["rates"])
        print(f"  sweep for (c), sent/s by (inter_threads, intra_threads, max_batch_size): {rates}")
    modes = [m for m in "abc" if m in args.modes]
    results: dict[str, list[dict]] = {mode: [] for mode in modes}
    for round_ in range(1, args.rounds + 1):
        for mode in modes:
            result = run_sselocale(work) if mode == "b" else run_child(mode, work, args.length)
            results[mode].append(result)
            print(f"  round {round_} ({mode}): {result['seconds']:.1f} s", flush=True)

    best = {mode: min(runs, key=lambda r: r["seconds"]) for mode, runs in results.items()}
    rate = {mode: r["sentences"] / r["seconds"] for mode, r in best.items()}
    names = {
        "a": "argostranslate translate(), per paragraph",
        "b": "sselocale translate, end to end",
        "c": "translate_batch, pre-tokenized (limit)",
    }
    print()
    print(f"{'mode':<46} {'sentences':>9} {'seconds':>8} {'sent/s':>8} {'peak RSS':>10}")
    for mode in modes:
        r = best[mode]
        rss = max(x["rss_mib"] for x in results[mode])
        print(f"({mode}) {names[mode]:<42} {r['sentences']:>9} {r['seconds']:>8.1f} {rate[mode]:>8.1f} {rss:>7.0f} MiB")
    if "c" in best:
        print(f"(c) settings: {best['c']['settings']}; without a minimum length the random model "
              f"stopped early {sweep['early_stops']} times in 32 sentences")
    if "b" in best:
        print(f"(b) filled {best['b']['filled']} entries: {best['b']['summary']}")
    figures = {"help_s": help_seconds()}
    paired: dict[str, float] = {}
    if "b" in best:
        figures["rss_mib"] = max(x["rss_mib"] for x in results["b"])
        for other in ("a", "c"):
            if other in best:
                figures[f"b/{other}"] = rate["b"] / rate[other]
                # Each round's (b) against the (a) or (c) run next to it: load that
                # comes and goes affects both sides of a pair alike.
                per_round = [b["sentences"] / b["seconds"] / (o["sentences"] / o["seconds"])
                             for b, o in zip(results["b"], results[other])]
                paired[f"b/{other}"] = statistics.median(per_round)
                print(f"b/{other} round by round: " + ", ".join(f"{x:.2f}" for x in per_round))
    print()
    for key in ("b/a", "b/c", "rss_mib", "help_s"):
        if key not in figures:
            continue
        value, target = figures[key], TARGETS[key]
        unit = {"rss_mib": " MiB", "help_s": " s"}.get(key, "")
        label = {"rss_mib": "peak RSS (b)", "help_s": "sselocale --help"}.get(key, key)
        if key.startswith("b/"):
            median = paired[key]
            verdict = f"best times {'ok' if value >= target else 'MISSED'}, rounds {'ok' if median >= target else 'MISSED'}"
            print(f"{label:<18} {value:8.2f} (best times), {median:.2f} (median of rounds)   target >= {target:g}   {verdict}")
        else:
            print(f"{label:<18} {value:8.2f}{unit}   target < {target:g}{unit}   {'ok' if value < target else 'MISSED'}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
