"""The register table: one SQLite file, rows with their mapped meanings as real columns."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import groupby
from pathlib import Path
from typing import Any

from knowledge.read.meaning import Embed
from knowledge.register.columns import SheetMapping, load_overrides, map_sheet
from knowledge.register.extract import FIELDS, extract
from knowledge.register.rows import RegisterRow
from knowledge.register.vendors import VendorCatalogue, load_vendors

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS sheets (
    source TEXT, sheet TEXT, system_type TEXT, mapping TEXT, PRIMARY KEY (source, sheet));
CREATE TABLE IF NOT EXISTS rows (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, sheet TEXT NOT NULL, row INTEGER NOT NULL,
    access TEXT NOT NULL, cells TEXT NOT NULL, {", ".join(f"{f} {t}" for f, t in FIELDS)});
CREATE INDEX IF NOT EXISTS rows_source ON rows (source);
CREATE INDEX IF NOT EXISTS rows_vendor ON rows (vendor, status_class);
CREATE INDEX IF NOT EXISTS rows_area ON rows (area_key);
CREATE INDEX IF NOT EXISTS rows_ptype ON rows (ptype_key);
CREATE INDEX IF NOT EXISTS rows_status ON rows (status_class);
"""
_BATCH = 2000


class RegisterStore:
    """Register rows in SQLite. ``replace_source`` is one transaction: all or nothing."""

    def __init__(
        self, path: Path | str, overrides: Path | None = None,
        vendors: VendorCatalogue | None = None, embed: Embed | None = None,
    ) -> None:
        self.path = Path(path)
        self.embed = embed
        """Embeds texts, to weigh a word of a question that nothing reads (``unread.weighed``);
        None: every such word is a condition."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.overrides = load_overrides(Path(overrides) if overrides else None)
        self.vendors = vendors or load_vendors()
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA cache_size=-65536")
        self._conn.execute("PRAGMA mmap_size=268435456")
        self._conn.execute("PRAGMA temp_store=MEMORY")
        self.rebuilt = self._outdated()
        if self.rebuilt:  # written by an older cllr: rebuilt from the index on the next refresh
            self._conn.executescript("DROP TABLE IF EXISTS rows; DROP TABLE IF EXISTS sheets;")
        self._conn.executescript(_SCHEMA)
        self._cache: dict[str, Any] = {}

    def _outdated(self) -> bool:
        have = {str(r[1]) for r in self._conn.execute("PRAGMA table_info(rows)")}
        return bool(have) and not {f for f, _ in FIELDS} <= have

    def close(self) -> None:
        self._conn.close()

    # --- writing ------------------------------------------------------------------------
    def replace_source(self, source: str, rows: Iterable[RegisterRow]) -> int:
        """Replace every row of ``source`` at once; on any error the old rows stay."""
        ordered = sorted(rows, key=lambda r: (r.sheet, r.row))
        groups = [(sheet, list(group)) for sheet, group in groupby(ordered, key=lambda r: r.sheet)]
        mappings = [self._map(source, sheet, group) for sheet, group in groups]
        if any(_tabular(m) for m in mappings):  # a "Read me" or notes sheet beside the table is no rows
            kept = [(m, g) for m, g in zip(mappings, groups, strict=True) if _tabular(m)]
            widest = max(len(m.columns) for m, _ in kept)
            kept = [(m, g) for m, g in kept if len(m.columns) >= 0.6 * widest]  # not a lookups or changes tab
            mappings, groups = [m for m, _ in kept], [g for _, g in kept]
        groups = _tab_areas(mappings, groups)
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._delete(source)
                for mapping, (_sheet, group) in zip(mappings, groups, strict=True):
                    self._insert(source, mapping, group)
                self._bump()
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        return len(ordered)

    def remove_source(self, source: str) -> None:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._delete(source)
                self._bump()
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    def _map(self, source: str, sheet: str, rows: list[RegisterRow]) -> SheetMapping:
        headers: dict[str, None] = {}
        for row in rows[:200]:
            headers.update(dict.fromkeys(row.cells))
        return map_sheet(sheet, list(headers), [r.cells for r in rows], source, self.overrides)

    def _delete(self, source: str) -> None:
        self._conn.execute("DELETE FROM rows WHERE source = ?", (source,))
        self._conn.execute("DELETE FROM sheets WHERE source = ?", (source,))

    def _insert(self, source: str, mapping: SheetMapping, rows: list[RegisterRow]) -> None:
        self._conn.execute(
            "INSERT INTO sheets VALUES (?, ?, ?, ?)",
            (source, mapping.sheet, mapping.system_type, json.dumps(mapping.columns)),
        )
        names = ["source", "sheet", "row", "access", "cells", *(f for f, _ in FIELDS)]
        sql = f"INSERT INTO rows ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        for start in range(0, len(rows), _BATCH):
            self._conn.executemany(sql, self._values(source, mapping, rows[start : start + _BATCH]))

    def _values(
        self, source: str, mapping: SheetMapping, rows: list[RegisterRow]
    ) -> Iterator[tuple[Any, ...]]:
        for r in rows:
            fields = extract(r.cells, mapping, self.vendors)
            yield (source, r.sheet, r.row, r.access, json.dumps(r.cells), *fields)

    def _bump(self) -> None:
        self._conn.execute(
            "INSERT INTO meta VALUES ('generation', '1') ON CONFLICT(k) "
            "DO UPDATE SET v = CAST(v AS INTEGER) + 1"
        )

    # --- reading ------------------------------------------------------------------------
    def sources(self) -> dict[str, int]:
        cur = self.execute("SELECT source, COUNT(*) FROM rows GROUP BY source ORDER BY source")
        return {str(s): int(n) for s, n in cur}

    def row_count(self) -> int:
        return int(self.execute("SELECT COUNT(*) FROM rows").fetchone()[0])

    def mappings(self) -> list[dict[str, Any]]:
        """Every sheet's column mapping, for ``cllr status`` and debugging."""
        cur = self.execute("SELECT source, sheet, system_type, mapping FROM sheets")
        return [
            {"source": s, "sheet": sh, "system_type": t, "columns": json.loads(m)}
            for s, sh, t, m in cur
        ]

    def generation(self) -> str:
        row = self.execute("SELECT v FROM meta WHERE k = 'generation'").fetchone()
        return str(row[0]) if row else "0"

    def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        """Run one read statement with bound parameters (never text from users)."""
        with self._lock:
            return self._conn.execute(sql, tuple(params))

    def fetch(self, sql: str, params: Iterable[Any] = ()) -> tuple[list[str], list[Any]]:
        """Column names and all rows of one read, taken under the store's lock."""
        with self._lock:
            cursor = self._conn.execute(sql, tuple(params))
            return [d[0] for d in cursor.description], cursor.fetchall()

    def select_ids(self, where: str, params: Iterable[Any], name: str, build: Any) -> tuple[list[int], Any]:
        """The ids of the rows matching ``where`` and ``cached(name, build)``, read in one
        snapshot: another process's commit can't fall between the ids and what they index."""
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                cursor = self._conn.execute(f"SELECT id FROM rows WHERE {where}", tuple(params))  # noqa: S608
                return [int(i) for (i,) in cursor], self.cached(name, build)
            finally:
                self._conn.execute("COMMIT")

    def cached(self, name: str, build: Any) -> Any:
        """``build(self)`` memoised until the table changes (in any process)."""
        generation = self.generation()
        hit = self._cache.get(name)
        if hit is None or hit[0] != generation:
            hit = (generation, build(self))
            self._cache[name] = hit
        return hit[1]


TAB = "Sheet"
"""The header under which a sheet's name is its rows' area (a tab per area)."""


def _tab_areas(mappings: list[SheetMapping], groups: list[tuple[str, list[RegisterRow]]]
               ) -> list[tuple[str, list[RegisterRow]]]:
    """A workbook with one tab per area and no area column: tabs of one kind of system with
    the same columns. Each tab's name is its rows' area, under the header "Sheet"."""
    if len(mappings) < 2 or "area" in mappings[0].columns or TAB in mappings[0].columns.values() \
            or any(m.columns != mappings[0].columns or m.system_type != mappings[0].system_type for m in mappings):
        return groups
    for mapping in mappings:
        mapping.columns["area"] = TAB
    return [(sheet, [replace(r, cells={**r.cells, TAB: sheet}) for r in rows]) for sheet, rows in groups]


def _tabular(mapping: SheetMapping) -> bool:
    """Does the sheet hold register rows: a column naming the site, or the kit's make or status?"""
    return bool({"property", "manufacturer", "status", "asset_id"} & set(mapping.columns))
