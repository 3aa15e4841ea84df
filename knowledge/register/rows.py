"""The input unit of the register engine: one spreadsheet row as the loader saw it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RegisterRow:
    """One data row of a register sheet.

    ``row`` is the 1-based row number a person sees in Excel (or the CSV line number,
    header included); ``cells`` maps header text to the cell text (dates already ISO when
    the loader recognised them).
    """

    source: str
    sheet: str
    row: int
    cells: dict[str, str] = field(default_factory=dict)
    access: str = "public"


def locator(sheet: str, row: int) -> str:
    """The human locator of a row: ``"sheet CCTV, row 14"`` (or ``"row 14"`` for a CSV)."""
    return f"sheet {sheet}, row {row}" if sheet else f"row {row}"
