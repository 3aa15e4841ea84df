"""Conditions on the register's own columns: status, category values, network, remote viewing.

The register's own values are read first ("Offline", "Vendor cloud", "NVR"), each with its
negation ("no NVRs", "not marked for replacement" rule it out). Words read as a value are not
read again by the general patterns: "vendor cloud" is the Remote App value, not also a
recording-in-the-cloud condition.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from knowledge.register import phrases as P
from knowledge.register.others import (
    column_filters,
    device_side,
    marked_status,
    named_statuses,
    negated,
    value_spans,
)
from knowledge.register.run import STATUS_CLASSES
from knowledge.register.values import key, norm
from knowledge.register.vocab import Vocab

Span = tuple[int, int, str, str]
"""A value a question names: first word, end, column header, cell value."""


def read_flags(text: str, vocab: Vocab, fields: dict[str, Any]) -> None:
    """Set the status, value, network, remote, recording and system fields ``text`` names."""
    words = text.split()
    if found := column_filters(words, vocab.others) | marked_status(text, vocab):  # "in poor nick"
        fields["column_values"] = found  # Condition = Poor; "showing as live": Status = Live
    if ruled := column_filters(words, vocab.others, True) | named_statuses(words, vocab, True):
        fields["exclude_column_values"] = ruled  # "just cameras, no NVRs": Device Type is not NVR
    cue, said, excluded = status_cues(text)
    named = named_statuses(words, vocab)  # the register's own words: "offline", "removed or disposed"
    if named and (cue is None or len(next(iter(named.values()))) > 1 or not _within(named, cue, said, vocab)):
        fields["column_values"] = {**fields.get("column_values", {}), **named}
        fields["status"] = None  # the named cells are the status filter: no class is added
    elif cue:
        named, fields["status"] = {}, cue
    if excluded:
        fields["exclude_status"] = excluded
    spans = value_spans(words, vocab.others)
    _exposure(words, spans, named, vocab, fields)
    asked, text = text, _unread_rest(words, spans, named)
    if P.OTHER_MAKE.search(text):
        _other_make(asked, vocab, fields)
    if P.BLANK_MAKE.search(text):
        fields["blank_make"] = True
    if blanks := P.blank_dates(text, vocab.dates):
        fields["blank_dates"] = blanks
    systems = [s for s, p in P.SYSTEMS if re.search(p, text)]
    if systems and (set(systems) != {"cctv"} or len(vocab.systems) > 1):
        fields["system_types"] = systems


def _devices(vocab: Vocab) -> bool:
    """Does one column say which row is a camera and which a recorder (a device-level export)?"""
    sides = [{h for v, (h, _raw) in vocab.others.items() if device_side(v) == s} for s in ("camera", "recorder")]
    return bool(sides[0] & sides[1])


def _other_make(text: str, vocab: Vocab, fields: dict[str, Any]) -> None:
    """ "a different make": of the recorder, when the question names cameras and their recorder
    and the register says which row is which (the device values that name the two sides are
    the comparison, not filters); else of another system at the property."""
    if not (re.search(P.RECORDER, text) and re.search(P.CAMERA, text) and _devices(vocab)):
        fields["with_other_make"] = True
        return
    fields["recorder_make_differs"] = True
    values = {h: [v for v in vs if not device_side(v)]
              for h, vs in fields.get("column_values", {}).items()}
    fields["column_values"] = {h: vs for h, vs in values.items() if vs}
    if not fields["column_values"]:
        del fields["column_values"]


def status_cues(text: str) -> tuple[str | None, str, list[str]]:
    """The status class a question asks for, the words that ask it, and the classes it rules
    out ("still in service but NOT marked for replacement": in service, not scheduled)."""
    text = P.OUT_OF.sub(r"not in \1", text)
    keys = text.split()
    asked: str | None = None
    said = ""
    excluded: list[str] = []
    for label, pattern in P.STATUS_CUES:
        for m in re.finditer(pattern, text):
            if negated(keys, len(text[: m.start()].split())):
                if label not in excluded:
                    excluded.append(label)
            elif asked is None:
                asked, said = label, " ".join(text[m.start():].split()[: len(m[0].split())])
    if asked in excluded:  # "now not in use": the class ruled out is not also asked for
        asked, said = None, ""
    return asked, said, excluded


def _within(named: dict[str, list[str]], cue: str, said: str, vocab: Vocab) -> bool:
    """Do the cue's words say the named status cells ("still need them replaced" is not the
    "Replaced" cells), or are the cells all of the class it asks for ("removed", "Removed")?"""
    cells = {key(v) for c in STATUS_CLASSES[cue] for v in vocab.statuses.get(c, [])}
    named_keys = [key(v) for values in named.values() for v in values]
    return all(k in cells or k in key(said) for k in named_keys)


_TURNED = {"networked": "isolated", "isolated": "networked"}
"""The network classes a negation turns into each other ("no network connection": isolated)."""
UNREAD = "unread"
"""A negated network class with no opposite class ("not on the corporate LAN"): not read."""


def _network(text: str) -> str | None:
    for label, pattern in P.NETWORK:
        if m := re.search(pattern, text):
            if negated(text.split(), len(text[: m.start()].split())) and not re.match(r"not\b", m[0]):
                return _TURNED.get(label, UNREAD)  # the cue's negation is read here, never dropped
            return label
    return None


def _remote(text: str) -> bool | None:
    return False if P.REMOTE_NO.search(text) else True if P.REMOTE_YES.search(text) else None


def _recording(text: str) -> list[str] | None:
    return [c for c, p in P.RECORDING if re.search(p, text)] or None


_EXPOSURE: dict[str, Callable[[str], Any]] = {"network": _network, "remote_access": _remote, "recording": _recording}
"""The general reading of each exposure column: a class ("networked", "cloud"), not one cell."""


def _exposure(words: list[str], spans: list[Span], named: dict[str, list[str]], vocab: Vocab,
              fields: dict[str, Any]) -> None:
    """Network, remote viewing and recording. A value of one of those columns ("Cloud") whose
    own words say the class is read as the class; one that doesn't ("Vendor cloud" in Remote
    App) stays that exact cell, and its words are not read again for another column."""
    values = fields.get("column_values", {})
    for meaning, reading in _EXPOSURE.items():
        own = {h for h, m in vocab.linked.items() if m == meaning}
        classes: list[Any] = []
        for header in own & set(values):
            said = [reading(norm(v)) for v in values[header]]
            if None not in said and len({repr(c) for c in said}) == 1:
                del values[header]  # the class covers the cell, and its other spellings
                classes.append(said[0])
        found = reading(_unread_rest(words, spans, named, keep=own - set(values)))
        if classes and classes[0] and found != UNREAD:
            fields[meaning] = classes[0]  # the register's own value, where one is named, says which class
        elif found is not None or classes:
            fields[meaning] = found if found is not None else classes[0]
    if not values:
        fields.pop("column_values", None)


def _unread_rest(words: list[str], spans: list[Span], named: dict[str, list[str]],
                 keep: frozenset[str] | set[str] = frozenset()) -> str:
    """The question without the words read as register values (and named status cells),
    except values of the ``keep`` columns."""
    taken = {i for s, e, h, _v in spans if h not in keep for i in range(s, e)}
    cells = {key(x) for values in named.values() for x in values}
    return " ".join(w for i, w in enumerate(words) if i not in taken and key(w) not in cells)
