"""Backup and restore of cllr's state as one ``.tar.gz`` with a checksummed manifest.

Archive layout::

    manifest.json              format, version, created, mode, files (+sha256), collections
    data/...                   the data dir: SQLite files snapshotted with the online
                               backup API (consistent while in use), everything else copied
                               but the corpus kept per generation (DATA/corpus), which is
                               derived from the index and rebuilt on first use
    chroma/<collection>.jsonl  server mode only: every record (id, document, metadata,
                               embedding) of each of our Chroma collections

Embedded mode (no ``CLLR_CHROMA_URL``) backs up the data dir, Chroma's persistent
directory ``DATA/chroma`` included. Server mode exports the collections named
``<CLLR_COLLECTION>_*`` through the HTTP client as well. PostgreSQL state
(``CLLR_DATABASE_URL``) is not included: back it up with ``pg_dump``.

Restore verifies every checksum before touching anything, refuses archives from a newer
format version, builds the new data dir next to the old one and swaps it in with
``rename``, keeping the old one as ``DATA.before-restore-<ts>``. On a Chroma server the
collections are rebuilt under temporary names and then renamed into place, the old ones
kept as ``<name>__before_restore_<ts>``. Stop the bot (and any ingest) before restoring.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import tarfile
import tempfile
import time
import uuid
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from knowledge.index.indexer import file_hash
from knowledge.settings import Settings

__all__ = ["FORMAT_VERSION", "BackupError", "backup", "restore"]

FORMAT = "cllr-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_SKIP_SUFFIXES = ("-wal", "-shm", "-journal")
_DERIVED = ("corpus/",)
"""Data dir folders made from the index (``knowledge.index.corpus_cache``): never backed up."""
_PAGE = 1000
_INCLUDE = ["embeddings", "documents", "metadatas"]

log = logging.getLogger(__name__)


class BackupError(RuntimeError):
    """A backup that cannot be written, read, verified or restored."""


# --- backup -------------------------------------------------------------------------------
def backup(settings: Settings, dest: Path) -> Path:
    """Write a backup of ``settings``' state to ``dest`` and return the archive's path.

    ``dest`` is a ``.tar.gz``/``.tgz`` file name, or a folder that gets
    ``cllr-backup-<timestamp>.tar.gz``.
    """
    data = Path(settings.data_dir)
    dest = Path(dest)
    if dest.name.endswith((".tar.gz", ".tgz")):
        target = dest
    else:
        target = dest / f"cllr-backup-{_stamp()}.tar.gz"
    if not settings.chroma_url and not data.is_dir():
        raise BackupError(f"nothing to back up: data dir {data} does not exist")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cllr-backup-") as tmp:
        stage = Path(tmp)
        files = _snapshot_dir(data, stage / "data", skip=target.resolve())
        collections: list[dict[str, Any]] = []
        if settings.chroma_url:
            from knowledge.index.store import chroma_client

            client = chroma_client(settings)
            collections = _export_collections(client, settings.collection, stage / "chroma")
            files += [f"chroma/{c['name']}.jsonl" for c in collections]
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "mode": "server" if settings.chroma_url else "embedded",
            "files": [_file_entry(stage, rel) for rel in sorted(files)],
            "collections": collections,
        }
        (stage / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        _write_archive(stage, [MANIFEST, *sorted(files)], target)
    log.info("backup written", extra={"path": str(target), "files": len(files)})
    return target


def _snapshot_dir(data: Path, out: Path, skip: Path) -> list[str]:
    """Copy ``data`` into ``out`` (SQLite through the backup API); the copied paths."""
    copied: list[str] = []
    if not data.is_dir():
        return copied
    for path in sorted(data.rglob("*")):
        if not path.is_file() or path.name.endswith(_SKIP_SUFFIXES):
            continue
        if path.resolve() == skip:
            continue
        rel = path.relative_to(data).as_posix()
        if rel.startswith(_DERIVED):
            continue
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if _is_sqlite(path):
            _sqlite_copy(path, target)
        else:
            shutil.copy2(path, target)
        copied.append(f"data/{rel}")
    return copied


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC


def _sqlite_copy(src: Path, dst: Path) -> None:
    """A consistent copy of a live SQLite database (WAL content included)."""
    source = sqlite3.connect(str(src), timeout=30)
    target = sqlite3.connect(str(dst))
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


def _export_collections(client: Any, prefix: str, out: Path) -> list[dict[str, Any]]:
    """Dump each of our collections to ``out/<name>.jsonl``; their specs for the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    specs: list[dict[str, Any]] = []
    for name in sorted(_our_collections(client, prefix)):
        collection = client.get_collection(name, embedding_function=None)
        count = 0
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for record in _records(collection):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        specs.append({"name": name, "metadata": collection.metadata or None, "count": count})
    return specs


def _our_collections(client: Any, prefix: str) -> list[str]:
    names = [getattr(c, "name", c) for c in client.list_collections()]
    return [
        str(n)
        for n in names
        if (n == prefix or str(n).startswith(f"{prefix}_")) and "__" not in str(n)
    ]


def _records(collection: Any) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        got = collection.get(include=_INCLUDE, limit=_PAGE, offset=offset)
        ids = got["ids"]
        if not ids:
            return
        embeddings = got["embeddings"]
        for i, rid in enumerate(ids):
            vector = embeddings[i] if embeddings is not None else None
            yield {
                "id": rid,
                "document": got["documents"][i],
                "metadata": got["metadatas"][i],
                "embedding": None if vector is None else [float(x) for x in vector],
            }
        offset += len(ids)


def _file_entry(stage: Path, rel: str) -> dict[str, Any]:
    path = stage / rel
    return {"path": rel, "size": path.stat().st_size, "sha256": file_hash(path)}


def _write_archive(stage: Path, members: list[str], target: Path) -> None:
    partial = target.with_name(f".{target.name}.partial")
    try:
        with tarfile.open(partial, "w:gz") as tar:
            for rel in members:
                tar.add(stage / rel, arcname=rel, recursive=False)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


# --- restore ------------------------------------------------------------------------------
def restore(settings: Settings, src: Path) -> None:
    """Replace ``settings``' state with the backup at ``src`` (verified first)."""
    data = Path(settings.data_dir)
    if not Path(src).is_file():
        raise BackupError(f"no backup at {src}")
    ts = _stamp()
    data.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{data.name}.restore-", dir=data.parent))
    try:
        manifest = _extract_verified(Path(src), stage)
        new_data = stage / "data"
        new_data.mkdir(exist_ok=True)
        specs: list[dict[str, Any]] = list(manifest.get("collections") or [])
        if settings.chroma_url:
            if manifest["mode"] == "embedded":
                specs = _embedded_to_jsonl(new_data / "chroma", settings.collection, stage)
            from knowledge.index.store import chroma_client

            _import_to_server(chroma_client(settings), stage / "chroma", specs, ts)
        elif specs:
            shutil.rmtree(new_data / "chroma", ignore_errors=True)
            _import_embedded(new_data / "chroma", stage / "chroma", specs)
        old = _swap(new_data, data, ts)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    log.info("backup restored", extra={"path": str(src), "previous": str(old or "")})


def _extract_verified(src: Path, stage: Path) -> dict[str, Any]:
    """Extract ``src`` into ``stage`` and check it against its manifest; the manifest."""
    try:
        with tarfile.open(src, "r:gz") as tar:
            manifest = _read_manifest(tar, src)
            expected = {f["path"]: f for f in manifest["files"]}
            for member in tar.getmembers():
                if member.name != MANIFEST and member.name not in expected:
                    raise BackupError(f"{src}: unexpected file {member.name!r} in archive")
            tar.extractall(stage, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, OSError, ValueError, KeyError) as exc:
        raise BackupError(f"{src} is not a readable cllr backup: {exc}") from exc
    for rel, entry in expected.items():
        path = stage / rel
        if not path.is_file():
            raise BackupError(f"{src}: {rel} is listed in the manifest but missing")
        if file_hash(path) != entry["sha256"]:
            raise BackupError(f"{src}: checksum mismatch for {rel}; the backup is corrupt")
    return manifest


def _read_manifest(tar: tarfile.TarFile, src: Path) -> dict[str, Any]:
    member = tar.extractfile(MANIFEST)
    if member is None:
        raise BackupError(f"{src}: {MANIFEST} is not a file")
    manifest = json.loads(member.read().decode("utf-8"))
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{src} is not a cllr backup (no {FORMAT} manifest)")
    version = int(manifest.get("version", 0))
    if version > FORMAT_VERSION:
        raise BackupError(
            f"{src} has backup format version {version}, newer than this cllr supports "
            f"({FORMAT_VERSION}); upgrade cllr to restore it"
        )
    return manifest


def _embedded_to_jsonl(chroma_dir: Path, prefix: str, stage: Path) -> list[dict[str, Any]]:
    """Migration: an embedded backup restored onto a Chroma server."""
    if not chroma_dir.is_dir():
        return []
    client = _persistent(chroma_dir)
    try:
        return _export_collections(client, prefix, stage / "chroma")
    finally:
        _release(client)
        shutil.rmtree(chroma_dir, ignore_errors=True)


def _import_embedded(chroma_dir: Path, jsonl_dir: Path, specs: list[dict[str, Any]]) -> None:
    client = _persistent(chroma_dir)
    try:
        for spec in specs:
            _fill(client, spec["name"], spec, jsonl_dir)
    finally:
        _release(client)


def _import_to_server(
    client: Any, jsonl_dir: Path, specs: list[dict[str, Any]], ts: str
) -> None:
    """Rebuild each collection under a temporary name, then rename it into place."""
    staged = [(spec, f"{spec['name']}__restore_{ts}") for spec in specs]
    for spec, temp_name in staged:
        _fill(client, temp_name, spec, jsonl_dir)
    existing = {getattr(c, "name", c) for c in client.list_collections()}
    for spec, temp_name in staged:
        name = spec["name"]
        if name in existing:
            kept = f"{name}__before_restore_{ts}"
            client.get_collection(name, embedding_function=None).modify(name=kept)
            log.info("previous collection kept", extra={"collection": kept})
        client.get_collection(temp_name, embedding_function=None).modify(name=name)


def _fill(client: Any, name: str, spec: dict[str, Any], jsonl_dir: Path) -> None:
    collection = client.create_collection(
        name, metadata=spec.get("metadata") or None, embedding_function=None
    )
    for batch in _jsonl_batches(jsonl_dir / f"{spec['name']}.jsonl"):
        collection.add(
            ids=[r["id"] for r in batch],
            embeddings=[r["embedding"] for r in batch],
            documents=[r["document"] for r in batch],
            metadatas=[r["metadata"] for r in batch],
        )
    if collection.count() != spec["count"]:
        raise BackupError(
            f"collection {spec['name']}: restored {collection.count()} of {spec['count']} records"
        )


def _jsonl_batches(path: Path) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            batch.append(json.loads(line))
            if len(batch) >= _PAGE:
                yield batch
                batch = []
    if batch:
        yield batch


def _persistent(path: Path) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
    )


def _release(client: Any) -> None:
    """Drop Chroma's per-path client cache so a moved folder is reopened from disk."""
    from chromadb.api.shared_system_client import SharedSystemClient

    del client
    SharedSystemClient.clear_system_cache()


def _swap(new: Path, data: Path, ts: str) -> Path | None:
    """Put ``new`` at ``data`` by rename; the old data dir's new name, if there was one."""
    old: Path | None = None
    if data.exists():
        old = data.with_name(f"{data.name}.before-restore-{ts}")
        os.replace(data, old)
    try:
        os.replace(new, data)
    except OSError:
        if old is not None:
            os.replace(old, data)
        raise
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    return old


def _stamp() -> str:
    return f"{time.strftime('%Y%m%d-%H%M%S', time.gmtime())}-{uuid.uuid4().hex[:4]}"
