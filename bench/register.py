"""Benchmark: list/count questions over a 50,000-row register (goal: median < 200 ms).

Run ``python -m bench.register``. Prints median and p95 per question and the ratio against
a baseline measured in the same run: a plain SQL scan of the same rows' JSON cells.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from knowledge.register import RegisterRow, RegisterStore, answer_register

ROWS = 50_000
HEADER_SETS = [
    ["property_name", "district", "property_type", "manufacturer", "model", "camera_count",
     "network", "status", "replacement_due"],
    ["Site", "Ward", "Premises Type", "Make", "Model No.", "No. of Cameras", "Connectivity",
     "Lifecycle", "Planned Replacement"],
    ["Building", "Area", "Category", "Brand", "Model Number", "Cameras", "Network Type",
     "Status", "Replacement Date"],
]
MAKES = ["Hikvision", "HIKVISION", "Hik-Vision", "Dahua", "Axis", "Bosch", "Hanwha", "EZVIZ", ""]
STATUSES = ["in service", "Live", "replaced", "decommissioned", "scheduled for replacement"]
TYPES = ["Library", "Care Home", "Depot", "Office", "Youth Centre", "Household Waste Recycling Centre"]
AREAS = ["Northgate", "Southbank", "Eastmoor", "Westfield", "Ashdown", "Fernley"]
QUESTIONS = [
    "Which properties still run Hikvision?",
    "How many cameras are still on Hikvision kit?",
    "Which libraries in Ashdown still have Dahua?",
    "How many systems are scheduled for replacement?",
]
REPEAT = 15


def _rows(sheet: int, count: int, rng: random.Random) -> list[RegisterRow]:
    headers = HEADER_SETS[sheet]
    out = []
    for i in range(count):
        make = rng.choice(MAKES)
        model = "DS-2CD2143G2-I" if make in ("", "Hikvision") else f"M{rng.randint(100, 999)}"
        values = [f"Site {sheet}-{i // 3}", rng.choice(AREAS), rng.choice(TYPES), make, model,
                  str(rng.randint(1, 24)), rng.choice(["isolated", "corporate LAN", "internet"]),
                  rng.choice(STATUSES), rng.choice(["", "2026-03-01", "12/05/2027"])]
        out.append(RegisterRow("bench.xlsx", f"CCTV {sheet}", i + 2, dict(zip(headers, values, strict=True))))
    return out


def _time(fn: object, repeat: int = REPEAT) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return times


def _p95(times: list[float]) -> float:
    return sorted(times)[max(0, int(len(times) * 0.95) - 1)]


def main() -> None:
    rng = random.Random(7)
    rows = [r for s in range(3) for r in _rows(s, ROWS // 3 + (s == 0) * (ROWS % 3), rng)]
    with tempfile.TemporaryDirectory() as tmp:
        store = RegisterStore(Path(tmp) / "register.sqlite")
        start = time.perf_counter()
        store.replace_source("bench.xlsx", rows)
        print(f"loaded {store.row_count()} rows in {time.perf_counter() - start:.1f}s")
        for mapping in store.mappings():
            cols = mapping["columns"]
            print(f"  sheet {mapping['sheet']}: make <- {cols.get('manufacturer')!r}, "
                  f"status <- {cols.get('status')!r}, area <- {cols.get('area')!r}")
        levels = frozenset({"public"})

        def baseline() -> None:
            sql = "SELECT source, sheet, row, cells FROM rows WHERE cells LIKE ?"
            store.execute(sql, ["%ikvision%"]).fetchall()

        base = statistics.median(_time(baseline))
        print(f"baseline (plain SQL scan of cells): median {base:.1f} ms")
        for question in QUESTIONS:
            answer = answer_register(question, store, levels)  # warm
            assert answer is not None, question
            times = _time(lambda q=question: answer_register(q, store, levels))
            median = statistics.median(times)
            verdict = "ok" if median < 200 else "SLOW"
            print(f"{question!r}: {answer.count} {answer.count_of}; median {median:.1f} ms, "
                  f"p95 {_p95(times):.1f} ms, x{median / base:.2f} baseline [{verdict}]")
        store.close()


if __name__ == "__main__":
    main()
