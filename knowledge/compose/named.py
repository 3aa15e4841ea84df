"""Names across documents: a fact about a named body ("North Tyneside") comes from a document
that names it, and one about several names the question does not join ("Hikvision cameras at
North Tyneside") from one document naming them all. A word most documents use is the corpus's
subject, not a name."""

from __future__ import annotations

from knowledge.gather.scoring import Candidate
from knowledge.gather.supersede import FACT_TYPES
from knowledge.index.corpus import Corpus
from knowledge.read.question import QuestionInfo, has_type
from knowledge.text import stem, tokens, words

SUBJECT_SPREAD = 0.5
SUBJECT_DOCS = 4
"""A word used by more than this share of documents, of at least this many, is the corpus's
subject, not a name."""


def about_the_named(ranked: list[Candidate], info: QuestionInfo, corpus: Corpus) -> list[Candidate]:
    """For a fact asked for, only sentences from the documents that name something the question
    names ("North Tyneside"): another body's figures, however close, are no answer about it."""
    if info.answer_type not in FACT_TYPES:
        return ranked
    names = set(info.names)
    named = [c for c in ranked if names & corpus.vocabulary(c.chunk.source)]
    return named or ranked


def names_it(name: str, chosen: list[Candidate], info: QuestionInfo, corpus: Corpus) -> bool:
    """Is a name the question gives ("darlington") in a cited passage, or its document's title
    or opening? For a fact asked for, in a passage that gives the fact: another council's
    retention period is no answer about this one's."""
    giving = [c for c in chosen if has_type(c.text, info.answer_type)] if info.answer_type in FACT_TYPES else []
    return any(name in c.toks or name in corpus.byline(c.chunk.source) or name in tokens(c.chunk.text)
               for c in giving or chosen)


def one_source_names_all(chosen: list[Candidate], info: QuestionInfo, corpus: Corpus) -> bool:
    """A fact about several named things ("Hikvision cameras at North Tyneside") comes from one
    document that names them all, not from one naming each. Names the question joins ("Wandsworth
    and Welwyn Hatfield") are asked of each in turn."""
    if len(info.names) < 2 or info.answer_type not in FACT_TYPES or _joined(info):
        return True
    return any(has_type(c.text, info.answer_type) and set(info.names) <= corpus.vocabulary(c.chunk.source)
               for c in chosen)


def _joined(info: QuestionInfo) -> bool:
    """Are the question's names listed together ("X and Y", "X, Y or Z")?"""
    at = [n for n, w in enumerate(words(info.text)) if stem(w) in set(info.names)]
    between = words(info.text)[at[0]:at[-1] + 1] if at else []
    return any(w in ("and", "or", "vs", "versus") for w in between)


def is_subject(phrase: list[str], corpus: Corpus) -> bool:
    """Is a capitalised word of the question ("CCTV") the corpus's own subject, used by most of
    its documents? It names nothing in particular: a passage on surveillance equipment need not
    repeat it."""
    return corpus.document_count() >= SUBJECT_DOCS and all(corpus.spread(t) > SUBJECT_SPREAD for t in phrase)


def asked_apart(thing: str | None, chosen: list[Candidate], info: QuestionInfo, corpus: Corpus) -> list[str]:
    """Is the thing a question asks for by name ("what firmware is the Saltcote Depot NVR
    running?") found only in documents that don't name what it is asked of? A standard on
    firmware and a report on Saltcote Depot, each on its own, don't say which firmware the
    depot runs. The names no single document gives with the thing, or none."""
    names = list(dict.fromkeys([*info.names, *(t for s in info.specific if not is_subject(s, corpus)
                                              for t in s if t.isalpha())]))
    if not thing or not names or not chosen or any(
            thing in set(tokens(c.chunk.text)) | c.toks and set(names) <= corpus.vocabulary(c.chunk.source)
            for c in chosen):
        return []
    return names
