"""Load one file (bounded read, sniff, load, describe, chunk) and walk folders for files."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath

from langchain_core.documents import Document

from ingest.chunking import Chunker
from ingest.describe import file_metadata
from ingest.errors import LoadError
from ingest.loaders import TABULAR, loader_for
from ingest.sniff import detect
from ingest.tabular import Table

log = logging.getLogger(__name__)
MAX_BYTES = 50 * 2**20
_SKIP_NAMES = {"Thumbs.db", "desktop.ini", "__pycache__", "node_modules"}


@functools.cache
def default_chunker() -> Chunker:
    """One shared Chunker, built (and its tokenizer loaded) on first use, not at import."""
    return Chunker()


def read_bounded(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes; never reads more than ``max_bytes`` (size is checked with stat first)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(path, f"cannot read: {exc.strerror or exc}") from exc
    if not path.is_file():
        raise LoadError(path, "not a regular file")
    if size == 0:
        raise LoadError(path, "empty file (0 bytes)")
    if size > max_bytes:
        raise LoadError(path, f"too large: {_mb(size)} exceeds the {_mb(max_bytes)} limit")
    try:
        with path.open("rb") as handle:
            data = handle.read(size + 1)  # not max_bytes: read() pre-allocates what it is asked for
            if len(data) > size:  # grew after stat: read on, but never past the limit
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as exc:
        raise LoadError(path, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:  # grew after stat
        raise LoadError(path, f"too large: more than the {_mb(max_bytes)} limit")
    return data


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size} bytes"


def load_bytes(
    data: bytes, name: str, source: str, *, chunker: Chunker | None = None
) -> list[Document]:
    """Sniff, load, describe and chunk ``data``; ``source`` goes into every chunk."""
    fmt = detect(data, name)
    loader = loader_for(fmt, data, name)
    units = list(loader.lazy_load())
    for note in loader.notes:
        log.info("%s: %s", source, note)
    if not units:
        raise LoadError(name, "no text could be extracted")
    meta = file_metadata(source, fmt, units, loader.title, loader.created)
    if fmt in TABULAR:
        meta["kind"] = "register"
    chunks = (chunker or default_chunker()).chunk(units)
    for chunk in chunks:
        chunk.metadata = {"source": source, **meta, **chunk.metadata}
    return chunks


def load_file(
    path: Path, root: Path, *, max_bytes: int = MAX_BYTES, chunker: Chunker | None = None
) -> list[Document]:
    """Load and chunk one file. ``source`` is ``path`` relative to ``root`` (posix).

    Reads at most ``max_bytes`` (default 50 MB): larger files are refused after ``stat``,
    before any byte is read. Raises ``LoadError`` with a specific reason.
    """
    path, root = Path(path), Path(root)
    try:
        source = path.relative_to(root).as_posix()
    except ValueError:
        source = path.name
    data = read_bounded(path, max_bytes)
    try:
        return load_bytes(data, path.name, source, chunker=chunker)
    except LoadError as exc:
        raise LoadError(path, exc.reason) from exc


def read_tables(path: Path, *, max_bytes: int = MAX_BYTES) -> list[Table]:
    """The tables of a CSV/XLSX file: one per visible sheet, header found below banners."""
    path = Path(path)
    data = read_bounded(path, max_bytes)
    fmt = detect(data, path.name)
    if fmt not in TABULAR:
        raise LoadError(path, f"not a spreadsheet (the content is {fmt})")
    loader = loader_for(fmt, data, path.name)
    try:
        return list(loader.guarded(loader.tables))  # type: ignore[attr-defined]
    except LoadError as exc:
        raise LoadError(path, exc.reason) from exc


def iter_files(paths: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    """``(root, file)`` for every file under ``paths``, in a stable order.

    A file given directly has its parent as root. Hidden files and folders, Office lock
    files (``~$...``) and symlinked folders are skipped.
    """
    for given in paths:
        given = Path(given)
        if given.is_file():
            if not given.name.startswith("~$"):
                yield given.parent, given
            continue
        if not given.is_dir():
            raise LoadError(given, "no such file or folder")
        for folder, dirs, files in os.walk(given):
            dirs[:] = sorted(d for d in dirs if not _skipped(d))
            for name in sorted(files):
                if not _skipped(name):
                    yield given, Path(folder) / name


def _skipped(name: str) -> bool:
    return name.startswith((".", "~$")) or name in _SKIP_NAMES or PurePath(name).suffix == ".tmp"
