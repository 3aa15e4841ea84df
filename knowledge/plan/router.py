"""Route a question to the register engine, the document engine, or both."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from knowledge.compose.clauses import asks
from knowledge.gather.retrieval import Filters
from knowledge.index.corpus import DOCUMENT_WORDS, Corpus
from knowledge.index.materialise import RegisterView
from knowledge.plan.documents import DocumentEngine
from knowledge.plan.events import after_the_ban
from knowledge.read.evidence import named_terms, other_council, without_own_council
from knowledge.register.parse import clean
from knowledge.register.phrases import REFUSE
from knowledge.text import tokens
from knowledge.types import Answer, Citation, Scope
from knowledge.verify.citations import verified

DOC_CUES = re.compile(
    r"\b(polic(y|ies)|allowed|permitted|permissible|being done|do(ne|ing) about|plan(s|ned|ning)? to|"
    r"budget|funding|said|say|says|statement|back (that|this|it) up|true|accurate|correct|why|"
    r"guidance|rules?|should we|what happens|how much (money|capital|funding|is there|has been|was)|"
    r"capital|allocat(ed|ion)|spend|spent|cost(s|ing)?|pay(s|ing)?|paid|who('s| is| will| has)|sort (it|this) out|"
    r"money|rolled over|carried forward|underspen[dt]|how often|(meant|supposed) to)\b",
    re.I,
)
CLAIM_CHECK = re.compile(r"\b(back (that|this|it) up|true|accurate|correct|consistent)\b", re.I)
CLAUSE = re.compile(
    r"[?.;]\s+|,\s*(?:and|but)\s+|\s+-\s+|\s+and\s+(?=(?:what|how|is|are|does|do|when|who|why|can)\b)"
)
YES_NO = r"(?:^\s*(?:are|is|have|has|do|does)|\bwhether)\s+"
"""A yes/no question, asked or reported ("... has asked whether every camera complies")."""
ALL_CHECK = re.compile(YES_NO + r"(all|every|any)\b", re.I)
"""A yes/no question about the whole estate ("are all our cameras compliant ...?")."""
ANY_CHECK = re.compile(YES_NO + r"(there\s+)?any\b", re.I)
"""The "any" form asks whether some match: a count above zero means yes."""
DONE_WORDS = re.compile(
    r"\b(been\s+)?(replaced|removed|gone|compliant|complies|taken out|swapped( out)?|upgraded|decommissioned)\b", re.I)
COMPLIANT = re.compile(r"\bcompl(ian(t|ce)|ies|y)\b", re.I)
FOLLOW_UP = re.compile(r"^\s*(and|also|what about|how about|of (those|them))\b|\b(those|them|these)\b", re.I)


def route(
    question: str, scope: Scope, engine: DocumentEngine, register: RegisterView, filters: Filters,
    llm: Any = None,
) -> Answer:
    foreign = other_council(question, engine.corpus)  # another council's estate is not our register's
    ours = without_own_council(question, engine.corpus)  # the register is all ours: the name filters nothing
    dated = None if foreign else after_the_ban(ours, engine.corpus, register, scope.levels)
    if dated is not None:  # "fitted after the ban": each make's ban date, from the documents
        dated = dated.model_copy(update={"citations": verified(dated.citations, engine.corpus, scope.levels),
                                         "question": question})
        if not wants_documents(question, engine.corpus):
            return dated
        found = SimpleNamespace(properties=list(dict.fromkeys(str(r.get("property")) for r in dated.rows or [])))
        return with_documents(dated, dated, engine, filters, _entities(found, register))
    reg = None if foreign else register.answer(ours, scope.levels, scope.history)
    if NONE_OF.search(question) and not foreign:
        positive = register.answer(NONE_OF.sub(" with ", ours), scope.levels, scope.history)
        if positive is not None and (reg is None or getattr(reg, "refused", False)
                                     or list(reg.filters) == list(positive.filters)):
            return none_of(question, positive)  # the negation was not read: never invert it
    if reg is None and ALL_CHECK.search(question) and not foreign:
        return all_check(ours, scope, engine, register, filters).model_copy(update={"question": question})
    if reg is not None and named_terms(tokens(" ".join(getattr(reg, "unread", ()))), engine.corpus):
        # "Darlington's control centre", "does ANPR count as ...": a name the register does not
        # hold, the documents do: theirs to answer, and every row of the register is no answer
        doc = engine.answer(question, filters)
        if doc.answered or not getattr(reg, "refused", False):
            return doc.model_copy(update={"question": question})
    if reg is not None and getattr(reg, "refused", False):
        return Answer(question=question, answer=reg.text, answered=False, citations=[], mode="none")
    if reg is None:
        query = question
        if scope.history and FOLLOW_UP.search(question):
            query = f"{scope.history[-1]} {question}"
        answer = engine.answer(query, filters)
        return answer.model_copy(update={"question": question})
    answer = register_answer(question, reg, engine, scope.levels)
    if wants_documents(question, engine.corpus):
        return with_documents(answer, reg, engine, filters, _entities(reg, register))
    return answer


NONE_OF = re.compile(
    r"\b((with|have|has|had) no(?= )(?! (planned |target |agreed )?(replacement|renewal|swap ?out|install\w*|"
    r"maintenance|service) dates?)|"
    r"without(?! (any |a |an )?(planned |target |agreed )?(replacement|renewal|install\w*|maintenance|service) dates?)"
    r"(?! (any |a )?(replacement|replacing|being replaced)\b(?! (year|due|plan)))|"
    r"no longer (have|has|run|runs|use|uses)|"
    r"(do|does|did|is|are)(n't|n’t| not) (have|run|use|running|using))\s+(any\s+)?", re.I)
"""Whole-property negation ("sites with no Hikvision"): not a row filter. "Taken out without
replacement" is a status, not a negation; nor is "no replacement date", a blank cell."""


def none_of(question: str, positive: Any) -> Answer:
    """Say plainly that "which have none of X" is not worked out, and what is known instead."""
    n, what = getattr(positive, "count", None), getattr(positive, "count_of", "properties")
    known = f" For comparison, {n} {what} match the question without the negation." if n is not None else ""
    text = ("The register can't answer this reliably: I don't yet work out which properties have "
            f"none of something, and I won't guess.{known} Ask for those, or for the other makes "
            "(for example \"which sites run cameras other than Hikvision?\").")
    return Answer(question=question, answer=text, answered=False, citations=[], mode="none")


def _entities(reg: Any, register: RegisterView) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The matched properties (when few enough to name) and every other property name."""
    found = tuple(getattr(reg, "properties", ()) or ())
    if not found or len(found) > 12:
        return (), ()
    others = tuple(n for n in register.property_names() if n not in set(found) and len(n) > 4)
    return found, others


def all_check(
    question: str, scope: Scope, engine: DocumentEngine, register: RegisterView, filters: Filters
) -> Answer:
    """Answer "are all X done/compliant?" by counting the X still in service in the register."""
    some_means_yes = bool(ANY_CHECK.search(question))  # "do any libraries have Dahua?"
    asked = ALL_CHECK.search(question)
    if asked and asked[0].lower().startswith("whether"):  # "... has asked whether every camera complies. Is
        question = re.split(r"[.?!]", question[asked.start():])[0]  # that so?": the question it reports
    if not some_means_yes and not DONE_WORDS.search(question):  # "do all libraries use Axis?"
        every = register.every(question, scope.levels)
        if every is not None:
            answer = register_answer(question, every, engine, scope.levels)
            wanted = wants_documents(question, engine.corpus)
            return with_documents(answer, every, engine, filters) if wanted else answer
    rewritten = "how many systems are still in service: " + DONE_WORDS.sub(" ", question)
    reg = register.answer(rewritten, scope.levels, ())
    if reg is None or getattr(reg, "count", None) is None or (
            COMPLIANT.search(question) and not getattr(getattr(reg, "query", None), "vendors", None)):
        # "are all our cameras compliant?" - compliant with what the register can't say alone
        return engine.answer(question, filters).model_copy(update={"question": question})
    n = int(reg.count)
    yes, no = ("Yes", "No") if some_means_yes else ("No", "Yes")
    what = str(reg.count_of).removesuffix("s") if n == 1 else reg.count_of
    what = "property" if what == "propertie" else what
    verdict = (f"{yes}. The register {'lists' if some_means_yes else 'still lists'} {n} in-service "
               f"{what} that {'matches' if n == 1 else 'match'}.\n" if n else
               f"{no}, as far as the register shows: no in-service systems match.\n")
    answer = register_answer(question, reg, engine, scope.levels)
    answer = answer.model_copy(update={"answer": verdict + answer.answer, "mode": "register"})
    return with_documents(answer, reg, engine, filters) if wants_documents(question, engine.corpus) else answer


def register_answer(question: str, reg: Any, engine: DocumentEngine, levels: frozenset[str]) -> Answer:
    cites = [Citation(**{k: c[k] for k in ("source", "locator", "quote")}) for c in reg.citations]
    return Answer(
        question=question, answer=reg.text, answered=True,
        citations=verified(cites, engine.corpus, levels), rows=list(reg.rows),
        filters=list(reg.filters), mode="register",
    )


def document_part(question: str, corpus: Corpus | None = None) -> str:
    """The clauses of a mixed question that the documents must answer."""
    clauses = re.split(CLAUSE, question)
    return " ".join(c for c in clauses if c and _for_documents(c, corpus)) or question


def wants_documents(question: str, corpus: Corpus | None = None) -> bool:
    """Does some clause ask what the register can't hold (a policy, a deadline, how long), or
    ask something of a document it names by title ("does the connected devices standard allow it")?"""
    return any(c and _for_documents(c, corpus) for c in re.split(CLAUSE, question))


def _for_documents(clause: str, corpus: Corpus | None = None) -> bool:
    if DOC_CUES.search(clause) or REFUSE.search(clean(clause)):
        return True
    if corpus is None or not asks(clause):
        return False
    # a title of its own words ("the connected devices standard"), not only a kind ("a briefing note")
    return any(source not in corpus.registers and words - DOCUMENT_WORDS
               for source, words in corpus.named_in(clause).items())


def with_documents(
    answer: Answer, reg: Any, engine: DocumentEngine, filters: Filters,
    entities: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
) -> Answer:
    """Add the cited passage; when a statement is checked against the register, say so."""
    doc = engine.answer(answer.question, filters, strict=False, focus=document_part(answer.question, engine.corpus),
                        entities=entities[0], avoid=entities[1])
    if not doc.answered:
        rest = "\n\nNo document passage addresses the rest of the question."
        return answer.model_copy(update={"answer": answer.answer + rest})
    offset = len(answer.citations)
    doc_text = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", doc.answer)
    verdict = ""
    if CLAIM_CHECK.search(answer.question):
        n = getattr(reg, "count", len(answer.rows or []))
        verdict = (
            f"The register does not fully back up the statement: {n} "
            f"{getattr(reg, 'count_of', 'rows')} are exceptions.\n\n" if n else
            "The register is consistent with the statement: no exceptions were found.\n\n"
        )
    text = f"{verdict}{answer.answer}\n\nFrom the documents: {doc_text}"
    return answer.model_copy(
        update={"answer": text, "citations": answer.citations + doc.citations, "mode": "mixed"}
    )
