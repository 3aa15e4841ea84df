"""Hybrid retrieval: BM25 and dense search fused by reciprocal rank, with filters."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from knowledge.index.corpus import Chunk, Corpus
from knowledge.index.store import ChunkStore

RRF_K = 60
OVERFETCH = 2
"""Unfiltered neighbours asked of the HNSW index, as a multiple of those the filters would need."""
MAX_UNFILTERED = 2000
"""Beyond this many neighbours a filter is selective enough for Chroma's filtered query."""
RECENCY_WEIGHT = 0.15


@dataclass(frozen=True)
class Filters:
    """Metadata filters; ``levels`` is the access scope and is always applied."""

    levels: frozenset[str] = frozenset({"public"})
    kinds: frozenset[str] | None = None
    sources: frozenset[str] | None = None
    after: str | None = None
    before: str | None = None
    exclude_kinds: frozenset[str] = frozenset({"register"})
    """Register rows are answered by the register engine over the whole table; as passages
    they would only take the places of documents."""

    def stored(self, chunk: Chunk) -> bool:
        """What :meth:`chroma_where` asks of the store: access, kind and source."""
        kind = chunk.meta.get("kind")
        if chunk.access not in self.levels or (self.kinds and kind not in self.kinds):
            return False
        return kind not in self.exclude_kinds and not (self.sources and chunk.source not in self.sources)

    def accepts(self, chunk: Chunk) -> bool:
        meta = chunk.meta
        if not self.stored(chunk):
            return False
        when = str(meta.get("date") or "")
        if self.after and (not when or when < self.after):
            return False
        return not (self.before and (not when or when > self.before))

    def chroma_where(self) -> dict[str, Any]:
        clauses: list[dict[str, Any]] = [{"access": {"$in": sorted(self.levels)}}]
        if self.kinds:
            clauses.append({"kind": {"$in": sorted(self.kinds)}})
        if self.exclude_kinds:
            clauses.append({"kind": {"$nin": sorted(self.exclude_kinds)}})
        if self.sources:
            clauses.append({"source": {"$in": sorted(self.sources)}})
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


@dataclass
class Hit:
    chunk: Chunk
    score: float
    ranks: dict[str, int] = field(default_factory=dict)


class Searcher:
    """Fuses BM25 over the in-memory corpus with Chroma's dense search."""

    def __init__(
        self, corpus: Corpus, store: ChunkStore, embed_query: Callable[[str], list[float]],
        reranker: Callable[[str, list[Hit]], list[Hit]] | None = None,
    ) -> None:
        self.corpus = corpus
        self.store = store
        self.embed_query = embed_query
        self.reranker = reranker
        self._masks: dict[tuple[Any, ...], np.ndarray] = {}

    def search(self, query: str, filters: Filters, k: int = 8, depth: int = 40) -> list[Hit]:
        if not len(self.corpus):
            return []
        fused: dict[str, Hit] = {}
        for name, ranked in (("bm25", self._bm25(query, filters, depth)),
                             ("dense", self.dense(query, filters, depth))):
            for rank, chunk in enumerate(ranked, start=1):
                hit = fused.setdefault(chunk.id, Hit(chunk, 0.0))
                hit.score += 1.0 / (RRF_K + rank)
                hit.ranks[name] = rank
        hits = sorted(fused.values(), key=lambda h: h.score * (1 + self._recency(h.chunk)), reverse=True)
        if self.reranker:
            hits = self.reranker(query, hits)
        return hits[:k]

    def _bm25(self, query: str, filters: Filters, depth: int) -> list[Chunk]:
        mask = self._mask(filters)
        return [c for c, _ in self.corpus.bm25(query, depth, mask) if filters.accepts(c)]

    def dense(self, query: str, filters: Filters, depth: int) -> list[Chunk]:
        """The ``depth`` chunks nearest the query's vector that the stored filters accept, less
        those the date filters refuse.

        Chroma answers a ``where`` query by first listing every chunk the filter matches, which
        at 100k chunks costs hundreds of milliseconds even when it matches them all. So the HNSW
        index is asked unfiltered for enough neighbours to hold ``depth`` accepted ones at the
        corpus's share of accepted chunks, and only a selective filter (a few documents named
        by title) takes the filtered query."""
        vector = self.embed_query(query)
        accepted = self._accepted(filters)
        if not accepted:
            return []
        fetch = math.ceil(min(depth, accepted) * len(self.corpus) / accepted * OVERFETCH)
        if fetch <= MAX_UNFILTERED:
            found = [c for c in self._nearest(vector, min(fetch, len(self.corpus)), None) if filters.stored(c)]
            if len(found) >= min(depth, accepted) or fetch >= len(self.corpus):
                return [c for c in found[:depth] if filters.accepts(c)]
        return [c for c in self._nearest(vector, depth, filters.chroma_where()) if filters.accepts(c)]

    def _nearest(self, vector: list[float], k: int, where: dict[str, Any] | None) -> list[Chunk]:
        hits = (self.corpus.get(cid) for cid, _dist in self.store.query(vector, k, where))
        return [c for c in hits if c is not None]

    def _mask(self, filters: Filters) -> np.ndarray:
        """Which chunks the stored filters accept, worked out once per corpus and filter."""
        key = (filters.levels, filters.kinds, filters.sources, filters.exclude_kinds)
        if key not in self._masks:
            self._masks[key] = self.corpus.mask(*key)
        return self._masks[key]

    def _accepted(self, filters: Filters) -> int:
        return int(self._mask(filters).sum())

    def _recency(self, chunk: Chunk) -> float:
        """Newer statements edge out older ones on the same point."""
        if chunk.meta.get("kind") != "statement":
            return 0.0
        try:
            when = date.fromisoformat(str(chunk.meta.get("date"))[:10])
        except ValueError:
            return 0.0
        return RECENCY_WEIGHT * max(0.0, min(1.0, (when.year - 2015) / 15))


def __getattr__(name: str) -> Any:
    """``HybridRetriever`` is imported on first use: langchain's retriever base class pulls in
    its tracing stack (about a second of start-up), which answering never needs."""
    if name == "HybridRetriever":
        from knowledge.gather.retriever import HybridRetriever

        return HybridRetriever
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
