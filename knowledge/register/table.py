"""The register's rows held in memory once per table generation. A question's query still runs
in SQL, but returns only row ids: the rows, their parsed cells, their order and the evidence an
answer shows for them are read from here, not fetched, decoded, sorted and built per question.

The rows handed out are shared by every question until the table changes: read them, never
change them (copy a row to add to it, as ``{**row, "primary": False}``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from knowledge.register.query import DATE_FIELDS
from knowledge.register.rows import locator

COLUMNS = ("source", "sheet", "row", "cells", "property", "property_key", "area", "property_type",
           "vendor", "brand", "vendor_via", "vendor_reason", "manufacturer", "camera_count", "network",
           "recording", "system_id", "recorder_vendor")
"""The columns every selected row carries."""
EXTRA = DATE_FIELDS
"""Columns a row carries only when a query orders by them."""
Shown = tuple[dict[str, Any], dict[str, str]]
"""A row as an answer shows it (its raw cells) and its citation (a verbatim cell of that row)."""


@dataclass(frozen=True)
class Table:
    """Every row by id: its rank in answer order (area, property, source, sheet, row), its
    values, its ordering-only columns and its access level (``levels``: every level held).
    ``shown`` keeps each row's evidence once an answer has shown it (by the row dict's identity)."""

    rank: dict[int, int]
    rows: dict[int, dict[str, Any]]
    extra: dict[int, tuple[Any, ...]]
    access: dict[int, str]
    levels: frozenset[str]
    mine: frozenset[int] = field(default_factory=frozenset)
    """The identities of the row dicts above."""
    shown: dict[int, Shown] = field(default_factory=dict)


def build_table(store: Any) -> Table:
    """Read every row once (``store.cached`` memoises it per table generation). Rows are read in
    about answer order so that a question's rows lie near each other in memory (about a fifth
    faster on 17,000 rows); the rank is still Python's own sort."""
    names, found = store.fetch(f"SELECT id, {', '.join(COLUMNS + EXTRA)}, access FROM rows "  # noqa: S608
                               "ORDER BY COALESCE(area, ''), COALESCE(property, ''), source, sheet, row, id")
    width, at = len(COLUMNS) + 1, names.index("cells")
    cells = json.loads("[" + ",".join(r[at] for r in found) + "]")
    rows = {int(r[0]): dict(zip(names[1:width], r[1:width], strict=True)) for r in found}
    for row, parsed in zip(rows.values(), cells, strict=True):
        row["cells"] = parsed
    ordered = sorted(rows, key=lambda i: (rows[i]["area"] or "", rows[i]["property"] or "",
                                          rows[i]["source"], rows[i]["sheet"], rows[i]["row"], i))
    access = {int(r[0]): str(r[-1]) for r in found}
    return Table({i: n for n, i in enumerate(ordered)}, rows, {int(r[0]): tuple(r[width:-1]) for r in found},
                 access, frozenset(access.values()), frozenset(map(id, rows.values())))


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
    """Each row as shown and its citation, built once per row of the table (and kept: a
    question's thousands of new dicts would each cost the cyclic GC a visit)."""
    table: Table | None = store.cached("table", build_table) if found else None
    pairs = []
    for row in found:
        hit = table.shown.get(id(row)) if table else None
        if hit is None:
            hit = shown_of(row)
            if table and id(row) in table.mine:
                table.shown[id(row)] = hit
        pairs.append(hit)
    return [p[0] for p in pairs], [p[1] for p in pairs]
