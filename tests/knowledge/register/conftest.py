"""Build RegisterRows from CSV/XLSX with the stdlib and openpyxl (not the ingest package)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from knowledge.register import RegisterRow, RegisterStore

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "demo" / "westmarch" / "register" / "cctv-asset-register.csv"
BOROUGH = ROOT / "tests" / "fixtures" / "registers" / "borough-security-register.xlsx"
PUBLIC = frozenset({"public"})


def csv_rows(path: Path, source: str, access: str = "public") -> list[RegisterRow]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [RegisterRow(source, "", n, dict(cells), access)
                for n, cells in enumerate(csv.DictReader(handle), start=2)]


def xlsx_rows(path: Path, source: str) -> list[RegisterRow]:
    rows: list[RegisterRow] = []
    book = load_workbook(path, read_only=True, data_only=True)
    for sheet in book.worksheets:
        values = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
        width = max(sum(1 for v in r if v) for r in values)
        head = next(i for i, r in enumerate(values) if sum(1 for v in r if v) >= width / 2 > 1)
        headers = values[head]
        for offset, row in enumerate(values[head + 1 :], start=head + 2):
            if any(row):
                cells = {h: v for h, v in zip(headers, row, strict=False) if h}
                rows.append(RegisterRow(source, sheet.title, offset, cells))
    return rows


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> RegisterStore:
    store = RegisterStore(tmp_path_factory.mktemp("reg") / "register.sqlite")
    source = "register/cctv-asset-register.csv"
    store.replace_source(source, csv_rows(SAMPLE, source))
    return store


@pytest.fixture(scope="module")
def borough_store(tmp_path_factory: pytest.TempPathFactory) -> RegisterStore:
    store = RegisterStore(tmp_path_factory.mktemp("reg") / "register.sqlite")
    store.replace_source("borough.xlsx", xlsx_rows(BOROUGH, "borough.xlsx"))
    return store
