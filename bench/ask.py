"""Ask latency (warm) at 1k, 10k and 100k chunks, beside plain dense top-k in the same run.

Run: ``python -m bench.ask [--sizes 1000,10000,100000]``. Chunks are varied copies of the
sample corpus paragraphs; up to 10,000 are embedded with the real model, and larger sizes
reuse those vectors with small noise (embedding 100k chunks would take most of an hour on
2 cores and says nothing about query latency). Goal: p95 under 300 ms at 10k chunks.

"ask" is warm: the questions were asked once before, so their candidate sentences' vectors are
cached (as they are for questions on a subject already asked about). "cold" forgets every
cached vector before each question: the first question on a new subject.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
from langchain_core.documents import Document

from bench.common import base_paragraphs, median_p95, timed, varied
from knowledge.embeddings import LocalEmbeddings
from knowledge.facade import Knowledge
from knowledge.indexer import Indexer
from knowledge.settings import Settings
from knowledge.types import Scope, SyncReport

QUESTIONS = [
    "how long do we keep CCTV footage?",
    "Who has to approve connecting a camera system to the corporate network?",
    "What did the scrutiny committee recommend about CCTV?",
    "When did we stop buying new Hikvision cameras?",
    "What is the expected service life of a camera?",
    "what assurances did the opposition want?",
]


class Precomputed:
    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self.vectors = vectors

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.vectors[t] for t in texts]


def build(size: int, texts: list[str], vectors: np.ndarray, model: LocalEmbeddings, data: Path) -> Knowledge:
    rng = np.random.default_rng(size)
    kb = Knowledge(Settings().with_data_dir(data), embedder=model)
    table: dict[str, list[float]] = {}
    docs: list[Document] = []
    for i in range(size):
        text = texts[i % len(texts)] if i < len(texts) else f"{texts[i % len(texts)]} (copy {i})"
        vec = vectors[i % len(vectors)] + (rng.normal(0, 0.01, vectors.shape[1]) if i >= len(vectors) else 0)
        table[text] = (vec / np.linalg.norm(vec)).tolist()
        docs.append(Document(page_content=text, metadata={
            "source": f"bench/doc-{i // 50}.txt", "title": f"Bench document {i // 50}", "kind": "guidance",
            "locator": f"section {i % 50}", "section": str(i % 50)}))
    indexer = Indexer(kb.store, Precomputed(table), loader=None)  # type: ignore[arg-type]
    report = SyncReport()
    for start in range(0, size, 50):
        part = docs[start : start + 50]
        indexer.add_documents(f"bench/doc-{start // 50}.txt", part, digest=f"h{start}", access="public",
                              report=report)
    indexer.finish(report)
    return kb


def measure(kb: Knowledge, model: LocalEmbeddings, repeat: int) -> dict[str, tuple[float, float]]:
    _ = kb.corpus
    for q in QUESTIONS:
        kb.answer(q, Scope())  # warm
    ask = [t for q in QUESTIONS for t in timed(lambda q=q: kb.answer(q, Scope()), repeat)]
    cold = []  # the sentence and query vectors forgotten first: a question on a new subject
    for q in QUESTIONS:
        for _ in range(repeat):
            model.clear_cache()
            cold += timed(lambda q=q: kb.answer(q, Scope()), 1)
    dense = [t for q in QUESTIONS for t in timed(
        lambda q=q: kb.store.query(model.embed_query(q), 8, {"access": {"$in": ["public"]}}), repeat)]
    return {"ask": median_p95(ask), "cold": median_p95(cold), "dense": median_p95(dense)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    model = LocalEmbeddings()
    texts = varied(base_paragraphs(), min(max(sizes), 10_000))
    vectors = np.array(model.embed_documents(texts), dtype=np.float32)
    print(f"{'chunks':>8} {'ask median':>11} {'ask p95':>9} {'cold median':>12} {'cold p95':>9} "
          f"{'dense median':>13} {'dense p95':>10} {'p95 ratio':>10}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            kb = build(size, texts, vectors, model, Path(tmp))
            res = measure(kb, model, args.repeat)
        (am, ap), (cm, cp), (dm, dp) = res["ask"], res["cold"], res["dense"]
        print(f"{size:>8} {am * 1000:>9.1f}ms {ap * 1000:>7.1f}ms {cm * 1000:>10.1f}ms {cp * 1000:>7.1f}ms "
              f"{dm * 1000:>11.1f}ms {dp * 1000:>8.1f}ms {ap / dp:>9.1f}x")


if __name__ == "__main__":
    main()
