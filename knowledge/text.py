"""Tokenising shared by BM25, sentence selection and abstention checks."""

from __future__ import annotations

import re
from functools import lru_cache

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves s t d ll m re ve y let lets us also may might must shall whats hows whos
    wheres thats tell say said says please just back ever yet still already
    isn't isn aren't aren wasn't wasn weren't weren don't don doesn't doesn didn't didn won't won
    can't cannot couldn't couldn shouldn't shouldn hasn't hasn haven't haven hadn't hadn
    wouldn't wouldn mustn't mustn it'd it'll i'd i'll i'm i've we'd we'll we've they'd they'll they've
    she'd she'll he'd he'll you'd you'll you've that'd that'll there'd""".split()
)
"""English function words; content words such as "must" or "not" are kept by callers that
need them (see :func:`words`). Contractions ("isn't") are function words too; the negation they
carry is read from the question's text, not its terms."""

_WORD = re.compile(r"[a-z0-9£]+(?:[/.'-][a-z0-9]+)*", re.IGNORECASE)
_PARTS = re.compile(r"[/.'-]")


IRREGULAR = {
    "kept": "keep", "held": "hold", "spent": "spend", "paid": "pay", "bought": "buy", "sold": "sell",
    "told": "tell", "took": "take", "taken": "take", "gave": "give", "given": "give", "found": "find",
    "began": "begin", "begun": "begin", "brought": "bring", "sent": "send", "built": "build",
    "wrote": "write", "written": "write", "chose": "choose", "chosen": "choose", "knew": "know",
    "known": "know", "went": "go", "gone": "go", "ran": "run", "led": "lead", "lent": "lend",
    "met": "meet", "fell": "fall", "fallen": "fall", "felt": "feel", "lost": "lose", "meant": "mean",
    "rose": "rise", "risen": "rise", "sought": "seek", "thought": "think", "understood": "understand",
    "withdrew": "withdraw", "withdrawn": "withdraw", "undertook": "undertake", "undertaken": "undertake",
}
"""Irregular past forms, so "kept" meets "keep" and "spent" meets "spend"."""
_MONTH_SHORT = {"jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
                "jul": "july", "aug": "august", "sep": "september", "sept": "september", "oct": "october",
                "nov": "november", "dec": "december"}
"""Short month names, so "Feb 2024" meets "6 February 2024"."""


@lru_cache(maxsize=1 << 17)  # a council's vocabulary: tokenising the corpus repeats its words
def stem(word: str) -> str:
    """A deliberately light stemmer: plural and common verb endings, and a final "e", so
    "decide", "decides" and "decided" meet, and "recordings" meets "recorded"."""
    w = IRREGULAR.get(word.lower()) or _MONTH_SHORT.get(word.lower()) or _stem(word)
    if w.endswith("ing") and word.lower().endswith("ings") and len(w) >= 7:
        w = _stem(w)  # recordings -> recording -> record
    return w[:-1] if len(w) >= 4 and w.endswith("e") and w.isalpha() else w


def _stem(word: str) -> str:
    w = word.lower()
    if len(w) <= 3 or not w.isalpha():
        return w
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                return w
            base = w[: len(w) - len(suffix)] + repl
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # banned -> ban, stopping -> stop
            return base
    return w


def words(text: str) -> list[str]:
    """Lower-cased word tokens, punctuation-joined compounds split into parts too."""
    out: list[str] = []
    for match in _WORD.findall(text):  # tokenising the whole corpus runs this per word: kept lean
        token = match.lower()
        token = (token[:-2] if token.endswith("'s") else token).strip("'")
        out.append(token)
        if "/" in token or "." in token or "-" in token or "'" in token:
            out.extend(p for p in _PARTS.split(token) if p)
    return out


def tokens(text: str) -> list[str]:
    """Stemmed content tokens for BM25 and overlap scoring."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


_MONTH_NAMES = ("january february march april may june july august september october november december").split()


def date_words(iso: str | None) -> list[str]:
    """Tokens for a chunk's date, so "March 2024" matches a minute dated 2024-03-12."""
    if not iso or not re.match(r"\d{4}-\d{2}", iso):
        return []
    year, month = iso[:4], int(iso[5:7])
    return [year, stem(_MONTH_NAMES[month - 1])] if 1 <= month <= 12 else [year]


@lru_cache(maxsize=1)
def date_words_all() -> frozenset[str]:
    """The stems of the month names: a month is a period, checked as one, not a name."""
    return frozenset(stem(m) for m in _MONTH_NAMES) | frozenset(stem(m[:3]) for m in _MONTH_NAMES)
