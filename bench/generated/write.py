"""Write a generated ``Register`` as a council would export it: CSV or XLSX."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from bench.generated.make import Layout, Register, Row

FIXED_TIME = datetime(2025, 9, 1, 7, 30)  # workbook properties, so a seed gives the same file
SHEET_NAMES = ["Register", "Assets", "Export", "CCTV"]
FILE_STEMS = ["cctv-asset-register", "security_assets_export", "CCTV Register 2025", "asset-list"]


def fy_text(start: int | None, fmt: str) -> str:
    if start is None:
        return ""
    end = (start + 1) % 100
    if fmt == "short":
        return f"{start % 100:02d}/{end:02d}"
    if fmt == "fy":
        return f"FY{start}-{end:02d}"
    return f"{start}/{end:02d}"


def cell(row: Row, role: str, layout: Layout) -> object:
    """The value written for ``role``; dates follow the layout (``excel``: real dates, half as text)."""
    if role == "installed":
        d = row.installed
        fmt = layout.date_format
        if fmt == "excel":
            return datetime(d.year, d.month, d.day) if int(row.asset_id[-1]) % 2 == 0 else d.strftime("%d/%m/%Y")
        return {"iso": d.isoformat(), "dmy": d.strftime("%d/%m/%Y"), "year": str(d.year)}[fmt]
    if role == "replacement":
        return fy_text(row.replacement_fy, layout.fy_format)
    values = {"site": row.site, "area": row.area, "type": row.type, "make": row.make, "model": row.model,
              "status": row.status, "cameras": row.cameras, "device": row.device, "system": row.system_id,
              "asset": row.asset_id, "network": row.network, "remote": row.remote, "notes": row.notes}
    return values[role]


def table(reg: Register, rows: list[Row]) -> list[list[object]]:
    """Header line then one line per row, columns in the register's order."""
    roles = list(reg.headers)
    header: list[object] = list(reg.headers.values())
    return [header] + [[cell(r, role, reg.layout) for role in roles] for r in rows]


def file_name(reg: Register) -> str:
    stem = FILE_STEMS[reg.seed % len(FILE_STEMS)]
    return f"{stem}.{reg.layout.kind}"


def _banner(reg: Register) -> list[str]:
    return [f"{reg.council} \u2013 CCTV and security asset register",
            "Exported 01/09/2025 by Property Services (filter: all assets)", ""]


def _fill(ws: Worksheet, reg: Register, rows: list[Row]) -> None:
    for line in _banner(reg)[: reg.layout.banner_rows]:
        ws.append([line] if line else [])
    for values in table(reg, rows):
        ws.append(values)
    for col in ws.iter_cols(min_row=ws.max_row - len(rows) + 1):
        for c in col:
            if isinstance(c.value, datetime):
                c.number_format = "dd/mm/yyyy"


def _extra(wb: Workbook, reg: Register) -> None:
    if reg.layout.extra_sheet == "Lookups":
        ws = wb.create_sheet("Lookups")
        ws.append(["Status value", "Meaning", "Counts as in service"])
        for value, cls in reg.statuses.items():
            meaning = {"live": "Working", "due": "Working, replacement approved", "out": "Not in use"}[cls]
            ws.append([value, meaning, "Yes" if cls != "out" else "No"])
        ws.append([])
        ws.append(["Property types"] + reg.types)
    elif reg.layout.extra_sheet == "Notes":
        ws = wb.create_sheet("Notes")
        for line in ["About this export", f"Source: {reg.council} property asset system.",
                     "One row per " + ("system." if reg.shape == "system" else "device."),
                     "Queries to the Property Services helpdesk."]:
            ws.append([line])


def write_xlsx(reg: Register, path: Path) -> None:
    wb = Workbook()
    first = wb.active
    assert first is not None
    if reg.layout.per_area_tabs:
        wb.remove(first)
        for area in reg.areas:
            rows = [r for r in reg.rows if r.area == area]
            if rows:
                _fill(wb.create_sheet(area), reg, rows)
    else:
        first.title = SHEET_NAMES[reg.seed % len(SHEET_NAMES)]
        _fill(first, reg, reg.rows)
    _extra(wb, reg)
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.save(path)


def write(reg: Register, folder: Path) -> Path:
    """Write the register into ``folder``; returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(reg)
    if reg.layout.kind == "xlsx":
        write_xlsx(reg, path)
        return path
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=reg.layout.delimiter).writerows(table(reg, reg.rows))
    return path


__all__ = ["cell", "file_name", "fy_text", "table", "write"]
