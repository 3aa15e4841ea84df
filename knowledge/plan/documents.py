"""Grounded document answers: retrieve, extract (or ask the LLM), verify, or abstain."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from knowledge.compose.clauses import asking_parts
from knowledge.compose.extractive import answers, cite, select
from knowledge.compose.silence import unknown_terms
from knowledge.gather.retrieval import Filters, Hit, Searcher
from knowledge.gather.scoring import ASKED_SECTION, ASKER, REASON_SECTION, REPLY_SECTION, candidates
from knowledge.index.corpus import Corpus
from knowledge.read.evidence import named_phrases, named_terms
from knowledge.read.meaning import shifts
from knowledge.read.question import SPECIFIC, QuestionInfo, analyse, expand, has_type
from knowledge.text import date_words_all, stem, tokens, words
from knowledge.types import Answer, Citation
from knowledge.verify.citations import verified

RETRIEVE_K = 8
FOCUS_K = 8
"""Passages searched for the clause of a mixed question the documents must answer, on its own."""
REPLY_CHUNKS = 4
"""A reply ("Answer", "Written reply") is read on to the end of its section, up to this many
passages: its points ("First ... Second ... Third, on removal ...") are one answer."""
FOUND_K = 3
"""A rare question word the best passages use carries content, however little it moves the embedding."""
COMPOUND_SHIFT = 0.03
"""A compound moves the question's embedding by this much or more when it says something: "body-worn"
0.055, "port-forwarded" 0.095; "one-liner" 0.019 (a request for brevity, not a subject)."""
PART_K = 4
"""Passages searched for each part of a question in several parts, on its own."""
TITLED_K = 6
"""Passages taken from a document the question names by title, beside the general search; a
document of up to twice as many passages is read whole."""

MASTHEAD_WORDS = 60
"""A document's first passage this short holds its masthead (source line, title, issuer), not its text."""

CONTENT_SHIFT = 0.009
"""A word whose removal moves the question's embedding less than this (cosine distance) carries
no content: "exactly" and "actually" measure about 0.005, "finished" or "grounds" 0.011 and up,
a topic word ("drones") 0.4."""


@dataclass
class DocumentEngine:
    searcher: Searcher
    embed: Callable[[list[str]], list[list[float]]]
    llm: Any = None
    embed_query: Callable[[str], list[float]] | None = None

    @property
    def corpus(self) -> Corpus:
        return self.searcher.corpus

    def answer(
        self, question: str, filters: Filters, *, strict: bool = True, focus: str | None = None,
        entities: tuple[str, ...] = (), avoid: tuple[str, ...] = (),
    ) -> Answer:
        query = expand(question)  # "Lib Dems" -> "Liberal Democrats", as documents write it
        info = analyse(query, focus)
        info.entities, info.avoid = entities, avoid
        hits = self.searcher.search(query, filters, k=RETRIEVE_K)
        if not focus:  # a mixed question's clause for the documents is short: each word of it counts
            info.terms = self._contentful(query, info.terms, hits)
            info.specific = self._contentful_compounds(query, info.specific)
            info.specific += [p for p in named_phrases([stem(w) for w in words(query)], self.corpus)
                              if not any(set(p) & set(s) for s in info.specific)]  # typed in lower case
        asked = info.focus or info.terms  # a mixed question: the register answers its other clause's names
        info.names = [t for t in named_terms(asked, self.corpus) if t not in date_words_all()
                      and not any(t in s for s in info.specific)]
        if focus and focus.strip() != question.strip():  # the clause the documents must answer, on its own
            named = " ".join(m.group(0) for m in SPECIFIC.finditer(question) if m.group(0) not in focus)
            hits = _merged(hits, self.searcher.search(f"{expand(focus)} {named}", filters, k=FOCUS_K))
        for part in asking_parts(query):  # "how many did it have then, and how many needed replacing?"
            hits = _merged(hits, self.searcher.search(part, filters, k=PART_K))
        if entities:  # passages about the register's matching properties are on point too
            hits = _merged(hits, self.searcher.search(" ".join([*entities, focus or ""]), filters, k=4))
        if titled := self.corpus.named_in(query):  # "under our IT security policy": read it too
            extra = self.searcher.search(query, replace(filters, sources=frozenset(titled)), k=TITLED_K)
            floor = extra[-1].score if extra else 0.0
            hits = _merged(hits, [*extra, *(Hit(c, floor) for s in titled for c in self.corpus.of_source(s)
                                             if len(self.corpus.of_source(s)) <= TITLED_K * 2 and filters.accepts(c))])
        issuers = [s for s in self.corpus.issued_by([*info.specific, *([t] for t in info.terms)])
                   if len(self.corpus.of_source(s)) <= TITLED_K * 2]
        if issuers:  # "why does the Green Alliance object": their statement, read whole
            hits = _merged(hits, [Hit(c, hits[-1].score if hits else 0.0) for s in issuers
                                  for c in self.corpus.of_source(s) if filters.accepts(c)])
        hits = _merged(hits, self._opened(hits))
        hits = _merged(hits, self._replies(hits))
        hits = _merged(hits, self._asked(hits))
        if info.answer_type == "reason" and hits:  # "why ...": the "Why we care" section of a document found
            hits = _merged(hits, [Hit(c, hits[-1].score) for src in dict.fromkeys(h.chunk.source for h in hits[:4])
                                  for c in self.corpus.of_source(src)
                                  if REASON_SECTION.match(str(c.meta.get("section") or ""))])
        unknown = unknown_terms(info, self.corpus)
        if unknown and strict:
            return self._abstain(question, hits, f"The sources never mention {_join(unknown)}.")
        if self.llm is not None and hits:
            from knowledge.compose.llm_answer import llm_answer

            drafted = llm_answer(self.llm, question, hits, filters.levels, self.corpus)
            if drafted is not None:
                return drafted
        return self._extractive(question, info, hits, filters, strict)

    def _contentful(self, question: str, terms: list[str], hits: list[Hit]) -> list[str]:
        """The terms without the words that carry no content ("exactly", "actually", a typo of
        one): those whose removal leaves the question's meaning, as the embedding model reads
        it, where it was. Only rare or unknown terms are tried, common ones weigh little anyway,
        and none the passages found use: there a verb ("open", "start") is what is asked."""
        common = float(np.median([self.corpus.idf(t) for t in terms])) if terms else 0.0
        found = {t for h in hits[:FOUND_K] for t in tokens(h.chunk.text)}  # "first open": "we opened"
        tried = [t for t in terms if not self.corpus.knows(t) or (self.corpus.idf(t) >= common and t not in found)]
        surface = {t: [w for w in words(question) if stem(w) == t] for t in tried}
        tried = [t for t in tried if surface[t]]
        if len(terms) < 3 or not tried:
            return terms
        variants = [re.sub(r"\b(%s)\b" % "|".join(map(re.escape, surface[t])), " ", question, flags=re.I)
                    for t in tried]
        empty = {t for t, shift in zip(tried, self._shifts(question, variants), strict=True) if shift < CONTENT_SHIFT}
        return [t for t in terms if t not in empty]

    def _shifts(self, question: str, variants: list[str]) -> list[float]:
        return shifts(self.embed, question, variants)

    def _contentful_compounds(self, question: str, specific: list[list[str]]) -> list[list[str]]:
        """The specific phrases without the lower-case compounds that carry no content either
        ("need a one-liner"): "body-worn" moves the question's meaning, "one-liner" does not."""
        compounds = [s for s in specific if "-" in s[0]  # written in lower case: "Chinese-made" stays
                     and re.search(rf"\b{re.escape(s[0])}\b", question)]
        if not compounds:
            return specific
        variants = [re.sub(rf"\b{re.escape(s[0])}\b", " ", question) for s in compounds]
        shifts = self._shifts(question, variants)
        empty = [s for s, shift in zip(compounds, shifts, strict=True) if shift < COMPOUND_SHIFT]
        return [s for s in specific if s not in empty]

    def _opened(self, hits: list[Hit]) -> list[Hit]:
        """A document found by its masthead alone (a source line, a title: no passage of its own)
        is opened: its first passage of text is what the match points at."""
        out: list[Hit] = []
        for hit in hits[:RETRIEVE_K]:
            text = self.corpus.beside(hit.chunk, 1)
            if text is not None and self.corpus.beside(hit.chunk, -1) is None \
                    and len(hit.chunk.text.split()) <= MASTHEAD_WORDS:
                out.append(Hit(text, hit.score))
        return out

    def _replies(self, hits: list[Hit]) -> list[Hit]:
        """A question found ("Will the Cabinet Member tell council ...?") brings the reply that
        follows it in the same document: the answer is there, not in the question."""
        out: list[Hit] = []
        for hit in hits[:RETRIEVE_K]:
            section = str(hit.chunk.meta.get("section") or "")
            if not (ASKED_SECTION.search(section) or REPLY_SECTION.search(section)):
                continue
            chunks = self.corpus.of_source(hit.chunk.source)
            at = next((n for n, c in enumerate(chunks) if c.id == hit.chunk.id), len(chunks))
            for nxt in chunks[at + 1: at + 1 + REPLY_CHUNKS]:  # the reply, to its end
                if not REPLY_SECTION.search(str(nxt.meta.get("section") or "")):
                    break
                out.append(Hit(nxt, hit.score))
        return out

    def _asked(self, hits: list[Hit]) -> list[Hit]:
        """A reply found ("I cannot give the blanket assurance the question asks for") brings the
        question it answers, just before it in the same document: what was asked, and by whom."""
        out: list[Hit] = []
        for hit in hits[:RETRIEVE_K]:
            if not REPLY_SECTION.search(str(hit.chunk.meta.get("section") or "")):
                continue
            chunks = self.corpus.of_source(hit.chunk.source)
            at = next((n for n, c in enumerate(chunks) if c.id == hit.chunk.id), 0)
            for prev in reversed(chunks[max(0, at - REPLY_CHUNKS - 1):at]):
                section = str(prev.meta.get("section") or "")
                if ASKED_SECTION.search(section) and not REPLY_SECTION.search(section):
                    out.append(Hit(prev, hit.score))
                    break
                if not REPLY_SECTION.search(section):
                    break
        return out

    def _extractive(
        self, question: str, info: QuestionInfo, hits: list[Hit], filters: Filters, strict: bool
    ) -> Answer:
        ranked = candidates(info, hits, self.corpus, self._similarity)
        extract = select(info, ranked, self.corpus)
        if not answers(info, extract, self.corpus) and (strict or not extract.sentences):
            return self._abstain(question, hits, _why(info, extract))
        cited = verified([cite(c) for c in extract.sentences], self.corpus, filters.levels)
        if not cited:
            return self._abstain(question, hits, "No passage could be quoted exactly.")
        return Answer(question=question, answer=render(cited), answered=True, citations=cited)

    def _similarity(self, question: str, texts: list[str]) -> np.ndarray:
        query = self.embed_query(question) if self.embed_query else self.embed([question])[0]
        vectors = np.array([query, *self.embed(texts)], dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
        return np.asarray(vectors[1:] @ vectors[0])

    def _abstain(self, question: str, hits: list[Hit], why: str) -> Answer:
        topics = Counter(str(h.chunk.meta.get("title") or h.chunk.source) for h in hits[:6])
        nearby = "; ".join(t for t, _ in topics.most_common(3))
        text = f"The indexed documents don't answer this. {why} I searched for: \"{question}\"."
        if nearby:
            text += f" Nearby topics the sources do cover: {nearby}."
        return Answer(question=question, answer=text, answered=False, citations=[], mode="none")


def _merged(hits: list[Hit], extra: list[Hit]) -> list[Hit]:
    """``hits`` then each passage of ``extra`` not already there, in order."""
    seen = {h.chunk.id for h in hits}
    out = list(hits)
    for hit in extra:
        if hit.chunk.id not in seen:
            out.append(hit)
            seen.add(hit.chunk.id)
    return out


def render(citations: list[Citation]) -> str:
    """Sentences with numbered references; statements carry their date."""
    parts: list[str] = []
    for n, cit in enumerate(citations, start=1):
        follows = n < len(citations) and citations[n].source == cit.source
        dated = f" ({human_date(cit.date)})" if cit.date and _is_statement(cit) else ""
        if follows and (cit.quote.rstrip().endswith(":") or _heading(cit.quote) or ASKER.match(cit.quote)):
            dated = ""  # a lead-in, heading or asker: what follows, from the same source, carries the date
        lead = "… " if cit.quote[:1].islower() else ""  # an item of a list, cut from its lead-in
        parts.append(f"{lead}{cit.quote}{dated} [{n}]")
    return " ".join(parts)


def _heading(quote: str) -> bool:
    return len(quote.split()) <= 8 and quote.rstrip()[-1:].isalnum()


def _is_statement(cit: Citation) -> bool:
    return cit.source.split("/")[0].startswith("statement") or bool(cit.date)


def human_date(iso: str) -> str:
    from datetime import date

    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {d.strftime('%B %Y')}"


def _join(items: list[str]) -> str:
    quoted = [f'"{i}"' for i in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _why(info: QuestionInfo, extract: Any) -> str:
    if extract.missing:
        return f"No passage mentions {_join(extract.missing)} in the way the question asks."
    if extract.unanswered:
        return f"No passage answers this part of the question: \"{extract.unanswered}\"."
    if info.answer_type != "other" and not any(has_type(c.text, info.answer_type) for c in extract.sentences):
        return f"No passage gives the {info.answer_type} asked for."
    return "The closest passages do not address the question's key terms."
