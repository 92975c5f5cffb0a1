"""Machine translation on a GPU: sentences per second against the CPU, and the same output.

Builds the test suite's synthetic Argos model (Transformer-base size, seeded
random weights, see ``tests/argos_package.py``), splits the sample articles
into sentences and translates them with greedy decoding (beam 1), with
CTranslate2 loading the package's model as sselocale's Argos engine does,
once per setting:

- ``device: cpu``, ``compute_type: int8`` (the CPU default), the reference;
- ``device: cuda`` with ``float16`` and with ``int8_float16``, when CTranslate2
  sees a CUDA device.

Printed per setting: seconds, sentences per second, the ratio to the CPU, and
how many sentences came out token for token the same as the CPU's (float16
arithmetic may change a few greedy choices on random weights; the count shows
how many). Where no GPU is present it says so and times the CPU alone.

    python3 benchmarks/bench_gpu.py [--sentences 2000] [--tiny]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))


def sentences(count: int) -> list[str]:
    from sselocale.mt import sentences as split
    from sselocale.source.workspace import Project

    project = Project.open(REPO)
    found = [p.text for a in project.articles for u in project.units(a) for p in split.split(u.text, "en")
             if p.translate and p.text.strip()]
    return [found[i % len(found)] for i in range(count)]


def run(package: Path, texts: list[str], device: str, compute_type: str) -> tuple[float, list[list[str]]]:
    import ctranslate2
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    tokens = [processor.encode(t, out_type=str) for t in texts]
    translator = ctranslate2.Translator(str(package / "model"), device=device, compute_type=compute_type)
    translator.translate_batch(tokens[:8], beam_size=1, max_decoding_length=32)  # warm-up
    started = time.perf_counter()
    results = translator.translate_batch(tokens, beam_size=1, max_batch_size=64, max_decoding_length=32)
    seconds = time.perf_counter() - started
    return seconds, [r.hypotheses[0] for r in results]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--tiny", action="store_true", help="a tiny model, to check the script quickly")
    args = parser.parse_args()

    import argos_package
    import ctranslate2

    work = Path(tempfile.mkdtemp(prefix="sselocale-gpu-"))
    size = argos_package.TINY if args.tiny else argos_package.BASE
    archive = argos_package.build_package(work / "build", size=size)
    package = work / "build" / archive.stem
    texts = sentences(args.sentences)
    gpus = ctranslate2.get_cuda_device_count()
    print(f"{len(texts)} sentences, greedy decoding, {'tiny' if args.tiny else 'Transformer-base'} model; "
          f"CUDA devices: {gpus}")
    cpu_seconds, reference = run(package, texts, "cpu", "int8")
    print(f"{'cpu int8':24} {cpu_seconds:8.2f} s {len(texts) / cpu_seconds:9.1f} sentences/s   1.00×")
    if not gpus:
        print("no CUDA device: the cuda settings were not run")
        return
    for compute_type in ("float16", "int8_float16"):
        seconds, output = run(package, texts, "cuda", compute_type)
        same = sum(a == b for a, b in zip(output, reference, strict=True))
        print(f"{'cuda ' + compute_type:24} {seconds:8.2f} s {len(texts) / seconds:9.1f} sentences/s "
              f"{cpu_seconds / seconds:6.2f}×  same output as the CPU: {same}/{len(texts)}")


if __name__ == "__main__":
    main()
