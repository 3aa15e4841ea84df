"""Spreadsheet rows: header detection, cell text, and one Document per data row.

The header is the first row with at least three distinct, mostly textual cells that is
followed by rows of a consistent width, so title and banner rows above a table are
skipped. Row numbers are the real 1-based sheet row (CSV record number, header included).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from langchain_core.documents import Document

from ingest.dates import from_datetime, to_iso

SCAN_ROWS = 30


@dataclass(frozen=True)
class Table:
    """One sheet's table: ``rows`` are ``(row_number, {header: text})``, empty rows skipped."""

    sheet: str
    header: list[str]
    header_row: int
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def cell_text(value: Any) -> str:
    """A cell as text: dates ISO, integral numbers without ".0", UK text dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime | date):
        return from_datetime(value)
    if isinstance(value, time):
        return value.strftime("%H:%M") if not value.second else value.strftime("%H:%M:%S")
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    text = " ".join(str(value).split())
    return to_iso(text) or text


def _textual(text: str) -> bool:
    if not text or to_iso(text):
        return False
    try:
        float(text.replace(",", "").replace("£", ""))
    except ValueError:
        return True
    return False


def find_header(grid: Sequence[tuple[int, list[str]]]) -> int:
    """Index into ``grid`` of the header row (0 when nothing better is found)."""
    rows = [(i, [c for c in cells if c]) for i, (_, cells) in enumerate(grid[:SCAN_ROWS])]
    rows = [(i, filled) for i, filled in rows if filled]
    widest = max((len(f) for _, f in rows), default=0)
    need = min(3, widest)
    for pos, (i, filled) in enumerate(rows):
        distinct = len(set(filled))
        textual = sum(_textual(c) for c in filled)
        if len(filled) < need or distinct < max(need, 0.8 * len(filled)) or textual < 0.75 * len(filled):
            continue
        following = rows[pos + 1 : pos + 4]
        if following and all(len(f) >= max(1, len(filled) // 2) for _, f in following):
            return i
        if not following and pos == 0:
            return i
    return rows[0][0] if rows else 0


def header_names(cells: list[str]) -> list[str]:
    names: list[str] = []
    for i, cell in enumerate(cells):
        base = cell or f"column {i + 1}"
        name, n = base, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    return names


def build_table(sheet: str, grid: Sequence[tuple[int, list[str]]]) -> Table | None:
    """The table of one sheet's grid of ``(row_number, cell texts)``; None when it is empty."""
    if not any(any(cells) for _, cells in grid):
        return None
    at = find_header(grid)
    header_row, header_cells = grid[at]
    last = max(i for i, c in enumerate(header_cells) if c) + 1
    header = header_names(header_cells[:last])
    rows: list[tuple[int, dict[str, str]]] = []
    for number, cells in grid[at + 1 :]:
        if not any(cells):
            continue
        while len(header) < len(cells) and any(cells[len(header) :]):
            header.append(header_names([*header, ""])[-1])
        rows.append((number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header)}))
    return Table(sheet=sheet, header=header, header_row=header_row, rows=rows)


def row_text(cells: dict[str, str]) -> str:
    return "; ".join(f"{h}: {v}" for h, v in cells.items() if v)


def row_documents(table: Table) -> Iterator[Document]:
    """One Document per data row with ``sheet``, ``row``, ``locator`` and ``cells``."""
    for number, cells in table.rows:
        text = row_text(cells)
        if not text:
            continue
        yield Document(page_content=text, metadata={
            "sheet": table.sheet, "row": number, "locator": f"sheet {table.sheet}, row {number}",
            "cells": json.dumps(cells, ensure_ascii=False),
        })
