"""Plain-words descriptions of applied filters and of what the engine inferred."""

from __future__ import annotations

from typing import Any

from knowledge.register.others import described
from knowledge.register.run import OUT_OF_USE, STATUS_CLASSES, RegisterResult
from knowledge.register.status import GONE
from knowledge.register.vocab import Vocab

_DATE_LABEL = {"install_date": "installed", "replacement_date": "replacement due",
               "last_maintenance": "last maintained"}


def _quoted(values: list[str]) -> str:
    return ", ".join(f'"{v}"' for v in values if v) or "none in the register"


def joined(values: list[str], word: str = "or") -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + f" {word} " + values[-1]


def _status(status: str, vocab: Vocab, fallback: bool) -> str:
    if status == "in_service" and "status" not in vocab.has:
        return "in service = every row (the register has no status column)"
    if status == "in_service":
        gone = sorted(c for c in GONE if c in vocab.statuses) or ["replaced", "decommissioned"]
        kept = [v for c in sorted(STATUS_CLASSES["in_service"]) for v in vocab.statuses.get(c, [])]
        return f"in service = status not {'/'.join(gone)} (kept: {_quoted(kept)})"
    if status == "scheduled" and fallback:
        return ("scheduled for replacement = in service with a planned replacement date "
                "(the register has no status meaning 'scheduled')")
    raw = [v for c in sorted(STATUS_CLASSES[status]) for v in vocab.statuses.get(c, [])]
    return f"{status.replace('_', ' ')} = status {_quoted(raw)}"


def _widened(status: str, vocab: Vocab) -> str:
    raw = [v for c in sorted(OUT_OF_USE) for v in vocab.statuses.get(c, [])]
    return (f"{status} = status {_quoted(raw)} (the register has no status meaning '{status}'; "
            "these were taken out of use without a replacement)")


def describe_filters(result: RegisterResult, vocab: Vocab, labels: dict[str, str],
                     display: Any) -> list[str]:
    """Every filter of the query, in words a councillor can check against the sheet."""
    q, out = result.query, []
    if q.vendors:
        out.append(f"{labels.get('manufacturer', 'manufacturer')} = "
                   f"{joined([display(v) for v in q.vendors])} (any spelling)")
    if q.brands:
        out.append(f"brand = {joined(q.brands)}")
    if q.include_sub_brands is False:
        out.append("sub-brands excluded")
    if q.recorder_vendors:
        out.append(f"{labels.get('recorder', 'recorder')} made by "
                   f"{joined([display(v) for v in q.recorder_vendors])}")
    if q.blank_make:
        out.append(f"{labels.get('manufacturer', 'manufacturer')} left blank")
    for column in q.blank_dates:
        out.append(f"{labels.get(column, column.replace('_', ' '))} left blank (no date given)")
    if q.status:
        out.append(_status(q.status, vocab, result.scheduled_fallback) if not result.widened_status else
                   _widened(q.status, vocab))
    if q.areas:
        out.append(f"{labels.get('area', 'area')} = {joined(q.areas)}")
    if q.property_types:
        out.append(f"{labels.get('property_type', 'property type')} = {joined(q.property_types)}")
    if q.properties:
        out.append(f"{labels.get('property', 'property')} = {joined(q.properties)}")
    if q.name_heads:
        out.append(f"{labels.get('property', 'property')} name ends in {joined(q.name_heads)}")
    for values, label in (([display(v) for v in q.exclude_vendors], labels.get("manufacturer", "manufacturer")),
                          (q.exclude_areas, labels.get("area", "area")),
                          (q.exclude_property_types, labels.get("property_type", "property type")),
                          (q.exclude_properties, labels.get("property", "property"))):
        if values:
            out.append(f"{label} is not {joined(values)}")
    if q.system_types:
        out.append(f"system type = {joined([s.replace('_', ' ') for s in q.system_types])}")
    out.extend(_exposure(q, vocab, labels))
    for d in q.dates:
        blank = f" or no {_DATE_LABEL[d.field]} date recorded" if d.or_blank else ""
        out.append(f"{_DATE_LABEL[d.field]} {d.phrase} ({_range(d.start, d.end)}{blank})".strip())
    if q.cameras_min is not None or q.cameras_max is not None:
        out.append(f"{labels.get('camera_count', 'camera count')} "
                   f"{_bounds(q.cameras_min, q.cameras_max)} on the row (a row without a count "
                   "is left out)")
    if q.order_by:
        label = labels.get(q.order_by, _DATE_LABEL.get(q.order_by, "camera count"))
        first = ("newest first" if q.descending else "oldest first") if q.order_by != "camera_count" \
            else ("most first" if q.descending else "fewest first")
        out.append(f"ranked by {label}, {first}; the first {q.limit or 10} (ties kept; rows with no "
                   f"{label} are left out)")
    if q.recorder_make_differs:
        out.append("in one system, cameras of a make its recorder (NVR/DVR) is not (makes compared by "
                   "family; both in service)")
    if q.with_other_make:
        out.append("the property also has an in-service system of a different make")
    if q.every_vendor:
        out.append("the property has rows of every one of those makes")
    out += described(q.column_values)
    out += described(q.exclude_column_values, ruled_out=True)
    for status in q.exclude_status:
        raw = [v for c in sorted(STATUS_CLASSES[status]) for v in vocab.statuses.get(c, [])]
        out.append(f"status is not {status.replace('_', ' ')} ({_quoted(raw) if raw else 'no such rows'})")
    if q.notes_terms:
        out.append(f"{labels.get('notes', 'notes')} mention {' and '.join(map(repr, q.notes_terms))}"
                   " (no date is given for that event, so dates are not used)")
    return out


def _bounds(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"is {low}" if low == high else f"is {low} to {high}"
    return f"is at least {low}" if low is not None else f"is at most {high}"


def _range(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start} to before {end}"
    return f"on or after {start}" if start else f"before {end}"


def _exposure(q: Any, vocab: Vocab, labels: dict[str, str]) -> list[str]:
    out = []
    network = labels.get("network", "network")
    if q.network == "networked":
        out.append(f"networked = {network} is anything but isolated/standalone/none/blank")
    elif q.network == "cellular":
        out.append(f"{network} is a 4G/5G or other mobile-data link")
    elif q.network == "internet":
        out.append(f"{network} is internet-facing (a 4G/5G mobile link is counted apart)")
    elif q.network == "lan":
        out.append(f"on a council network = {network} names a LAN, WAN or corporate network")
    elif q.network:
        out.append(f"{network} = {q.network}")
    if q.remote_access is not None:
        out.append(f"{labels.get('remote_access', 'remote access')} = "
                   f"{'yes' if q.remote_access else 'no'}")
    if q.recording:
        out.append(f"{labels.get('recording', 'recording')} = {joined(q.recording)}")
    return out


def inference_notes(result: RegisterResult, display: Any) -> list[str]:
    """How rows were read: blank makes inferred from model numbers, sub-brands, spellings."""
    by_model: list[dict[str, Any]] = []
    subs, spellings, missing = set(), set(), 0
    for r in result.primary:
        via = r["vendor_via"]
        if via == "model":
            by_model.append(r)
        elif via == "sub_brand":
            subs.add(r["brand"])
        elif r["manufacturer"]:
            spellings.add(r["manufacturer"])
        missing += r["camera_count"] is None
    notes = []
    if by_model:
        names = joined(sorted({display(v) for v in {r["vendor"] for r in by_model}}))
        notes.append(f"includes {len(by_model)} row{'s' * (len(by_model) != 1)} with a blank "
                     f"manufacturer whose model number is a {names} number "
                     f"(e.g. {by_model[0]['vendor_reason']})")
    if subs:
        notes.append(f"sub-brands ({', '.join(sorted(subs))}) included")
    if len(spellings) > 1 and result.query.vendors and len(spellings) <= 12:
        notes.append(f"manufacturer spellings matched: {_quoted(sorted(spellings))}")
    if result.query.count_of == "cameras" and missing:
        notes.append(f"{missing} matching rows have no camera count and add 0")
    if result.query.read_past:
        notes.append(f"read past {_quoted(result.query.read_past)}: the rest of the question says the same "
                     "without it")
    return notes
