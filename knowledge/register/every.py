""" "Do all X use Y?": compare every in-service X with the X that have Y, and name the rest.

Counting only the X with Y (as "are any ...?" does) would answer "yes" when none match.
"""

from __future__ import annotations

from typing import Any

from knowledge.register.answer import RegisterAnswer, compose, filters_of, row_unit
from knowledge.register.parse import parse_question
from knowledge.register.query import RegisterQuery
from knowledge.register.run import RegisterResult, run_query
from knowledge.register.unread import unread_words

PLACE_FIELDS = ("areas", "property_types", "properties", "name_heads", "system_types",
                "exclude_areas", "exclude_property_types", "exclude_properties")


def in_service_at(query: RegisterQuery) -> RegisterQuery:
    """Every in-service row of the places ``query`` names, with none of its other conditions."""
    place = {f: getattr(query, f) for f in PLACE_FIELDS if getattr(query, f)}
    return RegisterQuery(intent="list", count_of="systems", status="in_service", **place)


def asked_beyond(meeting: RegisterResult, every: RegisterResult, store: Any) -> str:
    """The filters of ``meeting`` that ``every`` lacks: the condition asked about, in words."""
    return "; ".join(f for f in filters_of(meeting, store) if f not in filters_of(every, store))


def answer_every(question: str, store: Any, levels: frozenset[str]) -> RegisterAnswer | None:
    """Yes when every in-service system of the named places meets the condition; otherwise
    No, with the count that do and a list of those that don't. None when not understood."""
    query = parse_question("how many systems are still in service: " + question, store)
    if query is None or unread_words(question, store):
        return None  # "meet the high-risk vendor policy" is not "made by a high-risk vendor"
    base = in_service_at(query)
    condition = query.model_copy(update={"intent": "list", "count_of": "systems", "status": "in_service"})
    if condition.model_dump(exclude=set(PLACE_FIELDS)) == base.model_dump(exclude=set(PLACE_FIELDS)):
        return None  # nothing asked of them beyond being there
    every = run_query(store, base, levels)
    meeting = run_query(store, condition, levels)
    if not every.rows:
        return None
    met = {(r["source"], r["sheet"], r["row"]) for r in meeting.rows}
    rest = RegisterResult(query=base, rows=[r for r in every.rows if (r["source"], r["sheet"], r["row"]) not in met])
    asked = asked_beyond(meeting, every, store)
    n, m = len(every.rows), len(met)
    unit = store.cached("row_unit", row_unit)
    if not rest.rows:
        verdict = f"Yes. All {n} in-service {unit}s meet the condition ({asked})."
        listed = compose(every, store)
    else:
        verdict = (f"No. {m} of the {n} in-service {unit}s {'meets' if m == 1 else 'meet'} the condition ({asked}); "
                   f"the {len(rest.rows)} that don't are listed below.")
        listed = compose(rest, store)
    return listed.model_copy(update={"text": verdict + "\n" + listed.text})
