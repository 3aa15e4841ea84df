"""Start-up: a shell command imports only what it needs, and a register question never loads
the embedding model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cllr.wiring import IngestLoader
from knowledge.facade import Knowledge
from knowledge.settings import Settings
from knowledge.types import Scope
from tests.knowledge.fakes import CountingEmbeddings

ROOT = Path(__file__).resolve().parents[3]
HEAVY = ("torch", "sentence_transformers", "langsmith", "langchain_core.retrievers")


def test_the_cli_imports_neither_the_model_nor_langchains_tracing() -> None:
    code = f"import sys, cllr.cli; print([m for m in {HEAVY!r} if m in sys.modules])"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_a_register_question_never_makes_the_embedding_model(tmp_path: Path) -> None:
    settings = Settings().with_data_dir(tmp_path / "data")
    seed = Knowledge(settings, loader=IngestLoader(), embedder=CountingEmbeddings(size=32))  # type: ignore[arg-type]
    assert seed.sync([ROOT / "demo" / "westmarch" / "register"]).added
    fresh = Knowledge(settings)  # as `cllr ask` opens it: no embedder given
    answer = fresh.answer("how many cameras are there?", Scope())
    assert answer.answered and answer.rows
    assert fresh._embedder is None


def imported(stderr: str) -> set[str]:
    """Module names in ``python -X importtime`` output."""
    return {line.rsplit("|", 1)[1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


def test_a_register_question_from_the_shell_imports_neither_the_model_nor_the_keyword_index(tmp_path: Path) -> None:
    settings = Settings().with_data_dir(tmp_path / "data")
    seed = Knowledge(settings, loader=IngestLoader(), embedder=CountingEmbeddings(size=32))  # type: ignore[arg-type]
    assert seed.sync([ROOT / "demo" / "westmarch" / "register"]).added
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "cllr", "ask", "how many cameras are there?",
                           "--json", "--data", str(tmp_path / "data")], env=env, cwd=ROOT, capture_output=True,
                          text=True, check=True)
    answer = json.loads(done.stdout)
    assert answer["mode"] == "register" and answer["answered"]
    modules = imported(done.stderr)
    assert "knowledge.index.corpus_cache" in modules  # the corpus was mapped from the copy ingest kept
    assert {m.split(".")[0] for m in modules}.isdisjoint({"torch", "sentence_transformers", "bm25s", "scipy"})
