"""Answer a register question: every matching property, the count, filters and citations."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel, Field

from knowledge.register.describe import describe_filters, inference_notes
from knowledge.register.parse import parse_question
from knowledge.register.query import RegisterQuery
from knowledge.register.rows import locator
from knowledge.register.run import RegisterResult, run_query
from knowledge.register.vocab import Vocab, build_vocab


class RegisterAnswer(BaseModel):
    """What ``answer_register`` returns; the façade turns it into an ``Answer``."""

    text: str
    filters: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    rows: list[dict[str, Any]] = Field(default_factory=list)
    citations: list[dict[str, str]] = Field(default_factory=list)
    properties: list[str] = Field(default_factory=list)
    count: int = 0
    count_of: str = "properties"
    query: RegisterQuery | None = None


def _labels(store: Any) -> dict[str, str]:
    labels: dict[str, str] = {}
    for mapping in store.mappings():
        for meaning, header in mapping["columns"].items():
            labels.setdefault(meaning, header)
    return labels


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _headline(result: RegisterResult) -> tuple[int, str]:
    props, systems = len(result.properties), len(result.primary)
    if result.query.intent == "count" and result.query.count_of == "cameras":
        return result.cameras, (f"{_plural(result.cameras, 'camera')} across "
                                f"{_plural(systems, 'system')} at "
                                f"{_plural(props, 'property', 'properties')}")
    if result.query.intent == "count" and result.query.count_of == "systems":
        return systems, f"{_plural(systems, 'system')} (at {_plural(props, 'property', 'properties')})"
    return props, f"{_plural(props, 'property', 'properties')} ({_plural(systems, 'system')})"


def _groups(result: RegisterResult) -> list[str]:
    field = "area" if any(r["area"] for r in result.rows) else "property_type"
    groups: dict[str, set[str]] = {}
    for row in result.rows:
        groups.setdefault(row[field] or "(not recorded)", set()).add(row["property"])
    return [f"• {name} ({len(props)}): {'; '.join(sorted(props))}"
            for name, props in sorted(groups.items())]


def compose(result: RegisterResult, store: Any) -> RegisterAnswer:
    """Text, filters, rows and one citation per matching row."""
    vocab: Vocab = store.cached("vocab", build_vocab)

    def display(family: str) -> str:
        return vocab.makes.get(family, family) if store.vendors.get(family) is None \
            else store.vendors.display(family)

    filters = describe_filters(result, vocab, _labels(store), display)
    notes = inference_notes(result, display) + _matched_values(result)
    count, headline = _headline(result)
    lines = [f"{headline} match." if result.rows else "No rows in the register match."]
    if result.query.intent == "list" or len(result.properties) <= 40:
        lines += _groups(result)
    if filters:
        lines.append("Filters: " + "; ".join(filters) + ".")
    if notes:
        lines.append("Notes: " + "; ".join(notes) + ".")
    rows, citations = _evidence(result.rows)
    return RegisterAnswer.model_construct(
        text="\n".join(lines), filters=filters, notes=notes, rows=rows, citations=citations,
        properties=result.properties, count=count, count_of=result.query.count_of,
        query=result.query,
    )


def _matched_values(result: RegisterResult) -> list[str]:
    """The register's own words behind a class filter ("corporate LAN", "internet-facing")."""
    out = []
    for field, active in (("network", result.query.network), ("recording", result.query.recording)):
        values = sorted({str(r[field]) for r in result.rows if r.get(field)})
        if active and values:
            out.append(f"{field} values matched: " + ", ".join(f'"{v}"' for v in values))
    return out


def _evidence(found: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Each row as shown (raw cells) and its citation (a verbatim cell of that row)."""
    rows, citations = [], []
    for r in found:
        source, sheet, number, name = r["source"], r["sheet"], r["row"], r["property"]
        rows.append({"source": source, "sheet": sheet, "row": number, "property": name,
                     "cells": r["cells"]})
        quote = name or r["manufacturer"] or next((v for v in r["cells"].values() if v), "")
        citations.append({"source": source, "locator": locator(sheet, number), "quote": quote})
    return rows, citations


def answer_register(
    question: str, store: Any, levels: frozenset[str], history: Sequence[str] = ()
) -> RegisterAnswer | None:
    """Answer from the register table, or None when the question is not one it can answer."""
    if store.row_count() == 0:
        return None
    query = parse_question(question, store, tuple(history))
    if query is None:
        return None
    with _bulk():
        return compose(run_query(store, query, frozenset(levels)), store)


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cyclic GC while building many small acyclic dicts (rows, citations)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
