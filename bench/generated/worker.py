"""Ingest each seed's register and answer its questions through cllr's ``Knowledge`` façade.

Run as a script by ``bench.generated.run`` in a child process whose ``PYTHONPATH`` is the cllr
checkout under test (``--code``), so this file imports nothing from ``bench``. It opens the façade
as ``cllr ask`` does (``cllr.wiring``), one data dir per seed, and shares one embedding model
across seeds. Input: a JSON file of jobs ``[{seed, register, data, questions: [{id, question}]}]``.
Output: JSON lines ``{seed, id, answer, answered, ...}`` on stdout.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path
from typing import Any

if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)  # the bench folder's modules must not shadow the checkout's


def _knowledge(data: Path, shared: dict[str, Any]) -> Any:
    from cllr.wiring import IngestLoader, load_settings, open_knowledge
    from knowledge.facade import Knowledge

    settings = load_settings(data)
    if "embedder" in shared:
        try:
            return Knowledge(settings, loader=IngestLoader(), embedder=shared["embedder"])
        except TypeError:  # the façade's constructor changed: open it the CLI's way
            return open_knowledge(settings)
    knowledge = open_knowledge(settings)
    shared["embedder"] = knowledge.embedder
    return knowledge


def _answer(knowledge: Any, scope: Any, question: str) -> dict[str, Any]:
    try:
        return dict(knowledge.answer(question, scope).to_json())
    except Exception as exc:  # noqa: BLE001 - a crash is recorded as an error answer, not raised
        tb = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return {"answer": "", "answered": False, "error": tb}


def run(jobs: list[dict[str, Any]]) -> None:
    from knowledge.types import Scope

    scope = Scope(levels=frozenset({"public"}))
    shared: dict[str, Any] = {}
    for job in jobs:
        start = time.perf_counter()
        knowledge = _knowledge(Path(job["data"]), shared)
        report = knowledge.sync([Path(job["register"])], access="public")
        failed = [f.reason for f in getattr(report, "failed", [])]
        for item in job["questions"]:
            line = {"seed": job["seed"], "id": item["id"], **_answer(knowledge, scope, item["question"])}
            if failed:
                line["ingest_failed"] = failed
            print(json.dumps(line, ensure_ascii=False, default=str), flush=True)
        print(f"seed {job['seed']}: {len(job['questions'])} questions in {time.perf_counter() - start:.1f}s",
              file=sys.stderr, flush=True)


if __name__ == "__main__":
    run(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
