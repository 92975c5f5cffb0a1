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

:mod:`.packages` reads what is installed and answers ``probe``;
:mod:`.inference` runs the models (``load``); :mod:`.index` downloads and
installs packages.
"""

from .index import (
    Available,
    check_archive,
    choose,
    download_and_install,
    fetch_index,
    install_archive,
    install_languages,
)
from .inference import ArgosEngine, detokenize, load, threads
from .packages import (
    INSTALL_HINT,
    NAME,
    Package,
    install_dir,
    installed_packages,
    missing_module,
    package_dirs,
    probe,
    read_package,
    require_stack,
    variants,
)

__all__ = [
    "INSTALL_HINT",
    "NAME",
    "ArgosEngine",
    "Available",
    "Package",
    "check_archive",
    "choose",
    "detokenize",
    "download_and_install",
    "fetch_index",
    "install_archive",
    "install_dir",
    "install_languages",
    "installed_packages",
    "load",
    "missing_module",
    "package_dirs",
    "probe",
    "read_package",
    "require_stack",
    "threads",
    "variants",
]
