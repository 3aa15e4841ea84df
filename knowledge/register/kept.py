"""The clauses of a question the register reads: those asking what it cannot hold (cost, a
deadline, what a rule permits) are left to the documents, and what the kept clauses only refer
back to ("that year", "still have it set up that way") is read from the others."""

from __future__ import annotations

import re
from typing import Any

from knowledge.register import phrases as P
from knowledge.register.dates import BETWEEN, date_bounds
from knowledge.register.others import value_spans
from knowledge.register.vendors import VendorCatalogue
from knowledge.register.vocab import Vocab


def clean(question: str) -> str:
    """Lower case, apostrophes dropped, punctuation to spaces: the form questions are parsed in."""
    text = question.lower().replace("’", "'").replace("'", "")
    text = re.sub(r"[^a-z0-9£/\-\s]+", " ", text)
    return " ".join(re.sub(r"(?<!\d)-|-(?!\d)", " ", text).split())  # "2025-26" stays one period


_THAT_PERIOD = re.compile(r"\b(?:in |during )?(?:that|the same) (?:financial )?year\b")
"""A period named in another clause ("budget for 2025/26, and which sites are due that year")."""


def kept_clauses(question: str, store: Any = None) -> str:
    """The question without clauses asking what the register cannot hold (cost, policy...) or
    holding nothing of it ("and advise whether this is permitted": no list or count, no word
    linked to the register, words it does not read); "that year" in what is kept is the period
    a dropped clause named."""
    parts = [clean(p) for p in P.CLAUSE.split(question.lower() + " ") if p and p.strip()]
    parts = [piece for p in parts if p for piece in _at_and(_unframed(p), store)]
    kept = " ".join(p for p in parts if p and not P.REFUSE.search(p) and not _elsewhere(p, parts, store))
    if m := _THAT_PERIOD.search(kept):
        period = next((b[2] for p in parts if P.REFUSE.search(p) and (b := date_bounds(p))), None)
        if period:
            said = period if re.match(r"[a-z]", period) else f"in {period}"
            kept = f"{kept[: m.start()]}{said}{kept[m.end():]}"
    return kept


_ASKS = frozenset({"how", "what", "whats", "which", "when", "where", "who", "why"})
"""Question words: words before a list cue that hold one ask a question of their own."""


def _unframed(part: str) -> str:
    """A clause without the words before its list or count that only say what it is for ("for
    the 2025/26 budget discussion, could you list ..."): a cost or policy word there asks nothing."""
    cue = P.LIST.search(part) or P.COUNT.search(part)
    if cue is None or cue.start() == 0 or _ASKS & set(part[: cue.start()].split()):
        return part  # "how much money is there ...": the words before ask a question of their own
    before = [m for m in P.REFUSE.finditer(part) if m.start() < cue.start()]
    after = [m for m in P.REFUSE.finditer(part) if m.start() >= cue.start()]
    return part[cue.start():] if before and not after else part


def _at_and(part: str, store: Any) -> list[str]:
    """A clause cut at each "and" beside words that ask nothing of the register ("list the sites
    using Hik-Connect and advise whether its use is permitted", "confirm the deadline and list
    the sites ...")."""
    ranges = [m.span() for m in BETWEEN.finditer(part)]  # "between april 2025 and march 2026" is one period
    pieces, at = [], 0
    for m in re.finditer(r" and ", part):
        if not any(s < m.start() < e for s, e in ranges):
            pieces.append(part[at:m.start()])
            at = m.end()
    pieces.append(part[at:])
    if len(pieces) < 2 or store is None:
        return [part]
    apart = [_elsewhere(p, pieces, store) or (bool(P.REFUSE.search(p)) and not _links(p, store)) for p in pieces]
    out = [pieces[0]]
    for n in range(1, len(pieces)):
        if apart[n] or apart[n - 1]:
            out.append(pieces[n])
        else:
            out[-1] = f"{out[-1]} and {pieces[n]}"
    return out


def _links(part: str, store: Any) -> bool:
    from knowledge.register.explain import links_of

    return bool(links_of(part, store))


def _elsewhere(part: str, parts: list[str], store: Any) -> bool:
    """A clause, among others, that asks nothing of the register: no list or count, no link."""
    if store is None or len(parts) < 2 or P.LIST.search(part) or P.COUNT.search(part):
        return False
    from knowledge.register.unread import uncovered
    from knowledge.register.vocab import build_vocab

    vocab: Vocab = store.cached("vocab", build_vocab)
    return not _links(part, store) and bool(uncovered(part, vocab, store.vendors))


_BACK = re.compile(r"\b(it|them|those|these|that way|like that|such)\b")
"""Words that refer back to kit another clause named ("which sites still have it set up that way?")."""


def _linked_words(text: str, vocab: Vocab, vendors: VendorCatalogue) -> list[str]:
    words = text.split()
    spans = [(s, e) for s, e, _m in vendors.find_spans(words)] + \
        [(s, e) for s, e, _h, _v in value_spans(words, vocab.others)]
    return [" ".join(words[s:e]) for s, e in sorted(spans)]


def referred(kept: str, question: str, vocab: Vocab, store: Any) -> str:
    """The kept clauses, with the makes and values of a clause left to the documents when the
    kept ones only refer back to them ("a deadline for getting port-forwarded hik kit off the
    internet - which sites still have it set up that way?")."""
    if not _BACK.search(kept) or _linked_words(_split_words(kept), vocab, store.vendors):
        return kept
    parts = [clean(p) for p in P.CLAUSE.split(question.lower() + " ") if p and p.strip()]
    named = [w for p in parts if P.REFUSE.search(p) for w in _linked_words(_split_words(p), vocab, store.vendors)]
    return f"{kept} {' '.join(named)}" if named else kept


def _split_words(text: str) -> str:
    return re.sub(r"(?<=[a-z])/(?=[a-z])", " ", text)
