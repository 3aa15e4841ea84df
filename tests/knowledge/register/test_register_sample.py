"""The sample register, checked against expectations computed here with plain Python."""

from __future__ import annotations

import csv

import pytest

from knowledge.register import RegisterStore, answer_register

from .conftest import PUBLIC, SAMPLE

GONE = {"replaced", "decommissioned", "removed"}


def _rows() -> list[dict[str, str]]:
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _hik(row: dict[str, str]) -> bool:
    make = row["manufacturer"].lower().replace("-", "").replace(" ", "")
    return make == "hikvision" or (not make and row["model"].upper().startswith("DS-2CD"))


def _active(row: dict[str, str]) -> bool:
    return row["status"].lower() not in GONE


def test_active_hikvision_properties(sample_store: RegisterStore) -> None:
    expected = {r["property_name"] for r in _rows() if _hik(r) and _active(r)}
    answer = answer_register("Which properties still run Hikvision?", sample_store, PUBLIC)
    assert answer is not None
    assert set(answer.properties) == expected and len(expected) == 34
    assert "34 properties" in answer.text
    assert len(answer.citations) == len(answer.rows)
    assert any("blank manufacturer" in n for n in answer.notes)
    for name in expected:
        assert name in answer.text


def test_replaced_hikvision_systems(sample_store: RegisterStore) -> None:
    expected = [r for r in _rows() if _hik(r) and r["status"] == "replaced"]
    answer = answer_register("How many Hikvision systems have been replaced so far?",
                             sample_store, PUBLIC)
    assert answer is not None and answer.count == len(expected) == 26
    assert answer.count_of == "systems" and answer.text.startswith("26 systems")


def test_dahua_networked(sample_store: RegisterStore) -> None:
    expected = [r for r in _rows() if r["manufacturer"].lower().startswith("dahua")
                and r["network"] != "isolated" and _active(r)]
    answer = answer_register("how many Dahua systems are networked?", sample_store, PUBLIC)
    assert answer is not None and answer.count == len(expected) == 7


def test_camera_sum(sample_store: RegisterStore) -> None:
    expected = sum(int(r["camera_count"]) for r in _rows() if _hik(r) and _active(r))
    answer = answer_register("How many cameras in total are still on Hikvision kit?",
                             sample_store, PUBLIC)
    assert answer is not None and answer.count == expected == 288
    assert answer.text.startswith("288 cameras")


def test_distinct_properties(sample_store: RegisterStore) -> None:
    expected = {r["property_id"] for r in _rows()}
    answer = answer_register("How many council properties are on the CCTV register?",
                             sample_store, PUBLIC)
    assert answer is not None and answer.count == len(expected) == 163


def test_scheduled(sample_store: RegisterStore) -> None:
    expected = [r for r in _rows() if r["status"] == "scheduled for replacement"]
    answer = answer_register("how many CCTV systems are currently scheduled for replacement?",
                             sample_store, PUBLIC)
    assert answer is not None and answer.count == len(expected) == 21
    assert any('"scheduled for replacement"' in f for f in answer.filters)


def test_citation_quotes_are_verbatim(sample_store: RegisterStore) -> None:
    answer = answer_register("Which libraries are still on hikvision?", sample_store, PUBLIC)
    assert answer is not None
    rows = _rows()
    for cite, row in zip(answer.citations, answer.rows, strict=True):
        assert cite["quote"] in rows[row["row"] - 2].values()
        assert cite["locator"] == f"row {row['row']}"
    expected = {r["property_name"] for r in rows
                if _hik(r) and _active(r) and r["property_type"] == "Library"}
    assert set(answer.properties) == expected


def test_follow_up_merges_history(sample_store: RegisterStore) -> None:
    first = "Which properties still run Hikvision?"
    answer = answer_register("and which of those are in Ashdown?", sample_store, PUBLIC,
                             history=(first,))
    expected = {r["property_name"] for r in _rows()
                if _hik(r) and _active(r) and r["district"] == "Ashdown"}
    assert answer is not None and set(answer.properties) == expected


@pytest.mark.parametrize("question", [
    "how long do we keep CCTV footage?",
    "What did the government tell departments in November 2022?",
    "How much did we originally pay for the Hikvision cameras at Fernley Library?",
    "How many CCTV cameras does Brackenfield District Council run in its own buildings?",
])
def test_not_register_questions(sample_store: RegisterStore, question: str) -> None:
    assert answer_register(question, sample_store, PUBLIC) is None
