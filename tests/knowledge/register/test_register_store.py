"""The SQLite table: atomic replace, removal, access levels."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.register import RegisterRow, RegisterStore, answer_register

from .conftest import PUBLIC, SAMPLE, csv_rows


class Poison(dict):  # type: ignore[type-arg]
    """Cells that fail while being read, i.e. mid-transaction."""

    def get(self, *_: object, **__: object) -> str:
        raise RuntimeError("disk on fire")


def test_replace_is_atomic(tmp_path: Path) -> None:
    store = RegisterStore(tmp_path / "r.sqlite")
    rows = csv_rows(SAMPLE, "reg.csv")
    store.replace_source("reg.csv", rows)
    bad = [*rows[:50], RegisterRow("reg.csv", "", 999, Poison(rows[0].cells))]
    with pytest.raises(RuntimeError):
        store.replace_source("reg.csv", bad)
    assert store.sources() == {"reg.csv": len(rows)}
    reopened = RegisterStore(tmp_path / "r.sqlite")
    assert reopened.row_count() == len(rows)
    store.replace_source("reg.csv", rows[:10])
    assert reopened.sources() == {"reg.csv": 10}
    store.remove_source("reg.csv")
    assert store.row_count() == 0 and store.sources() == {}


def test_access_levels(tmp_path: Path) -> None:
    store = RegisterStore(tmp_path / "r.sqlite")
    store.replace_source("public.csv", csv_rows(SAMPLE, "public.csv"))
    store.replace_source("secret.csv", csv_rows(SAMPLE, "secret.csv", access="restricted"))
    question = "How many Hikvision systems have been replaced so far?"
    public = answer_register(question, store, frozenset({"public"}))
    both = answer_register(question, store, frozenset({"public", "restricted"}))
    nothing = answer_register(question, store, frozenset())
    assert public is not None and both is not None and nothing is not None
    assert both.count == 2 * public.count and nothing.count == 0
    assert {r["source"] for r in public.rows} == {"public.csv"}


def test_overrides(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text("Kit: manufacturer\nPlace: property\n")
    store = RegisterStore(tmp_path / "r.sqlite", overrides=overrides)
    rows = [RegisterRow("x.csv", "", 2, {"Place": "Depot", "Kit": "Hikvision", "Status": "live"}),
            RegisterRow("x.csv", "", 3, {"Place": "Library", "Kit": "Axis", "Status": "live"})]
    store.replace_source("x.csv", rows)
    answer = answer_register("which sites still have hikvision?", store, frozenset({"public"}))
    assert answer is not None and answer.properties == ["Depot"]


def test_a_tab_per_area_without_an_area_column_names_the_area(tmp_path: Path) -> None:
    store = RegisterStore(tmp_path / "tabs.sqlite")
    header = ("Site", "Make", "Status", "Cameras")
    tabs = {"Northam": [("Alder Library", "Hikvision", "Live", "4"), ("Birch Depot", "Axis", "Live", "2")],
            "Southam": [("Cedar Museum", "Hikvision", "Live", "3")]}
    rows = [RegisterRow("tabs.xlsx", tab, i + 2, dict(zip(header, r, strict=True)))
            for tab, data in tabs.items() for i, r in enumerate(data)]
    store.replace_source("tabs.xlsx", rows)
    answer = answer_register("which sites in Southam still have Hikvision?", store, frozenset({"public"}))
    assert answer is not None and answer.properties == ["Cedar Museum"]
    assert any("Sheet = Southam" in f for f in answer.filters)


def test_rows_held_in_memory_follow_every_change(tmp_path: Path) -> None:
    """The rows a store keeps in memory between questions are read again after a change made
    through it (replace, remove) or through another store on the same file (another process)."""
    store = RegisterStore(tmp_path / "r.sqlite")
    other = RegisterStore(tmp_path / "r.sqlite")
    rows = csv_rows(SAMPLE, "reg.csv")
    question = "Which properties still run Hikvision?"
    store.replace_source("reg.csv", rows)
    before = answer_register(question, store, PUBLIC)
    assert before is not None and before.count > 1
    kept = [r for r in rows if r.cells.get("property_name") != before.properties[0]]
    store.replace_source("reg.csv", kept)
    after = answer_register(question, store, PUBLIC)
    assert after is not None and after.properties == before.properties[1:]
    other.replace_source("reg.csv", rows)
    again = answer_register(question, store, PUBLIC)
    assert again is not None and again.properties == before.properties and again.rows == before.rows
    axis = [RegisterRow(r.source, r.sheet, r.row, {**r.cells, "manufacturer": "Axis", "model": "Q6135-LE"},
                        r.access) for r in rows]
    other.replace_source("reg.csv", axis)
    gone = answer_register(question, store, PUBLIC)
    assert gone is not None and gone.count == 0 and gone.rows == []

