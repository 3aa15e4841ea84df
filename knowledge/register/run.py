"""Run a ``RegisterQuery`` as parameterised SQL and collect the matching rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from knowledge.register.guards import same_make
from knowledge.register.others import clauses as other_clauses
from knowledge.register.others import device_side
from knowledge.register.query import RegisterQuery
from knowledge.register.status import GONE, IN_SERVICE
from knowledge.register.table import select
from knowledge.register.values import key, norm

STATUS_CLASSES: dict[str, frozenset[str]] = {
    "in_service": IN_SERVICE, "gone": GONE,
    **{name: frozenset({name}) for name in
       ("scheduled", "replaced", "decommissioned", "removed", "disposed", "planned", "faulty", "offline")},
}
OUT_OF_USE = frozenset({"decommissioned", "removed", "disposed"})
"""Taken out of use without a replacement, however the register words it: a question's
"removed" is the register's "decommissioned" when the register has no "removed" rows."""
_NETWORK = {"networked": ("lan", "internet", "cellular"), "lan": ("lan",), "internet": ("internet",),
            "cellular": ("cellular",), "isolated": ("isolated",)}


@dataclass
class RegisterResult:
    """The rows a query selected (already limited to the caller's access levels)."""

    query: RegisterQuery
    rows: list[dict[str, Any]] = field(default_factory=list)
    scheduled_fallback: bool = False
    widened_status: bool = False
    """The status asked for ("removed") has no rows; every out-of-use status was taken."""

    @cached_property
    def properties(self) -> list[str]:
        seen: dict[str, str] = {}
        for row in self.rows:
            seen.setdefault(row["property_key"], row["property"])
        return list(seen.values())

    @property
    def cameras(self) -> int:
        return sum(int(r["camera_count"] or 0) for r in self.rows if r.get("primary", True))

    @cached_property
    def systems(self) -> int:
        """Distinct systems: rows sharing a system ID are one (a device-level export), else each row."""
        return len({(r["source"], r["system_id"]) if r.get("system_id") else (r["source"], r["sheet"], r["row"])
                    for r in self.primary})

    def devices(self, header: str, side: str) -> int:
        """Rows whose ``header`` cell names that side ("camera": the cameras of a one-row-per-device
        export, "Dome Camera" as much as "Camera")."""
        return sum(1 for r in self.primary if device_side(r["cells"].get(header)) == side)

    @cached_property
    def primary(self) -> list[dict[str, Any]]:
        return [r for r in self.rows if r.get("primary", True)]


def _in(column: str, values: Iterable[str]) -> tuple[str, list[Any]]:
    ordered = sorted(values)
    return f"{column} IN ({', '.join('?' * len(ordered))})", list(ordered)


def _not_in(column: str, values: Iterable[str]) -> tuple[str, list[Any]]:
    ordered = sorted(values)
    return f"COALESCE({column}, '') NOT IN ({', '.join('?' * len(ordered))})", list(ordered)


def _vendor_clause(query: RegisterQuery) -> list[tuple[str, list[Any]]]:
    clauses = []
    if query.exclude_vendors:
        clauses.append(_not_in("vendor", [norm(v) for v in query.exclude_vendors]))
    if query.vendors:
        clauses.append(_in("vendor", [norm(v) for v in query.vendors]))
    if query.brands:
        clauses.append(_in("brand", query.brands))
    elif query.include_sub_brands is False:
        clauses.append(("(vendor_via != 'sub_brand')", []))
    if query.blank_make:
        clauses.append(("(manufacturer = '' AND vendor != '')" if query.vendors else
                        "manufacturer = ''", []))
    if query.recorder_vendors:
        clauses.append(_in("recorder_vendor", [norm(v) for v in query.recorder_vendors]))
    return clauses


def _place_clauses(query: RegisterQuery) -> list[tuple[str, list[Any]]]:
    clauses = []
    for column, values, exclude, match in (
        ("area_key", query.areas, query.exclude_areas, key),
        ("ptype_key", query.property_types, query.exclude_property_types, key),
        ("lower(property)", query.properties, query.exclude_properties, str.lower),
    ):
        if values:
            clauses.append(_in(column, [match(v) for v in values]))
        if exclude:
            clauses.append(_not_in(column, [match(v) for v in exclude]))
    if query.name_heads:
        likes = " OR ".join(["property LIKE ? OR property LIKE ?"] * len(query.name_heads))
        clauses.append((likes, [p for h in query.name_heads for p in (f"% {h}", f"% {h}s")]))
    if query.system_types:
        clauses.append(_in("system_type", [*query.system_types, "unknown"]))
    return clauses


def _other_clauses(query: RegisterQuery, fallback: bool,
                   fallback_scheduled: bool = False) -> list[tuple[str, list[Any]]]:
    clauses = []
    if query.status == "scheduled" and fallback:
        clauses.append(_in("status_class", IN_SERVICE))
        clauses.append(("replacement_date IS NOT NULL", []))
    elif query.status in OUT_OF_USE and fallback:
        clauses.append(_in("status_class", OUT_OF_USE))
    elif query.status:
        clauses.append(_in("status_class", STATUS_CLASSES[query.status]))
    if query.network:
        clauses.append(_in("network_class", _NETWORK[query.network]))
    if query.remote_access is not None:
        clauses.append(("remote_access = ?", [int(query.remote_access)]))
    if query.recording:
        clauses.append(_in("recording_class", query.recording))
    for blank in query.blank_dates:  # "no replacement date set": blank, or a placeholder such as "TBC"
        clauses.append((f"({blank} IS NULL OR {blank} = '')", []))
    for dates in query.dates:
        if dates.or_blank and dates.end and not dates.start:
            clauses.append((f"({dates.field} IS NULL OR {dates.field} = '' OR {dates.field} < ?)",
                            [dates.end]))
            continue
        if dates.start:
            clauses.append((f"{dates.field} >= ?", [dates.start]))
        if dates.end:
            clauses.append((f"{dates.field} < ?", [dates.end]))
    if query.cameras_min is not None:
        clauses.append(("camera_count >= ?", [query.cameras_min]))
    if query.cameras_max is not None:
        clauses.append(("camera_count <= ?", [query.cameras_max]))
    clauses += other_clauses(query.column_values)
    clauses += other_clauses(query.exclude_column_values, ruled_out=True)
    for status in query.exclude_status:
        if status == "scheduled" and fallback_scheduled:  # no such status: the booked date says it
            clauses.append(("(replacement_date IS NULL OR replacement_date = '')", []))
        else:
            clauses.append(_not_in("status_class", STATUS_CLASSES[status]))
    for term in query.notes_terms:
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append(("notes LIKE ? ESCAPE '\\'", [f"%{escaped}%"]))
    return clauses


def _where(query: RegisterQuery, fallback: bool, fallback_scheduled: bool = False) -> tuple[str, list[Any]]:
    """The query's conditions as SQL (the caller's access levels are checked by ``select``)."""
    parts = [*_vendor_clause(query), *_place_clauses(query), *_other_clauses(query, fallback, fallback_scheduled)]
    return " AND ".join(f"({sql})" for sql, _ in parts) or "1", [p for _, ps in parts for p in ps]


def run_query(store: Any, query: RegisterQuery, levels: frozenset[str]) -> RegisterResult:
    """Rows matching ``query`` whose access level is in ``levels``."""
    if not levels:
        return RegisterResult(query)
    fallback = query.status == "scheduled" and not _has_status(store, "scheduled")
    widened = query.status in OUT_OF_USE and not _has_status(store, query.status) and any(
        _has_status(store, s) for s in OUT_OF_USE)
    fallback = fallback or widened
    no_scheduled = "scheduled" in query.exclude_status and not _has_status(store, "scheduled")
    where, params = _where(query, fallback, no_scheduled)
    rows = select(store, where, params, frozenset(levels), query.order_by)
    if query.with_other_make:
        rows = _with_other_make(store, query, levels, rows)
    if query.every_vendor and len(query.vendors) > 1:
        rows = _with_every_vendor(query, rows)
    if query.order_by:
        rows = ranked(rows, query.order_by, query.descending, query.limit or 10)
    if query.recorder_make_differs:
        rows = recorder_differs(rows)
    return RegisterResult(query, rows, scheduled_fallback=fallback and not widened, widened_status=widened)


def ranked(rows: list[dict[str, Any]], column: str, descending: bool, limit: int) -> list[dict[str, Any]]:
    """The first ``limit`` rows by ``column`` (rows without a value are left out); rows
    tied with the last one are kept, so a cut never hides an equal."""
    valued = [r for r in rows if r.get(column) not in (None, "")]
    valued.sort(key=lambda r: r[column], reverse=descending)
    if len(valued) <= limit:
        return valued
    edge = valued[limit - 1][column]
    return valued[:limit] + [r for r in valued[limit:] if r[column] == edge]


def _has_status(store: Any, status: str) -> bool:
    sql = "SELECT 1 FROM rows WHERE status_class = ? LIMIT 1"
    return store.execute(sql, [status]).fetchone() is not None


def _with_every_vendor(query: RegisterQuery, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep the properties that have rows of every named make ("both Hikvision and Axis")."""
    named = [norm(v) for v in query.vendors]
    spellings = {v: {v, *same_make(v, dict.fromkeys(named, ""))} for v in named}  # "Axis", "Axis Communications"
    makes: dict[str, set[str]] = {}
    for row in rows:
        makes.setdefault(row["property_key"], set()).add(row["vendor"])
    return [r for r in rows if all(makes[r["property_key"]] & spelt for spelt in spellings.values())]


def _with_other_make(
    store: Any, query: RegisterQuery, levels: frozenset[str], rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Keep properties that also have an in-service row of another (named) make."""
    keys = sorted({r["property_key"] for r in rows})
    if not keys:
        return []
    mine = [norm(v) for v in query.vendors] or sorted({r["vendor"] for r in rows})
    parts = [_in("property_key", keys), _in("status_class", IN_SERVICE),
             ("vendor != ''", []), (f"NOT ({_in('vendor', mine)[0]})", mine)]
    where = " AND ".join(f"({sql})" for sql, _ in parts)
    others = [{**r, "primary": False} for r in select(store, where, [p for _, ps in parts for p in ps], levels)]
    with_other = {r["property_key"] for r in others}
    return [r for r in rows if r["property_key"] in with_other] + others


def recorder_differs(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the systems whose cameras are of a make their recorder is not: a device-level
    export says which row is a camera and which the NVR/DVR (one column holds both words), and
    its System ID ties them. Makes are compared by family ("Axis Communications" is "Axis")."""
    known = dict.fromkeys({r["vendor"] for r in rows if r["vendor"]}, "")
    family = {v: min([v, *same_make(v, known)]) for v in known}  # "axis communications" is "axis"
    headers = {h for r in rows for h, v in r["cells"].items() if device_side(v) == "camera"}
    device = next((h for h in sorted(headers) if any(device_side(r["cells"].get(h)) == "recorder" for r in rows)), "")
    makes: dict[tuple[str, str], dict[str, set[str]]] = {}
    for r in rows:
        side = device_side(r["cells"].get(device))
        if r["system_id"] and side and r["vendor"]:
            makes.setdefault((r["source"], r["system_id"]), {}).setdefault(side, set()).add(family[r["vendor"]])
    mixed = {s for s, m in makes.items() if m.get("recorder") and m.get("camera", set()) - m["recorder"]}
    return [r for r in rows if (r["source"], r["system_id"]) in mixed]
