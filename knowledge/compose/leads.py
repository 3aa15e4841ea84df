"""Lists, lead-ins and what a quoted sentence needs beside it: a list item's lead-in, a list run
on into the next passage, a section's opening sentence, the field saying who asked a question."""

from __future__ import annotations

from knowledge.gather.lists import ORDINAL, following_items, lead_in, opening_items
from knowledge.gather.scoring import ASKED_SECTION, ASKER, REPLY_SECTION, Candidate, is_instruction
from knowledge.gather.sentences import normalise, spans
from knowledge.gather.supersede import is_question
from knowledge.index.corpus import Chunk, Corpus
from knowledge.read.question import QuestionInfo, wants_list
from knowledge.text import tokens

MAX_WORDS = 75
"""An answer's word budget."""
MAX_ITEMS = 5
"""Items of one resolution may run past three sentences, still within the word budget."""
LIST_WORDS = 110
"""A lead-in's list may run longer: its items are one answer ("three commitments: first ...")."""
RESOLUTION_WORDS = 140
"""What a committee resolved is read in full: a resolution's items are one decision."""
INTRO_WORDS = 60
"""A section's opening passage this short is its heading and a sentence or two, indexed apart."""


def items_of(lead: Candidate, ranked: list[Candidate], info: QuestionInfo, corpus: Corpus) -> list[Candidate]:
    """The list items that follow a lead-in in its passage, and run on into the next passage,
    in the source's order; only those naming what the question names ("Castor Lamps"), when
    any do, or when the whole list is too long to quote."""
    following = following_items(lead.chunk.text, lead.text, skip=is_instruction)
    same = [c for c in ranked if c.chunk.id == lead.chunk.id]
    items = list({c.text: c for t in following for c in same
                  if c.text == t or c.text.startswith(f"{t} ")}.values())  # one per text
    if items and normalise(lead.chunk.text).endswith(items[-1].text):  # the list runs on
        items += _run_on(lead, ranked, corpus)
    budget = RESOLUTION_WORDS if info.outcome else LIST_WORDS
    whole = wants_list(info) and sum(len(c.text.split()) for c in items) <= budget  # "which ...": all, if they fit
    named = [c for c in items if info.specific and not whole and not ORDINAL.match(c.text)
             and any(has_specific(s, set(tokens(c.text))) for s in info.specific)]  # "two problems": both
    return (named or items)[:MAX_ITEMS]


def _run_on(lead: Candidate, ranked: list[Candidate], corpus: Corpus) -> list[Candidate]:
    """The items that open the passage after the lead-in's, where its list runs on."""
    after = corpus.beside(lead.chunk, 1)
    if after is None:
        return []
    scored = {c.text: c for c in ranked if c.chunk.id == after.id}
    return [scored.get(t) or Candidate(after, t, lead.score, set(tokens(t)))
            for t in opening_items(after.text, skip=is_instruction)]


def lead_in_of(item: Candidate) -> str | None:
    """The lead-in ("... must not fit any lantern made by:") of a list item, or the header row
    of a table row, if it has one."""
    return lead_in(item.chunk.text, item.text, skip=is_instruction)


def with_lead_ins(chosen: list[Candidate], corpus: Corpus) -> list[Candidate]:
    """A list item is quoted after its lead-in ("you must not install any camera made by:"),
    which says what the item is about, when both fit the word budget; a sentence of a section
    whose short opening passage stands apart (a table after "The following ... are restricted.")
    after that opening's last sentence."""
    out = list(chosen)
    for cand in chosen:
        lead, chunk, budget = lead_in_of(cand), cand.chunk, LIST_WORDS
        if lead is None and (opening := _section_opening(cand, corpus)) is not None:
            (chunk, lead), budget = opening, MAX_WORDS
        words = sum(len(c.text.split()) for c in out)
        if lead is None or any(lead in c.text for c in out) or words + len(lead.split()) > budget:
            continue
        out.insert(out.index(cand), Candidate(chunk, lead, cand.score, set(tokens(lead))))
    return out


def _section_opening(cand: Candidate, corpus: Corpus) -> tuple[Chunk, str] | None:
    """The last sentence of the passage before, when that passage is the short opening of the
    same section (its heading and a sentence, indexed apart from a table or list)."""
    before, section = corpus.beside(cand.chunk, -1), cand.chunk.meta.get("section")
    if before is None or not section or before.meta.get("section") != section \
            or len(before.text.split()) > INTRO_WORDS:
        return None
    said = [t for t in spans(before.text) if len(t.split()) >= 4 and t != section]
    return (before, said[-1]) if said and said[-1].endswith(".") else None  # a sentence, not a lead-in


def with_askers(chosen: list[Candidate], corpus: Corpus) -> list[Candidate]:
    """A written question is quoted after the field that says who asked it ("Question from:
    Cllr ..., Leader of the ... Group"): the reader sees whose words they are."""
    out = list(chosen)
    for cand in chosen:
        section = str(cand.chunk.meta.get("section") or "")
        if not ASKED_SECTION.search(section) or REPLY_SECTION.search(section) or not is_question(cand.text):
            continue
        asker = next(((chunk, text) for chunk in corpus.of_source(cand.chunk.source)
                      for text in spans(chunk.text) if ASKER.match(text)), None)
        if asker is None or any(c.text == asker[1] for c in out) or sum(
                len(c.text.split()) for c in out) + len(asker[1].split()) > LIST_WORDS:
            continue
        out.insert(out.index(cand), Candidate(asker[0], asker[1], cand.score, set(tokens(asker[1]))))
    return out


def has_specific(phrase: list[str], covered: set[str]) -> bool:
    parts = [p for p in phrase if not any(c in p for c in "/-.")] or phrase
    compound = any(c in phrase[0] for c in "/-.")
    return all(p in covered for p in parts) or (compound and phrase[0] in covered)
