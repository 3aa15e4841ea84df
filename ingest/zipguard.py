"""Refuse zip bombs before any XML inside a DOCX/XLSX is parsed."""

from __future__ import annotations

import io
import zipfile

from ingest.errors import LoadError

MAX_UNCOMPRESSED = 200 * 2**20
"""Total declared uncompressed size a DOCX/XLSX may have."""
MAX_RATIO = 100
"""Highest compression ratio accepted for an entry larger than ``RATIO_FLOOR``."""
RATIO_FLOOR = 2**20
MAX_ENTRIES = 20_000


def open_zip(data: bytes, name: str, label: str) -> zipfile.ZipFile:
    """Open ``data`` as a zip after checking its declared sizes; raise LoadError on a bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise LoadError(name, f"corrupt {label}: not a readable zip archive ({exc})") from exc
    if len(infos) > MAX_ENTRIES:
        raise LoadError(name, f"zip bomb suspected: {len(infos)} entries in the archive")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise LoadError(
            name, f"zip bomb suspected: {total / 2**20:.0f} MB uncompressed "
            f"(limit {MAX_UNCOMPRESSED // 2**20} MB)")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise LoadError(
                name, f"zip bomb suspected: {info.filename} expands {ratio:.0f}x (limit {MAX_RATIO}x)")
    return archive
