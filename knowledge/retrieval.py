"""Hybrid retrieval: BM25 and dense search fused by reciprocal rank, with filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from knowledge.corpus import Chunk, Corpus
from knowledge.store import ChunkStore

RRF_K = 60
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

    def accepts(self, chunk: Chunk) -> bool:
        meta = chunk.meta
        if chunk.access not in self.levels:
            return False
        if self.kinds and meta.get("kind") not in self.kinds:
            return False
        if meta.get("kind") in self.exclude_kinds:
            return False
        if self.sources and chunk.source not in self.sources:
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
        mask = self.corpus.mask(filters.levels, filters.kinds, filters.sources, filters.exclude_kinds)
        return [c for c, _ in self.corpus.bm25(query, depth, mask) if filters.accepts(c)]

    def dense(self, query: str, filters: Filters, depth: int) -> list[Chunk]:
        """The ``depth`` chunks nearest the query's vector that ``filters`` accept."""
        vector = self.embed_query(query)
        out: list[Chunk] = []
        for cid, _dist in self.store.query(vector, depth, filters.chroma_where()):
            chunk = self.corpus.get(cid)
            if chunk is not None and filters.accepts(chunk):
                out.append(chunk)
        return out

    def _recency(self, chunk: Chunk) -> float:
        """Newer statements edge out older ones on the same point."""
        if chunk.meta.get("kind") != "statement":
            return 0.0
        try:
            when = date.fromisoformat(str(chunk.meta.get("date"))[:10])
        except ValueError:
            return 0.0
        return RECENCY_WEIGHT * max(0.0, min(1.0, (when.year - 2015) / 15))


class HybridRetriever(BaseRetriever):
    """The searcher as a langchain retriever, for chains that want one."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    searcher: Any
    filters: Filters = Filters()
    k: int = 8

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        hits = self.searcher.search(query, self.filters, k=self.k)
        return [Document(page_content=h.chunk.text, metadata={**h.chunk.meta, "score": h.score})
                for h in hits]
