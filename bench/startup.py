"""Start-up at 1k, 10k and 100k chunks: ``Corpus.load`` and the first answer of a fresh
``cllr ask`` process, with ratios of the largest size to the smallest in the same run.

Run: ``python -m bench.startup [--sizes 1000,10000,100000] [--repeat 3] [--json]``.

Each size is the ``bench.ask`` index (built, or reused from ``$CLLR_BENCH_CACHE``) copied once,
with the sample asset register synced into the copy, so a register question has a register.

* ``load``: ``Corpus.load`` from the copy kept for the index's generation (median of
  ``--repeat`` loads, in a fresh process whose store is already open);
* ``build``: building the corpus from Chroma instead (what every process start did before
  copies were kept; still what the first process pays for a generation with no copy);
* ``register`` / ``document``: wall time of ``python -m cllr ask QUESTION --json`` from
  process start to the printed answer (median of ``--repeat`` runs), for a register question
  and a document question (which loads the embedding model);
* ``register_unkept``: the register question once more with the kept copy removed first:
  the first question of a replica whose data dir has no copy for this generation (it builds
  and keeps one).

With ``--json`` the last line printed is one JSON object: ``{"sizes": {...}, "ratios": {...}}``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.ask import _run as run_ask
from bench.ask import cache_root, index_dir
from bench.common import DEMO, ROOT, timed

REGISTER_QUESTION = "how many cameras are there?"
DOCUMENT_QUESTION = "how long do we keep CCTV footage?"
FORMAT = "1"
"""Bumped when the way a start-up copy is prepared changes."""
COLUMNS = {"load_ms": "Corpus.load", "build_ms": "build (no copy)", "register_ms": "register answer",
           "document_ms": "document answer", "register_unkept_ms": "register, no copy"}


def env() -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
            "ANONYMIZED_TELEMETRY": "False",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def prepared(size: int, fresh: bool) -> Path:
    """The ``bench.ask`` index of ``size`` chunks, copied, with the sample register synced in."""
    source = index_dir(cache_root(), size)
    data = source.with_name(f"startup{FORMAT}-{source.name}")
    if fresh:
        shutil.rmtree(data, ignore_errors=True)
    if not data.exists():
        if not source.exists():
            run_ask(["--build", str(size), "--data", str(source)])
        work = data.with_name(data.name + ".building")
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(source, work, ignore=shutil.ignore_patterns("corpus"))
        _module(["--register", "--data", str(work)])
        os.replace(work, data)
    return data


def sync_register(data: Path) -> None:
    from cllr.wiring import IngestLoader
    from knowledge.facade import Knowledge
    from knowledge.index.embeddings import LocalEmbeddings
    from knowledge.settings import Settings

    kb = Knowledge(Settings().with_data_dir(data), loader=IngestLoader(), embedder=LocalEmbeddings())
    assert kb.sync([DEMO / "register"]).added, "the sample register was not synced"
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # flushed and closed before the folder is renamed


def measure_load(data: Path, repeat: int) -> dict[str, float]:
    """``Corpus.load`` from the kept copy, and building the corpus from the store, in ms."""
    from knowledge.index.corpus import Corpus
    from knowledge.index.store import ChunkStore, chroma_client
    from knowledge.settings import Settings

    store = ChunkStore(chroma_client(Settings().with_data_dir(data)))
    kept = data / "corpus"
    Corpus.load(store, kept)  # the copy exists (and this process's imports are done)
    loads = timed(lambda: Corpus.load(store, kept), repeat)
    build = timed(lambda: Corpus.build(store), 1)
    return {"load_ms": round(statistics.median(loads) * 1000, 2), "build_ms": round(build[0] * 1000, 1)}


def first_answer(data: Path, question: str, mode: str) -> float:
    """Seconds from starting ``python -m cllr ask`` to its answer (checked to be ``mode``)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cllr", "ask", question, "--json", "--data", str(data)],
                          cwd=ROOT, env=env(), check=True, stdout=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    answer = json.loads(done.stdout)
    if answer.get("mode") != mode or not answer.get("answered"):
        raise RuntimeError(f"{question!r} was answered as {answer.get('mode')!r}, not {mode!r}")
    return took


def measure(size: int, repeat: int, fresh: bool) -> dict[str, float]:
    data = prepared(size, fresh)
    out: dict[str, float] = {}
    shutil.rmtree(data / "corpus", ignore_errors=True)
    out["register_unkept_ms"] = round(first_answer(data, REGISTER_QUESTION, "register") * 1000)
    out.update(json.loads(_module(["--load", "--data", str(data), "--repeat", str(repeat)]).splitlines()[-1]))
    for key, question, mode in (("register_ms", REGISTER_QUESTION, "register"),
                                ("document_ms", DOCUMENT_QUESTION, "document")):
        out[key] = round(statistics.median(first_answer(data, question, mode) for _ in range(repeat)) * 1000)
    return out


def _module(args: list[str]) -> str:
    done = subprocess.run([sys.executable, "-m", "bench.startup", *args], cwd=ROOT, env=env(), check=True,
                          stdout=subprocess.PIPE, text=True)
    return done.stdout


def ratios(results: dict[str, dict[str, float]]) -> dict[str, float]:
    first, last = results[min(results, key=int)], results[max(results, key=int)]
    return {key: round(last[key] / first[key], 2) for key in COLUMNS if first.get(key)}


def table(results: dict[str, dict[str, float]]) -> Any:
    from rich.table import Table

    grid = Table(title="cllr start-up (ms)")
    grid.add_column("chunks", justify="right", no_wrap=True)
    for head in COLUMNS.values():
        grid.add_column(head, justify="right", no_wrap=True)
    for size, r in results.items():
        grid.add_row(f"{int(size):,}", *(f"{r[k]:,.1f}" if r[k] < 100 else f"{r[k]:,.0f}" for k in COLUMNS))
    if len(results) > 1:
        grid.add_row(f"{max(map(int, results)):,} vs {min(map(int, results)):,}",
                     *(f"{v:.2f}x" for v in ratios(results).values()))
    return grid


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the numbers as one JSON line, last")
    parser.add_argument("--fresh", action="store_true", help="prepare the start-up copies again")
    parser.add_argument("--register", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--load", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.register:
        sync_register(args.data)
        return 0
    if args.load:
        print(json.dumps(measure_load(args.data, args.repeat)))
        return 0
    results = {size: measure(int(size), args.repeat, args.fresh) for size in args.sizes.split(",")}
    from rich.console import Console

    Console(width=max(Console().width, 120)).print(table(results))
    if args.json:
        print(json.dumps({"sizes": results, "ratios": ratios(results)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
