#!/usr/bin/env bash
# Install everything sselocale needs on a fresh Debian machine.
#   bash scripts/install.sh          the tool, with Argos Translate
#   bash scripts/install.sh --test   the tool and what its test suite uses
#   bash scripts/install.sh --core   the light core (no Argos, no PyTorch): enough
#                                    for extract, update, build, status, check,
#                                    glossary, and the Apertium and pseudo engines
# Python packages go into whatever `python3` is first on PATH (activate a
# virtual environment first to keep them there).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
MODE=${1:-}
case "$MODE" in
  ""|--test|--core) ;;
  *) echo "usage: bash scripts/install.sh [--test|--core]" >&2; exit 2 ;;
esac
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi

# Debian packages: GNU gettext (msgfmt, msgcat) and the Apertium engine with
# its English-Spanish, Spanish-Portuguese and French-Spanish data (French and
# Portuguese go through Spanish); Chromium for the report tests.
DEBS="gettext apertium apertium-eng-spa apertium-es-pt apertium-fr-es"
if [ "$MODE" = "--test" ]; then DEBS="$DEBS chromium"; fi
missing=""
for deb in $DEBS; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" || missing="$missing $deb"
done
if [ -n "$missing" ]; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

if [ "$MODE" = "--core" ]; then
  $PY -m pip install -q -e .
  exit 0
fi
# PyTorch comes in through argostranslate; pin the CPU build first so pip does
# not fetch a CUDA build of several GB.
$PY -m pip install -q "torch==2.13.0"
if [ "$MODE" = "--test" ]; then
  $PY -m pip install -q -e ".[argos,test]"
else
  $PY -m pip install -q -e ".[argos]"
fi
