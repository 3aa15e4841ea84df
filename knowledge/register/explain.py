"""``cllr explain``: how a question was read against the register, as data a person can check.

The reading lists each link from words of the question to the register (its makes, values,
columns and dates), the typed query built from them, the words nothing read, and whether the
register refused a condition. The route is filled in by the caller, who runs the question.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from knowledge.register.guards import make_spans
from knowledge.register.others import column_filters, named_statuses
from knowledge.register.parse import clean, parse_question, refused_condition, refused_place
from knowledge.register.phrases import question_dates
from knowledge.register.query import RegisterQuery
from knowledge.register.spelling import corrections
from knowledge.register.unread import uncovered
from knowledge.register.values import key, norm
from knowledge.register.vendors import words_of
from knowledge.register.vocab import Vocab, build_vocab, phrase_spans, type_spans


class Link(BaseModel):
    """Words of the question tied to something the register holds."""

    words: str
    kind: str
    """make, site, area, property type, status value, column value, date or spelling."""
    target: str


class Reading(BaseModel):
    """What ``cllr explain`` prints."""

    question: str
    links: list[Link] = Field(default_factory=list)
    query: RegisterQuery | None = None
    unread: list[str] = Field(default_factory=list)
    refused: str | None = None
    """The condition (or place) the register would refuse rather than drop."""
    route: str = ""
    answered: bool | None = None


def _spans(words: list[str], table: dict[str, str], kind: str) -> list[Link]:
    return [Link(words=" ".join(words[s:e]), kind=kind, target=v) for s, e, v in phrase_spans(words, table)]


def links_of(text: str, store: Any) -> list[Link]:
    """Every link from the cleaned question ``text`` to the register's own vocabulary."""
    vocab: Vocab = store.cached("vocab", build_vocab)
    plain, keyed = norm(text).split(), [key(w) for w in text.split()]
    spans = store.vendors.find_spans(words_of(text))
    found = [Link(words=" ".join(words_of(text)[s:e]), kind="make", target=m.family) for s, e, m in spans]
    families = {m.family for *_, m in spans}  # a make the register holds that no vendor entry knows ("Axis")
    others = {k: v for k, v in vocab.makes.items() if k not in families}
    found += [Link(words=" ".join(plain[s:e]), kind="make", target=make)
              for s, e, make in make_spans(plain, others, families)]
    found += _spans(plain, vocab.names, "site") + _spans(keyed, vocab.areas, "area")
    found += [Link(words=" ".join(keyed[s:e]), kind="property type", target=v)
              for s, e, v in type_spans(keyed, vocab.types)]
    for kind, filters in (("status value", named_statuses(text.split(), vocab)),
                          ("column value", column_filters(text.split(), vocab.others))):
        found += [Link(words=v.lower(), kind=kind, target=f"{header} = {v}")
                  for header, values in filters.items() for v in values]
    dates = question_dates(text, vocab.dates or {"install_date"}) or []
    found += [Link(words=d.phrase, kind="date", target=f"{d.field} {d.start or ''}..{d.end or ''}") for d in dates]
    return found


def read(question: str, store: Any, history: tuple[str, ...] = ()) -> Reading:
    """The reading of ``question`` against ``store`` (no route: the caller runs the question)."""
    fixed = corrections(clean(question), store)
    text = " ".join(fixed.get(w, w) for w in clean(question).split())
    vocab: Vocab = store.cached("vocab", build_vocab)
    spelt = [Link(words=w, kind="spelling", target=f) for w, f in fixed.items()]
    query = parse_question(question, store, history) if store.row_count() else None
    refused = None
    if query is None and store.row_count():
        refused = refused_place(question, store) or refused_condition(question, store)
    return Reading(question=question, links=spelt + links_of(text, store), query=query,
                   unread=uncovered(text, vocab, store.vendors), refused=refused)
