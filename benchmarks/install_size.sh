#!/usr/bin/env bash
# Size of the light core install: site-packages of a new virtual environment
# after `pip install .`, beside an empty one (pip and setuptools alone).
#   bash benchmarks/install_size.sh           the core
#   bash benchmarks/install_size.sh --argos   also the argos extra (PyTorch pinned first)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
size() { du -sm "$1"/lib/python3*/site-packages | cut -f1; }
python3 -m venv "$tmp/empty"
python3 -m venv "$tmp/core"
"$tmp/core/bin/python" -m pip install -q . 2>/dev/null
empty=$(size "$tmp/empty"); core=$(size "$tmp/core")
echo "empty environment   ${empty} MiB"
echo "pip install .       ${core} MiB  (+$((core - empty)) MiB)"
if [ "${1:-}" = "--argos" ]; then
  python3 -m venv "$tmp/argos"
  "$tmp/argos/bin/python" -m pip install -q "torch==2.13.0" 2>/dev/null
  "$tmp/argos/bin/python" -m pip install -q ".[argos]" 2>/dev/null
  argos=$(size "$tmp/argos")
  echo "pip install .[argos] ${argos} MiB  (+$((argos - empty)) MiB)"
fi
