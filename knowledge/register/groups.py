"""Counts by area or property type: "which ward has the most Hikvision?", "how many Dahua
systems are there in each district?", and shares: "what percentage of sites use Hikvision?"."""

from __future__ import annotations

import re
from typing import Any

from knowledge.register import phrases as P
from knowledge.register.answer import RegisterAnswer, compose, labels_of, plural, row_unit
from knowledge.register.every import asked_beyond, in_service_at
from knowledge.register.parse import parse_question
from knowledge.register.query import RegisterQuery
from knowledge.register.run import RegisterResult, run_query
from knowledge.register.vocab import build_vocab

_AREA = r"wards?|districts?|areas?|localit(?:y|ies)|zones?|regions?|parish(?:es)?|divisions?|towns?|patch(?:es)?"
_TYPE = (r"(?:property|site|building|premises) types?|types? of (?:site|property|building|premises)s?|"
         r"kinds? of (?:site|property|building|premises)s?|categor(?:y|ies)")
_GROUP = rf"(?P<area>{_AREA})|(?P<type>{_TYPE})"
RANKED = re.compile(
    rf"\b(?:which|what) (?:{_GROUP}) (?:has|have|had|is|are|runs?|uses?|holds?|contains?)(?: got)?(?: the)? "
    r"(?P<dir>most|highest|largest|greatest|biggest|fewest|least|lowest|smallest)(?: number(?: of)?| count(?: of)?)?")
EACH = re.compile(rf"\b(?:(?:in|for|across|within) (?:each|every)|by|per|broken down by|split by) (?:{_GROUP})\b")
SHARE = re.compile(r"\b(?:what|which) (?:percentage|proportion|share|fraction|per ?cent)(?: of)?|"
                   r"\bhow many (?:per ?cent|percent)(?: of)?|\bwhat %(?: of)?")


def _unit(text: str, default: str) -> str:
    for label in ("properties", "cameras", "systems"):
        if re.search(rf"\b({P.ENTITY[label]})\b", text):
            return label
    return default


def _query(rest: str, store: Any) -> RegisterQuery | None:
    for text in (rest, "how many systems are still in service: " + rest):
        query = parse_question(text, store)
        if query is not None:
            return query
    return None


def _size(rows: list[dict[str, Any]], unit: str) -> int:
    if unit == "properties":
        return len({r["property_key"] for r in rows})
    primary = [r for r in rows if r.get("primary", True)]
    if unit == "cameras":
        return sum(int(r["camera_count"] or 0) for r in primary)
    return len(primary)


def _word(n: int, unit: str, store: Any) -> str:
    if unit == "systems" and store.cached("row_unit", row_unit) == "camera":
        unit = "cameras"
    return plural(n, {"properties": "property", "systems": "system", "cameras": "camera"}[unit], unit)


def answer_grouped(question: str, store: Any, levels: frozenset[str]) -> RegisterAnswer | None:
    """A ranking or breakdown of matching rows by area or property type; None when the
    question is not one (or its conditions are not understood)."""
    clean = " ".join(re.sub(r"[^a-z0-9£%/\s-]+", " ", question.lower().replace("'", "")).split())
    m = RANKED.search(clean) or EACH.search(clean)
    share = SHARE.search(clean)
    cut = m or share
    if cut is None:
        return None
    rest = (clean[: cut.start()] + " " + clean[cut.end():]).strip()
    query = _query(rest, store)
    if query is None:
        return None
    counted = rest if cut.re is EACH else clean[cut.end():]  # the words naming what is counted
    unit = _unit(counted, "cameras" if query.count_of == "cameras" else "systems")
    if unit == "cameras" and "camera_count" not in store.cached("vocab", build_vocab).has:
        unit = "systems"
    query = query.model_copy(update={"intent": "list", "order_by": None, "limit": None})
    result = run_query(store, query, levels)
    listed = compose(result, store)
    if m is None:
        return _share(query, result, listed, unit, store, levels)
    field = "area" if m["area"] else "property_type"
    label = labels_of(store).get(field, field.replace("_", " "))
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in result.rows:
        groups.setdefault(row[field] or "(not recorded)", []).append(row)
    sizes = sorted(((_size(rows, unit), name) for name, rows in groups.items()), key=lambda p: (-p[0], p[1]))
    total = _size(result.rows, unit)
    breakdown = "; ".join(f"{name} {n}" for n, name in sizes)
    lines: list[str] = []
    if not sizes:
        lines.append("No rows in the register match.")
    elif m.re is RANKED:
        fewest = m["dir"] in ("fewest", "least", "lowest", "smallest")
        best = sizes[-1][0] if fewest else sizes[0][0]
        top = [name for n, name in sizes if n == best]
        lead = " and ".join(top) if len(top) <= 3 else ", ".join(top[:-1]) + " and " + top[-1]
        verb = ("has" if len(top) == 1 else "have") + (" the fewest" if fewest else " the most")
        each = " each" if len(top) > 1 else ""
        lines.append(f"{lead} {verb}: {_word(best, unit, store)}{each}, of {_word(total, unit, store)} that match.")
        if fewest:
            lines.append(f"(Only {label} values with at least one match are counted.)")
        lines.append(f"By {label}: {breakdown}.")
    else:
        lines.append(f"{_word(total, unit, store)} match, by {label}: {breakdown}.")
    if listed.filters:
        lines.append("Filters: " + "; ".join(listed.filters) + ".")
    if listed.notes:
        lines.append("Notes: " + "; ".join(listed.notes) + ".")
    return listed.model_copy(update={"text": "\n".join(lines), "count": total, "count_of": unit})


def _share(query: RegisterQuery, result: RegisterResult, listed: RegisterAnswer, unit: str,
           store: Any, levels: frozenset[str]) -> RegisterAnswer | None:
    """Matching rows as a share of every in-service row of the same places."""
    whole = run_query(store, in_service_at(query), levels)
    total, part = _size(whole.rows, unit), _size(result.rows, unit)
    if not total:
        return None
    asked = asked_beyond(result, whole, store)
    if not asked:
        return None  # a share of what: nothing was asked beyond the places
    share = round(100 * part / total)
    text = (f"{share}% of in-service {unit} ({part} of {total}) meet the condition: {asked}.\n"
            + listed.text)
    return listed.model_copy(update={"text": text, "count": part, "count_of": unit})
