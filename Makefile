VENV ?= .venv
PYTHON ?= python3
# CPU-only torch from PyTorch's own index: `make TORCH_INDEX=cpu` (or a full index URL).
# Unset = the default index (or a local wheel cache), as before.
TORCH_INDEX ?=
TORCH_INDEX_URL := $(if $(filter cpu,$(TORCH_INDEX)),https://download.pytorch.org/whl/cpu,$(TORCH_INDEX))
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export TOKENIZERS_PARALLELISM := false

.PHONY: venv demo test lint typecheck bench clean python-version

venv: python-version $(VENV)/.installed

python-version:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "cllr needs Python 3.11 or newer; this is " + sys.version.split()[0] + " (set PYTHON=python3.11)")'

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet $(if $(TORCH_INDEX_URL),--index-url $(TORCH_INDEX_URL)) "torch==2.13.0"
	$(PIP) install --quiet -e ".[dev]"
	touch $@

# The demo indexes into ./data, the default data dir: a plain `cllr ask` afterwards finds it.
demo: venv
	$(VENV)/bin/cllr ingest demo/westmarch
	$(VENV)/bin/cllr ask "Which properties still run Hikvision?"

lint: venv
	$(VENV)/bin/ruff check ingest knowledge bot cllr tests bench
	$(VENV)/bin/mypy

test: venv lint
	$(VENV)/bin/pytest -q

bench: venv
	$(PY) -m bench.ingest
	$(PY) -m bench.register
	$(PY) -m bench.ask
	$(PY) -m bench.startup

clean:
	rm -rf $(VENV) .demo-data data
