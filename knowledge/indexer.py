"""Sync folders of files into the index: add new, update changed, skip unchanged, drop gone.

Order of work for one changed file, chosen so a kill at any point is harmless:
load and chunk -> embed -> upsert chunks tagged with the new file hash -> commit the
manifest record (the switch-over) -> delete the old version's chunks. Readers only trust
chunks whose hash the manifest holds, so until the commit the old version keeps answering.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from langchain_core.documents import Document

from knowledge.store import ChunkStore
from knowledge.types import Failure, ProgressFn, SyncReport


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

    def sync(
        self, paths: list[Path], *, access: str = "public", progress: ProgressFn | None = None
    ) -> SyncReport:
        report = SyncReport()
        manifest = self.store.manifest()
        found = [(root, path) for root, path in self.loader.iter_files(paths)]
        seen: set[str] = set()
        for done, (root, path) in enumerate(found, start=1):
            source = path.relative_to(root).as_posix()
            seen.add(source)
            if progress:
                progress(source, done - 1, len(found))
            self._sync_one(root, path, source, access, manifest.get(source), report)
        folders = {str(p.resolve()) for p in paths if p.is_dir()}
        for source, record in manifest.items():
            if record.get("root") in folders and source not in seen:
                self.store.forget_file(source)
                report.removed.append(source)
        if progress:
            progress("done", len(found), len(found))
        self.finish(report)
        return report

    def add_documents(
        self, source: str, docs: list[Document], *, digest: str, access: str, root: str = "",
        report: SyncReport,
    ) -> None:
        """Index already-loaded documents (uploads, web pages) as one file."""
        previous = self.store.manifest().get(source)
        if previous and previous.get("file_hash") == digest and previous.get("access") == access:
            report.unchanged.append(source)
            return
        self._index(source, docs, digest, access, root)
        (report.updated if previous else report.added).append(source)
        report.chunks_embedded += len(docs)

    def finish(self, report: SyncReport) -> None:
        live = {s: str(r.get("file_hash")) for s, r in self.store.manifest().items()}
        self.store.drop_orphans(live)
        failed = [f.model_dump() for f in report.failed]
        self.store.bump(last_sync=time.strftime("%Y-%m-%dT%H:%M:%S%z"), failed=failed)

    def _sync_one(
        self, root: Path, path: Path, source: str, access: str, previous: dict[str, Any] | None,
        report: SyncReport,
    ) -> None:
        try:
            size = path.stat().st_size
            digest = file_hash(path) if size <= self.max_bytes else f"size-{size}"
            if previous and previous.get("file_hash") == digest and previous.get("access") == access:
                report.unchanged.append(source)
                return
            docs = self.loader.load_file(path, root, max_bytes=self.max_bytes)
        except Exception as exc:  # noqa: BLE001 - every loader failure is reported, not raised
            report.failed.append(Failure(source=source, reason=_reason(exc)))
            return
        if not docs:
            report.failed.append(Failure(source=source, reason="no text could be extracted"))
            return
        self._index(source, docs, digest, access, str(root.resolve()))
        (report.updated if previous else report.added).append(source)
        report.chunks_embedded += len(docs)

    def _index(self, source: str, docs: list[Document], digest: str, access: str, root: str) -> None:
        texts = [d.page_content for d in docs]
        metas = [_chunk_meta(d.metadata, source, digest, access, i) for i, d in enumerate(docs)]
        ids = [chunk_id(source, digest, i) for i in range(len(docs))]
        vectors = self.embedder.embed_documents(texts)
        self.store.add(ids, texts, metas, vectors)
        first = metas[0]
        record = {
            "file_hash": digest, "access": access, "root": root, "chunks": len(docs),
            "title": first.get("title", ""), "kind": first.get("kind", "other"),
            "date": first.get("date"), "url": first.get("url"), "indexed_at": time.time(),
        }
        self.store.commit_file(source, record)
        self.store.drop_stale(source, digest)


def _chunk_meta(meta: dict[str, Any], source: str, digest: str, access: str, i: int) -> dict[str, Any]:
    out = {k: v for k, v in meta.items() if isinstance(v, str | int | float | bool)}
    out.update(source=source, file_hash=digest, access=access, chunk=i)
    out.setdefault("kind", "other")
    out.setdefault("locator", "")
    return out


def _reason(exc: Exception) -> str:
    reason = getattr(exc, "reason", None) or str(exc) or type(exc).__name__
    return " ".join(str(reason).split())[:300]
