"""Translation memory matching: sselocale against msgmerge's compendium and Translate Toolkit's pretranslate.

A memory of N reviewed units (default 100,000) and N/10 new units are
generated (news-like sentences with numbers; among the new units: exact
copies, copies with other numbers, light and heavy edits, and new text), and
written as a compendium (``compendium.po``) and a template (``new.pot``). Each
tool matches the new units against the memory in its own process:

- sselocale: reads both files, builds its index, looks every unit up;
- ``msgmerge -C compendium.po empty.po new.pot`` (GNU gettext);
- ``pretranslate --tm compendium.po -s 75 -t empty.po -i new.pot`` (Translate
  Toolkit; it needs a template, here an empty catalog).

Printed for each: wall time, peak memory (the process's maximum RSS) and how
many units got a suggestion whose memory source is at least 75% similar
(rapidfuzz's ratio, the same measure for all three), plus exact ones.

    python3 benchmarks/bench_memory.py                 # 100,000 / 10,000
    python3 benchmarks/bench_memory.py --size 20000    # smaller, for a slow tool
    python3 benchmarks/bench_memory.py --tools ours,msgmerge --timeout 1800
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMON = ("the of and in to a for on with by as at from is was were has have its their that this "
          "which new social solidarity economy cooperatives cooperative workers decent work members "
          "enterprises development sustainable international labour organization conference meeting "
          "resolution report government policy support local women youth rural informal").split()
SYLLABLES = "ka ri to me sa lu no pe vi da ro gi ne bu so ta mi fe lo za".split()


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def sentence(rng: random.Random, vocab: list[str]) -> str:
    n = rng.randint(8, 24)
    out = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.45:
            out.append(rng.choice(COMMON))
        elif roll < 0.5:
            out.append(str(rng.randint(1, 2030)))
        else:
            out.append(vocab[min(int(rng.paretovariate(0.9)) - 1, len(vocab) - 1)] if rng.random() < 0.3
                       else rng.choice(vocab))
    return " ".join(out).capitalize() + "."


def edit(rng: random.Random, text: str, vocab: list[str], changes: int) -> str:
    words = text.rstrip(".").split(" ")
    for _ in range(changes):
        i = rng.randrange(len(words))
        words[i] = rng.choice(vocab)
    return " ".join(words) + "."


def renumber(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    numbers = [i for i, w in enumerate(words) if w.rstrip(".").isdigit()]
    if not numbers:
        return text.rstrip(".") + f" in {rng.randint(1990, 2030)}."
    i = rng.choice(numbers)
    words[i] = str(rng.randint(1, 2030)) + ("." if words[i].endswith(".") else "")
    return " ".join(words)


def generate(size: int, folder: Path, seed: int = 7) -> dict[str, str]:
    """Write compendium.po and new.pot; return target → source of the memory."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    sources: dict[str, None] = {}
    while len(sources) < size:
        sources[sentence(rng, vocab)] = None
    memory = list(sources)
    targets = {f"[{i}] " + " ".join(reversed(s.split(" "))): s for i, s in enumerate(memory)}
    new: dict[str, None] = {}
    while len(new) < size // 10:
        base = rng.choice(memory)
        kind = rng.random()
        if kind < 0.2:
            text = base
        elif kind < 0.4:
            text = renumber(rng, base)
        elif kind < 0.7:
            text = edit(rng, base, vocab, rng.randint(1, 3))
        elif kind < 0.8:
            text = edit(rng, base, vocab, max(4, len(base.split()) // 3))
        else:
            text = sentence(rng, vocab)
        new[text] = None
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'
    with open(folder / "compendium.po", "w", encoding="utf-8") as out:
        out.write(header)
        for target, source in targets.items():
            out.write(f'msgid "{source}"\nmsgstr "{target}"\n\n')
    with open(folder / "new.pot", "w", encoding="utf-8") as out:
        out.write(header)
        for text in new:
            out.write(f'msgid "{text}"\nmsgstr ""\n\n')
    # The catalog being merged has no translation yet: every suggestion comes from the memory.
    (folder / "empty.po").write_text(header, encoding="utf-8")
    return targets


def ours(folder: Path) -> None:
    """The sselocale side, run in its own process: read, index, look up; write what was found."""
    from sselocale.memory import Matcher, Pair
    from sselocale.po import fastread

    pairs = (Pair(e.msgid, e.msgstr, "") for e in fastread.read_entries(folder / "compendium.po") if e.msgid)
    matcher = Matcher(pairs)
    found = {}
    for entry in fastread.read_entries(folder / "new.pot"):
        if entry.msgid:
            match = matcher.best(entry.msgid, threshold=75)
            if match is not None:
                found[entry.msgid] = match.pair.source
    (folder / "ours.json").write_text(json.dumps(found), encoding="utf-8")


def run(command: list[str], timeout: float) -> tuple[float, float, int, bool]:
    """Wall seconds, CPU seconds, peak RSS in MiB, and whether it finished, of one process.

    CPU time is printed too because wall time depends on what else the machine runs.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            _pid, status, usage = os.wait4(process.pid, 0)
            return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, False
        time.sleep(0.05)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command[0]} failed: {process.stderr.read().decode()[-2000:]}")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, True


def suggestions_from_po(path: Path, targets: dict[str, str]) -> dict[str, str]:
    """msgid → memory source of the suggestion a tool wrote into a PO file."""
    import polib

    out = {}
    for entry in polib.pofile(str(path)):
        if entry.msgid and entry.msgstr and entry.msgstr in targets:
            out[entry.msgid] = targets[entry.msgstr]
    return out


def tally(found: dict[str, str]) -> tuple[int, int]:
    from rapidfuzz import fuzz

    good = [m for m, s in found.items() if fuzz.ratio(m, s) >= 75]
    return len(good), sum(1 for m in good if found[m] == m)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="memory units (new units: a tenth)")
    parser.add_argument("--tools", default="ours,msgmerge,pretranslate")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per tool before giving up")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        ours(Path(args.worker))
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    try:
        targets = generate(args.size, folder)
        print(f"memory: {args.size:,} reviewed units; new: {args.size // 10:,} units"
              + ("" if args.size == 100_000 else "  (scaled with --size; the issue's figure is 100,000)"))
        commands = {
            "ours": [sys.executable, __file__, "--worker", str(folder)],
            "msgmerge": ["msgmerge", "--quiet", "--previous", "-C", str(folder / "compendium.po"),
                         "-o", str(folder / "msgmerge.po"), str(folder / "empty.po"), str(folder / "new.pot")],
            "pretranslate": [shutil.which("pretranslate") or "pretranslate", "--tm", str(folder / "compendium.po"),
                             "-s", "75", "--progress", "none", "-t", str(folder / "empty.po"),
                             "-i", str(folder / "new.pot"),
                             "-o", str(folder / "pretranslate.po")],
        }
        print(f"{'tool':<14}{'wall s':>10}{'CPU s':>10}{'peak MiB':>10}{'>=75%':>8}{'exact':>8}")
        for tool in args.tools.split(","):
            seconds, cpu, peak, finished = run(commands[tool], args.timeout)
            if not finished:
                print(f"{tool:<14}{'>' + format(seconds, '.1f'):>10}{cpu:>10.1f}{peak:>10}"
                      f"   did not finish in {args.timeout:.0f} s")
                continue
            if tool == "ours":
                found = json.loads((folder / "ours.json").read_text(encoding="utf-8"))
            else:
                found = suggestions_from_po(folder / f"{tool}.po", targets)
            matches, exact = tally(found)
            print(f"{tool:<14}{seconds:>10.1f}{cpu:>10.1f}{peak:>10}{matches:>8}{exact:>8}", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
