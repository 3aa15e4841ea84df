"""bench.sizing runs end to end on a tiny workload (real model, real Chroma)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bench.sizing import table
from tests.deploy._files import ROOT


@pytest.mark.slow
def test_sizing_runs_and_reports_every_number() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.sizing", "--pages", "6", "--paragraphs", "10", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=280,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    got = json.loads(done.stdout)
    assert got["chunks"] == 12
    for key in ("embed_chunks_per_s", "ingest_chunks_per_s", "index_mib_per_1000_pages",
                "rss_model_mib", "peak_model_index_mib", "query_p50_ms"):
        assert got[key] > 0, key
    assert 100 < got["rss_model_mib"] < 8000
    text = table(got)
    assert "chunks/s" in text and "MiB" in text
