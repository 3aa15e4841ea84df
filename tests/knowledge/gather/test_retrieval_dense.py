"""Dense search asks Chroma's HNSW index unfiltered and filters itself: on a real Chroma it must
find exactly what Chroma's own filtered query finds, for every access scope and filter."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from langchain_core.documents import Document

from knowledge.facade import Knowledge
from knowledge.gather.retrieval import Filters
from knowledge.index.indexer import Indexer
from knowledge.settings import Settings
from knowledge.types import SyncReport
from tests.knowledge.fakes import CountingEmbeddings

DIM = 16


class TableEmbeddings(CountingEmbeddings):
    """Clustered random vectors, so neighbours mix levels and kinds."""

    table: dict[str, list[float]] = {}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.table[t] if t in self.table else super().embed_documents([t])[0] for t in texts]


@pytest.fixture
def kb(tmp_path: Path) -> Knowledge:
    rng = np.random.default_rng(4)
    centres = rng.normal(size=(5, DIM))
    embedder = TableEmbeddings(size=DIM)
    knowledge = Knowledge(Settings().with_data_dir(tmp_path / "data"), embedder=embedder)
    indexer = Indexer(knowledge.store, embedder, loader=None)  # type: ignore[arg-type]
    report = SyncReport()
    for doc in range(60):
        access = "officers" if doc % 3 == 0 else "public"
        kind = "register" if doc % 7 == 0 else "guidance"
        docs = []
        for n in range(10):
            text = f"document {doc} passage {n}"
            vec = centres[(doc + n) % 5] + rng.normal(0, 0.6, DIM)
            embedder.table[text] = (vec / np.linalg.norm(vec)).tolist()
            docs.append(Document(page_content=text, metadata={"kind": kind, "title": f"Doc {doc}"}))
        indexer.add_documents(f"doc-{doc}.txt", docs, digest=f"h{doc}", access=access, report=report)
    indexer.finish(report)
    return knowledge


FILTERS = [
    Filters(),
    Filters(levels=frozenset({"public", "officers"})),
    Filters(levels=frozenset({"officers"})),
    Filters(sources=frozenset({"doc-4.txt", "doc-5.txt"})),  # too rare to find unfiltered: Chroma's filtered query
    Filters(levels=frozenset({"nobody"})),
]


def exact(kb: Knowledge, vector: list[float], filters: Filters, k: int) -> list[str]:
    """The true ``k`` nearest chunks the filters accept, by brute force over Chroma's vectors."""
    got = kb.store.chunks.get(include=["embeddings"])
    q = np.asarray(vector) / np.linalg.norm(vector)
    pairs = zip(got["ids"], got["embeddings"], strict=True)
    dist = {i: 1 - float(np.asarray(e) @ q / np.linalg.norm(e)) for i, e in pairs
            if (c := kb.corpus.get(i)) is not None and filters.stored(c)}
    return sorted(dist, key=dist.__getitem__)[:k]


@pytest.mark.parametrize("filters", FILTERS)
def test_dense_finds_the_nearest_accepted_chunks(kb: Knowledge, filters: Filters) -> None:
    searcher = kb.engine().searcher
    for probe in ("document 8 passage 3", "document 21 passage 0", "document 55 passage 9"):
        truth = exact(kb, kb.embedder.embed_query(probe), filters, 40)
        got = searcher.dense(probe, filters, 40)
        assert all(filters.accepts(c) for c in got)
        assert len(got) == len(truth)
        assert len({c.id for c in got} & set(truth)) >= 0.95 * len(truth)  # HNSW is approximate

