"""Translation with an installed package: CTranslate2 model, tokenizer, batched windows.

Heavy modules (``ctranslate2``, ``sentencepiece``) are imported only when a
model is loaded, so probing and installing stay light.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ....config import ArgosOptions
from ....errors import EngineError
from ... import sentences
from ....source.doubles import new_doubles
from ...placeholders import Protected
from ...placeholders.tokens import TOKEN_PATTERN
from ..base import Engine, Hop, Offer, Output
from .packages import read_package

#: Sentences per submitted window, in batches of ``max_batch_size`` per worker.
#: A window is sorted by length into batches, so padding stays low; results
#: (and saved articles, and progress) come back a window at a time, and the
#: next window is queued while the previous one is collected.
WINDOW_BATCHES = 4
#: Hypotheses asked of CTranslate2 per sentence (at most the beam size).
HYPOTHESES = 4


def threads(options: ArgosOptions, cores: int | None = None) -> tuple[int, int]:
    """``(inter_threads, intra_threads)`` with 0 resolved for this machine.

    On a CPU several batches translated in parallel, one core each, beat one
    batch on several cores (less synchronisation): by default one batch per core,
    up to 4 (each batch in flight holds its own memory), and the cores left over
    shared among them. CTranslate2's own default would start 4 threads even on
    a 2-core machine.
    """
    if options.device == "cuda":
        return options.inter_threads or 1, options.intra_threads
    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    inter = options.inter_threads or min(cores, 4)
    return inter, options.intra_threads or max(1, cores // inter)


_BYTE = re.compile(r"<0x([0-9A-Fa-f]{2})>")


class _Model:
    """One package loaded: CTranslate2 translator and SentencePiece tokenizer."""

    def __init__(self, hop: Hop, options: ArgosOptions) -> None:
        import ctranslate2

        path = Path(hop.path)
        package = read_package(path)
        self.prefix = package.target_prefix if package else ""
        inter, intra = threads(options)
        try:
            self.translator = ctranslate2.Translator(
                str(path / "model"),
                device=options.device,
                compute_type=options.compute_type,
                inter_threads=inter,
                intra_threads=intra,
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(
                f"cannot load the Argos model: {exc}",
                path=path / "model",
                hint="reinstall the package with `sselocale models install`",
            ) from exc
        self.encode, self.decode = _tokenizer(path, hop)
        self.options = dict(
            beam_size=options.beam_size,
            max_batch_size=options.max_batch_size,
            batch_type="examples",
            max_decoding_length=options.max_decoding_length,
            # Argos' own settings: copy an unknown source token (our placeholders)
            # to where the model put <unk>, and a mild length penalty.
            replace_unknowns=True,
            length_penalty=0.2,
            # A few hypotheses to choose from: the best one that keeps every
            # placeholder and doubles no word is taken (see best()).
            num_hypotheses=min(HYPOTHESES, options.beam_size),
            return_scores=True,
        )

    def submit(self, tokens: list[list[str]], *, asynchronous: bool):
        prefix = [[self.prefix]] * len(tokens) if self.prefix else None
        return self.translator.translate_batch(
            tokens, target_prefix=prefix, asynchronous=asynchronous, **self.options
        )

    def text(self, hypothesis: list[str]) -> str:
        if self.prefix and hypothesis and hypothesis[0] == self.prefix:
            hypothesis = hypothesis[1:]
        return self.decode(hypothesis)

    def best(self, result, source: str) -> tuple[str, float | None]:
        """The best hypothesis that keeps every token of ``source`` and doubles no word, and its probability.

        CTranslate2 ranks hypotheses by score; the first one that keeps each
        protected span (a token of the source) exactly once and writes no word
        twice in a row that the source does not is taken, else the top one, and
        restoring reports what it lost.
        """
        tokens = Counter(ch for ch in source if TOKEN_PATTERN.match(ch))
        scores = list(getattr(result, "scores", None) or [])
        chosen = 0
        texts = [self.text(h) for h in result.hypotheses]
        for index, text in enumerate(texts):
            kept = Counter(ch for ch in text if TOKEN_PATTERN.match(ch))
            if kept == tokens and not new_doubles(source, text):
                chosen = index
                break
        score = None
        if chosen < len(scores):
            length = max(1, len(result.hypotheses[chosen]))
            score = math.exp(max(-50.0, scores[chosen] / length))
        return texts[chosen] if texts else "", score


def _tokenizer(path: Path, hop: Hop) -> tuple[Callable[[str], list[str]], Callable[[list[str]], str]]:
    sp_path = path / "sentencepiece.model"
    if sp_path.exists():
        import sentencepiece

        processor = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
        return (lambda text: processor.encode(text, out_type=str)), detokenize
    if (path / "bpe.model").exists():
        from argostranslate.tokenizer import BPETokenizer

        bpe = BPETokenizer(path / "bpe.model", hop.source, hop.target)
        return bpe.encode, bpe.decode
    raise EngineError("the Argos package has no tokenizer", path=path, hint="reinstall the package")


def detokenize(pieces: list[str]) -> str:
    """SentencePiece pieces back to text.

    Not ``SentencePieceProcessor.decode``: pieces the model copied from the
    source (placeholders, unknown characters) are not in the vocabulary, and
    the processor would turn them into ``⁇``. Byte-fallback pieces are decoded.
    """
    out: list[str] = []
    pending = bytearray()
    for piece in pieces:
        byte = _BYTE.fullmatch(piece)
        if byte:
            pending.append(int(byte.group(1), 16))
            continue
        if pending:
            out.append(pending.decode("utf-8", errors="replace"))
            pending.clear()
        if piece in ("<s>", "</s>", "<unk>", "<pad>"):
            continue
        out.append(piece.replace("▁", " "))
    if pending:
        out.append(pending.decode("utf-8", errors="replace"))
    return "".join(out).strip()


@dataclass(slots=True)
class _Window:
    """Units whose sentences were submitted together."""

    pieces: list[list[sentences.Piece]]
    results: list
    """The first model's asynchronous results, one per sentence to translate."""


class ArgosEngine(Engine):
    """Batched CTranslate2 inference over one or two packages (a pivot through English)."""

    def __init__(self, offer: Offer, options: ArgosOptions) -> None:
        super().__init__(offer)
        self.models = [_Model(hop, options) for hop in offer.hops]
        self.window = options.max_batch_size * WINDOW_BATCHES * threads(options)[0]

    def translate(self, units: Sequence[Protected]) -> Iterator[str]:
        queue: deque[_Window] = deque()
        group: list[list[sentences.Piece]] = []
        count = 0
        for unit in units:
            pieces = sentences.split(unit.text, self.offer.source)
            group.append(pieces)
            count += sum(p.translate for p in pieces)
            if count >= self.window:
                queue.append(self._submit(group))
                group, count = [], 0
                # One window in flight while the one before it is handed back.
                if len(queue) > 1:
                    yield from self._collect(queue.popleft())
        if group:
            queue.append(self._submit(group))
        while queue:
            yield from self._collect(queue.popleft())

    def _submit(self, group: list[list[sentences.Piece]]) -> _Window:
        texts = [p.text for pieces in group for p in pieces if p.translate]
        first = self.models[0]
        tokens = [first.encode(text) for text in texts]
        results = first.submit(tokens, asynchronous=True) if tokens else []
        return _Window(group, results)

    def _collect(self, window: _Window) -> Iterator[str]:
        first = self.models[0]
        sources = [p.text for pieces in window.pieces for p in pieces if p.translate]
        chosen = [first.best(r.result(), src) for r, src in zip(window.results, sources)]
        texts = [text for text, _ in chosen]
        scores = [[score] for _, score in chosen]
        for model in self.models[1:]:
            tokens = [model.encode(text) for text in texts]
            done = model.submit(tokens, asynchronous=False) if tokens else []
            chosen = [model.best(r, src) for r, src in zip(done, texts)]
            texts = [text for text, _ in chosen]
            for kept, (_, score) in zip(scores, chosen):
                kept.append(score)
        translated = iter(texts)
        scored = iter(scores)
        for pieces in window.pieces:
            text = sentences.join(pieces, translated)
            # A unit is as sure as its least sure sentence; a pivot multiplies its steps.
            steps = [next(scored) for p in pieces if p.translate]
            probabilities = [math.prod(s for s in step if s is not None) for step in steps]
            score = min(probabilities) if probabilities else None
            yield Output(text, score=score, words=len(text.split()))

    def close(self) -> None:
        self.models = []


def load(offer: Offer, options: ArgosOptions) -> Engine:
    return ArgosEngine(offer, options)
