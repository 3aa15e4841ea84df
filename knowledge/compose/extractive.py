"""The extractive composer: pick the 1-3 sentences that answer, cite each, or abstain."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.compose.clauses import PART_COVERAGE, asks, complete, part_coverage, parts, unanswered
from knowledge.compose.leads import (
    LIST_WORDS,
    MAX_ITEMS,
    MAX_WORDS,
    RESOLUTION_WORDS,
    has_specific,
    items_of,
    lead_in_of,
    with_askers,
    with_lead_ins,
)
from knowledge.compose.named import about_the_named, asked_apart, is_subject, names_it, one_source_names_all
from knowledge.compose.silence import asked_noun
from knowledge.gather.lists import ITEM, ORDINAL, following_items, is_lead_in
from knowledge.gather.scoring import (
    OUTCOME_SECTION,
    REASON_SECTION,
    Candidate,
    is_instruction,
    resolved_item,
    term_weights,
)
from knowledge.gather.sentences import normalise
from knowledge.gather.supersede import FACT_TYPES
from knowledge.index.corpus import Corpus
from knowledge.read.question import (
    OUTCOME_ASKED,
    QuestionInfo,
    answer_type,
    asked_thing,
    counted_in,
    has_type,
    quantifies,
    wants_list,
)
from knowledge.read.thesaurus import related
from knowledge.text import stem, tokens, words
from knowledge.types import Citation

MAX_SENTENCES = 3
SOFT_TYPES = ("other", "action", "rule", "reason")
"""Kinds of answer that are preferred, not required (a rule or a reason can be worded any way).
The kinds of fact (``supersede.FACT_TYPES``) are required."""
MIN_COVERAGE = 0.5
PARAPHRASE_COVERAGE = 0.4
PARAPHRASE_SIMILARITY = 0.6
"""A passage that says the same in other words ("barred" / "prevented the purchase") may cover
fewer of the question's words when its meaning is close to the question's."""
ADD = 0.7
"""A further sentence must score this share of the best one ..."""
CORROBORATE = 0.55
"""... or this share, when it confirms the asked-for date or figure from another document."""
DOC_LEVEL = 0.5
"""A question term found elsewhere in the cited document counts half towards coverage."""

@dataclass
class Extract:
    sentences: list[Candidate]
    coverage: float
    missing: list[str]
    similarity: float = 0.0
    parts_answered: bool = False
    """A question in several parts, each answered by a chosen sentence."""
    unanswered: str = ""
    """A part of the question that asks something no chosen sentence answers ("... and who is it
    aimed at?"): the rest is not the whole answer."""


def select(info: QuestionInfo, ranked: list[Candidate], corpus: Corpus) -> Extract:
    """The best sentence plus up to two that add coverage, within the word budget."""
    weights = term_weights(info, corpus)
    total = sum(weights.values()) or 1.0
    ranked = about_the_named(ranked, info, corpus)
    chosen: list[Candidate] = []
    covered: set[str] = set()
    queue = list(ranked)
    while queue:
        cand = queue.pop(0)
        if len(chosen) >= MAX_ITEMS or cand.score < CORROBORATE * ranked[0].score:
            break
        if cand.asked or (len(chosen) >= MAX_SENTENCES and not _same_resolution(cand, chosen, info)):
            continue  # a question the document quotes restates what was asked; its reply answers
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
                           or _parallel(cand, chosen, weights, info)
                           or (info.outcome and resolved_item(cand.text, cand.chunk.text))) \
                or any(cand.text in c.text or c.text in cand.text for c in chosen):
            continue
        chosen.append(cand)
        covered |= cand.toks
        lead = cand.text if is_lead_in(cand.text) or following_items(
            cand.chunk.text, cand.text, skip=is_instruction) else None
        if lead is None and (wants_list(info) or ORDINAL.match(cand.text)):
            lead = lead_in_of(cand)  # "which ...": an item brings its whole list; "the second is": the first
        if lead is not None:  # a lead-in means nothing without its list; "which ..." wants every item
            lead_cand = Candidate(cand.chunk, lead, cand.score, set(tokens(lead)))
            items = [c for c in items_of(lead_cand, ranked, info, corpus) if c.text not in {x.text for x in chosen}]
            for item in items:
                if len(chosen) >= MAX_ITEMS + 1 or sum(len(c.text.split()) for c in chosen) + len(
                        item.text.split()) > (RESOLUTION_WORDS if info.outcome else LIST_WORDS):
                    break
                chosen.append(item)
                covered |= item.toks
            queue = [c for c in queue if c not in items]
            if info.answer_type == "reason" and items and all(ORDINAL.match(c.text) for c in items):
                break  # "there are two problems": the points it announces are the whole answer
    chosen = complete(info, chosen, ranked, weights, lambda name, cs: names_it(name, cs, info, corpus))
    chosen = _reading_order(with_askers(with_lead_ins(chosen, corpus), corpus), info)
    covered = covered.union(*(c.toks for c in chosen))
    whole_docs: set[str] = set()
    for cand in chosen:
        whole_docs |= corpus.vocabulary(cand.chunk.source)
    doc_level = 1.0 if info.answer_type == "action" else DOC_LEVEL  # the premise, then the steps
    coverage = max((_coverage([c for c in chosen if c.chunk.source == src], weights, corpus, doc_level) / total
                    for src in dict.fromkeys(c.chunk.source for c in chosen)), default=0.0)
    # "X failed: what is being done about it?" - the steps rarely repeat X's name; the
    # document they come from must name it.
    # a name the passage itself doesn't repeat may be in its document's opening lines, which say
    # who issued it ("Harbourside Residents' Forum - statement"); for steps taken, anywhere in it
    named = covered | whole_docs if info.answer_type == "action" else covered | {
        t for c in chosen for t in corpus.byline(c.chunk.source)}

    given = set(info.premise)  # "now that Oakhurst's gone": the passage, not the sentence, must name it
    missing = [" ".join(s) for s in info.specific if not has_specific(s, named) and not is_subject(s, corpus)
               and not (set(s) <= given and has_specific(s, _passage_words(chosen)))]
    missing += [t for t in info.names if not names_it(t, chosen, info, corpus)]
    thing = asked_thing(info.text) or asked_noun(info.text)
    if not missing and (apart := asked_apart(thing, chosen, info, corpus)):
        said = {stem(w): w for w in words(info.text)}  # the question's own words, not their stems
        missing.append(f"{said.get(str(thing), thing)} of {' '.join(said.get(t, t) for t in apart)}")
    if not missing and not one_source_names_all(chosen, info, corpus):
        missing.append(" and ".join(info.names))
    every = set().union(*(c.toks for c in chosen)) if chosen else set()
    answered = [part_coverage(ts, weights, every) >= PART_COVERAGE
                for p in parts(info.text) if (ts := [t for t in dict.fromkeys(tokens(p)) if t in weights])]
    return Extract(chosen, coverage, missing, max((c.similarity for c in chosen), default=0.0),
                   parts_answered=len(answered) >= 2 and all(answered),
                   unanswered=unanswered(info.text, chosen, weights))


def _coverage(chosen: list[Candidate], weights: dict[str, float], corpus: Corpus, doc_level: float) -> float:
    """The question's weight that one source's quoted sentences cover, its other words counting
    ``doc_level``: an answer stitched from unrelated documents, each naming part of the question,
    covers only what its best source covers."""
    covered = set().union(*(c.toks for c in chosen))
    whole = corpus.vocabulary(chosen[0].chunk.source)
    return sum(w if t in covered else doc_level * w for t, w in weights.items() if t in covered or t in whole)


def _passage_words(chosen: list[Candidate]) -> set[str]:
    """Every word of the passages the chosen sentences come from."""
    return {t for c in chosen for t in tokens(c.chunk.text)}


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
    about, such as "recommends"). "What did they recommend" is answered by every item; "why"
    by every reason in the document's "Why we ..." section."""
    section = str(cand.chunk.meta.get("section") or "")
    if info.answer_type == "reason" and REASON_SECTION.match(section) and any(
            c.chunk.source == cand.chunk.source and c.chunk.meta.get("section") == section for c in chosen):
        return True
    if cand.reply_to and any(c.reply_to == cand.reply_to and c.chunk.source == cand.chunk.source for c in chosen):
        return True  # the rest of the reply to the question the document quotes
    top = max(weights, key=lambda t: weights[t]) if weights else None
    for c in chosen:
        own = [t for t in set(tokens(c.text)) if t in weights]
        if c.chunk.source == cand.chunk.source and c.chunk.id != cand.chunk.id and own and \
                max(own, key=lambda t: weights[t]) == top and top in set(tokens(cand.text)):
            return True  # the same document's other item on what is most asked, across a page break
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


def answers(info: QuestionInfo, extract: Extract, corpus: Corpus) -> bool:
    """Does the extract address what was asked: names, key terms and the kind of fact? The
    sentence that gives the fact is about the named things when it names them, or its list's
    lead-in does, or, for a one-word name, its document's title and opening lines do ("- We
    opened December 1994" on a page headed "Darlington Borough Council, CCTV: What we do"; a
    title holding "Kestwick" and "housing" is no mention of Kestwick House)."""
    if not extract.sentences or extract.missing or extract.unanswered:
        return False
    if extract.coverage < MIN_COVERAGE and not extract.parts_answered and not (
            extract.coverage >= PARAPHRASE_COVERAGE and extract.similarity >= PARAPHRASE_SIMILARITY):
        return False
    if info.counted and not any(quantifies(c.text, info.counted) for c in extract.sentences):
        return False
    thing = asked_thing(info.text)
    if thing and not any(thing in (seen := set(tokens(c.chunk.text)) | c.toks) or thing in related(seen)
                         for c in extract.sentences):
        return False  # "what's the maximum fine": passages on the rules alone don't give it
    if info.answer_type == "action":
        return any(has_type(c.text, "action") for c in extract.sentences)
    if info.answer_type not in SOFT_TYPES:  # one sentence must give the fact (a count of the thing asked
        # about, for "how many") about the named things; in a question of several parts, the
        # fact one of them asks for ("when did it open, and how many cameras did it start with")
        facts = [(kind, counted_in(p)) for p in parts(info.text) if asks(p)
                 and (kind := answer_type(p)) in FACT_TYPES] or [(info.answer_type, info.counted)]
        return any(has_type(c.text, kind) and quantifies(c.text, counted) and all(
            has_specific(s, _with_lead(c, extract) | (corpus.byline(c.chunk.source) if len(s) == 1 else set()))
            for s in info.specific) for c in extract.sentences for kind, counted in facts)
    return True


def _with_lead(item: Candidate, extract: Extract) -> set[str]:
    """A list item's words with its quoted lead-in's: "Cabinet RESOLVED to: (a) approve £580,000"
    says who approved it."""
    leads = [c for c in extract.sentences if c.chunk.id == item.chunk.id and is_lead_in(c.text)
             and item.text in following_items(c.chunk.text, c.text, skip=is_instruction)]
    return item.toks.union(*(c.toks for c in leads))


def cite(candidate: Candidate) -> Citation:
    meta = candidate.chunk.meta
    return Citation(
        source=candidate.chunk.source, locator=str(meta.get("locator", "")), quote=candidate.text,
        title=str(meta.get("title", "")), url=meta.get("url"), date=meta.get("date"),
    )
