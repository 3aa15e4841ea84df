"""What a file really is, from its bytes first and its extension second.

``detect`` returns one of ``pdf, docx, xlsx, html, markdown, text, csv``. A PDF renamed
``.txt`` is a PDF; a ``.pdf`` that is really an HTML page is HTML; binary content in a
``.txt`` or ``.csv`` is refused as "binary content, not text".
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import PurePath

from ingest.errors import LoadError

FORMATS = ("pdf", "docx", "xlsx", "html", "markdown", "text", "csv")
_BY_EXTENSION = {
    ".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".md": "markdown", ".markdown": "markdown",
    ".txt": "text", ".text": "text", ".csv": "csv", ".tsv": "csv",
}
_LEGACY = {".doc": "Word 97-2003 (.doc)", ".xls": "Excel 97-2003 (.xls)", ".ppt": "PowerPoint (.ppt)"}
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(html|head|body|title|div|p|h[1-6])[\s>]", re.I)
SAMPLE = 8192


def extension_format(name: str) -> str | None:
    return _BY_EXTENSION.get(PurePath(name).suffix.lower())


def detect(data: bytes, name: str) -> str:
    """The loader format for ``data`` (raises LoadError for empty, binary or unsupported)."""
    if not data:
        raise LoadError(name, "empty file (0 bytes)")
    claimed = extension_format(name)
    if data.startswith(b"%PDF-") or (b"%PDF-" in data[:1024] and claimed == "pdf"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_format(data, name, claimed)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        legacy = _LEGACY.get(PurePath(name).suffix.lower(), "an old Office binary format")
        raise LoadError(name, f"{legacy} is not supported; save it as .docx/.xlsx or PDF")
    if _looks_html(data[:SAMPLE]) and claimed not in ("markdown", "csv"):
        return "html"
    if claimed in ("pdf", "docx", "xlsx"):
        kind = "text" if _is_text(data[:SAMPLE]) else "binary data"
        raise LoadError(name, f"not a valid {claimed.upper()}: the content is {kind}")
    if claimed is None and PurePath(name).suffix:
        raise LoadError(name, f"unsupported file type {PurePath(name).suffix.lower()}")
    decode_text(data, name)  # binary or undecodable content is refused here
    return claimed or "text"


def _zip_format(data: bytes, name: str, claimed: str | None) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        label = claimed.upper() if claimed in ("docx", "xlsx") else "zip archive"
        raise LoadError(name, f"corrupt {label}: not a readable zip archive") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names:
        raise LoadError(name, "OpenDocument files are not supported; save as .docx/.xlsx")
    if claimed in ("docx", "xlsx"):
        part = "word/document.xml" if claimed == "docx" else "xl/workbook.xml"
        raise LoadError(name, f"corrupt {claimed.upper()}: the zip has no {part}")
    raise LoadError(name, "a zip archive that is neither DOCX nor XLSX")


def _looks_html(head: bytes) -> bool:
    head = head.removeprefix(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith(b"<") and len(_HTML_TAGS.findall(head)) >= 2


def _is_text(sample: bytes) -> bool:
    try:
        decode_text(sample, "", partial=True)
    except LoadError:
        return False
    return True


def decode_text(data: bytes, name: str, *, partial: bool = False) -> str:
    """Decode text: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252.

    Raises LoadError "binary content, not text" or "undecodable text ...".
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise LoadError(name, "undecodable text (bad UTF-16)") from exc
    if b"\x00" in data[:SAMPLE] or (partial and b"\x00" in data):
        raise LoadError(name, "binary content, not text")
    text = _decode(data, name, partial)
    sample = text[:SAMPLE]
    control = sum(1 for ch in sample if ch not in "\t\n\r\f\v" and unicodedata.category(ch) in ("Cc", "Cs"))
    if sample and control / len(sample) > 0.05:
        raise LoadError(name, "binary content, not text")
    return text


def _decode(data: bytes, name: str, partial: bool) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if partial and exc.start >= len(data) - 3:  # a sample may end mid-character
            return data[: exc.start].decode("utf-8-sig")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise LoadError(name, "undecodable text (neither UTF-8 nor Windows-1252)") from exc
