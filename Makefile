VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export TOKENIZERS_PARALLELISM := false

.PHONY: venv demo test lint typecheck bench clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet "torch==2.13.0"
	$(PIP) install --quiet -e ".[dev]"
	touch $@

demo: venv
	rm -rf .demo-data
	$(VENV)/bin/cllr ingest demo/westmarch --data .demo-data
	$(VENV)/bin/cllr ask "Which properties still run Hikvision?" --data .demo-data

lint: venv
	$(VENV)/bin/ruff check ingest knowledge bot cllr tests bench
	$(VENV)/bin/mypy

test: venv lint
	$(VENV)/bin/pytest -q

bench: venv
	$(PY) -m bench.ingest
	$(PY) -m bench.register
	$(PY) -m bench.ask

clean:
	rm -rf $(VENV) .demo-data data
