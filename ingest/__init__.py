"""Files -> Documents with exact locators: load, chunk and describe council documents.

Formats: PDF, DOCX, XLSX, CSV, HTML (files and web pages), Markdown and plain text.
"""

from __future__ import annotations

from ingest.chunking import Chunker
from ingest.errors import LoadError
from ingest.files import MAX_BYTES, iter_files, load_file, read_tables
from ingest.tabular import Table
from ingest.web import fetch_url

__all__ = [
    "MAX_BYTES", "Chunker", "LoadError", "Table", "fetch_url", "iter_files", "load_file", "read_tables",
]
