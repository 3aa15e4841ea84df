"""The extractive composer: pick the 1-3 sentences that answer, cite each, or abstain."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from knowledge.corpus import Chunk, Corpus
from knowledge.lists import ITEM, following_items, is_lead_in, lead_in
from knowledge.question import (
    OUTCOME_ASKED,
    REQUEST_TEXT,
    QuestionInfo,
    acronyms,
    brand_names,
    date_words,
    has_type,
    quantifies,
    spelt_out,
    wants_list,
)
from knowledge.retrieval import Hit
from knowledge.sentences import headed_spans, normalise, table_rows, with_antecedents
from knowledge.text import stem, tokens
from knowledge.thesaurus import related
from knowledge.types import Citation

MAX_SENTENCES = 3
SOFT_TYPES = ("other", "action", "rule", "reason")
FACT_TYPES = ("date", "duration", "money", "number")
"""Kinds of answer that are preferred, not required (a rule or a reason can be worded any way)."""
MAX_ITEMS = 5
"""Items of one resolution may run past three sentences, still within the word budget."""
MAX_WORDS = 75
LIST_WORDS = 110
"""A lead-in's list may run longer: its items are one answer ("three commitments: first ...")."""
MIN_COVERAGE = 0.5
PARAPHRASE_COVERAGE = 0.4
PARAPHRASE_SIMILARITY = 0.6
"""A passage that says the same in other words ("barred" / "prevented the purchase") may cover
fewer of the question's words when its meaning is close to the question's."""
CONTEXT_WEIGHT = 0.6
"""Question terms in the sentence's document title or section (not the sentence itself)."""
SIMILARITY_POOL = 16
"""Only the best lexical candidates are embedded, each cut to 48 words: fast enough per question."""
ADD = 0.7
"""A further sentence must score this share of the best one ..."""
CORROBORATE = 0.55
"""... or this share, when it confirms the asked-for date or figure from another document."""
LEADING_TYPES = {"action": 0.4, "duration": 0.6, "money": 0.6, "date": 0.6, "number": 0.6}
"""A close passage that gives the asked-for kind of fact ("how long": a duration) leads one that
only shares the question's words ("footage may be kept for longer"); share of the best score."""
ENTITY_BONUS = 0.3
"""Mixed questions: a passage that names the register's matching properties is on point."""
PERIOD_BONUS = 0.4
""""What did X say in March 2024": documents dated then are the primary record."""
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
                             r"we are calling for|we call for)\b", re.I)
REPLY_SECTION = re.compile(r"\b(answers?|repl(y|ies)|respon(se|ses|ded))\b", re.I)
"""A reply's section ("Written reply", "Answer"), which follows the question it answers."""
DAY_BONUS = 0.2
_DAY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}|"
                  r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b", re.I)
UNKNOWN_SHARE = 1.0
"""The weight of a question word no source uses, as a share of the median known term's."""
DOC_LEVEL = 0.5
"""A question term found elsewhere in the cited document counts half towards coverage."""
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
    r"^\s*page \d+\b|\bpage \d+ of \d+\b|^\s*(contact|enquiries|press office|tel|e-?mail)\s*:|"
    r"(\b(date|issued( by)?|our reference|ref|contact|author|"
    r"issue|supersedes|applies to|supported by)\s*:.*){2,}", re.I)
"""Page headers, contact lines and document header blocks (several "Label:" fields): not answers."""
_BYLINE = re.compile(r"^\s*\*[^*].*[^*]\*\s*$")
"""A line set wholly in italics ("*Residents' Forum - statement, 1 December 2025*"): a byline."""


@dataclass
class Candidate:
    chunk: Chunk
    text: str
    score: float
    toks: set[str]
    similarity: float = 0.0
    """Embedding similarity to the question (for the best lexical candidates)."""


@dataclass
class Extract:
    sentences: list[Candidate]
    coverage: float
    missing: list[str]
    similarity: float = 0.0


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
    short = acronyms(info.text)
    asked = set(weights)
    titled = corpus.named_in(info.text)
    out: list[Candidate] = []
    for hit in hits:
        if hit.chunk.meta.get("kind") == "register":
            continue  # register rows are answered by the register engine, over the whole table
        chunk_ctx = context_tokens(hit.chunk)
        on_point = bool(info.entities) and any(e.lower() in hit.chunk.text.lower() for e in info.entities)
        headings = {normalise(str(hit.chunk.meta.get(k, ""))) for k in ("title", "section")}
        rows = table_rows(hit.chunk.text)
        headed = headed_spans(hit.chunk.text, skip=is_instruction)
        texts = with_antecedents([span for span, _ in headed], normalise(hit.chunk.text))
        for text, heading in zip(texts, [h for _, h in headed], strict=True):
            if len(text.split()) < 4 or text in headings or _BYLINE.match(text):
                continue
            section = heading or str(hit.chunk.meta.get("section") or "")  # the heading it sits under
            outcome = (info.outcome and bool(OUTCOME_SECTION.search(section))) or (
                info.answer_type == "reason" and bool(REASON_SECTION.match(section)))  # "Why we care"
            ctx = chunk_ctx | set(tokens(heading))
            if info.avoid and any(a.lower() in text.lower() for a in info.avoid):
                continue
            toks = set(tokens(text))
            toks |= {vendor for vendor, names in brands.items() if names & toks}  # "Ezviz": Hikvision
            toks |= spelt_out(text, [a for a in short if a not in toks])  # "Freedom of Information": FOI
            toks |= related(toks) & asked  # "swap" answers "replacing"
            lexical = sum(w for t, w in weights.items() if t in toks) / total
            context = sum(w for t, w in weights.items() if t in ctx) / total
            score = lexical + CONTEXT_WEIGHT * context + 0.25 * hit.score / top
            if info.answer_type != "other" and has_type(text, info.answer_type):
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
                score += ENTITY_BONUS
            if info.council_voice and corpus.speaks_for_others(hit.chunk.source):
                score -= OTHER_VOICE_PENALTY
            if info.period and info.period[0] <= str(hit.chunk.meta.get("date") or "") < info.period[1]:
                score += PERIOD_BONUS
            if outcome:
                score += OUTCOME_BONUS
            header, heads = rows.get(text), set()
            if _PAGE_FURNITURE.search(text) or (text.count("|") >= 2 and not header):
                score -= 0.5  # page furniture, or a table row that can't be read without its header
            elif header:  # a table row: read with, and quoted after, its header row
                heads = set(tokens(header)) - toks - ctx
                score += CONTEXT_WEIGHT * sum(w for t, w in weights.items() if t in heads) / total - 0.2
            if text[:1].islower() and hit.chunk.text.lstrip().startswith(text[:20]):
                score -= 0.3  # a fragment: the chunk began mid-sentence
            elif text[-1:].isalnum() and hit.chunk.text.rstrip().endswith(text[-20:]):
                score -= 0.3  # a fragment: the chunk (a page) ends mid-sentence
            if info.asks_request and REQUEST_HEADING.search(section):
                score += 2 * REQUEST_BONUS  # under "What we want": the heading says these are the asks
            elif info.asks_request and REQUEST_TEXT.search(text):  # "we are calling on the council to:"
                score += REQUEST_BONUS
            if info.wants_statement and REPLY_SECTION.search(section):
                score += OUTCOME_BONUS  # "what did the cabinet member say": the written reply
            if text.rstrip().rstrip("\"”’')").endswith("?") and not info.asks_request:  # a question is no answer
                score -= 0.5
            out.append(Candidate(hit.chunk, text, score, toks | ctx | heads))
    out.sort(key=lambda c: c.score, reverse=True)
    if similarity and out:
        pool = out[:SIMILARITY_POOL]
        sims = similarity(info.text, [" ".join(c.text.split()[:48]) for c in pool])
        for cand, sim in zip(pool, sims, strict=True):
            cand.similarity = float(sim)
            cand.score += 0.8 * cand.similarity
    out.sort(key=lambda c: c.score, reverse=True)
    if info.answer_type in LEADING_TYPES and out:  # the asked-for kind of fact leads the answer
        floor = LEADING_TYPES[info.answer_type] * out[0].score
        out.sort(key=lambda c: not (c.score >= floor and has_type(c.text, info.answer_type)))
    return out


def term_weights(info: QuestionInfo, corpus: Corpus) -> dict[str, float]:
    """IDF weight of each known question term; a mixed question's focus terms count double."""
    weights = {t: corpus.idf(t) for t in info.terms if corpus.knows(t)}
    # A word the sources never use ("potholes") is still part of what was asked: it weighs
    # like a typical question term, so a passage on the other words alone falls short.
    typical = float(np.median(list(weights.values()))) if weights else 1.0
    weights |= {t: UNKNOWN_SHARE * typical for t in info.terms if t not in weights and len(t) > 2}
    for t in info.focus:
        if t in weights:
            weights[t] *= 2
    return weights


def select(info: QuestionInfo, ranked: list[Candidate], corpus: Corpus) -> Extract:
    """The best sentence plus up to two that add coverage, within the word budget."""
    weights = term_weights(info, corpus)
    total = sum(weights.values()) or 1.0
    chosen: list[Candidate] = []
    covered: set[str] = set()
    queue = list(ranked)
    while queue:
        cand = queue.pop(0)
        if len(chosen) >= MAX_ITEMS or cand.score < CORROBORATE * ranked[0].score:
            break
        if len(chosen) >= MAX_SENTENCES and not _same_resolution(cand, chosen, info):
            continue
        words_so_far = sum(len(c.text.split()) for c in chosen)
        if chosen and words_so_far + len(cand.text.split()) > MAX_WORDS:
            continue
        adds_terms = bool((cand.toks & set(weights)) - covered)
        adds_type = info.answer_type != "other" and not any(
            has_type(c.text, info.answer_type) for c in chosen
        ) and has_type(cand.text, info.answer_type)
        corroborates = info.answer_type not in SOFT_TYPES and has_type(
            cand.text, info.answer_type) and all(c.chunk.source != cand.chunk.source for c in chosen)
        completes = bool(ITEM.match(cand.text)) and adds_terms and any(
            c.chunk.id == cand.chunk.id and is_lead_in(c.text) for c in chosen)  # a lead-in's item
        if cand.score < ADD * ranked[0].score and not (corroborates or completes):
            continue
        if chosen and not (adds_terms or adds_type or corroborates or _new_figure(cand, chosen, info)
                           or _parallel(cand, chosen, weights, info)) \
                or any(cand.text in c.text or c.text in cand.text for c in chosen):
            continue
        chosen.append(cand)
        covered |= cand.toks
        lead = cand.text if is_lead_in(cand.text) or following_items(
            cand.chunk.text, cand.text, skip=is_instruction) else None
        if lead is None and wants_list(info):  # "which ...": an item brings its lead-in's whole list
            lead = _lead_in_of(cand)
        if lead is not None:  # a lead-in means nothing without its list; "which ..." wants every item
            lead_cand = Candidate(cand.chunk, lead, cand.score, set(tokens(lead)))
            items = [c for c in _items_of(lead_cand, ranked, info) if c not in chosen]
            for item in items:
                if len(chosen) >= MAX_ITEMS + 1 or sum(len(c.text.split()) for c in chosen) + len(
                        item.text.split()) > LIST_WORDS:
                    break
                chosen.append(item)
                covered |= item.toks
            queue = [c for c in queue if c not in items]
    chosen = _reading_order(_with_lead_ins(chosen), info)
    whole_docs: set[str] = set()
    for cand in chosen:
        whole_docs |= corpus.vocabulary(cand.chunk.source)
    doc_level = 1.0 if info.answer_type == "action" else DOC_LEVEL  # the premise, then the steps
    coverage = sum(w if t in covered else doc_level * w for t, w in weights.items()
                   if t in covered or t in whole_docs) / total
    # "X failed: what is being done about it?" - the steps rarely repeat X's name; the
    # document they come from must name it.
    # a name the passage itself doesn't repeat may be in its document's opening lines, which say
    # who issued it ("Harbourside Residents' Forum - statement"); for steps taken, anywhere in it
    named = covered | whole_docs if info.answer_type == "action" else covered | {
        t for c in chosen for t in corpus.byline(c.chunk.source)}
    missing = [" ".join(s) for s in info.specific if not _has_specific(s, named)]
    return Extract(chosen, coverage, missing, max((c.similarity for c in chosen), default=0.0))


def _items_of(lead: Candidate, ranked: list[Candidate], info: QuestionInfo) -> list[Candidate]:
    """The list items that follow a lead-in in its passage, in the source's order; only those
    naming what the question names ("Castor Lamps"), when any do."""
    following = following_items(lead.chunk.text, lead.text, skip=is_instruction)
    same = [c for c in ranked if c.chunk.id == lead.chunk.id]
    items = [c for t in following for c in same if c.text == t]
    named = [c for c in items if info.specific and not wants_list(info)
             and any(_has_specific(s, set(tokens(c.text))) for s in info.specific)]
    return (named or items)[:MAX_ITEMS]


def _lead_in_of(item: Candidate) -> str | None:
    """The lead-in ("... must not fit any lantern made by:") of a list item, or the header row
    of a table row, if it has one."""
    return lead_in(item.chunk.text, item.text, skip=is_instruction)


def _with_lead_ins(chosen: list[Candidate]) -> list[Candidate]:
    """A list item is quoted after its lead-in ("you must not install any camera made by:"),
    which says what the item is about, when both fit the word budget."""
    out = list(chosen)
    for cand in chosen:
        lead = _lead_in_of(cand)
        words = sum(len(c.text.split()) for c in out)
        if lead is None or any(lead in c.text for c in out) or words + len(lead.split()) > LIST_WORDS:
            continue
        out.insert(out.index(cand), Candidate(cand.chunk, lead, cand.score, set(tokens(lead))))
    return out


def _reading_order(chosen: list[Candidate], info: QuestionInfo) -> list[Candidate]:
    """Best passage first; sentences from one passage in the order the source gives them,
    so the items of a resolution read 1, 2, 3. A sentence giving the fact asked for ("how
    long": "six years") still comes first."""
    first: dict[str, int] = {}
    for n, c in enumerate(chosen):
        first.setdefault(c.chunk.id, n)
    ordered = sorted(chosen, key=lambda c: (first[c.chunk.id], normalise(c.chunk.text).find(c.text[:40])))
    if info.answer_type in FACT_TYPES and chosen and has_type(chosen[0].text, info.answer_type):
        ordered.remove(chosen[0])
        ordered.insert(0, chosen[0])
    return ordered


def _parallel(cand: Candidate, chosen: list[Candidate], weights: dict[str, float], info: QuestionInfo) -> bool:
    """Another item of the same list: same passage, same key question term (the verb asked
    about, such as "recommends"). "What did they recommend" is answered by every item."""
    for c in chosen:
        if c.chunk.id != cand.chunk.id:
            continue
        if info.outcome and OUTCOME_SECTION.search(str(c.chunk.meta.get("section") or "")) \
                and not _outcome_verbs(info) & set(tokens(c.text)):
            return True  # "what did they resolve": every item under the Resolved heading
        if info.answer_type == "action" and has_type(c.text, "action") and has_type(cand.text, "action"):
            return True  # two steps taken on the same matter
        own = [t for t in set(tokens(c.text)) if t in weights]
        if own and max(own, key=lambda t: weights[t]) in set(tokens(cand.text)):
            return True
    return False


def _new_figure(cand: Candidate, chosen: list[Candidate], info: QuestionInfo) -> bool:
    """A different figure of the kind asked for ("how many": 57, where the first sentence says
    two): the reader sees both, not only the one that ranked first."""
    if info.answer_type not in FACT_TYPES or not has_type(cand.text, info.answer_type):
        return False
    if info.counted and not quantifies(cand.text, info.counted):
        return False
    given = {f for c in chosen for f in _FIGURE.findall(c.text.lower())}
    return bool(set(_FIGURE.findall(cand.text.lower())) - given)


_FIGURE = re.compile(r"£?\d[\d,.]*\d|£?\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b")


def _same_resolution(cand: Candidate, chosen: list[Candidate], info: QuestionInfo) -> bool:
    section = str(cand.chunk.meta.get("section") or "")
    return info.outcome and bool(OUTCOME_SECTION.search(section)) and all(
        c.chunk.id == cand.chunk.id for c in chosen)


def _outcome_verbs(info: QuestionInfo) -> set[str]:
    """The outcome asked about ("recommend"): when the items name it, only those items count."""
    return {t for m in OUTCOME_ASKED.finditer(info.text) for t in tokens(m[0])}


def _has_specific(phrase: list[str], covered: set[str]) -> bool:
    parts = [p for p in phrase if not any(c in p for c in "/-.")] or phrase
    compound = any(c in phrase[0] for c in "/-.")
    return all(p in covered for p in parts) or (compound and phrase[0] in covered)


def unknown_terms(info: QuestionInfo, corpus: Corpus) -> list[str]:
    """Specific names in the question that no visible document mentions at all, and the fact
    asked about a named thing ("Jo Bloggs's salary") when no document uses that word."""
    def knows(token: str) -> bool:  # "Hikvision" is known where only its Ezviz brand is named
        return corpus.knows(token) or any(corpus.knows(b) for b in brand_names().get(token, ()))

    unknown = [" ".join(s) for s in info.specific if not any(knows(t) for t in s)
               or not all(knows(p) for p in s if not any(c in p for c in "/-."))]
    if info.attribute and not corpus.knows(stem(info.attribute)):
        unknown.append(info.attribute)
    return unknown


def answers(info: QuestionInfo, extract: Extract) -> bool:
    """Does the extract address what was asked: names, key terms and the kind of fact?"""
    if not extract.sentences or extract.missing:
        return False
    if extract.coverage < MIN_COVERAGE and not (
            extract.coverage >= PARAPHRASE_COVERAGE and extract.similarity >= PARAPHRASE_SIMILARITY):
        return False
    if info.counted and not any(quantifies(c.text, info.counted) for c in extract.sentences):
        return False
    if info.answer_type == "action":
        return any(has_type(c.text, "action") for c in extract.sentences)
    if info.answer_type not in SOFT_TYPES:  # one sentence must give the fact about the named things
        return any(has_type(c.text, info.answer_type) and all(_has_specific(s, c.toks) for s in info.specific)
                   for c in extract.sentences)
    return True


def cite(candidate: Candidate) -> Citation:
    meta = candidate.chunk.meta
    return Citation(
        source=candidate.chunk.source, locator=str(meta.get("locator", "")), quote=candidate.text,
        title=str(meta.get("title", "")), url=meta.get("url"), date=meta.get("date"),
    )
