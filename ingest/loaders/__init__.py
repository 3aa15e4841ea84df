"""One loader per format, and the small registry that maps a detected format to it."""

from __future__ import annotations

from ingest.loaders.base import BaseLoader
from ingest.loaders.csv import CsvLoader
from ingest.loaders.docx import DocxLoader
from ingest.loaders.html import HtmlLoader
from ingest.loaders.pdf import PdfLoader
from ingest.loaders.text import MarkdownLoader, TextLoader
from ingest.loaders.xlsx import XlsxLoader

LOADERS: dict[str, type[BaseLoader]] = {
    "pdf": PdfLoader,
    "docx": DocxLoader,
    "xlsx": XlsxLoader,
    "html": HtmlLoader,
    "markdown": MarkdownLoader,
    "text": TextLoader,
    "csv": CsvLoader,
}
"""Format (from ``ingest.sniff.detect``) -> loader class."""

TABULAR = frozenset({"csv", "xlsx"})


def loader_for(fmt: str, data: bytes, name: str) -> BaseLoader:
    return LOADERS[fmt](data, name)


__all__ = ["LOADERS", "TABULAR", "BaseLoader", "CsvLoader", "DocxLoader", "HtmlLoader",
           "MarkdownLoader", "PdfLoader", "TextLoader", "XlsxLoader", "loader_for"]
