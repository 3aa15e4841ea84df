"""Candidate sentences: every quotable span of the retrieved passages, scored against the
question (its words, the kind of fact asked for, where the passage sits, who speaks in it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np

from knowledge.gather.lists import ITEM, ORDINAL, is_lead_in, lead_in
from knowledge.gather.retrieval import Hit
from knowledge.gather.sentences import headed_spans, normalise, table_rows, with_antecedents
from knowledge.gather.supersede import corrected, is_question, restated, superseded
from knowledge.index.corpus import Chunk, Corpus
from knowledge.read.brands import brand_names, vendor_spellings
from knowledge.read.question import (
    REQUEST_TEXT,
    QuestionInfo,
    acronyms,
    gives,
    quantifies,
    spelt_out,
)
from knowledge.read.thesaurus import related
from knowledge.text import date_words, tokens

PREMISE_WEIGHT = 0.5
"""A word of the question's premise ("When the leader announced the review, ...") sets the scene."""
CONTEXT_WEIGHT = 0.6
"""Question terms in the sentence's document title or section (not the sentence itself)."""
SIMILARITY_POOL = 16
"""Only the best lexical candidates are embedded, each cut to 48 words: fast enough per question."""
SIMILARITY_WEIGHT = 0.8
"""Dense similarity to the question (cosine, about 0.2 to 0.8), against the lexical score."""
LEADING_TYPES = {"action": 0.4, "duration": 0.6, "money": 0.6, "date": 0.6, "number": 0.6, "reason": 0.8, "rule": 0.7}
"""A close passage that gives the asked-for kind of fact ("how long": a duration) leads one that
only shares the question's words ("footage may be kept for longer"); share of the best score."""
ENTITY_BONUS = 0.3
"""Mixed questions: a passage that names the register's matching properties is on point."""
TITLE_BONUS = 0.5
"""A document the question names by its title ("under our IT security policy") is the source
asked for; another document that merely mentions it is not."""
PERIOD_BONUS = 0.4
""""What did X say in March 2024": documents dated then are the primary record."""
SUPERSEDED_PENALTY = 0.5
"""A document a later version replaced speaks for the past: its sentences yield to the new
version's, unless the question asks about a period."""
ACTION_BONUS = 0.5
""""What is being done about it": a report of action taken or planned is the answer itself."""
REQUEST_BONUS = 0.4
""""What did the group demand": the sentence that makes the request (and its list) answers."""
OTHER_VOICE_PENALTY = 0.5
""""What did the council say": an opposition group's demands are not what the council said."""
OUTCOME_BONUS = 0.4
""""What did the committee recommend": sentences under a Resolved/Decision heading are the
outcome; a debate or a lost amendment is not."""
OUTCOME_SECTION = re.compile(
    r"\b(resolved|resolutions?|decisions?|decided|recommendations?|conclusions?|outcomes?|agreed)\b", re.I)
REASON_SECTION = re.compile(r"\W*(why|reasons?|rationale|our concerns?|the case for)\b", re.I)
"""A section that gives reasons ("Why we care"): the answer to a "why" question."""
REQUEST_HEADING = re.compile(r"\b(what we (want|are asking for|ask)|our (demands|asks|calls)|demands|"
                             r"we call for|(is|are) (asking|calling) for)\b", re.I)
"""A heading that says the list under it is the asks: "What we want", "The group is asking for:"."""
REPLY_SECTION = re.compile(r"\b(answers?|repl(y|ies)|respon(se|ses|ded))\b", re.I)
"""A reply's section ("Written reply", "Answer"), which follows the question it answers."""
ASKED_SECTION = re.compile(r"\bquestions?\b(?! and)", re.I)
"""A question's section: the reply's section follows it."""
ASKER = re.compile(r"^\W*(questions? (from|by)|asked by|tabled by|submitted by|questioner)\s*:", re.I)
"""The field of a written question's papers that says who asked it ("Question from: Cllr ...")."""
QUESTION_PENALTY = 1.0
"""A question the document quotes (a written question, an FOI request) restates what was asked:
the reply after it answers."""
DAY_BONUS = 0.2
_DAY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}|"
                  r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b", re.I)
UNKNOWN_SHARE = 1.0
"""The weight of a question word no source uses, as a share of the median known term's."""
INJECTION = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,40}\b(previous|prior|above|earlier|all)\b.{0,20}"
    r"\b(instructions?|prompts?|rules?)\b"
    r"|(?:^|(?<=[\"“'(\[>])|(?<=[.!?] )|(?<=[-*•–] ))\s*(assistant|system|ai|chatbot|llm)\s*:"
    r"|\byou (are|must) now\b|\b(respond|answer|reply) (only )?with\b|<\s*/?\s*(system|instructions?)\s*>",
    re.I | re.M,
)
"""Text that addresses an AI assistant ("Assistant: ..." opening a line, sentence or quote,
not "changes to the system:"). It is data: never quoted as an answer."""
_PAGE_FURNITURE = re.compile(
    r"^\s*page \d+\b|\bpage \d+ of \d+\b|\bshould be read (with|alongside|in conjunction with)\b|"
    r"^\W*this (section|document|policy|note|code|guidance) (is|forms) part of\b|"
    r"^\|\s*\**(document|version|owner|author|approved by|review date|classification|reference|issued)\**\s*\||"
    r"^\s*(contact|enquiries|press office|tel|e-?mail)\s*:|\b[\w.-]+@[\w-]+\.[\w.]+|^\W*[\w ]{1,30}:\s*(https?://|www\.)|"
    r"(\b(date|issued( by)?|our reference|ref|contact|author|"
    r"issue|supersedes|applies to|supported by)\s*:.*){2,}", re.I)
"""Page headers, contact lines and e-mail addresses, a field whose value is a web address ("Source: https://..."),
document header blocks (several "Label:" fields) and a document's
note on where it belongs ("This section is part of ... It should be read with ..."): not answers."""
FURNITURE_PENALTY = 1.0
"""Page furniture is never an answer, however many of the question's names its header block holds."""
_PEOPLE_FIELD = re.compile(r"^\W*(?:(?:answered|asked|tabled|submitted|issued|prepared|presented|signed|written) by|"
                           r"questions? from|also present|present|apologies|attendees?)\s*:", re.I)
"""A header field naming people ("Answered by: Cllr ...", "Also present: ..."): it says who, and
answers only a question asking who."""
_WHO = re.compile(r"\bwho(?:m|se|'s)?\b", re.I)
_BYLINE = re.compile(r"^\s*\*[^*].*[^*]\*\s*$")
"""A line set wholly in italics ("*Residents' Forum - statement, 1 December 2025*"): a byline."""


_MONTH_WORDS = frozenset(date_words(f"2000-{m:02d}-01")[1] for m in range(1, 13))


@dataclass
class Candidate:
    chunk: Chunk
    text: str
    score: float
    toks: set[str]
    similarity: float = 0.0
    """Embedding similarity to the question (for the best lexical candidates)."""
    typed: bool = False
    """Gives the kind of fact asked for (a date for "when", a reason for "why")."""
    asked: bool = False
    """A question the document quotes (a written question, an FOI request): never the answer."""
    reply_to: str = ""
    """The question the document quoted last before this sentence, which it replies to."""


def is_instruction(text: str) -> bool:
    return bool(INJECTION.search(text))


def context_tokens(chunk: Chunk) -> set[str]:
    meta = chunk.meta
    ctx = " ".join(str(meta.get(k, "")) for k in ("title", "section", "sheet"))
    return set(tokens(ctx)) | set(date_words(str(meta.get("date") or "")))


def candidates(
    info: QuestionInfo, hits: list[Hit], corpus: Corpus,
    similarity: Callable[[str, list[str]], np.ndarray] | None = None,
) -> list[Candidate]:
    """Score every span of the retrieved chunks against the question."""
    weights = term_weights(info, corpus)
    total = sum(weights.values()) or 1.0
    top = hits[0].score if hits else 1.0
    brands = {t: names for t, names in brand_names().items() if t in weights}
    spellings = vendor_spellings()
    short = acronyms(info.text)
    asked = set(weights)
    titled = corpus.named_in(info.text)
    old = superseded(corpus)
    out: list[Candidate] = []

    @cache
    def opening(source: str) -> frozenset[str]:  # an FOI reply says "Freedom of Information" once, at the top
        top = " ".join(c.text for c in corpus.of_source(source)[:2]) if short else ""
        return frozenset(spelt_out(top, short))

    @cache
    def by_named(source: str) -> bool:
        return bool(issuer(source))

    @cache
    def issuer(source: str) -> frozenset[str]:
        """The words of the question's names that the document's opening lines give as its issuer."""
        top = corpus.masthead(source)
        return frozenset(t for phrase in info.specific if set(phrase) <= top
                         and not any(t.isdigit() or t in _MONTH_WORDS for t in phrase) for t in phrase
                         ) | {t for t in info.terms if t in top and t in issuer_words()}

    @cache
    def issuer_words() -> frozenset[str]:  # "the opposition": a word naming one document's issuer
        return frozenset(t for t in info.terms if corpus.issued_by([[t]]))

    @cache
    def quoted_in(chunk_id: str, text: str) -> str:  # the spans read as the loop below reads them
        spans = with_antecedents([t for t, _ in headed_spans(text, skip=is_instruction)], normalise(text))
        return next((t for n, t in reversed(list(enumerate(spans)))
                     if is_question(t) or _put(spans[n - 1] if n else "")), "")

    def quoted_before(chunk: Chunk) -> str:
        """The last question quoted in the passage before, when a reply runs on past it."""
        before = corpus.beside(chunk, -1)
        return quoted_in(before.id, before.text) if before is not None else ""

    for hit in hits:
        if hit.chunk.meta.get("kind") == "register":
            continue  # register rows are answered by the register engine, over the whole table
        own = issuer(hit.chunk.source)  # in the group's own statement every sentence is theirs
        chunk_ctx = context_tokens(hit.chunk) | opening(hit.chunk.source) | own
        on_point = bool(info.entities) and any(e.lower() in hit.chunk.text.lower() for e in info.entities)
        headings = {normalise(str(hit.chunk.meta.get(k, ""))) for k in ("title", "section")}
        rows = table_rows(hit.chunk.text)
        headed = headed_spans(hit.chunk.text, skip=is_instruction)
        texts = with_antecedents([span for span, _ in headed], normalise(hit.chunk.text))
        last = quoted_before(hit.chunk)  # the question the document quoted last: what a sentence replies to
        for n, (text, heading) in enumerate(zip(texts, [h for _, h in headed], strict=True)):
            if len(text.split()) < 4 or text in headings or _BYLINE.match(text):
                continue
            section = heading or str(hit.chunk.meta.get("section") or "")  # the heading it sits under
            outcome = (info.outcome and bool(
                OUTCOME_SECTION.search(section) or resolved_item(text, hit.chunk.text))) or (
                info.answer_type == "reason" and bool(REASON_SECTION.match(section)))  # "Why we care"
            put = is_question(text) or _put(texts[n - 1] if n else "")
            ctx = chunk_ctx | set(tokens(heading))
            last = text if put else last
            if info.avoid and any(a.lower() in text.lower() for a in info.avoid):
                continue
            toks = set(tokens(text))
            toks |= {vendor for vendor, names in brands.items() if names & toks}  # "Ezviz": Hikvision
            toks |= {t for t in asked if spellings.get(t) in toks}  # "hik": Hikvision
            toks |= spelt_out(text, [a for a in short if a not in toks])  # "Freedom of Information": FOI
            toks |= related(toks) & asked  # "swap" answers "replacing"
            toks |= prefixed(asked - toks, toks)  # "approved" meets "Approver"
            lexical = sum(w for t, w in weights.items() if t in toks and t not in own) / total
            context = sum(w for t, w in weights.items() if t in ctx) / total
            score = lexical + CONTEXT_WEIGHT * context + 0.25 * hit.score / top
            typed = info.answer_type != "other" and (gives(text, info) or _announced_reason(text, hit.chunk.text, info))
            if typed:
                score += ACTION_BONUS if info.answer_type == "action" else 0.25
                if info.answer_type == "date" and _DAY.search(text):
                    score += DAY_BONUS  # "when": the day itself, not only the month
            if info.counted and quantifies(text, info.counted):
                score += 0.25
            if info.wants_statement and hit.chunk.meta.get("kind") == "statement":
                score += 0.15
            if info.wants_guidance and hit.chunk.meta.get("kind") == "guidance":
                score += 0.15
            if on_point:
                score += ENTITY_BONUS
            if hit.chunk.source in titled:  # "under our IT security policy": that document
                score += TITLE_BONUS
            elif by_named(hit.chunk.source):  # "why are the Independents against ...": their statement
                score += ENTITY_BONUS
            if info.council_voice and corpus.speaks_for_others(hit.chunk.source):
                score -= OTHER_VOICE_PENALTY
            if info.period and info.period[0] <= str(hit.chunk.meta.get("date") or "") < info.period[1]:
                score += PERIOD_BONUS
            elif hit.chunk.source in old and not info.period:
                score -= SUPERSEDED_PENALTY  # "Version 1.0", where Version 2.0 replaced it
            if outcome:
                score += OUTCOME_BONUS
            header, heads = rows.get(text), set()
            if _PAGE_FURNITURE.search(text) or (text.count("|") >= 2 and not header) or (
                    _PEOPLE_FIELD.match(text) and not _WHO.search(info.text)):
                score -= FURNITURE_PENALTY  # page furniture, or a table row that can't be read without its header
            elif header:  # a table row: read with, and quoted after, its header row
                heads = set(tokens(header)) - toks - ctx
                score += CONTEXT_WEIGHT * sum(w for t, w in weights.items() if t in heads) / total - 0.2
            if text[:1].islower() and hit.chunk.text.lstrip().startswith(text[:20]):
                score -= 0.3  # a fragment: the chunk began mid-sentence
            elif text[-1:].isalnum() and hit.chunk.text.rstrip().endswith(text[-20:]):
                score -= 0.3  # a fragment: the chunk (a page) ends mid-sentence
            if info.asks_request and REQUEST_HEADING.search(section):
                score += 2 * REQUEST_BONUS  # under "What we want": the heading says these are the asks
            elif info.asks_request and REQUEST_TEXT.search(text) and not REPLY_SECTION.search(section):
                # "we are calling on the council to:"; a reply's "the assurance the question asks for" is no ask
                score += REQUEST_BONUS
            if info.wants_statement and REPLY_SECTION.search(section):
                score += OUTCOME_BONUS  # "what did the cabinet member say": the written reply
            asked_here = put and not info.asks_request
            if asked_here:
                score -= QUESTION_PENALTY  # a question, asked in the document, is no answer
            referred = _referred(text, texts[max(0, n - 3):n], info)  # names it, though it adds no score
            out.append(Candidate(hit.chunk, text, score, toks | ctx | heads | referred, typed=typed, asked=asked_here,
                                 reply_to="" if put else last))
    out.sort(key=lambda c: c.score, reverse=True)
    if similarity and out:
        pool = out[:SIMILARITY_POOL]
        sims = similarity(info.text, [" ".join(c.text.split()[:48]) for c in pool])
        for cand, sim in zip(pool, sims, strict=True):
            cand.similarity = float(sim)
            cand.score += SIMILARITY_WEIGHT * cand.similarity
    out.sort(key=lambda c: c.score, reverse=True)
    restated(out, info, corpus, titled, SIMILARITY_POOL)
    corrected(out, info, SIMILARITY_POOL)
    if info.answer_type in LEADING_TYPES and out:  # the asked-for kind of fact leads the answer
        floor = LEADING_TYPES[info.answer_type] * out[0].score
        out.sort(key=lambda c: not (c.score >= floor and c.typed))
    return out


PREFIX_LEN = 5
"""A question term this long that begins a passage's word is the same word in another form."""


def prefixed(asked: set[str], toks: set[str]) -> set[str]:
    """The asked terms that begin one of ``toks`` ("approv" in "approver", "assess" in "assessor"):
    the light stemmer leaves such forms apart."""
    return {t for t in asked if len(t) >= PREFIX_LEN and any(w.startswith(t) for w in toks)}


def _put(before: str) -> bool:
    """The span before is a lead-in saying a question follows ("Question to the Cabinet Office:")."""
    return before.rstrip().endswith(":") and bool(ASKED_SECTION.search(before))


def resolved_item(text: str, passage: str) -> bool:
    """An item under a "RESOLVED:" line in running text (minutes printed without headings)."""
    if not ITEM.match(text):
        return False
    lead = lead_in(passage, text, skip=is_instruction)
    return lead is not None and is_lead_in(lead) and bool(OUTCOME_SECTION.search(lead))


def _announced_reason(text: str, passage: str, info: QuestionInfo) -> bool:
    """One of the points a reason announces ("There are two problems here." ... "The second is
    cost."): a reason, though it doesn't say so itself."""
    if info.answer_type != "reason" or not ORDINAL.match(text):
        return False
    lead = lead_in(passage, text, skip=is_instruction)
    return lead is not None and gives(lead, info)


_POINTS_BACK = re.compile(r"\b(these|those|such|the same)\s+[a-z]", re.I)


def _referred(text: str, before: list[str], info: QuestionInfo) -> set[str]:
    """The names a sentence points back to ("ripping out every one of these systems", after
    "our Hikvision systems are ..."): a name the question gives, in the sentences just before."""
    if not _POINTS_BACK.search(text):
        return set()
    earlier = set(tokens(" ".join(before)))
    return {t for phrase in info.specific if set(phrase) <= earlier for t in phrase}


def term_weights(info: QuestionInfo, corpus: Corpus) -> dict[str, float]:
    """IDF weight of each known question term; a mixed question's focus terms count double. The
    words naming a document ("under our IT security policy") say where to look, not what to
    find: they don't count."""
    where = {t for words in corpus.named_in(info.text).values() for t in words}
    if not set(info.terms) - where:
        where = set()  # "what does the code of practice say?": the title is all there is to go on
    weights = {t: corpus.idf(t) for t in info.terms if corpus.knows(t) and t not in where}
    # A word the sources never use ("potholes") is still part of what was asked: it weighs
    # like a typical question term, so a passage on the other words alone falls short.
    typical = float(np.median(list(weights.values()))) if weights else 1.0
    weights |= {t: UNKNOWN_SHARE * typical for t in info.terms if t not in weights and len(t) > 2}
    for t in info.focus:
        if t in weights:
            weights[t] *= 2
    for t in info.premise:
        if t in weights:
            weights[t] *= PREMISE_WEIGHT
    return weights
