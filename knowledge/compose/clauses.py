"""Questions in several parts: each part, and each source the question names, gets its answer.

"How many cameras did the system have then, and how many analogue ones needed replacing?"
asks two things; "what do Wandsworth and Welwyn Hatfield charge?" asks one thing of two
bodies. The best sentence answers one part; this module finds, for every other part (and every
named body no chosen passage mentions), the best sentence of the retrieved passages that does,
so the answer gives each, each with its own source.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.gather.scoring import Candidate
from knowledge.gather.supersede import FACT_TYPES
from knowledge.read.question import GENERIC, AnswerType, QuestionInfo, answer_type, counted_in, has_type, quantifies
from knowledge.text import tokens, words

QUESTION_WORDS = ("how", "what", "when", "where", "who", "why", "which")
OPENERS = ("is", "are", "does", "did", "do", "was", "were", "has", "have", "can")
"""Words that open a question ("how many ...", "is it ...")."""
_SPLIT = re.compile(rf"[?;]\s*|\s[-–—]\s|,?\s+(?:and|or|but)\s+(?=(?:{'|'.join(QUESTION_WORDS + OPENERS)})\b)|"
                    rf",\s*(?=(?:{'|'.join(QUESTION_WORDS)})\b)", re.I)
"""Where one part of a question ends and the next begins: a question mark, a dash, or "and"
before a new question word."""
PART_COVERAGE = 0.5
"""A part is answered when the chosen sentences hold this share of its terms' weight ..."""
PART_FLOOR = 0.3
"""... and a sentence added for a part must score at least this share of the best sentence."""
PARTS_WORDS = 120
"""Word budget of an answer to a question in several parts (each part's sentence, in full)."""


def asks(part: str) -> bool:
    """A part that asks: a question word, or a question's opening verb. "darlington camera report -
    how many ...": the words before the dash say what it is about; what is asked comes first."""
    said = words(part)
    return bool(set(said) & set(QUESTION_WORDS)) or (bool(said) and said[0] in OPENERS)


def parts(question: str) -> list[str]:
    """The parts of a question that each ask something (two or more, or none)."""
    out = [p.strip() for p in _SPLIT.split(question) if p and len(tokens(p)) >= 1]
    return out if len(out) >= 2 else []


def asking_parts(question: str) -> list[str]:
    """The parts that ask something of their own, in words of substance ("how many analogue
    ones needed replacing", not "when did that happen"): each is searched for on its own."""
    return [p for p in parts(question) if asks(p)
            and len([t for t in tokens(p) if t not in GENERIC]) >= 2]


def part_coverage(part: list[str], weights: dict[str, float], toks: set[str]) -> float:
    total = sum(weights[t] for t in part) or 1.0
    return sum(weights[t] for t in part if t in toks) / total


def unanswered(question: str, chosen: list[Candidate], weights: dict[str, float]) -> str:
    """The first part of the question that asks something the chosen sentences don't answer:
    they hold too little of its terms' weight and, where it asks for a date, figure or duration,
    none gives one ("... and who is it aimed at?"). "" when every part is answered."""
    every = set().union(*(c.toks for c in chosen)) if chosen else set()
    for part in parts(question):
        terms = [t for t in dict.fromkeys(tokens(part)) if t in weights]
        kind = answer_type(part)
        if terms and asks(part) and part_coverage(terms, weights, every) < PART_COVERAGE and not (
                kind in FACT_TYPES and any(has_type(c.text, kind) for c in chosen)):
            return part
    return ""


def complete(
    info: QuestionInfo, chosen: list[Candidate], ranked: list[Candidate], weights: dict[str, float],
    names_it: Callable[[str, list[Candidate]], bool],
) -> list[Candidate]:
    """``chosen`` with a sentence added for each part of the question, each name the question
    gives, and each specific thing it names, that no chosen sentence answers or names."""
    if not chosen:
        return chosen
    out = list(chosen)
    top = ranked[0].score or 1.0
    for part in sorted(parts(info.text), key=lambda p: not asks(p)):  # what is asked, then the rest
        terms = [t for t in dict.fromkeys(tokens(part)) if t in weights]
        kind, counted = answer_type(part), counted_in(part)
        if not terms or any(_fits(c, terms, kind, weights, counted) for c in out):
            continue
        held = set().union(*(c.toks for c in out))
        sources = {c.chunk.source for c in out}

        def fits(cand: Candidate, ts: list[str] = terms, k: AnswerType = kind, n: str | None = counted,
                 had: set[str] = held, src: set[str] = sources) -> bool:
            return _fits(cand, ts, k, weights, n) or (  # or, with what the cited document's chosen
                # sentences hold, the fact with the part's own word ("meant to be finished")
                k in FACT_TYPES and cand.chunk.source in src and bool((set(ts) - had) & cand.toks)
                and has_type(cand.text, k) and quantifies(cand.text, n)
                and part_coverage(ts, weights, had | cand.toks) >= PART_COVERAGE)

        best = _best(ranked, out, top, fits)
        if best is not None:
            out.append(best)
    for name in info.names:
        if names_it(name, out):
            continue
        fact = info.answer_type if info.answer_type in FACT_TYPES else "other"

        def gives(cand: Candidate, n: str = name, k: AnswerType = fact) -> bool:
            return names_it(n, [cand]) and has_type(cand.text, k)

        best = _best(ranked, out, top, gives)
        if best is not None:
            out.append(best)
    cited = {c.chunk.source for c in out}
    for phrase in info.specific:  # "does it cover EZVIZ and HiLook": where the cited document names each
        if set(phrase) <= set().union(*(c.toks for c in out)):
            continue

        def names(cand: Candidate, p: frozenset[str] = frozenset(phrase)) -> bool:
            return p <= cand.toks and cand.chunk.source in cited  # another document's mention is no answer

        best = _best(ranked, out, top, names)
        if best is not None:
            out.append(best)
    return out


def _fits(cand: Candidate, terms: list[str], kind: AnswerType, weights: dict[str, float],
          counted: str | None = None) -> bool:
    """Does the sentence answer the part: its kind of fact ("how many cameras": a number of
    cameras, not a year beside the word "camera"), and enough of its terms?"""
    typed = kind not in FACT_TYPES or (has_type(cand.text, kind) and quantifies(cand.text, counted))
    return typed and part_coverage(terms, weights, cand.toks) >= PART_COVERAGE


def _best(ranked: list[Candidate], chosen: list[Candidate], top: float,
          fits: Callable[[Candidate], bool]) -> Candidate | None:
    words = sum(len(c.text.split()) for c in chosen)
    for cand in ranked:
        if cand.score < PART_FLOOR * top:
            return None
        if cand.asked or any(cand.text in c.text or c.text in cand.text for c in chosen):
            continue
        if fits(cand) and words + len(cand.text.split()) <= PARTS_WORDS:
            return cand
    return None
