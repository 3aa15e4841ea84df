"""Answer a register question: every matching property, the count, filters and citations."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from knowledge.register.describe import describe_filters, inference_notes, joined
from knowledge.register.others import camera_column
from knowledge.register.parse import parse_question, refused_condition, refused_place
from knowledge.register.query import DATE_FIELDS, RegisterQuery
from knowledge.register.rows import locator
from knowledge.register.run import RegisterResult, run_query
from knowledge.register.table import evidence
from knowledge.register.unread import unread_listing, unread_words
from knowledge.register.values import key, parse_date
from knowledge.register.vocab import NEGATION_WORDS, Vocab, build_vocab


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
    refused: bool = False
    """True when the register cannot answer as asked (the text says why)."""
    unread: list[str] = Field(default_factory=list)
    """The question's words the register did not read, when it refused or took every row."""


def labels_of(store: Any) -> dict[str, str]:
    """Each meaning's header, as the register names it (first sheet that has it)."""
    labels: dict[str, str] = {}
    for mapping in store.mappings():
        for meaning, header in mapping["columns"].items():
            labels.setdefault(meaning, header)
    return labels


def plural(n: int, word: str, many: str | None = None) -> str:
    """"1 system", "2 systems", "3 properties"."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def row_unit(store: Any) -> str:
    """ "camera" when each row is one camera (a camera-numbered inventory with no count
    column), else "system": the word every answer counts rows in."""
    sheets = store.mappings()
    per_camera = bool(sheets) and all(
        "camera_count" not in m["columns"] and re.search(r"\bcam(era)?\b", key(m["columns"].get("asset_id", "")))
        for m in sheets)
    return "camera" if per_camera else "system"


def device_column(store: Any) -> str:
    """The header of a one-row-per-device export's device-type column (the one holding "Camera")."""
    vocab: Vocab = store.cached("vocab", build_vocab)
    return "" if "camera_count" in vocab.has else camera_column(vocab)


def _headline(result: RegisterResult, unit: str = "system", device: str = "") -> tuple[int, str]:
    props, systems = len(result.properties), result.systems
    where = plural(props, "property", "properties")
    if unit == "camera":  # each row is a camera: count rows as cameras
        if result.query.intent == "count" and result.query.count_of != "properties":
            return len(result.primary), f"{plural(len(result.primary), 'camera')} (at {where})"
        return props, f"{where} ({plural(len(result.primary), 'camera')})"
    if result.query.intent == "count" and result.query.count_of == "cameras" and device:
        n = result.devices(device, "camera")
        return n, f"{plural(n, 'camera')} ({device} camera rows) in {plural(systems, 'system')} at {where}"
    if result.query.intent == "count" and result.query.count_of == "cameras":
        return result.cameras, (f"{plural(result.cameras, 'camera')} across "
                                f"{plural(systems, 'system')} at "
                                f"{plural(props, 'property', 'properties')}")
    if result.query.intent == "count" and result.query.count_of == "systems":
        return systems, f"{plural(systems, 'system')} (at {plural(props, 'property', 'properties')})"
    return props, f"{plural(props, 'property', 'properties')} ({plural(systems, 'system')})"


def _groups(result: RegisterResult) -> list[str]:
    field = "area" if any(r["area"] for r in result.rows) else "property_type"
    if not any(r[field] for r in result.rows):  # neither column: one list, not "(not recorded)"
        return [f"• {'; '.join(sorted(set(result.properties)))}"] if result.rows else []
    groups: dict[str, set[str]] = {}
    for row in result.rows:
        groups.setdefault(row[field] or "(not recorded)", set()).add(row["property"])
    return [f"• {name} ({len(props)}): {'; '.join(sorted(props))}"
            for name, props in sorted(groups.items())]


_DETAIL = ("manufacturer", "model", "camera_count", "recorder", "status", "install_date",
           "replacement_date", "last_maintenance", "network", "remote_access", "recording")
"""The columns shown for each row when a question is about named properties."""
DETAIL_LIMIT = 25
DATED_ROWS = 12
"""Up to this many rows matched on a date are each shown with that date ("when were they fitted?")."""


def _sheet_labels(store: Any) -> dict[tuple[str, str], dict[str, str]]:
    return {(m["source"], m["sheet"]): m["columns"] for m in store.mappings()}


def _readable(value: str) -> str:
    """A date cell as a reader writes it, beside the register's own form: " (14 June 2023)"."""
    iso = parse_date(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}", value) else None
    if iso is None:
        return ""  # "25/26" is a financial year, "June 2023" is already read as written
    day = date.fromisoformat(iso)
    return f" ({day.day} {day:%B %Y})"


def _detail(row: dict[str, Any], columns: dict[str, str], asked: list[str], display: Any) -> str:
    """One row in the register's own words: "Make: Hikvision; Model: DS-2CD...; Status: ..."."""
    parts = []
    for meaning in [*asked, *(m for m in _DETAIL if m not in asked)]:
        header = columns.get(meaning)
        value = str(row["cells"].get(header, "") or "").strip() if header else ""
        if value:
            parts.append(f"{header}: {value}{_readable(value) if meaning in DATE_FIELDS else ''}")
        elif meaning == "manufacturer" and row.get("vendor_via") == "model":
            parts.append(f"{header or 'make'} blank, but the model is a {display(row['vendor'])} number")
    where = locator(row["sheet"], row["row"])
    return f"• {row['property']} ({where}): " + ("; ".join(parts) or "no details recorded")


def _details(rows: list[dict[str, Any]], store: Any, asked: list[str], display: Any) -> list[str]:
    columns = _sheet_labels(store)
    return [_detail(r, columns.get((r["source"], r["sheet"]), {}), asked, display) for r in rows]


def _site_lines(result: RegisterResult, context: RegisterResult, store: Any,
                filters: list[str], display: Any, unit: str = "system") -> list[str]:
    """A yes/no verdict or the looked-up rows, then every row of the named properties."""
    q, names = result.query, joined(result.query.properties, "and")
    shown = context.rows if (q.intent == "check" or not result.rows) else result.rows
    systems = plural(result.systems, unit)
    lines = []
    if q.intent == "check":
        lines.append(f"Yes. The register lists {systems} at {names} matching: " + "; ".join(filters) + "."
                     if result.rows else
                     f"No. The register has no row for {names} matching: " + "; ".join(filters) + ".")
    elif result.rows and q.intent == "count" and q.count_of == "cameras" and unit == "system":
        lines.append(f"{names}: {plural(result.cameras, 'camera')} across {systems}"
                     + (" (" + "; ".join(filters) + ")." if filters else "."))
    elif result.rows:
        lines.append(f"{names}: {systems} match" + (" (" + "; ".join(filters) + ")." if filters else "."))
    else:
        lines.append(f"No row for {names} matches: " + "; ".join(filters) + ".")
    if not shown:
        return lines
    lines.append(f"Register rows for {names}:" if shown is context.rows else "")
    lines += _details(shown[:DETAIL_LIMIT], store, q.asked, display)
    if len(shown) > DETAIL_LIMIT:
        lines.append(f"… and {len(shown) - DETAIL_LIMIT} more rows.")
    return [ln for ln in lines if ln]


def _display(store: Any, vocab: Vocab) -> Any:
    def display(family: str) -> str:
        return vocab.makes.get(family, family) if store.vendors.get(family) is None \
            else store.vendors.display(family)
    return display


def filters_of(result: RegisterResult, store: Any) -> list[str]:
    """The query's filters in the register's own words, as an answer states them."""
    vocab: Vocab = store.cached("vocab", build_vocab)
    return describe_filters(result, vocab, labels_of(store), _display(store, vocab))


def compose(result: RegisterResult, store: Any, context: RegisterResult | None = None) -> RegisterAnswer:
    """Text, filters, rows and one citation per matching row."""
    vocab: Vocab = store.cached("vocab", build_vocab)
    display = _display(store, vocab)
    filters = describe_filters(result, vocab, labels_of(store), display)
    notes = inference_notes(result, display) + _matched_values(result)
    unit = store.cached("row_unit", row_unit)
    count, headline = _headline(result, unit, store.cached("device_column", device_column))
    shown = result.rows
    if context is not None:
        lines = _site_lines(result, context, store, filters, display, unit)
        if result.query.intent == "check" or not result.rows:
            shown = context.rows
    elif (asked := _row_by_row(result)) is not None:  # ordered, or "fitted since the ban": each row's date
        lines = [f"{headline} match{', in order' if result.query.order_by else ''}." if result.rows
                 else "No rows in the register match."]
        lines += _details(result.rows, store, asked, display)
        lines.append("Filters: " + "; ".join(filters) + ".")
    else:
        lines = [f"{headline} match." if result.rows else "No rows in the register match."]
        if result.query.intent == "list" or len(result.properties) <= 40:
            lines += _groups(result)
        if filters:
            lines.append("Filters: " + "; ".join(filters) + ".")
    if notes:
        lines.append("Notes: " + "; ".join(notes) + ".")
    rows, citations = evidence(store, shown[:DETAIL_LIMIT] if context is not None else shown)
    return RegisterAnswer.model_construct(
        text="\n".join(lines), filters=filters, notes=notes, rows=rows, citations=citations,
        properties=result.properties, count=count, count_of=result.query.count_of,
        query=result.query,
    )


def _row_by_row(result: RegisterResult) -> list[str] | None:
    """The columns to show each row with, when rows are listed one by one: the column they are
    ordered by, or the dates a few rows were matched on. None for a list by property."""
    q = result.query
    if q.order_by:
        return [q.order_by]
    if q.dates and 0 < len(result.rows) <= DATED_ROWS:
        return list(dict.fromkeys(d.field for d in q.dates))
    return None


def _matched_values(result: RegisterResult) -> list[str]:
    """The register's own words behind a class filter ("corporate LAN", "internet-facing")."""
    out = []
    for field, active in (("network", result.query.network), ("recording", result.query.recording)):
        values = sorted({str(r[field]) for r in result.rows if r.get(field)}) if active else []
        if values:
            out.append(f"{field} values matched: " + ", ".join(f'"{v}"' for v in values))
    return out


def _no_such_place(place: str, store: Any) -> RegisterAnswer:
    vocab: Vocab = store.cached("vocab", build_vocab)
    types = sorted(vocab.types.values())
    shown = ", ".join(types[:15]) + (f" and {len(types) - 15} more" if len(types) > 15 else "")
    text = (f"The register can't answer this as asked: no property type, area or site in it matches "
            f"\"{place}\", and I won't drop that condition and answer for every site."
            + (f" Property types it holds: {shown}." if types else ""))
    return RegisterAnswer(text=text, refused=True)


def _unread(words: str, store: Any) -> RegisterAnswer:
    filterable = ("manufacturer", "property_type", "area", "status", "network", "remote_access", "recording",
                  "install_date", "replacement_date", "last_maintenance", "camera_count")
    labels = [header for meaning, header in labels_of(store).items() if meaning in filterable]
    vocab = store.cached("vocab", build_vocab)
    labels += sorted({f"{header} (by value)" for header, _value in vocab.others.values()})
    turned = words.split()[0] in NEGATION_WORDS  # "arent flagged for replacement"
    text = (f"The register can't answer this as asked: I can't read what \"{words}\" rules out, and I "
            "won't answer with the condition dropped or turned round." if turned else
            f"The register can't answer this as asked: nothing in it matches \"{words}\" (no column, "
            "value or make I can filter on), and I won't drop that condition and answer without it."
            + (f" The columns I can filter on are: {', '.join(labels)}." if labels else ""))
    return RegisterAnswer(text=text, refused=True, unread=words.split())


def _unconditioned(query: RegisterQuery) -> bool:
    """A query that selects every row in service: no make, place, type, date or column value."""
    default = RegisterQuery(intent=query.intent, count_of=query.count_of, status=query.status, asked=query.asked)
    return query == default and query.status in (None, "in_service")


def _makes_known(store: Any) -> bool:
    """Does any row say who made its equipment (a make column, or a make read from a model or note)?"""
    return store.execute("SELECT 1 FROM rows WHERE COALESCE(vendor, '') != '' OR "
                         "COALESCE(manufacturer, '') != '' LIMIT 1").fetchone() is not None


def _no_makes(query: RegisterQuery, store: Any, unread: list[str]) -> RegisterAnswer:
    """A make asked of a register that records none: "no rows match" would be a false answer."""
    makes = " or ".join(name.title() for name in [*query.vendors, *query.brands, *query.recorder_vendors])
    headers = sorted(set(labels_of(store).values()))
    text = (f"The register can't answer this: it does not record who made the equipment (no make, "
            f"manufacturer or model column, and no make in any row), so it can't say which are {makes}."
            + (f" The columns it reads are: {', '.join(headers)}." if headers else ""))
    return RegisterAnswer(text=text, refused=True, unread=unread)


def answer_register(
    question: str, store: Any, levels: frozenset[str], history: Sequence[str] = ()
) -> RegisterAnswer | None:
    """Answer from the register table, or None when the question is not one it can answer."""
    if store.row_count() == 0:
        return None
    if not history:
        from knowledge.register.groups import answer_grouped

        grouped = answer_grouped(question, store, levels)
        if grouped is not None:
            return grouped
    query = parse_question(question, store, tuple(history))
    if query is None:
        place = refused_place(question, store)
        if place is not None:
            return _no_such_place(place, store)
        unread = refused_condition(question, store) or " ".join(unread_listing(question, store))
        return _unread(unread, store) if unread else None
    if (query.vendors or query.brands or query.recorder_vendors) and not store.cached("makes_known", _makes_known):
        return _no_makes(query, store, unread_words(question, store))
    with _bulk():
        result = run_query(store, query, frozenset(levels))
        context = None
        if query.intent in ("check", "lookup") or (query.properties and len(result.rows) <= DETAIL_LIMIT):
            every = RegisterQuery(properties=query.properties, system_types=query.system_types)
            context = run_query(store, every, frozenset(levels))
        found = compose(result, store, context)
    if _unconditioned(query):  # every row: the words not read may name what the question is about
        found.unread = unread_words(question, store)
    return found


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
