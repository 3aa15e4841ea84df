"""CSV: encoding (UTF-8 with/without BOM, else Windows-1252) and delimiter detected;
one unit per data row. ``sheet`` is the file stem; ``row`` is the CSV record number."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import PurePath

from langchain_core.documents import Document

from ingest.errors import LoadError
from ingest.loaders.base import BaseLoader
from ingest.sniff import decode_text
from ingest.tabular import Table, build_table, cell_text, row_documents

_DELIMITERS = ",;\t|"


class CsvLoader(BaseLoader):
    label = "CSV"

    def _load(self) -> Iterator[Document]:
        for table in self.tables():
            yield from row_documents(table)

    def tables(self) -> list[Table]:
        text = decode_text(self.data, self.name)
        dialect = _dialect(text, self.name)
        csv.field_size_limit(max(len(text), 131072))
        reader = csv.reader(io.StringIO(text, newline=""), dialect)
        try:
            grid = [(n, [cell_text(c) for c in row]) for n, row in enumerate(reader, start=1)]
        except csv.Error as exc:
            raise LoadError(self.name, f"malformed CSV: {exc}") from exc
        table = build_table(_stem(self.name), grid)
        if table is None:
            raise LoadError(self.name, "CSV has no cells with text")
        return [table]


def _dialect(text: str, name: str) -> type[csv.Dialect] | csv.Dialect:
    sample = text[:16384]
    if PurePath(name).suffix.lower() == ".tsv":
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        first = sample.split("\n", 1)[0]
        best = max(_DELIMITERS, key=first.count)
        return csv.excel_tab if best == "\t" and first.count(best) else csv.excel


def _stem(name: str) -> str:
    return PurePath(name).stem or "sheet"
