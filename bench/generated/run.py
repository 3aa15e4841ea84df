"""Score cllr on generated registers: ``python -m bench.generated.run --seeds 1000-1019 [--json]``.

For each seed: generate a register and its questions, write the register file, ingest it into a
fresh data dir and ask the questions through the checkout given by ``--code`` (default: this
one), then score. ``--via facade`` (default) answers every seed in one child process through
``Knowledge`` as the CLI opens it; ``--via cli`` runs ``cllr ingest`` and ``cllr ask --questions
--json`` per seed. Seeds 0-999 are for development, 1000 and up are held out (see README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench.generated.make import Register, generate
from bench.generated.questions import Question, questions
from bench.generated.scoring import Score, judge
from bench.generated.write import write

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).resolve().parent / "worker.py"
HELD_OUT = 1000  # seeds below this are development seeds


@dataclass
class Job:
    register: Register
    questions: list[Question]
    path: Path
    data: Path


def parse_seeds(text: str) -> list[int]:
    """``1000-1019``, ``3,5,8`` or a mix: ``0-2,7``."""
    seeds: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.strip().partition("-")
        seeds.extend(range(int(lo), int(hi or lo) + 1))
    return seeds


def prepare(seeds: list[int], workdir: Path) -> list[Job]:
    jobs = []
    for seed in seeds:
        reg = generate(seed)
        path = write(reg, workdir / f"seed-{seed}" / "register")
        jobs.append(Job(reg, questions(reg), path, workdir / f"seed-{seed}" / "data"))
    return jobs


def _env(code: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(code), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               ANONYMIZED_TELEMETRY="False", TOKENIZERS_PARALLELISM="false")
    env.pop("CLLR_DATA_DIR", None)
    return env


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip().startswith("{")]


def answers_facade(jobs: list[Job], code: Path, workdir: Path) -> dict[str, dict[str, Any]]:
    spec = [{"seed": j.register.seed, "register": str(j.path), "data": str(j.data),
             "questions": [{"id": q.id, "question": q.question} for q in j.questions]} for j in jobs]
    jobs_file = workdir / "jobs.json"
    jobs_file.write_text(json.dumps(spec), encoding="utf-8")
    done = subprocess.run([sys.executable, str(WORKER), str(jobs_file)], env=_env(code), cwd=workdir,
                          stdout=subprocess.PIPE, text=True, check=False)  # progress goes to stderr
    return {a["id"]: a for a in _lines(done.stdout)}


def answers_cli(jobs: list[Job], code: Path, workdir: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    cllr = [sys.executable, "-m", "cllr"]
    for j in jobs:
        qfile = j.data.parent / "questions.jsonl"
        qfile.write_text("".join(json.dumps({"id": q.id, "question": q.question}) + "\n" for q in j.questions))
        subprocess.run([*cllr, "ingest", str(j.path.parent), "--data", str(j.data)], env=_env(code),
                       cwd=workdir, capture_output=True, check=False)
        done = subprocess.run([*cllr, "ask", "--questions", str(qfile), "--json", "--data", str(j.data)],
                              env=_env(code), cwd=workdir, capture_output=True, text=True, check=False)
        out.update({a["id"]: a for a in _lines(done.stdout)})
    return out


def score(jobs: list[Job], answers: dict[str, dict[str, Any]]) -> Score:
    result = Score()
    for j in jobs:
        names = j.register.sites
        for q in j.questions:
            a = answers.get(q.id)
            result.add(q, judge(q, a, names), str((a or {}).get("answer", "")))
    return result


def evaluate(seeds: list[int], code: Path = ROOT, via: str = "facade", workdir: Path | None = None) -> Score:
    """Generate, ingest, ask and score ``seeds`` against the cllr checkout at ``code``."""
    with tempfile.TemporaryDirectory(prefix="cllr-generated-") as tmp:
        root = workdir or Path(tmp)
        jobs = prepare(seeds, root)
        ask = answers_cli if via == "cli" else answers_facade
        return score(jobs, ask(jobs, code, root))


def revision(code: Path) -> str:
    """``code``'s git commit, with ``+dirty`` when its tree has changes; ``unknown`` outside git."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(code), *args], capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    rev = git("rev-parse", "--short", "HEAD") or "unknown"
    return rev + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def print_tables(console: Console, result: Score, examples: int, title: str = "") -> None:
    t = Table(title=f"generated registers: register questions{title}")
    for col in ("kind", "n", "right", "abstained", "answered but wrong", "accuracy"):
        t.add_column(col, justify="left" if col == "kind" else "right")
    for kind in sorted(result.kinds):
        k = result.kinds[kind]
        t.add_row(kind, str(k.total), str(k.right), str(k.abstained), str(k.wrong), f"{k.right / k.total:.0%}")
    console.print(t)
    bt = Table(title="by template (right / abstained / answered but wrong)")
    bt.add_column("template")
    bt.add_column("kind")
    bt.add_column("r / a / w", justify="right")
    for kind in sorted(result.kinds):
        for name, (r, a, w) in sorted(result.kinds[kind].by_template.items()):
            bt.add_row(name, kind, f"{r} / {a} / {w}")
    console.print(bt)
    wrong = [x for x in result.verdicts if not x[1].right][:examples]
    for q, v, text in wrong:
        gold = q.gold_count if q.kind == "count" else f"{len(q.gold_names)} sites"
        console.print(f"[bold]{q.id}[/bold] {q.question!r} gold={gold} [{v.outcome}: {v.detail}]\n"
                      f"    {' '.join(text.split())[:240]}", markup=True, highlight=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="1000-1019", help="seeds, e.g. 1000-1019 or 0-4,9 (default %(default)s)")
    ap.add_argument("--code", type=Path, default=ROOT, help="cllr checkout to score (default: this one)")
    ap.add_argument("--via", choices=["facade", "cli"], default="facade")
    ap.add_argument("--json", action="store_true", help="print the score as JSON")
    ap.add_argument("--examples", type=int, default=12, help="wrong answers to show")
    ap.add_argument("--out", type=Path, help="write every question, gold, answer and verdict as JSONL")
    args = ap.parse_args(argv)
    try:
        seeds = parse_seeds(args.seeds)
    except ValueError:
        print(f"bad --seeds {args.seeds!r}: use e.g. 1000-1019 or 0-4,9", file=sys.stderr)
        return 2
    if not (args.code / "knowledge").is_dir() or not (args.code / "cllr").is_dir():
        print(f"--code {args.code} is not a cllr checkout (no knowledge/ and cllr/ in it)", file=sys.stderr)
        return 2
    result = evaluate(seeds, args.code.resolve(), args.via)
    if args.out:
        with args.out.open("w", encoding="utf-8") as fh:
            for q, v, text in result.verdicts:
                fh.write(json.dumps({**q.to_json(), "outcome": v.outcome, "detail": v.detail, "answer": text}) + "\n")
    code = f"{args.code.resolve()} @ {revision(args.code)}"
    if args.json:
        print(json.dumps({"seeds": seeds, "held_out": all(s >= HELD_OUT for s in seeds), "code": code,
                          **result.to_json()}))
    else:
        print_tables(Console(), result, args.examples, f"\n{code}, seeds {args.seeds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
