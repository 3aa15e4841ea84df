"""Turn one row's cells into the table's semantic columns, using its sheet's mapping."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from knowledge.register.columns import SheetMapping
from knowledge.register.status import (
    network_class,
    recording_class,
    remote_value,
    status_class,
)
from knowledge.register.values import key, norm, parse_date, parse_int
from knowledge.register.vendors import VendorCatalogue

FIELDS: list[tuple[str, str]] = [
    ("system_type", "TEXT"), ("property", "TEXT"), ("property_key", "TEXT"),
    ("property_id", "TEXT"), ("asset_id", "TEXT"), ("property_type", "TEXT"),
    ("ptype_key", "TEXT"), ("area", "TEXT"), ("area_key", "TEXT"), ("address", "TEXT"),
    ("postcode", "TEXT"), ("manufacturer", "TEXT"), ("model", "TEXT"), ("recorder", "TEXT"),
    ("vendor", "TEXT"), ("brand", "TEXT"), ("vendor_via", "TEXT"), ("vendor_reason", "TEXT"),
    ("recorder_vendor", "TEXT"), ("camera_count", "INTEGER"), ("recording", "TEXT"),
    ("recording_class", "TEXT"), ("network", "TEXT"), ("network_class", "TEXT"),
    ("remote_access", "INTEGER"), ("install_date", "TEXT"), ("last_maintenance", "TEXT"),
    ("status", "TEXT"), ("status_class", "TEXT"), ("replacement_date", "TEXT"),
    ("notes", "TEXT"), ("system_id", "TEXT"),
]
"""Semantic columns stored beside the raw cells (name, SQLite type), in table order."""


def _cell(cells: dict[str, str], mapping: SheetMapping, meaning: str) -> str:
    header = mapping.columns.get(meaning)
    value = cells.get(header, "") if header else ""
    return str(value if value is not None else "").strip()


def _vendor(
    get: Any, vendors: VendorCatalogue
) -> tuple[str, str, str, str]:
    make, model, recorder = get("manufacturer"), get("model"), get("recorder")
    hit = vendors.identify(make, model) or (vendors.identify(make, recorder) if not make else None)
    if hit is None and not make and (notes := get("notes")):  # "Brand blank on import: DS-7608NI NVR"
        hit = vendors.match_model(notes)
        if hit is not None:
            hit = replace(hit, reason=f"{hit.reason} (from the notes)")
    if hit:
        return hit.family, hit.brand, hit.via, hit.reason
    return (norm(make), make, "make", "") if make else ("", "", "", "")


def extract(cells: dict[str, str], mapping: SheetMapping, vendors: VendorCatalogue) -> tuple[Any, ...]:
    """Values for ``FIELDS`` from one row's cells."""

    def get(meaning: str) -> str:
        return _cell(cells, mapping, meaning)

    name, pid = get("property"), get("property_id")
    display = name or pid or get("address")
    vendor, brand, via, reason = _vendor(get, vendors)
    recorder = get("recorder")
    rec_hit = (vendors.match_make(recorder) or vendors.match_model(recorder)) if recorder else None
    remote = remote_value(get("remote_access"))
    return (
        mapping.system_type, display, key(pid or display), pid, get("asset_id"),
        get("property_type"), key(get("property_type")), get("area"), key(get("area")),
        get("address"), get("postcode"), get("manufacturer"), get("model"), recorder,
        vendor, brand, via, reason, rec_hit.family if rec_hit else key(recorder),
        parse_int(get("camera_count")), get("recording"), recording_class(get("recording")),
        get("network"), network_class(get("network")),
        None if remote is None else int(remote), parse_date(get("install_date")),
        parse_date(get("last_maintenance")), get("status"), status_class(get("status")),
        parse_date(get("replacement_date")), get("notes"), get("system_id"),
    )
