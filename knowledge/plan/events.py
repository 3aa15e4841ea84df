""""Fitted after the ban": the date each make was barred, read from the documents.

The register holds install dates and the documents hold the date each make was barred. A
question that names the event but not its date ("which sites had restricted kit fitted after
the ban?") is answered make by make: the date comes from the sentence that gives it (cited),
and the register is asked with that date in place of the event.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from knowledge.gather.scoring import is_instruction
from knowledge.gather.sentences import spans
from knowledge.index.corpus import Chunk, Corpus
from knowledge.plan.documents import human_date
from knowledge.register import phrases as P
from knowledge.register.dates import event_match
from knowledge.register.parse import clean
from knowledge.register.values import MONTHS, parse_date
from knowledge.register.vendors import load_vendors
from knowledge.types import Answer, Citation

BARRED = re.compile(
    r"\b(bann(ed|ing)|ban|restrict(ed|ion|s)?|prohibit(ed|s|ion)?|barred|proscribed|"
    r"prevent(ed|s)? the purchase|not (be )?(buy|bought|purchas\w*|order\w*|install\w*|authoris\w*)|"
    r"stop(ped|s)? (buying|ordering|installing|purchasing)|no new)\b", re.I)
"""A sentence that says a make may no longer be bought or installed."""
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_TEXT = re.compile(rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)? )?({_MONTH}) (\d{{4}})\b", re.I)
EVENTS = ("ban", "moratorium")
STOPPED = re.compile(r"\b(after|since|before|prior to) (?:we|the council|the authority|it|they)(?:'d| had| have)? "
                     r"(?:\w+ )?(?:stopped|ceased|gave up|banned) (?:buying|ordering|purchasing|installing|using)"
                     r"(?: (?:it|them|that|those|the \w+|\w+ (?:kit|cameras|equipment)))?\b")
""""Fitted after we'd supposedly stopped buying it": after the ban."""
_CAME_IN = re.compile(r"\s+(came in|came into (force|effect)|took effect|started|began|"
                      r"was (introduced|imposed|brought in|agreed))\b")


@dataclass(frozen=True)
class Barred:
    family: str
    name: str
    date: str
    chunk: Chunk
    quote: str


def ban_dates(corpus: Corpus, families: list[str]) -> dict[str, Barred]:
    """Per make, the date the documents most often give for its ban (the most precise day of
    that month), with the sentence that says so."""
    catalogue = load_vendors()
    patterns = {}
    for family in families:
        vendor = catalogue.get(family)
        if vendor is not None:
            names = [vendor.name, *vendor.aliases, *vendor.sub_brands]
            patterns[family] = re.compile(r"\b(%s)\b" % "|".join(re.escape(n) for n in names), re.I)
    votes: dict[str, Counter[str]] = {f: Counter() for f in patterns}
    found: dict[tuple[str, str], Barred] = {}
    for chunk in corpus.chunks:
        if chunk.meta.get("kind") == "register":
            continue
        for sentence in spans(chunk.text, skip=is_instruction):
            if not BARRED.search(sentence):
                continue
            for family, when in _dated_mentions(sentence, patterns):
                votes[family][when[:7]] += 1
                key = (family, when[:7])
                if key not in found or when > found[key].date:
                    found[key] = Barred(family, catalogue.display(family), when, chunk, sentence)
    out: dict[str, Barred] = {}
    for family, months in votes.items():
        if months:
            month = max(months, key=lambda m: (months[m], m))
            out[family] = found[(family, month)]
    return out


def _dated_mentions(sentence: str, patterns: dict[str, re.Pattern[str]]) -> list[tuple[str, str]]:
    """(make, ISO date) for each make named with a date that is nearer to it than to any other
    make named in the sentence ("... new Hikvision since 1 April 2023 and new Dahua since 1
    October 2023")."""
    mentions = [(m.end(), family) for family, pattern in patterns.items() for m in pattern.finditer(sentence)]
    dates = []
    for m in DATE_TEXT.finditer(sentence):
        iso = parse_date(" ".join(p for p in m.groups() if p))
        if iso:
            dates.append((m.start(), iso))
    out: list[tuple[str, str]] = []
    for at, family in mentions:
        if not dates:
            break
        start, iso = min(dates, key=lambda d: abs(d[0] - at))
        nearest = min(mentions, key=lambda mm: abs(start - mm[0]))
        if nearest[1] == family and (family, iso) not in out:
            out.append((family, iso))
    return out


def after_the_ban(question: str, corpus: Corpus, register: Any, levels: frozenset[str]) -> Answer | None:
    """Answer "fitted after the ban" make by make, or None when the question is not that."""
    text = STOPPED.sub(r"\1 the ban", question.lower().replace("’", "'"))
    event = event_match(text)
    if event is None or event[2] not in EVENTS:
        return None
    tail = _CAME_IN.match(text, event.end())
    end = tail.end() if tail else event.end()
    catalogue = load_vendors()
    named = [m.family for m in catalogue.find(text)]
    restricted = P.RESTRICTED.search(clean(question))
    families = list(dict.fromkeys(named)) or (catalogue.families if restricted else [])
    dates = ban_dates(corpus, families)
    parts: list[str] = []
    rows: list[dict[str, Any]] = []
    cited: list[Citation] = []
    row_cites: list[Citation] = []
    groups: dict[str, list[Barred]] = {}  # makes the question names, barred the same day: asked once
    for barred in dates.values():
        groups.setdefault(barred.date if named else barred.family, []).append(barred)
    for group in groups.values():
        barred = group[0]
        since = "before" if event[1] in ("before", "prior to") else "on or after"  # the day it took effect counts
        asked = f"{text[:event.start()]}{since} {human_date(barred.date)}{text[end:]}"
        if restricted and not named:
            asked = P.RESTRICTED.sub(barred.name, clean(asked)) + asked[len(asked.rstrip("?")):]
        reg = register.answer(asked, levels, ())
        if reg is None or getattr(reg, "refused", False):
            continue
        cited += [Citation(source=b.chunk.source, locator=str(b.chunk.meta.get("locator", "")), quote=b.quote,
                           title=str(b.chunk.meta.get("title", "")), date=b.chunk.meta.get("date")) for b in group]
        refs = " ".join(f"[{n}]" for n in range(len(cited) - len(group) + 1, len(cited) + 1))
        names = " and ".join(b.name for b in group)
        parts.append(f"{names} (barred from {human_date(barred.date)} {refs}): {reg.text}")
        rows += list(reg.rows)
        row_cites += [Citation(**{k: c[k] for k in ("source", "locator", "quote")}) for c in reg.citations]
    if not parts:
        return None
    text_out = ("The register has no ban date, so each make's date is taken from the documents.\n\n"
                + "\n\n".join(parts))
    return Answer(question=question, answer=text_out, answered=True, citations=cited + row_cites,
                  rows=rows, mode="register")

