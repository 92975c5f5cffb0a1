"""Build a real Argos Translate package with random weights, offline, in seconds.

The package is what ``argostranslate.package.install_from_path`` expects: a zip
archive (``.argosmodel``) of one folder holding ``metadata.json``,
``sentencepiece.model`` and a CTranslate2 ``model/``. The tokenizer is trained on
the text it is given; the Transformer gets every weight from a seeded numpy
generator, so the model is valid and deterministic but says nonsense. Random
weights never predict end-of-sentence, so callers bound ``max_decoding_length``.

Two sizes: :data:`TINY` for tests (builds in well under a second) and
:data:`BASE`, the size of a real Argos model (Transformer-base, int8), for the
benchmark.

    >>> archive = build_package(tmp, corpus=lines, source="en", target="fr")

Tests install it with :func:`argos_home` (a fixture that points Argos Translate
at a temporary package folder) and :func:`install`.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class ModelSize:
    """Shape of the Transformer and of its vocabulary."""

    layers: int
    """Encoder layers, and as many decoder layers."""
    d_model: int
    heads: int
    ffn: int
    vocab: int
    """Vocabulary size; tokenizer pieces first, then filler tokens up to this size."""
    quantization: str | None
    """CTranslate2 weight quantization, e.g. ``"int8"``; None keeps float32."""


TINY = ModelSize(layers=2, d_model=64, heads=4, ffn=128, vocab=0, quantization=None)
BASE = ModelSize(layers=6, d_model=512, heads=8, ffn=2048, vocab=32000, quantization="int8")


def corpus_from_content(root: Path = REPO) -> list[str]:
    """Non-empty lines of the sample articles: text to train a tokenizer on."""
    lines: list[str] = []
    for path in sorted((root / "content").glob("*.md")):
        lines.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def train_tokenizer(corpus: Iterable[str], *, vocab_size: int = 8000) -> bytes:
    """A unigram SentencePiece model; the trainer caps the vocabulary by what the text holds."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(corpus)),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        hard_vocab_limit=False,
        character_coverage=1.0,
        # Argos' own vocabularies: 0 <unk>, 1 <s>, 2 </s>.
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        minloglevel=2,
    )
    return model.getvalue()


def vocabulary(sp_model: bytes, size: int) -> list[str]:
    """The tokenizer's pieces, padded with filler tokens up to ``size``."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    return pieces + [f"<filler_{i}>" for i in range(max(0, size - len(pieces)))]


def build_model(folder: Path, tokens: list[str], *, size: ModelSize, seed: int) -> None:
    """Write a CTranslate2 Transformer with seeded random weights to ``folder``."""
    import numpy as np
    from ctranslate2.specs import TransformerSpec

    spec = TransformerSpec.from_config((size.layers, size.layers), size.heads)
    spec.config.decoder_start_token = "<s>"
    rng = np.random.default_rng(seed)
    for name, shape in _weight_shapes(spec, size, len(tokens)):
        if name.endswith("gamma"):
            value = np.ones(shape, dtype=np.float32)
        elif name.endswith(("beta", "bias")):
            value = np.zeros(shape, dtype=np.float32)
        else:
            value = rng.normal(0.0, 0.08, shape).astype(np.float32)
        _set(spec, name, value)
    spec.register_source_vocabulary(tokens)
    spec.register_target_vocabulary(tokens)
    spec.validate()
    spec.optimize(quantization=size.quantization)
    folder.mkdir(parents=True, exist_ok=True)
    spec.save(str(folder))


def _weight_shapes(spec, size: ModelSize, vocab: int) -> Iterator[tuple[str, tuple[int, ...]]]:
    """Every weight the Transformer needs and its shape, named by its spec path."""
    d, ffn = size.d_model, size.ffn
    names: list[str] = []
    spec._visit(lambda _layer, name, value: names.append(name) if value is None or _is_bias(name) else None)
    for name in names:
        parts = name.split("/")
        leaf, layer = parts[-1], parts[-2]
        if leaf in ("gamma", "beta"):
            yield name, (d,)
        elif "embeddings" in layer or layer == "projection":
            yield name, (vocab, d) if leaf == "weight" else (vocab,)
        elif parts[-3] == "ffn":
            rows, cols = (ffn, d) if layer == "linear_0" else (d, ffn)
            yield name, (rows, cols) if leaf == "weight" else (rows,)
        else:
            out = _attention_rows(parts[-3], layer, d)
            yield name, (out, d) if leaf == "weight" else (out,)


def _is_bias(name: str) -> bool:
    return name.endswith("/bias")


def _attention_rows(block: str, layer: str, d: int) -> int:
    # Self-attention fuses Q, K and V in linear_0; encoder-decoder attention keeps
    # the query apart (linear_0) and fuses K and V (linear_1).
    if block == "self_attention":
        return 3 * d if layer == "linear_0" else d
    return 2 * d if layer == "linear_1" else d


def _set(spec, name: str, value) -> None:
    target = spec
    *path, leaf = name.split("/")
    for part in path:
        if hasattr(target, part):
            target = getattr(target, part)
        else:  # lists of sub-layers are named ``layer_0``, ``linear_1``, ...
            base, _, index = part.rpartition("_")
            target = getattr(target, base)[int(index)]
    setattr(target, leaf, value)


def build_package(
    dest: Path,
    *,
    corpus: Iterable[str] | None = None,
    source: str = "en",
    target: str = "fr",
    version: str = "1.9",
    size: ModelSize = TINY,
    seed: int = 0,
    sp_model: bytes | None = None,
) -> Path:
    """Build ``translate-<source>_<target>-<version>.argosmodel`` in ``dest``; return its path.

    ``sp_model`` reuses a trained tokenizer (several packages from one training);
    otherwise one is trained on ``corpus`` (default: the sample articles).
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    name = f"translate-{source}_{target}-{version.replace('.', '_')}"
    folder = dest / name
    folder.mkdir()
    if sp_model is None:
        sp_model = train_tokenizer(corpus if corpus is not None else corpus_from_content())
    (folder / "sentencepiece.model").write_bytes(sp_model)
    tokens = vocabulary(sp_model, size.vocab)
    build_model(folder / "model", tokens, size=size, seed=seed)
    metadata = {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": source,
        "from_name": source,
        "to_code": target,
        "to_name": target,
        "type": "translate",
        "links": [],
    }
    (folder / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    archive = dest / f"{name}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, path.relative_to(dest).as_posix())
    return archive


def point_argos_at(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make Argos Translate read and install packages in ``folder``, and never go online.

    Settings are read from the environment when ``argostranslate.settings`` is
    first imported, so both the environment and the module are patched.
    """
    packages = folder / "packages"
    packages.mkdir(parents=True, exist_ok=True)
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(var, str(folder / sub))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    from argostranslate import settings

    monkeypatch.setattr(settings, "package_data_dir", packages)
    monkeypatch.setattr(settings, "package_dirs", [packages])
    monkeypatch.setattr(settings, "downloads_dir", folder / "downloads")
    monkeypatch.setattr(settings, "local_package_index", folder / "index.json")
    # A port on the loopback interface where nothing listens: refused at once.
    monkeypatch.setattr(settings, "remote_package_index", "http://127.0.0.1:9/index.json")
    return packages


@pytest.fixture
def argos_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Argos Translate package folder for one test; returns it."""
    return point_argos_at(tmp_path / "argos", monkeypatch)


@pytest.fixture(scope="session")
def tiny_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny ``.argosmodel`` archives (en→fr, en→pb, en→ru, fr→en), built once per session."""
    dest = tmp_path_factory.mktemp("argosmodels")
    sp_model = train_tokenizer(corpus_from_content())
    pairs = {"fr": ("en", "fr"), "pb": ("en", "pb"), "ru": ("en", "ru"), "fr-en": ("fr", "en")}
    return {
        key: build_package(dest / key, source=src, target=tgt, sp_model=sp_model, seed=i)
        for i, (key, (src, tgt)) in enumerate(pairs.items())
    }


def install(archive: Path) -> Path:
    """Install ``archive`` with Argos Translate's own installer; return the package folder."""
    from argostranslate import package, settings

    package.install_from_path(archive)
    with zipfile.ZipFile(archive) as zf:
        top = zf.namelist()[0].split("/")[0]
    return Path(settings.package_data_dir) / top
