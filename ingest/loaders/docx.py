"""DOCX via python-docx: paragraphs, headings and tables, one unit per heading section.

A table row becomes one line "Header: value; Header: value" (the first row is the
header). Comments, headers/footers and the core properties are not indexed as body text;
the core title is used as the title only.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from langchain_core.documents import Document

from ingest.dates import from_datetime
from ingest.loaders.base import BaseLoader, section_meta, unit
from ingest.zipguard import open_zip


class DocxLoader(BaseLoader):
    label = "DOCX"

    def _load(self) -> Iterator[Document]:
        import docx

        open_zip(self.data, self.name, "DOCX").close()
        document = docx.Document(io.BytesIO(self.data))
        self._read_core(document)
        heading: str | None = None
        blocks: list[str] = []
        for kind, text in _blocks(document):
            if kind == "heading":
                if blocks and blocks != [heading]:
                    yield unit("\n\n".join(blocks), **section_meta(heading))
                    blocks = []
                heading = text
                self.title = self.title or text
            blocks.append(text)
        if blocks:
            yield unit("\n\n".join(blocks), **section_meta(heading))

    def _read_core(self, document: Any) -> None:
        core = document.core_properties
        if core.title and core.title.strip():
            self.title = " ".join(core.title.split())
        if core.created is not None:
            self.created = from_datetime(core.created)


def _blocks(document: Any) -> Iterator[tuple[str, str]]:
    """("heading" | "text", text) for each body paragraph and table row, in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = " ".join(paragraph.text.split())
            if text:
                yield ("heading" if _is_heading(paragraph) else "text"), text
        elif tag == "tbl":
            for line in _table_lines(Table(child, document)):
                yield "text", line


def _is_heading(paragraph: Any) -> bool:
    try:
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, ValueError):
        return False
    return style.startswith("Heading") or style == "Title"


def _table_lines(table: Any) -> Iterator[str]:
    """Rows as "Header: value; ..." (a two-column table is read as "key: value" pairs)."""
    rows = [r for r in (_row_texts(row) for row in table.rows) if any(r)]
    if not rows:
        return
    width = max(len(r) for r in rows)
    if width == 2 or len(rows) == 1:
        yield from (": ".join(c for c in r if c) if width == 2 else "; ".join(c for c in r if c)
                    for r in rows)
        return
    names = [h or f"Column {i + 1}" for i, h in enumerate(rows[0])]
    names += [f"Column {i + 1}" for i in range(len(names), width)]
    yield "; ".join(c for c in rows[0] if c)
    for row in rows[1:]:
        pairs = [f"{names[i]}: {v}" for i, v in enumerate(row) if v]
        if pairs:
            yield "; ".join(pairs)


def _row_texts(row: Any) -> list[str]:
    """Cell texts of one row; a horizontally merged cell counts once."""
    texts: list[str] = []
    previous = None
    for cell in row.cells:
        if previous is not None and cell._tc is previous:
            continue
        previous = cell._tc
        texts.append(" ".join(cell.text.split()))
    return texts
