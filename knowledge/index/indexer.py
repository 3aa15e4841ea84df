"""Sync folders of files into the index: add new, update changed, skip unchanged, drop gone.

A sync is all-or-nothing for readers. Changed files are loaded, chunked and embedded, and
their chunks are written tagged with the new file hash; readers ignore them, because they
only trust chunks whose hash the manifest holds. Then ONE manifest upsert switches every
changed file to its new version, tombstones removed files and bumps the generation. A kill
before that leaves the previous index answering exactly as before; the orphans it leaves
are deleted by the next sync.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from langchain_core.documents import Document

from knowledge.index.sources import inside, owner, real
from knowledge.index.store import ChunkStore
from knowledge.types import Failure, ProgressFn, SyncReport

SYMLINK_OUT = "skipped: a symbolic link that leaves the declared folder"


class Loader(Protocol):
    """What the indexer needs from ``ingest`` (passed in: knowledge never imports it)."""

    def load_file(self, path: Path, root: Path, *, max_bytes: int) -> list[Document]: ...

    def iter_files(self, paths: Iterable[Path]) -> Iterable[tuple[Path, Path]]: ...


class Embedder(Protocol):
    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def chunk_id(source: str, digest: str, index: int) -> str:
    return f"{hashlib.sha1(source.encode()).hexdigest()[:16]}-{digest[:16]}-{index}"


@dataclass
class Indexer:
    store: ChunkStore
    embedder: Embedder
    loader: Loader
    max_bytes: int = 50 * 2**20
    pending: dict[str, dict[str, Any]] = field(default_factory=dict)
    uploads: str = ""
    """Files under this folder were sent to the bot: their documents are uploads."""
    batch: int = 1024
    """Chunks are embedded in batches across files: fewer, fuller model calls."""
    _buffer: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    def sync(
        self, paths: list[Path], *, access: str = "public", progress: ProgressFn | None = None,
        declared: Mapping[str, str] | None = None,
    ) -> SyncReport:
        """Sync each path as a declared source. ``declared`` maps every declared path (canonical)
        to its level; a file is synced only by the most specific declared path holding it."""
        report = SyncReport()
        manifest = self.store.manifest()
        declared = dict(declared or {})
        for path in paths:
            declared.setdefault(real(path), access)
        plan = self._plan(paths, declared, manifest, report)
        seen = {identity for _, _, _, identity, _ in plan}
        for done, (root, path, source, identity, key) in enumerate(plan):
            if progress:
                progress(source, done, len(plan))
            previous = manifest.get(source)
            if previous and _identity(source, previous) != identity:
                previous = None
            self._sync_one(root, path, source, declared[key], previous, report, key, identity)
        names = {source for _, _, source, _, _ in plan}
        keys = {real(p) for p in paths}
        report.removed = sorted(
            s for s, r in manifest.items()
            if s not in names and (_identity(s, r) in seen or str(r.get("root")) in keys)
        )  # gone from its folder, or moved to another name / level
        if progress:
            progress("committing", len(plan), len(plan))
        self.finish(report)
        return report

    def _plan(
        self, paths: list[Path], declared: Mapping[str, str], manifest: Mapping[str, dict[str, Any]],
        report: SyncReport,
    ) -> list[tuple[Path, Path, str, str, str]]:
        """``(root, file, source name, identity, declared key)`` of every file these paths own."""
        taken = {s: _identity(s, r) for s, r in manifest.items()}
        names = {identity: s for s, identity in taken.items()}
        plan: list[tuple[Path, Path, str, str, str]] = []
        seen: set[str] = set()
        for given in paths:
            key, folder = real(given), Path(given).is_dir()
            for root, path in self.loader.iter_files([given]):
                location = os.path.join(key, path.relative_to(root)) if folder else key
                identity = real(path)
                if folder and not inside(identity, key):
                    report.failed.append(Failure(source=str(path), reason=SYMLINK_OUT))
                    continue
                if owner(location, declared) != key or identity in seen:
                    continue  # a more specific declared path owns it, or it was reached already
                seen.add(identity)
                source = _name(path.relative_to(root).as_posix(), key, identity, names, taken)
                taken[source] = identity
                plan.append((root, path, source, identity, key))
        return plan

    def add_documents(
        self, source: str, docs: list[Document], *, digest: str, access: str, report: SyncReport,
        root: str = "", origin: str = "url",
    ) -> None:
        """Stage already-loaded documents (uploads, web pages) as one file; ``finish`` commits."""
        previous = self.store.manifest().get(source)
        if previous and previous.get("file_hash") == digest and previous.get("access") == access:
            report.unchanged.append(source)
            return
        self._stage(source, docs, digest, access, root, path=source, origin=origin)
        (report.updated if previous else report.added).append(source)
        report.chunks_embedded += len(docs)

    def finish(self, report: SyncReport) -> None:
        """The commit point, then clean-up of replaced versions and orphans."""
        self._flush()
        failed = [f.model_dump() for f in report.failed]
        meta = self.store.meta()
        now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        if not self.pending and not report.removed and meta.get("clean"):
            self.store.files.upsert(ids=["__meta__"], embeddings=[[1.0]], documents=["__meta__"],
                                    metadatas=[{**meta, "last_sync": now, "failed": json.dumps(failed)}])
            return  # nothing changed: readers keep their generation, no clean-up needed
        self.store.commit(self.pending, report.removed, last_sync=now, failed=failed, clean=False)
        for source, record in self.pending.items():
            self.store.drop_stale(source, str(record["file_hash"]))
        self.pending = {}
        self.store.purge()
        live = {s: str(r.get("file_hash")) for s, r in self.store.manifest().items()}
        self.store.drop_orphans(live)
        self.store.files.upsert(ids=["__meta__"], embeddings=[[1.0]], documents=["__meta__"],
                                metadatas=[{**self.store.meta(), "clean": True}])

    def _sync_one(
        self, root: Path, path: Path, source: str, access: str, previous: dict[str, Any] | None,
        report: SyncReport, key: str = "", identity: str = "",
    ) -> None:
        key, identity = key or real(root), identity or real(path)
        try:
            size = path.stat().st_size
            digest = file_hash(path) if size <= self.max_bytes else f"size-{size}"
            if previous and (previous.get("file_hash"), previous.get("access"), previous.get("root")) == (
                digest, access, key
            ):
                report.unchanged.append(source)
                return
            docs = self.loader.load_file(path, root, max_bytes=self.max_bytes)
        except Exception as exc:  # noqa: BLE001 - every loader failure is reported, not raised
            report.failed.append(Failure(source=source, reason=_reason(exc)))
            return
        if not docs:
            report.failed.append(Failure(source=source, reason="no text could be extracted"))
            return
        origin = "upload" if self.uploads and inside(identity, self.uploads) else "file"
        self._stage(source, docs, digest, access, key, path=identity, origin=origin)
        (report.updated if previous else report.added).append(source)
        report.chunks_embedded += len(docs)

    def _stage(
        self, source: str, docs: list[Document], digest: str, access: str, root: str, *, path: str = "",
        origin: str = "file",
    ) -> None:
        if not self.pending:  # first write of this sync: a kill from here on leaves orphans
            self.store.files.upsert(ids=["__meta__"], embeddings=[[1.0]], documents=["__meta__"],
                                    metadatas=[{**self.store.meta(), "clean": False}])
        metas = [_chunk_meta(d.metadata, source, digest, access, i) for i, d in enumerate(docs)]
        self._buffer.extend(
            (chunk_id(source, digest, i), d.page_content, m) for i, (d, m) in enumerate(zip(docs, metas, strict=True))
        )
        if len(self._buffer) >= self.batch:
            self._flush()
        first = metas[0]
        self.pending[source] = {
            "file_hash": digest, "access": access, "root": root, "chunks": len(docs),
            "title": first.get("title", ""), "kind": first.get("kind", "other"),
            "date": first.get("date"), "url": first.get("url"), "indexed_at": time.time(),
            "path": path or source, "origin": origin,
        }


    def _flush(self) -> None:
        if not self._buffer:
            return
        ids, texts, metas = (list(x) for x in zip(*self._buffer, strict=True))
        self.store.add(ids, texts, metas, self.embedder.embed_documents(texts))
        self._buffer = []


def _chunk_meta(meta: dict[str, Any], source: str, digest: str, access: str, i: int) -> dict[str, Any]:
    out = {k: v for k, v in meta.items() if isinstance(v, str | int | float | bool)}
    out.update(source=source, file_hash=digest, access=access, chunk=i)
    out.setdefault("kind", "other")
    out.setdefault("locator", "")
    return out


def _identity(source: str, record: Mapping[str, Any]) -> str:
    """What a manifest record is a copy of: its file's real path, or its URL. Records written
    before paths were kept name it by their folder and source."""
    if record.get("path"):
        return str(record["path"])
    root = str(record.get("root") or "")
    if not root:
        return source
    return real(os.path.join(root, source)) if os.path.isdir(root) else root


def _name(relative: str, key: str, identity: str, names: Mapping[str, str], taken: Mapping[str, str]) -> str:
    """A document keeps its name; a new one is named relative to its declared folder, with as
    many of the folder's own path parts in front as it takes to be unique."""
    kept = names.get(identity)
    if kept is not None and taken.get(kept) == identity and (kept == relative or kept.endswith("/" + relative)):
        return kept
    prefix = list(Path(key).parts[1:]) if os.path.isdir(key) else []
    name = relative
    while name in taken and taken[name] != identity:
        if not prefix:
            return f"{identity.lstrip('/')}"
        name = f"{prefix.pop()}/{name}"
    return name


def _reason(exc: Exception) -> str:
    reason = getattr(exc, "reason", None) or str(exc) or type(exc).__name__
    return " ".join(str(reason).split())[:300]
