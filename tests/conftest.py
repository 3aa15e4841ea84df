"""Suite-wide fixtures: offline environment, one embedding model, one indexed demo corpus."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "westmarch"
SHARED_EVAL = ROOT.parent / "shared" / "eval" / "questions.jsonl"
EVAL_COPY = ROOT / "tests" / "fixtures" / "eval" / "questions.jsonl"

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

_CLEARED = ("SLACK_", "OPENAI_", "ANTHROPIC_", "CLLR_", "LANGCHAIN_", "LANGSMITH_")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's Slack tokens, LLM keys or cllr settings."""
    for key in list(os.environ):
        if key.startswith(_CLEARED):
            monkeypatch.delenv(key, raising=False)


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    from knowledge.embeddings import LocalEmbeddings

    return LocalEmbeddings()


@pytest.fixture(scope="session")
def demo_knowledge(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
    """The bundled Westmarch corpus, ingested once into an embedded Chroma."""
    from cllr.wiring import IngestLoader
    from knowledge.facade import Knowledge
    from knowledge.settings import Settings

    data = tmp_path_factory.mktemp("demo-data")
    settings = Settings().with_data_dir(data)
    knowledge = Knowledge(settings, loader=IngestLoader(), embedder=embedder)
    report = knowledge.sync([DEMO])
    assert not report.failed, report.failed
    return knowledge


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the demo corpus for sync tests."""
    target = tmp_path / "corpus"
    shutil.copytree(DEMO, target)
    yield target
