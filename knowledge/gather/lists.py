"""Lists in running text: a lead-in and its items, as quotable spans of one passage.

A lead-in is a span ending in ":" ("We are calling on the Cabinet to:") followed by list
items ("1. Refit ...", "- Castor Lamps ..."), or a sentence that announces a number of things
("I'm making three commitments today.") followed by sentences that open with ordinals
("First, ...", "Second, ...", "The third is ..."). Either way the items mean little without
the lead-in, and the lead-in nothing without its items.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from knowledge.gather.sentences import BULLET, ORDINAL, headed_spans, table_header
from knowledge.text import STOPWORDS

ITEM = re.compile(rf"^(?:{BULLET}|\(?[a-z0-9]{{1,3}}[.)])\s")
"""A list item: a bullet, or a number or letter with "." or ")"."""
ANNOUNCES = re.compile(r"\b(?:two|three|four|five|six|[2-6]) (?:[a-z]+ )?[a-z]+s\b|\b(?:two|three|four)-?fold\b", re.I)
"""A sentence announcing a number of things ("three commitments", "two main problems")."""


@lru_cache(maxsize=2048)
def _headed(text: str, skip: Callable[[str], bool] | None) -> tuple[tuple[str, str], ...]:
    """A passage's spans, split once: each candidate sentence of a passage asks for its list."""
    return tuple(headed_spans(text, skip=skip))


def is_lead_in(text: str) -> bool:
    """A span ending in ":", or in ":" and a function word the items continue ("Resolved: That");
    a field's value ("Decision status: Approved") closes it."""
    _, colon, tail = text.rstrip().rpartition(":")
    return bool(colon) and (not tail or tail.strip().lower() in STOPWORDS)


def following_items(text: str, lead: str, skip: Callable[[str], bool] | None = None) -> list[str]:
    """The items that follow ``lead`` in the passage ``text``, in the source's order: list
    items after a ":" lead-in or directly under a heading ("What we are asking for"), ordinal
    sentences after a sentence that announces them."""
    headed = _headed(text, skip)
    texts = [t for t, _ in headed]
    at = next((n for n, t in enumerate(texts) if lead.endswith(t)), None)
    if at is None:  # a heading: the list that opens the text under it
        first = next((n for n, (_t, h) in enumerate(headed) if h == lead), None)
        return [] if first is None else _run(texts[first:], marked)
    counted = not is_lead_in(lead) and bool(ANNOUNCES.search(lead))
    if not (counted or is_lead_in(lead)):
        return []
    if not counted:  # items with their markers, or, printed without, lower-case paragraphs
        return _run(texts[at + 1:], marked) or _run(texts[at + 1:], continued)
    following = _ordinals(texts[at + 1:], _announced(lead))
    if len(following) < 2:
        return []  # "three commitments" then one "First, ...": not an enumeration we can trust
    return following


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
ORDINAL_GAP = 4
"""Sentences that may stand between two ordinal ones: "The first is security. We are told ...
We want that in writing. The second is ethics." """


def _announced(lead: str) -> int:
    m = ANNOUNCES.search(lead)
    word = re.split(r"[\s-]|fold", m.group(0).lower())[0] if m else "six"
    return int(word) if word.isdigit() else _COUNTS.get(word, 6)


def _ordinals(texts: list[str], count: int) -> list[str]:
    """The announced number of ordinal sentences ("First, ...", "The second is ..."), or list
    items, with the sentences that explain each one left out."""
    out: list[str] = []
    gap = 0
    for span in texts:
        if ORDINAL.match(span) or ITEM.match(span):
            out.append(span)
            gap = 0
        elif not out or (gap := gap + 1) > ORDINAL_GAP:
            break
        if len(out) == count:
            break
    return out


def marked(span: str) -> bool:
    """A list item with its marker: a bullet, or a number or letter with "." or ")"."""
    return bool(ITEM.match(span))


def continued(span: str) -> bool:
    """An item a page printed without its marker: a lower-case paragraph ending ";" or "." after a
    ":" lead-in ("That the Committee:" / "notes the findings ...;" / "recommends that ...;")."""
    text = span.rstrip()
    return text[:1].islower() and "\n" not in text and text[-1:] in (";", ".")


def _run(texts: list[str], item: Callable[[str], bool]) -> list[str]:
    """The spans that open ``texts`` and are each an item."""
    out: list[str] = []
    for span in texts:
        if not item(span):
            break
        out.append(span)
    return out


def opening_items(text: str, skip: Callable[[str], bool] | None = None) -> list[str]:
    """The marked items that open a passage: a list run on from the passage before."""
    return _run([t for t, _ in _headed(text, skip)], marked)


def lead_in(text: str, item: str, skip: Callable[[str], bool] | None = None) -> str | None:
    """The lead-in of a list item or ordinal sentence (a ":" sentence, or the heading the list
    opens under), or the header row of a table row."""
    if header := table_header(text, item):
        return header
    if not (marked(item) or ORDINAL.match(item) or continued(item)):
        return None
    headed = _headed(text, skip)
    texts = [t for t, _ in headed]
    at = next((n for n, t in enumerate(texts) if item.startswith(t[:40])), None)
    if at is None:
        return None
    if marked(item) or continued(item):
        kind = marked if marked(item) else continued
        lead = next((t for t in reversed(texts[:at]) if not kind(t)), None)
        if lead is not None and is_lead_in(lead):
            return lead
        if kind is continued:
            return None
        heading = headed[at][1]
        return heading if heading and item in following_items(text, heading, skip) else None
    for lead in reversed(texts[max(0, at - LOOK_BACK):at]):  # the sentence announcing the points
        if not ORDINAL.match(lead) and ANNOUNCES.search(lead) and any(
                item.startswith(point) for point in following_items(text, lead, skip)):
            return lead
    return None


LOOK_BACK = 12
"""Spans searched back from an ordinal point for the sentence that announced it."""
