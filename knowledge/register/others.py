"""Columns the register has beyond the ones cllr understands ("Condition", "Risk rating"):
a question naming one of their values ("cameras in poor nick") filters on it, exactly."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

import snowballstemmer

from knowledge.register.phrases import CAMERA, MARKED, NEGATION, RECORDER
from knowledge.register.status import PLACEHOLDER
from knowledge.register.values import key, parse_date, yes_no
from knowledge.register.vocab import LINKED, PLAIN_WORDS, phrase_spans

MAX_VALUES = 40
"""A column with more distinct values than this (or than a quarter of its filled cells) is free
text (notes, names), not categories."""
MAX_WORDS = 3
_STEMMER = snowballstemmer.stemmer("english")
_SCAN = 20_000


def other_values(store: Any) -> dict[str, tuple[str, str]]:
    """``key(value) -> (header, value)`` for the category columns no meaning was given to.
    A value found in two such columns is left out: the question would not say which."""
    mapped: dict[tuple[str, str], set[str]] = {}
    for mapping in store.mappings():
        mapped[(mapping["source"], mapping["sheet"])] = {
            h for m, h in mapping["columns"].items() if m not in LINKED}
    seen: dict[str, set[str]] = {}
    filled: dict[str, int] = {}
    for source, sheet, cells in store.execute(f"SELECT source, sheet, cells FROM rows LIMIT {_SCAN}"):
        skip = mapped.get((str(source), str(sheet)), set())
        for header, value in json.loads(cells).items():
            text = str(value if value is not None else "").strip()
            if header in skip or not text:
                continue
            values = seen.setdefault(header, set())
            filled[header] = filled.get(header, 0) + 1
            if len(values) <= MAX_VALUES:
                values.add(text)
    out: dict[str, tuple[str, str]] = {}
    clashes: set[str] = set()
    for header, values in seen.items():
        if len(values) > min(MAX_VALUES, max(12, filled[header] // 4)) or not all(_category(v) for v in values):
            continue
        for value in values:
            k = key(value)
            if k in out and out[k][0] != header:
                clashes.add(k)
            out.setdefault(k, (header, value))
    return {k: v for k, v in out.items() if k not in clashes}


def camera_column(vocab: Any) -> str:
    """The category column whose values say which rows are cameras ("Device Type": "Camera",
    "Dome Camera"), or "" when no column does."""
    return next((h for _k, (h, v) in sorted(vocab.others.items()) if device_side(v) == "camera"), "")


def device_side(value: object) -> str:
    """Which side of a system a device-type cell names, by its head (last) word: "Camera" and
    "Dome Camera" film, "NVR" and "Network Video Recorder" record."""
    head = key(str(value or "")).split()[-1:]
    text = head[0] if head else ""
    return "camera" if re.fullmatch(CAMERA, text) else "recorder" if re.fullmatch(RECORDER, text) else ""


def _category(value: str) -> bool:
    """A short label ("Corporate LAN", "4G Router"), not a code, number or date: at least half
    its words are plain words of three letters or more."""
    words = value.split()
    plain = sum(1 for w in words if re.search(r"[A-Za-z]{3}", w) and not any(c.isdigit() for c in w))
    return 0 < len(words) <= MAX_WORDS and 2 * plain >= len(words) and parse_date(value) is None


def negated(words: list[str], start: int) -> bool:
    """Does a negation come just before word ``start`` ("no NVRs", "are NOT marked", "excluding
    the")? One reading for makes, places, values and status words alike."""
    return bool(NEGATION.search(" ".join(words[max(0, start - 3):start]) + " "))


def value_spans(words: list[str], others: dict[str, tuple[str, str]]) -> list[tuple[int, int, str, str]]:
    """``(start, end, header, value)`` for each category value a question names: the whole
    value or a part of two words or more that only it has ("port forwarded" for "Internet
    (port forward)"), word endings aside ("forwarding"), a word cut short ("corp LAN")."""
    stems = [_STEMMER.stemWords(key(w).split()) for w in words]  # "portobello/craigmillar": two
    forms = _forms(tuple(others))
    taken: set[int] = set()
    found: list[tuple[int, int, str, str]] = []
    heads = _kinds(tuple(others.items()))
    for n in sorted({len(f) for f in [*forms, *heads]}, reverse=True):
        for i in range(len(stems) - n + 1):
            if taken & set(range(i, i + n)):
                continue
            window = [s for token in stems[i:i + n] for s in token]
            k = forms.get(tuple(window)) or _shortened(window, forms)
            named = {v for v in heads.get(tuple(window), set()) if not k or others[v][0] == others[k][0]}
            named |= {k} if k else set()
            if named:
                found.extend((i, i + n, *others[v]) for v in sorted(named))
                taken.update(range(i, i + n))
    for i in range(len(stems) - 1):
        if taken & {i, i + 1} or key(words[i]) in PLAIN_WORDS:
            continue
        if k := _headed(tuple(stems[i]), tuple(stems[i + 1]), tuple(others.items())):
            found.append((i, i + 2, *others[k]))
            taken.update((i, i + 1))
    return sorted(found)


@lru_cache(maxsize=256)
def _headed(word: tuple[str, ...], head: tuple[str, ...],
            others: tuple[tuple[str, tuple[str, str]], ...]) -> str | None:
    """The value a word names when its column's own name follows it ("corp network": Network
    Segment = "Corporate LAN"): the one value, of every column's, with a word the word is (or
    begins, cut short after four letters or more). A plain word ("sites record") names none."""
    if len(word) != 1 or len(head) != 1:
        return None
    w = word[0]
    hits = {k for k, _hv in others for f in _STEMMER.stemWords(k.split())
            if f == w or (len(w) >= 4 and f.startswith(w))}
    if len(hits) != 1:
        return None
    k = next(iter(hits))
    header = dict(others)[k][0]
    return k if head[0] in _STEMMER.stemWords(key(header).split()) and head[0] != w else None


@lru_cache(maxsize=16)
def _kinds(others: tuple[tuple[str, tuple[str, str]], ...]) -> dict[tuple[str, ...], set[str]]:
    """Stems of a head -> the values of one column that are kinds of it: a longer value ending
    in those words ("Dome Camera" and "PTZ Camera" are cameras, as "Camera" is), whether or not
    the head is itself a value. A head ending one value only ("Hik-Connect") names no kind,
    nor does one ending values of two columns."""
    stemmed = {" ".join(_STEMMER.stemWords(k.split())) for k, _hv in others}
    by_head: dict[tuple[str, ...], set[str]] = {}
    columns: dict[tuple[str, ...], set[str]] = {}
    for k, (header, _value) in others:
        stems = tuple(_STEMMER.stemWords(k.split()))
        for n in range(1, len(stems)):
            by_head.setdefault(stems[-n:], set()).add(k)
            columns.setdefault(stems[-n:], set()).add(header)
    return {head: ks for head, ks in by_head.items()
            if len(columns[head]) == 1 and (len(ks) > 1 or " ".join(head) in stemmed)}


@lru_cache(maxsize=16)
def _forms(others: tuple[str, ...]) -> dict[tuple[str, ...], str]:
    """Each value's word stems, and each run of two or more of them no other value shares.
    A one-word value that says nothing ("None", "Yes", "TBC") is not a link."""
    whole: dict[tuple[str, ...], str] = {}
    parts: dict[tuple[str, ...], set[str]] = {}
    for k in others:
        stems = tuple(_STEMMER.stemWords(k.split()))
        if len(stems) > 1 or (yes_no(k) is None and not PLACEHOLDER.match(k)):
            whole[stems] = k
        for n in range(2, len(stems)):
            for i in range(len(stems) - n + 1):
                parts.setdefault(stems[i:i + n], set()).add(k)
    return {**{p: next(iter(ks)) for p, ks in parts.items() if len(ks) == 1}, **whole}


def _shortened(window: list[str], forms: dict[tuple[str, ...], str]) -> str | None:
    """The one value of two words or more that ``window`` writes with a word cut short."""
    if len(window) < 2:
        return None
    hits = {k for form, k in forms.items() if len(form) == len(window) and form != tuple(window)
            and all(w == f or (len(w) >= 3 and f.startswith(w)) for w, f in zip(window, form, strict=True))
            and any(w == f for w, f in zip(window, form, strict=True))}
    return next(iter(hits)) if len(hits) == 1 else None


def column_filters(words: list[str], others: dict[str, tuple[str, str]],
                   ruled_out: bool = False) -> dict[str, list[str]]:
    """The category values a question names, by column ("poor" -> Condition: ["Poor"]); with
    ``ruled_out``, the ones it rules out instead ("cameras, no NVRs" -> Device Type: ["NVR"])."""
    keys = [key(w) for w in words]
    found: dict[str, list[str]] = {}
    for start, _end, header, value in value_spans(words, others):
        if negated(keys, start) == ruled_out:
            found.setdefault(header, []).append(value)
    return found


def marked_status(text: str, vocab: Any) -> dict[str, list[str]]:
    """"Showing as live": exactly the rows whose status cell says "Live", not every row in
    service (which would include "Awaiting swap")."""
    raw = {key(v): v for values in vocab.statuses.values() for v in values if v.strip()}
    for m in MARKED.finditer(text):
        words = m.group(1).split()
        for n in (2, 1):
            if len(words) >= n and (k := key(" ".join(words[:n]))) in raw and vocab.status_header:
                return {vocab.status_header: [raw[k]]}
    return {}


def named_statuses(words: list[str], vocab: Any, ruled_out: bool = False) -> dict[str, list[str]]:
    """The register's own status values a question names outside the in-service class
    ("removed or disposed", "offline"): exactly those cells, every one named (OR); with
    ``ruled_out``, the ones it rules out ("not yet removed")."""
    from knowledge.register.status import IN_SERVICE

    raw = {key(v): v for cls, values in vocab.statuses.items() if cls not in IN_SERVICE
           for v in values if v.strip()}
    keys = [key(w) for w in words]
    found = [raw[k] for start, _end, k in phrase_spans(keys, {k: k for k in raw})
             if (negated(keys, start) or "yet" in keys[max(0, start - 3):start]) == ruled_out
             and keys[max(0, start - 2):start] != ["to", "be"]]  # "waiting to be swapped" is not yet
    return {vocab.status_header: list(dict.fromkeys(found))} if found and vocab.status_header else {}


def clauses(column_values: dict[str, list[str]], ruled_out: bool = False) -> list[tuple[str, list[Any]]]:
    """SQL for each column's values: the cell, trimmed and case-folded, is one of them (or,
    ``ruled_out``, none of them)."""
    out: list[tuple[str, list[Any]]] = []
    for header, values in sorted(column_values.items()):
        marks = ", ".join("?" * len(values))
        out.append((f"LOWER(TRIM(COALESCE(json_extract(cells, ?), ''))) {'NOT ' * ruled_out}IN ({marks})",
                    [f'$."{header}"', *sorted(v.strip().lower() for v in values)]))
    return out


def described(column_values: dict[str, list[str]], ruled_out: bool = False) -> list[str]:
    return [f"{header} {'is not' if ruled_out else '='} " + " or ".join(f'"{v}"' for v in values)
            for header, values in sorted(column_values.items())]
