#!/usr/bin/env bash
# Lepton's GPU kit: checks and benchmarks the GPU path with the machine's python3 and libtorch and the kit's own JVM.
#   ./run.sh check [--torch-lib DIR]    versions, GPUs, the JNI binding check, a smoke test compared with PyTorch
#   ./run.sh bench [--torch-lib DIR]    Lepton's training beside PyTorch on the GPU; Markdown in results/
set -euo pipefail
KIT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHON="${KIT_PYTHON:-python3}"   # the Python whose PyTorch is compared (and whose torch/lib is the default libtorch)
if ! command -v "$PYTHON" >/dev/null; then
  echo "run.sh: no $PYTHON on PATH. The kit needs the machine's Python 3 (with PyTorch, to compare); set KIT_PYTHON to one." >&2
  exit 2
fi
exec "$PYTHON" "$KIT/kit/kit.py" "$@"
