"""Argos Translate packages, run through their CTranslate2 model and SentencePiece tokenizer.

Argos Translate's own ``translate()`` works one paragraph at a time, sends
32-token batches, may download a sentence-boundary model, and turns ``_`` into
spaces when it decodes. This engine uses only the package format: it reads the
installed packages, splits sentences itself (:mod:`sselocale.sentences`), and
sends *all* pending sentences of a run to CTranslate2 in large, length-sorted
batches with the decoding options of ``sselocale.yaml``; the next window of
sentences is submitted before the previous one is handed back, so tokenizing
and saving overlap with translation.

Packages are installed with ``argostranslate.package.install_from_path`` into
Argos Translate's package folder (``ARGOS_PACKAGES_DIR``). Argos names Brazilian
Portuguese ``pb``: a ``pt`` target is served by a ``pt`` package when there is
one, else by ``pb``, and the provenance comment says so.
"""

from __future__ import annotations

import json
import os
import re
import socket
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ...config import ArgosOptions
from ...errors import EngineError
from .. import sentences
from ..placeholders import Protected
from .base import Engine, Hop, Offer

NAME = "argos"
#: Language codes Argos packages may use for a language code of the project.
VARIANTS = {"pt": ("pt", "pb"), "pb": ("pb", "pt")}
VARIANT_NAMES = {"pb": "Brazilian Portuguese", "pt": "European Portuguese"}
#: Where argospm's package index points people who download by hand.
INDEX_PAGE = "https://www.argosopentech.com/argospm/index/"
#: Seconds to wait for the package index before calling the machine offline.
NETWORK_TIMEOUT = 15
#: Sentences per submitted window, in batches of ``max_batch_size`` per worker.
#: A window is sorted by length into batches, so padding stays low; results
#: (and saved articles, and progress) come back a window at a time, and the
#: next window is queued while the previous one is collected.
WINDOW_BATCHES = 4


@dataclass(frozen=True, slots=True)
class Package:
    """An installed Argos package (its ``metadata.json``)."""

    path: Path
    source: str
    target: str
    version: str
    kind: str = "translate"
    target_prefix: str = ""

    @property
    def name(self) -> str:
        """argospm's name for it: ``translate-en_fr``."""
        return f"{self.kind}-{self.source}_{self.target}"

    def hop(self) -> Hop:
        return Hop(self.source, self.target, self.name, self.version, self.path)


#: How to add the engine to a light install (``pip install sselocale``).
INSTALL_HINT = "pip install 'sselocale[argos]' (or: bash scripts/install.sh)"
_STACK = ("argostranslate", "ctranslate2", "sentencepiece")


def missing_module() -> str | None:
    """The first module of the Argos stack that is not installed, or None."""
    import importlib.util

    for module in _STACK:
        try:
            if importlib.util.find_spec(module) is None:
                return module
        except (ImportError, ValueError):
            return module
    return None


def require_stack() -> None:
    """Fail with the command that installs Argos Translate when it is missing."""
    missing = missing_module()
    if missing is not None:
        raise EngineError(
            f"Argos Translate is not installed (no Python module {missing!r})",
            hint=f"install the engine with: {INSTALL_HINT}",
        )


def package_dirs() -> list[Path]:
    """Folders Argos Translate reads packages from (``ARGOS_PACKAGES_DIR`` and friends)."""
    require_stack()
    from argostranslate import settings

    return [Path(p) for p in settings.package_dirs]


def install_dir() -> Path:
    require_stack()
    from argostranslate import settings

    return Path(settings.package_data_dir)


def installed_packages() -> list[Package]:
    """Translation packages found in Argos Translate's package folders.

    A folder that is not a readable package is skipped, not fatal: ``models list``
    must still work to tell the user what is there.
    """
    found: list[Package] = []
    for folder in package_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            package = read_package(path)
            if package is not None and package.kind == "translate":
                found.append(package)
    return found


def read_package(path: Path) -> Package | None:
    try:
        meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        return None
    return Package(
        path=path,
        source=str(meta["from_code"]),
        target=str(meta["to_code"]),
        version=str(meta.get("package_version", "")),
        kind=str(meta.get("type", "translate")),
        target_prefix=str(meta.get("target_prefix", "")),
    )


def variants(lang: str) -> tuple[str, ...]:
    return VARIANTS.get(lang, (lang,))


def _find(packages: Sequence[Package], source: str, target: str) -> Package | None:
    for target_code in variants(target):
        for source_code in variants(source):
            for package in packages:
                if package.source == source_code and package.target == target_code:
                    return package
    return None


def probe(source: str, target: str, packages: Sequence[Package] | None = None) -> Offer:
    """Which installed packages take ``source`` to ``target``: direct, or through English."""
    if packages is None:
        if missing_module() is not None:
            return Offer(NAME, source, target, reason=f"Argos Translate is not installed: {INSTALL_HINT}")
        packages = installed_packages()
    route: list[Package] = []
    direct = _find(packages, source, target)
    if direct is not None:
        route = [direct]
    elif "en" not in (source, target):
        first, second = _find(packages, source, "en"), _find(packages, "en", target)
        if first is not None and second is not None:
            route = [first, second]
    if not route:
        return Offer(NAME, source, target, reason=f"no Argos package for {source}→{target} installed")
    served = route[-1].target
    notes = ["via en"] if len(route) > 1 else []
    if served != target:
        notes.append(f"{target} served by the {VARIANT_NAMES.get(served, served)} package {served}")
    note = "; ".join(notes)
    return Offer(NAME, source, target, tuple(p.hop() for p in route), note=note)


# --- inference ----------------------------------------------------------------

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
        texts = [first.text(r.result().hypotheses[0]) for r in window.results]
        for model in self.models[1:]:
            tokens = [model.encode(text) for text in texts]
            done = model.submit(tokens, asynchronous=False) if tokens else []
            texts = [model.text(r.hypotheses[0]) for r in done]
        translated = iter(texts)
        for pieces in window.pieces:
            yield sentences.join(pieces, translated)

    def close(self) -> None:
        self.models = []


def load(offer: Offer, options: ArgosOptions) -> Engine:
    return ArgosEngine(offer, options)


# --- installing packages ------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Available:
    """A package listed in the Argos package index."""

    source: str
    target: str
    version: str
    links: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"translate-{self.source}_{self.target}"


def _offline(url: str, exc: BaseException) -> EngineError:
    reason = getattr(exc, "reason", None) or exc
    return EngineError(
        f"cannot reach the Argos package index ({url}): {reason}",
        hint=(
            "on a machine with network access, download the .argosmodel file for the "
            f"pair from {INDEX_PAGE}, copy it here and run "
            "`sselocale models install --from FILE.argosmodel`"
        ),
    )


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "sselocale"})
    try:
        with urllib.request.urlopen(request, timeout=NETWORK_TIMEOUT) as response:
            return response.read()
    except (urllib.error.URLError, socket.timeout, OSError, ValueError) as exc:
        raise _offline(url, exc) from exc


def fetch_index() -> list[Available]:
    """The translation packages of the Argos package index (a network request)."""
    require_stack()
    from argostranslate import settings

    url = settings.remote_package_index
    data = _fetch(url)
    try:
        entries = json.loads(data)
    except ValueError as exc:
        raise EngineError(f"the Argos package index is not JSON: {exc}", path=url) from exc
    return [
        Available(str(e["from_code"]), str(e["to_code"]), str(e.get("package_version", "")), tuple(e.get("links", ())))
        for e in entries
        if isinstance(e, dict) and e.get("type", "translate") == "translate" and e.get("from_code") and e.get("to_code")
    ]


def choose(index: Sequence[Available], source: str, target: str) -> Available | None:
    """The package for a pair (``pt`` falls back on ``pb``), or None."""
    for code in variants(target):
        for entry in index:
            if entry.source == source and entry.target == code:
                return entry
    return None


def install_languages(source: str, langs: Sequence[str]) -> Iterator[tuple[str, Package | None]]:
    """Download and install a package per language; yields ``(lang, package)`` as each is done.

    A language the index has no package for yields ``(lang, None)``. The index
    is fetched first, so an offline machine fails before anything else.
    """
    index = fetch_index()
    for lang in langs:
        entry = choose(index, source, lang)
        yield lang, download_and_install(entry) if entry is not None else None


def download_and_install(entry: Available) -> Package:
    """Download one package from the index and install it."""
    if not entry.links:
        raise EngineError(f"the index lists no download for {entry.name}")
    with tempfile.TemporaryDirectory(prefix="sselocale-argos-") as tmp:
        archive = Path(tmp) / f"{entry.name}.argosmodel"
        archive.write_bytes(_fetch(entry.links[0]))
        return install_archive(archive)


def check_archive(path: Path) -> str:
    """Check that ``path`` is an Argos package whose files all stay in its folder.

    Returns the package folder's name. Rejects archives that are not zip files,
    that hold more than one top folder or no ``metadata.json``, and any member
    whose path is absolute, climbs with ``..`` or is a symbolic link: extracting
    those would write outside the package folder.
    """
    path = Path(path)
    if not path.is_file():
        raise EngineError("no such file", path=path)
    if not zipfile.is_zipfile(path):
        raise EngineError("not an Argos package (.argosmodel files are zip archives)", path=path)
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
    tops: set[str] = set()
    for member in members:
        name = member.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        unsafe = (
            name.startswith(("/", "\\"))
            or re.match(r"^[A-Za-z]:", name)
            or ".." in parts
            or (member.external_attr >> 16) & 0o170000 == 0o120000
        )
        if unsafe:
            raise EngineError(
                f"unsafe path in package archive: {name!r} would be written outside the package folder",
                path=path,
                hint="do not install this file; download the package again from a trusted source",
            )
        if parts:
            tops.add(parts[0])
    if len(tops) != 1:
        raise EngineError("not an Argos package: the archive must hold exactly one folder", path=path)
    top = tops.pop()
    names = {m.filename.rstrip("/") for m in members}
    if f"{top}/metadata.json" not in names:
        raise EngineError("not an Argos package: no metadata.json in its folder", path=path)
    return top


def install_archive(path: Path) -> Package:
    """Install an ``.argosmodel`` file with Argos Translate's installer, after checking it."""
    top = check_archive(path)
    require_stack()
    from argostranslate import package as argos_package

    install_dir().mkdir(parents=True, exist_ok=True)
    try:
        argos_package.install_from_path(Path(path))
    except (OSError, zipfile.BadZipFile) as exc:
        raise EngineError(f"cannot install the package: {exc}", path=path) from exc
    installed = read_package(install_dir() / top)
    if installed is None:
        raise EngineError("installed, but its metadata.json is not readable", path=install_dir() / top)
    return installed
