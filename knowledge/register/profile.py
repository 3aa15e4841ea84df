"""Value profiles: what a column's cells look like, scored per meaning (0..1)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from knowledge.register.status import UNKNOWN, recording_class, status_class
from knowledge.register.values import looks_like_postcode, parse_date, parse_int, yes_no
from knowledge.register.vendors import load_vendors

VALUE_ONLY = frozenset(
    {"manufacturer", "model", "postcode", "status", "camera_count", "network", "recording"}
)
"""Meanings a column may get from its values alone, with no header evidence."""
_MODEL = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9][\w\-/.+()]*(?: [\w\-/.+()]+){0,2}$")
_ID = re.compile(r"^(?=.*\d)[A-Za-z0-9][\w\-/.]{1,24}$")
_SAMPLE = 150
_NETWORK_WORDS = re.compile(r"isolat|stand ?alone|lan\b|wan\b|network|internet|4g|wi-?fi|vpn|"
                            r"connected|corporate|air ?gap", re.I)


def _frac(values: Sequence[str], test: Callable[[str], bool]) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def _small_int(value: str) -> bool:
    number = parse_int(value)
    return number is not None and 0 <= number <= 500


@lru_cache(maxsize=4096)
def _vendor(value: str) -> bool:
    return load_vendors().match_make(value) is not None


@lru_cache(maxsize=4096)
def _vendor_model(value: str) -> bool:
    return load_vendors().match_model(value) is not None


def _recorder(value: str) -> bool:
    return bool(re.search(r"nvr|dvr|recorder|xvr|\bvms\b", value, re.I))


def _sequential(values: Sequence[str]) -> bool:
    """Distinct whole numbers in a run (1, 2, 3 ...): a row number or ID, never a count."""
    numbers = [parse_int(v) for v in values]
    if len(values) < 10 or any(n is None for n in numbers) or len(set(numbers)) < 0.9 * len(numbers):
        return False
    ordered = sorted(n for n in numbers if n is not None)
    return (ordered[-1] - ordered[0]) <= 3 * len(ordered)


def value_scores(values: Sequence[str]) -> dict[str, float]:
    """Per meaning, how strongly the non-blank ``values`` look like that meaning."""
    values = list(values[:_SAMPLE])
    if not values:
        return {}
    dates = _frac(values, lambda v: parse_date(v) is not None)
    ints = _frac(values, _small_int)
    distinct = len(set(values)) / len(values)
    avg_len = sum(len(v) for v in values) / len(values)
    modelish = _frac(values, lambda v: bool(_MODEL.match(v)))
    sequential = _sequential(values)
    scores = {
        "install_date": dates, "last_maintenance": dates, "replacement_date": dates,
        "camera_count": ints * 0.95 * (0.0 if sequential else 1.0),
        "postcode": _frac(values, looks_like_postcode),
        "remote_access": _frac(values, lambda v: yes_no(v) is not None),
        "status": _frac(values, lambda v: status_class(v) != UNKNOWN),
        "network": _frac(values, lambda v: _NETWORK_WORDS.search(v) is not None) * 0.95,
        "recording": _frac(values, lambda v: recording_class(v) != UNKNOWN) * 0.95,
        "manufacturer": min(1.0, 3 * _frac(values, _vendor)) * (1.0 if avg_len < 30 else 0.3),
        "model": min(1.0, modelish * 0.6 + 2 * _frac(values, _vendor_model)),
        "recorder": min(1.0, modelish * 0.4 + _frac(values, _recorder)),
        "asset_id": _frac(values, lambda v: bool(_ID.match(v))) * distinct,
        "property_id": _frac(values, lambda v: bool(_ID.match(v))) * (1 - distinct / 2),
        "system_id": _frac(values, lambda v: bool(_ID.match(v))) * (1 - distinct / 2),
        "property": 0.5 * distinct if avg_len > 4 else 0.0,
        "area": 0.5 * (1 - distinct) if avg_len < 25 else 0.0,
        "property_type": 0.4 * (1 - distinct) if avg_len < 40 else 0.0,
        "address": 0.5 * _frac(values, lambda v: bool(re.search(r"\d+\s+\w+", v))),
        "notes": min(0.6, avg_len / 100),
    }
    if dates > 0.5 or ints > 0.5:
        for meaning in ("property", "area", "property_type", "address", "notes", "manufacturer"):
            scores[meaning] = -1.0
    for meaning in ("install_date", "last_maintenance", "replacement_date"):
        if dates < 0.3:
            scores[meaning] = -0.6
    if scores["remote_access"] < 0.5:
        scores["remote_access"] -= 0.4
    for typed in ("camera_count", "postcode"):
        if scores[typed] < 0.5:
            scores[typed] -= 1.5
    return scores
