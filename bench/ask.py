"""Ask latency (warm and cold) and serving memory at 1k, 10k and 100k chunks, beside plain
dense top-k in the same run.

Run: ``python -m bench.ask [--sizes 1000,10000,100000] [--json]``. Chunks are varied copies of
the sample corpus paragraphs; up to 10,000 are embedded with the real model, and larger sizes
reuse those vectors with small noise (embedding 100k chunks would take most of an hour on
2 cores and says nothing about query latency).

"warm": the questions were asked once before, so their candidate sentences' vectors are cached
(as they are for questions on a subject already asked about). "cold" forgets every cached
vector before each question: the first question on a new subject. "dense" is the searcher's
dense top-k alone. "rss" is the peak resident memory of the process that serves the index:
each size is measured in a fresh process, so one size's peak never leaks into another's.

Built indexes are kept under ``$CLLR_BENCH_CACHE`` (default ``<tmp>/cllr-bench-ask``), keyed by
size and a hash of the texts, so a second run skips the build; ``--fresh`` rebuilds them.
With ``--json`` the last line printed is one JSON object: ``{"sizes": {"1000": {...}, ...}}``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import ROOT, base_paragraphs, median_p95, peak_rss_mb, timed, varied

QUESTIONS = [
    "how long do we keep CCTV footage?",
    "Who has to approve connecting a camera system to the corporate network?",
    "What did the scrutiny committee recommend about CCTV?",
    "When did we stop buying new Hikvision cameras?",
    "What is the expected service life of a camera?",
    "what assurances did the opposition want?",
]
EMBEDDED = 10_000
"""Texts embedded with the real model; larger sizes reuse their vectors with small noise."""
FORMAT = "2"
"""Bumped when the way a bench index is built changes, so stale caches are not reused."""


class Precomputed:
    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self.vectors = vectors

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.vectors[t] for t in texts]


def cache_root() -> Path:
    return Path(os.environ.get("CLLR_BENCH_CACHE") or Path(tempfile.gettempdir()) / "cllr-bench-ask")


def texts_and_vectors(root: Path) -> tuple[list[str], Any]:
    """The varied texts and their real embeddings, embedded once and kept beside the indexes."""
    import numpy as np

    texts = varied(base_paragraphs(), EMBEDDED)
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = root / f"vectors-{digest}.npy"
    if not path.exists():
        from knowledge.index.embeddings import LocalEmbeddings

        root.mkdir(parents=True, exist_ok=True)
        vectors = np.array(LocalEmbeddings().embed_documents(texts), dtype=np.float32)
        np.save(root / f"vectors-{digest}.tmp.npy", vectors)
        os.replace(root / f"vectors-{digest}.tmp.npy", path)
    return texts, np.load(path)


def index_dir(root: Path, size: int) -> Path:
    texts = varied(base_paragraphs(), EMBEDDED)
    digest = hashlib.sha256(("\n".join(texts) + FORMAT).encode()).hexdigest()[:12]
    return root / f"index-{size}-{digest}"


def build(size: int, data: Path) -> None:
    """Index ``size`` chunks into ``data`` (through a temporary folder, renamed when complete)."""
    import numpy as np
    from langchain_core.documents import Document

    from knowledge.index.indexer import Indexer
    from knowledge.index.store import ChunkStore, chroma_client
    from knowledge.settings import Settings
    from knowledge.types import SyncReport

    texts, vectors = texts_and_vectors(data.parent)
    rng = np.random.default_rng(size)
    work = data.with_name(data.name + ".building")
    shutil.rmtree(work, ignore_errors=True)
    store = ChunkStore(chroma_client(Settings().with_data_dir(work)))
    table: dict[str, list[float]] = {}
    docs: list[Document] = []
    for i in range(size):
        text = texts[i % len(texts)] if i < len(texts) else f"{texts[i % len(texts)]} (copy {i})"
        vec = vectors[i % len(vectors)] + (rng.normal(0, 0.01, vectors.shape[1]) if i >= len(vectors) else 0)
        table[text] = (vec / np.linalg.norm(vec)).tolist()
        docs.append(Document(page_content=text, metadata={
            "source": f"bench/doc-{i // 50}.txt", "title": f"Bench document {i // 50}", "kind": "guidance",
            "locator": f"section {i % 50}", "section": str(i % 50)}))
    indexer = Indexer(store, Precomputed(table), loader=None)  # type: ignore[arg-type]
    indexer.batch = 5000
    report = SyncReport()
    for start in range(0, size, 50):
        indexer.add_documents(f"bench/doc-{start // 50}.txt", docs[start : start + 50], digest=f"h{start}",
                              access="public", report=report)
    indexer.finish(report)
    del store, indexer
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # flushed and closed before the folder is renamed
    os.replace(work, data)


def measure(data: Path, repeat: int) -> dict[str, float]:
    """Serve the index at ``data`` in this (fresh) process: timings in ms and peak RSS in MB."""
    from knowledge.facade import Knowledge
    from knowledge.gather.retrieval import Filters
    from knowledge.index.embeddings import LocalEmbeddings
    from knowledge.settings import Settings
    from knowledge.types import Scope

    model = LocalEmbeddings()
    kb = Knowledge(Settings().with_data_dir(data), embedder=model)
    _ = kb.corpus
    for q in QUESTIONS:
        kb.answer(q, Scope())  # warm
    warm = [t for q in QUESTIONS for t in timed(lambda q=q: kb.answer(q, Scope()), repeat)]
    cold: list[float] = []  # the sentence and query vectors forgotten first: a question on a new subject
    for q in QUESTIONS:
        for _ in range(repeat):
            model.clear_cache()
            cold += timed(lambda q=q: kb.answer(q, Scope()), 1)
    searcher = kb.engine().searcher
    for q in QUESTIONS:
        model.embed_query(q)  # the dense top-k alone: the question's vector is not part of it
    dense = [t for q in QUESTIONS for t in timed(lambda q=q: searcher.dense(q, Filters(), 8), repeat)]
    out: dict[str, float] = {}
    for name, samples in (("warm", warm), ("cold", cold), ("dense", dense)):
        p50, p95 = median_p95(samples)
        out[f"{name}_p50_ms"], out[f"{name}_p95_ms"] = round(p50 * 1000, 1), round(p95 * 1000, 1)
    out["rss_mb"] = round(peak_rss_mb(), 1)
    return out


def _run(args: list[str]) -> str:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "TOKENIZERS_PARALLELISM": "false", "ANONYMIZED_TELEMETRY": "False",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "bench.ask", *args], cwd=ROOT, env=env, check=True,
                          stdout=subprocess.PIPE, text=True)
    return done.stdout


def run(sizes: list[int], repeat: int, fresh: bool) -> dict[str, dict[str, float]]:
    root = cache_root()
    results: dict[str, dict[str, float]] = {}
    for size in sizes:
        data = index_dir(root, size)
        if fresh:
            shutil.rmtree(data, ignore_errors=True)
        if not data.exists():
            _run(["--build", str(size), "--data", str(data)])
        out = _run(["--measure", "--data", str(data), "--repeat", str(repeat)])
        results[str(size)] = json.loads(out.strip().splitlines()[-1])
    return results


def table(results: dict[str, dict[str, float]]) -> Any:
    from rich.table import Table

    grid = Table(title="cllr ask latency (ms) and serving memory")
    for head in ("chunks", "warm p50", "warm p95", "cold p50", "cold p95", "dense p50", "dense p95",
                 "peak RSS MB", "warm p95 vs first"):
        grid.add_column(head, justify="right", no_wrap=True)
    first = next(iter(results.values()), {}).get("warm_p95_ms") or 1.0
    for size, r in results.items():
        grid.add_row(f"{int(size):,}", *(f"{r[k]:.0f}" for k in (
            "warm_p50_ms", "warm_p95_ms", "cold_p50_ms", "cold_p95_ms", "dense_p50_ms", "dense_p95_ms",
            "rss_mb")), f"{r['warm_p95_ms'] / first:.1f}x")
    return grid


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ask", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the numbers as one JSON line, last")
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached bench indexes")
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        build(args.build, args.data)
        return 0
    if args.measure:
        print(json.dumps(measure(args.data, args.repeat)))
        return 0
    results = run([int(s) for s in args.sizes.split(",")], args.repeat, args.fresh)
    from rich.console import Console

    Console(width=max(Console().width, 130)).print(table(results))  # numbers never wrapped
    if args.json:
        print(json.dumps({"sizes": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
