"""Shared helpers for the benchmarks: timing, synthetic corpora, printing."""

from __future__ import annotations

import random
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "westmarch"
PLACES = ["Ashdown", "Brackenfield", "Coldharbour", "Dunmere", "Eastbrook", "Fernley", "Kettlebridge",
          "Marrowfield", "Ollerby", "Rudgewell", "Saltinghurst", "Tidesend", "Wrenhaven", "Sedgebury"]
TOPICS = ["libraries", "depots", "care homes", "museums", "car parks", "schools", "leisure centres",
          "waste sites", "offices", "youth centres", "bridges", "street lighting", "parks"]


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def median_p95(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def base_paragraphs() -> list[str]:
    paras: list[str] = []
    for path in sorted(DEMO.rglob("*")):
        if path.suffix in {".md", ".txt"}:
            text = path.read_text(encoding="utf-8")
            paras.extend(" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if len(p.split()) > 12)
    return paras


def varied(paragraphs: list[str], n: int, seed: int = 7) -> list[str]:
    """``n`` paragraphs that differ in places, topics, numbers and sentence order."""
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(n):
        text = paragraphs[i % len(paragraphs)]
        sentences = re.split(r"(?<=[.!?])\s+", text)
        rng.shuffle(sentences)
        text = " ".join(sentences)
        text = re.sub(r"\b(" + "|".join(PLACES[:6]) + r")\b", lambda _m: rng.choice(PLACES), text)
        text = re.sub(r"\b\d+\b", lambda _m: str(rng.randint(2, 900)), text)
        out.append(f"{text} This note also covers {rng.choice(TOPICS)} in {rng.choice(PLACES)} (ref {i}).")
    return out


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB: ``VmHWM`` from ``/proc`` on Linux (which,
    unlike ``ru_maxrss``, does not carry a forking parent's peak into an exec'd child), else
    ``getrusage``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024
