"""Ingest fixtures: the generated sample files and one shared tokenizer-backed Chunker."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.documents import Document

from ingest import Chunker, load_file
from ingest.loaders import loader_for
from ingest.sniff import detect

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
DEMO = ROOT / "demo" / "westmarch"
GOOD = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.parent.name != "bad")


@pytest.fixture(scope="session")
def chunker() -> Chunker:
    return Chunker()


@pytest.fixture(scope="session")
def load(chunker: Chunker):  # type: ignore[no-untyped-def]
    """``load(relative_path)`` -> chunks of a fixture file (root = the fixtures folder)."""

    def _load(rel: str, root: Path = FIXTURES) -> list[Document]:
        return load_file(root / rel, root, chunker=chunker)

    return _load


def units(path: Path) -> list[Document]:
    """What the loader extracted, before chunking: the source text at each locator."""
    data = path.read_bytes()
    return list(loader_for(detect(data, path.name), data, path.name).lazy_load())
