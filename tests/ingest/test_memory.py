"""Ingest memory stays bounded on hostile input.

The limit: a file is never read past ``max_bytes`` (default 50 MB, ``CLLR_MAX_FILE_MB``), and a
zip container is judged from its directory before any member is inflated. These tests hold
peak Python allocations to a few MB where a naive loader would take hundreds.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from ingest import Chunker, LoadError, load_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def peak_during(fn) -> int:  # type: ignore[no-untyped-def]
    fn()  # once untraced, so first-time imports of parser libraries are not counted
    tracemalloc.start()
    try:
        fn()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def test_200_mb_file_costs_no_memory(tmp_path: Path, chunker: Chunker) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(200 * 2**20)

    def load() -> None:
        with pytest.raises(LoadError, match="too large"):
            load_file(big, tmp_path, chunker=chunker)

    assert peak_during(load) < 2 * 2**20


def test_zip_bomb_is_refused_without_inflating(chunker: Chunker) -> None:
    bomb = FIXTURES / "bad" / "bomb.docx"

    def load() -> None:
        with pytest.raises(LoadError):
            load_file(bomb, FIXTURES, chunker=chunker)

    assert peak_during(load) < 8 * 2**20 + 2 * bomb.stat().st_size
