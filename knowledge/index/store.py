"""The Chroma side of the index: a chunk collection and a file manifest collection.

The manifest is the commit point of every sync. A chunk is *live* only when its
``file_hash`` is the hash the manifest holds for its source, so an ingest killed midway
leaves orphan chunks that no query sees and the next sync removes. Both collections live
in the same Chroma (embedded or server), so replicas sharing a server share the manifest.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from knowledge.settings import Settings

META_ID = "__meta__"
_BATCH = 2000


def chroma_client(settings: Settings) -> Any:
    """``PersistentClient`` under the data dir, or ``HttpClient`` for ``CLLR_CHROMA_URL``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    path = Path(settings.data_dir) / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class ChunkStore:
    """Chunks with embeddings, plus one manifest record per indexed file."""

    def __init__(self, client: Any, name: str = "cllr") -> None:
        self.client = client
        self.chunks = client.get_or_create_collection(
            f"{name}_chunks", metadata={"hnsw:space": "cosine"}, embedding_function=None
        )
        self.files = client.get_or_create_collection(f"{name}_files", embedding_function=None)

    # --- manifest -------------------------------------------------------------------------
    def manifest(self) -> dict[str, dict[str, Any]]:
        """Every indexed file's record, keyed by source."""
        got = self.files.get(include=["metadatas"])
        return {
            i: dict(m or {})
            for i, m in zip(got["ids"], got["metadatas"], strict=True)
            if i != META_ID and not (m or {}).get("deleted")
        }

    def commit(self, records: dict[str, dict[str, Any]], removed: list[str], **meta: Any) -> str:
        """Switch every changed file to its new version, remove gone files, and bump the
        generation, all in ONE upsert: the single commit point of a sync."""
        generation = uuid.uuid4().hex
        new_meta = {**self.meta(), **meta, "generation": generation, "updated": time.time()}
        rows = {src: {k: v for k, v in rec.items() if v is not None} for src, rec in records.items()}
        rows.update({src: {"deleted": True} for src in removed})
        rows[META_ID] = {k: (json.dumps(v) if isinstance(v, list | dict) else v) for k, v in new_meta.items()}
        ids = list(rows)
        self.files.upsert(ids=ids, embeddings=[[1.0]] * len(ids), metadatas=[rows[i] for i in ids],
                          documents=ids)
        return generation

    def purge(self) -> None:
        """Delete tombstones and their chunks after a commit."""
        got = self.files.get(where={"deleted": True}, include=[])
        for source in got["ids"]:
            self.chunks.delete(where={"source": source})
        if got["ids"]:
            self.files.delete(ids=got["ids"])

    def meta(self) -> dict[str, Any]:
        got = self.files.get(ids=[META_ID], include=["metadatas"])
        return dict(got["metadatas"][0] or {}) if got["ids"] else {}

    def bump(self, **extra: Any) -> str:
        """Record a new generation so other replicas reload their derived state."""
        return self.commit({}, [], **extra)

    # --- chunks ---------------------------------------------------------------------------
    def add(
        self, ids: Sequence[str], texts: Sequence[str], metas: Sequence[dict[str, Any]],
        embeddings: Sequence[Sequence[float]],
    ) -> None:
        for start in range(0, len(ids), _BATCH):
            end = start + _BATCH
            self.chunks.upsert(
                ids=list(ids[start:end]),
                documents=list(texts[start:end]),
                metadatas=[dict(m) for m in metas[start:end]],
                embeddings=[list(e) for e in embeddings[start:end]],
            )

    def drop_stale(self, source: str, live_hash: str) -> None:
        self.chunks.delete(
            where={"$and": [{"source": source}, {"file_hash": {"$ne": live_hash}}]}
        )

    def drop_orphans(self, live: dict[str, str]) -> int:
        """Delete chunks whose source/hash is not live (left by a killed ingest)."""
        dead: list[str] = []
        for ids, metas in self._pages(include=["metadatas"]):
            for cid, meta in zip(ids, metas, strict=True):
                if live.get(str(meta.get("source"))) != meta.get("file_hash"):
                    dead.append(cid)
        for start in range(0, len(dead), _BATCH):
            self.chunks.delete(ids=dead[start : start + _BATCH])
        return len(dead)

    def all_chunks(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(id, text, metadata) of every stored chunk, paged."""
        for ids, metas, docs in self._pages(include=["metadatas", "documents"]):
            yield from zip(ids, docs, metas, strict=True)

    def chunks_of(self, source: str, file_hash: str) -> list[tuple[str, dict[str, Any]]]:
        got = self.chunks.get(
            where={"$and": [{"source": source}, {"file_hash": file_hash}]},
            include=["metadatas", "documents"],
        )
        return list(zip(got["documents"], got["metadatas"], strict=True))

    def count(self) -> int:
        return int(self.chunks.count())

    def _pages(self, include: list[str]) -> Iterator[Any]:
        offset = 0
        while True:
            got = self.chunks.get(include=include, limit=_BATCH, offset=offset)
            if not got["ids"]:
                return
            if "documents" in include:
                yield got["ids"], got["metadatas"], got["documents"]
            else:
                yield got["ids"], got["metadatas"]
            offset += len(got["ids"])

    def query(
        self, embedding: Sequence[float], k: int, where: dict[str, Any] | None
    ) -> list[tuple[str, float]]:
        """(chunk id, cosine distance) of the ``k`` nearest chunks."""
        got = self.chunks.query(
            query_embeddings=[list(embedding)], n_results=k, where=where, include=["distances"]
        )
        return list(zip(got["ids"][0], got["distances"][0], strict=True))
