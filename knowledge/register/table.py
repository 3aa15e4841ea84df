"""The register's rows held in memory once per table generation. A question's query still runs
in SQL, but returns only row ids: the rows, their parsed cells, their order and the evidence an
answer shows for them are read from here, not fetched, decoded, sorted and built per question.

The rows handed out are shared by every question until the table changes: read them, never
change them (copy a row to add to it, as ``{**row, "primary": False}``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from knowledge.register.rows import locator

COLUMNS = ("source", "sheet", "row", "cells", "property", "property_key", "area", "property_type",
           "vendor", "brand", "vendor_via", "vendor_reason", "manufacturer", "camera_count", "network",
           "recording", "system_id", "recorder_vendor")
"""The columns every selected row carries."""
EXTRA = ("install_date", "replacement_date", "last_maintenance")
"""Columns a row carries only when a query orders by them."""
Shown = tuple[dict[str, Any], dict[str, str]]
"""A row as an answer shows it (its raw cells) and its citation (a verbatim cell of that row)."""


@dataclass(frozen=True)
class Table:
    """Every row by id: its rank in answer order (area, property, source, sheet, row), its
    values, its ordering-only columns, and its evidence (by the identity of the row dict)."""

    rank: dict[int, int]
    rows: dict[int, dict[str, Any]]
    extra: dict[int, tuple[Any, ...]]
    shown: dict[int, Shown]
    access: dict[int, str]
    """Each row's access level ("public"); ``levels`` is every level the table holds."""
    levels: frozenset[str]


def build_table(store: Any) -> Table:
    """Read every row once (``store.cached`` memoises it per table generation). Rows are read in
    about answer order so that a question's rows lie near each other in memory; the rank is
    still Python's own sort."""
    names, found = store.fetch(f"SELECT id, {', '.join(COLUMNS + EXTRA)}, access FROM rows "  # noqa: S608
                               "ORDER BY COALESCE(area, ''), COALESCE(property, ''), source, sheet, row, id")
    width, same = len(COLUMNS) + 1, _Same()
    rows = {int(r[0]): dict(zip(names[1:width], map(same, r[1:width]), strict=True)) for r in found}
    extra = {int(r[0]): tuple(r[width:-1]) for r in found}
    access = {int(r[0]): str(r[-1]) for r in found}
    for row in rows.values():
        row["cells"] = json.loads(row["cells"])
    ordered = sorted(rows, key=lambda i: (rows[i]["area"] or "", rows[i]["property"] or "",
                                          rows[i]["source"], rows[i]["sheet"], rows[i]["row"], i))
    return Table({i: n for n, i in enumerate(ordered)}, rows, extra,
                 {id(row): shown_of(row) for row in rows.values()}, access, frozenset(access.values()))


class _Same(dict[Any, Any]):
    """One object per distinct text: thousands of rows' equal areas and makes share one string
    (numbers are left alone: 1 and 1.0 are equal keys but not the same value)."""

    def __call__(self, value: Any) -> Any:
        return self.setdefault(value, value) if type(value) is str else value


def select(
    store: Any, where: str, params: list[Any], levels: frozenset[str], extra: str | None = None
) -> list[dict[str, Any]]:
    """The rows matching ``where`` whose access level is in ``levels``, in answer order (shared:
    see the module's note). Levels are checked against the table read in the same snapshot."""
    ids, table = store.select_ids(where, params, "table", build_table)
    if not table.levels <= levels:
        ids = [i for i in ids if table.access[i] in levels]
    ids.sort(key=table.rank.__getitem__)
    if extra is None or extra in COLUMNS:
        return [table.rows[i] for i in ids]
    at = EXTRA.index(extra)
    return [{**table.rows[i], extra: table.extra[i][at]} for i in ids]


def shown_of(row: dict[str, Any]) -> Shown:
    """What an answer shows of ``row`` and its citation."""
    source, sheet, number, name = row["source"], row["sheet"], row["row"], row["property"]
    quote = name or row["manufacturer"] or next((v for v in row["cells"].values() if v), "")
    return ({"source": source, "sheet": sheet, "row": number, "property": name, "cells": row["cells"]},
            {"source": source, "locator": locator(sheet, number), "quote": quote})


def evidence(store: Any, found: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Each row as shown and its citation: the table's own for its rows, built for any other."""
    shown = store.cached("table", build_table).shown if found else {}
    pairs = [shown.get(id(r)) or shown_of(r) for r in found]
    return [p[0] for p in pairs], [p[1] for p in pairs]
