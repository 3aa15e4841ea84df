"""The start-up bench's own parts: the load measurement on a real small index, and its ratios."""

from __future__ import annotations

from pathlib import Path

from bench.startup import COLUMNS, measure_load, ratios, table
from knowledge.facade import Knowledge
from knowledge.settings import Settings
from tests.knowledge.fakes import CountingEmbeddings, TextLoader


def test_measure_load_times_the_kept_copy_and_the_build(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("The depot gate opens at seven.\n\nFootage is kept for a month.")
    kb = Knowledge(Settings().with_data_dir(tmp_path / "data"), loader=TextLoader(),
                   embedder=CountingEmbeddings(size=32))  # type: ignore[arg-type]
    assert kb.sync([tmp_path / "docs"]).added
    out = measure_load(tmp_path / "data", repeat=3)
    assert set(out) == {"load_ms", "build_ms"} and out["load_ms"] > 0 and out["build_ms"] > 0


def test_ratios_compare_the_largest_size_with_the_smallest() -> None:
    small = {key: 10.0 for key in COLUMNS}
    large = {key: 25.0 for key in COLUMNS}
    results = {"1000": small, "100000": large, "10000": small}
    assert ratios(results) == {key: 2.5 for key in COLUMNS}
    assert table(results).row_count == 4  # three sizes and the ratio row
