"""The digest of what a template is made from, so that stale catalogs can be told cheaply.

``extract`` records it in each template's header (``X-Source-Digest``);
``status``, ``check`` and ``build`` compare it with the digest of the sources
as they are now. Hashing an article is far cheaper than segmenting it, and the
record lives in the committed template, so a fresh clone in CI sees it too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..config import Config

#: The header field of a template that records :func:`source_digest`.
DIGEST_FIELD = "X-Source-Digest"


def glossary_bytes(config: Config) -> bytes:
    """The glossary file's bytes (the PO's glossary hints follow it); empty when there is none."""
    path: Path = config.paths.glossary
    try:
        return path.read_bytes() if path.is_file() else b""
    except OSError:
        return b""


def source_digest(*, text: str, relpath: str, config: Config, glossary: bytes) -> str:
    """``sha256:<hex>`` over an article, the glossary and the settings that shape extraction.

    The first 128 bits of the hash are kept: plenty to notice a change, and
    short enough for the header line to stay unwrapped.

    The article's text is taken with its newlines normalised (as it is read), so
    converting a file to CRLF changes no unit and makes nothing stale.

    >>> from sselocale.config import Config, Paths
    >>> paths = Paths(*(Path("/p"),) * 5)
    >>> cfg = Config(Path("/p/sselocale.yaml"), "P", "en", ("fr",), paths)
    >>> source_digest(text="Hi.\\n", relpath="content/a.md", config=cfg, glossary=b"")[:15]
    'sha256:a708847'
    """
    h = hashlib.sha256()
    for part in (
        b"sselocale-source-digest-1",
        relpath.encode("utf-8"),
        config.source_language.encode("utf-8"),
        "\x1f".join(config.front_matter).encode("utf-8"),
        # Only a dialect set in sselocale.yaml: templates made before the setting existed stay current.
        *((f"dialect:{config.dialect}".encode(),) if config.dialect else ()),
        hashlib.sha256(glossary).digest(),
        text.encode("utf-8"),
    ):
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return f"sha256:{h.hexdigest()[:32]}"
