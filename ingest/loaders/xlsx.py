"""XLSX via openpyxl (``data_only=True``: formula cells read as their cached values).

Visible sheets are indexed; hidden sheets are skipped and reported in ``notes``. A merged
range takes the value of its top-left cell in every cell. One unit per data row.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from typing import Any

from langchain_core.documents import Document

from ingest.errors import LoadError
from ingest.loaders.base import BaseLoader
from ingest.tabular import Table, build_table, cell_text, row_documents
from ingest.zipguard import open_zip


class XlsxLoader(BaseLoader):
    label = "XLSX"

    def _load(self) -> Iterator[Document]:
        tables = self.tables()
        if not tables:
            raise LoadError(self.name, "no visible sheet has any cells with text")
        for table in tables:
            yield from row_documents(table)

    def tables(self) -> list[Table]:
        import openpyxl

        open_zip(self.data, self.name, "XLSX").close()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(self.data), data_only=True)
        try:
            self._read_core(book)
            tables = []
            for sheet in book.worksheets:
                if sheet.sheet_state != "visible":
                    self.notes.append(f"sheet {sheet.title}: {sheet.sheet_state}, skipped")
                    continue
                table = build_table(sheet.title, _grid(sheet))
                if table is not None:
                    tables.append(table)
            return tables
        finally:
            book.close()

    def _read_core(self, book: Any) -> None:
        title = book.properties.title
        if title and str(title).strip():
            self.title = " ".join(str(title).split())


def _grid(sheet: Any) -> list[tuple[int, list[str]]]:
    fill: dict[tuple[int, int], Any] = {}
    for merged in sheet.merged_cells.ranges:
        value = sheet.cell(merged.min_row, merged.min_col).value
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                fill[(row, col)] = value
    grid = []
    for r, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        cells = [cell_text(fill.get((r, c), v)) for c, v in enumerate(values, start=1)]
        grid.append((r, cells))
    return grid
