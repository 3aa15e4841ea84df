"""Counts by area or property type ("which district has the most Hikvision?", "how many
Dahua cameras in each district?") and shares ("what percentage of sites use Hikvision?"),
worked out from the sample CSV itself."""

from __future__ import annotations

import csv
from collections import Counter

from knowledge.register import RegisterStore, answer_register

from .conftest import PUBLIC, SAMPLE

IN_SERVICE = {"in service", "scheduled for replacement"}


def _rows() -> list[dict[str, str]]:
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle) if r["status"] in IN_SERVICE]


def _hikvision(row: dict[str, str]) -> bool:
    return "hik" in row["manufacturer"].lower() or (not row["manufacturer"] and row["model"].startswith("DS-2"))


def test_the_district_with_the_most_hikvision(sample_store: RegisterStore) -> None:
    by_district = Counter(r["district"] for r in _rows() if _hikvision(r))
    most = max(by_district.values())
    top = sorted(d for d, n in by_district.items() if n == most)
    answer = answer_register("Which district has the most Hikvision systems?", sample_store, PUBLIC)
    assert answer is not None and answer.count == sum(by_district.values())
    first = answer.text.splitlines()[0]
    assert all(d in first for d in top) and f"{most} systems" in first, answer.text
    breakdown = answer.text.splitlines()[1]
    for district, n in by_district.items():
        assert f"{district} {n}" in breakdown, breakdown
    assert len(answer.citations) == sum(by_district.values())


def test_cameras_in_each_district(sample_store: RegisterStore) -> None:
    cams: Counter[str] = Counter()
    for r in _rows():
        if r["manufacturer"].lower().startswith("dahua"):
            cams[r["district"]] += int(r["camera_count"] or 0)
    answer = answer_register("How many Dahua cameras are there in each district?", sample_store, PUBLIC)
    assert answer is not None and answer.count == sum(cams.values()) and answer.count_of == "cameras"
    for district, n in cams.items():
        assert f"{district} {n}" in answer.text, answer.text


def test_share_of_sites(sample_store: RegisterStore) -> None:
    rows = _rows()
    every = {r["property_name"] for r in rows}
    hik = {r["property_name"] for r in rows if _hikvision(r)}
    answer = answer_register("What percentage of sites use Hikvision?", sample_store, PUBLIC)
    assert answer is not None
    assert answer.text.startswith(f"{round(100 * len(hik) / len(every))}% of in-service properties "
                                  f"({len(hik)} of {len(every)})"), answer.text
    assert set(answer.properties) == hik


def test_grouping_uses_the_registers_own_header(borough_store: RegisterStore) -> None:
    answer = answer_register("Which ward has the most Hikvision?", borough_store, PUBLIC)
    assert answer is not None and ("has the most" in answer.text or "have the most" in answer.text)
    assert "By Ward:" in answer.text, answer.text
