"""Guards against reading a question as something it is not: a place the register doesn't
hold ("at schools"), or a count of something it doesn't hold ("how many parking fines")."""

from __future__ import annotations

import re

from knowledge.register import phrases as P
from knowledge.register.makers import maker_of
from knowledge.register.values import key, norm
from knowledge.register.vendors import VendorCatalogue, words_of
from knowledge.register.vocab import Vocab, phrase_spans, type_spans

_PLACE_SLOT = re.compile(r"\b(?:at|in|for|across)\s+(?:the |our |any |all |its )?((?:[a-z]+ ){0,2}[a-z]+s)\b")
_NOT_PLACES = frozenset({
    "site", "property", "building", "premise", "premises", "location", "place", "venue", "system",
    "camera", "cam", "unit", "asset", "total", "use", "year", "month", "week", "day", "area",
    "district", "ward", "zone", "row", "record", "entry", "register", "spreadsheet", "sheet",
    "term", "progres", "plan", "question", "detail", "statu", "service", "operation", "work",
})

_NOT_PLURALS = frozenset({
    "this", "these", "those", "its", "his", "hers", "ours", "yours", "theirs", "was", "is", "has",
    "does", "us", "yes", "less", "plus", "thus", "as", "always", "perhaps", "sometimes", "whereas",
    "across", "towards", "afterwards", "besides", "various", "ones",
})
"""Words ending in "s" that are not plural nouns ("due for swap-out this year")."""


def unknown_place(text: str, vocab: Vocab) -> str | None:
    """ "Hikvision at schools" when the register has no schools: the words ("at schools")
    that name no type, area or property, so the condition is never silently dropped."""
    for m in _PLACE_SLOT.finditer(text):
        words, last = key(m[1]).split(), m[1].split()[-1]
        if last in _NOT_PLURALS or words[-1] in _NOT_PLACES or any(re.fullmatch(p, last) for p in P.ENTITY.values()):
            continue
        plain = norm(m[1]).split()
        if any(end == len(plain) for _s, end, _m in make_spans(plain, vocab.makes, set())):
            continue  # "at which Axis": a make the register holds ends the words, not a place
        for n in range(1, len(words) + 1):
            tail = words[-n:]
            if (type_spans(tail, vocab.types) or phrase_spans(tail, vocab.areas)
                    or phrase_spans(tail, vocab.heads) or " ".join(plain[-n:]) in vocab.names):
                break
        else:
            return m[0]
    return None



def make_spans(
    words: list[str], makes: dict[str, str], skip: set[str]
) -> list[tuple[int, int, str]]:
    phrases = {k: k for k in makes if k not in skip and len(k) > 2}
    phrases.update({k.split()[0]: k for k in phrases if len(k.split()) > 1 and len(k) > 4
                    and k.split()[0] not in phrases})
    return phrase_spans(words, phrases)


_TIME_UNIT = re.compile(r"(second|minute|hour|day|week|month|year|decade)s?")
def same_make(make: str, makes: dict[str, str]) -> list[str]:
    """Other spellings of one make in the register: "Hanwha" and "Hanwha Vision", "Wisenet" and
    "Samsung Wisenet" (every word of the shorter is in the longer), or another name or brand of
    the same maker ("Hanwha Techwin", "Wisenet": ``makers.yaml``)."""
    mine, maker = set(make.split()), maker_of(make)
    return [k for k in makes if k != make and ((mine <= set(k.split()) or set(k.split()) <= mine)
            and max(map(len, (mine & set(k.split())) or {""})) >= 4 or maker != "" and maker_of(k) == maker)]


_COUNT_LEAD = frozenset({"number", "of", "the", "our", "all", "a"})
_COUNT_VERB = frozenset({
    "are", "is", "was", "were", "have", "has", "had", "do", "does", "did", "in", "at", "across", "on",
    "within", "there", "we", "you", "still", "currently", "now", "will", "would", "can", "could",
    "exist", "remain", "run", "use", "with", "by", "per", "for", "these", "those", "them", "they",
    "it", "that", "which", "altogether", "overall", "in total",
})


def counts_something_else(text: str, vocab: Vocab, vendors: VendorCatalogue) -> bool:
    """ "How many parking fines were issued?": the counted thing is nothing the register
    holds (not a property, system, camera, make, type, area or site name), so it is not
    a register question however many conditions the rest of it names."""
    for m in P.COUNT.finditer(text):
        words = text[m.end():].split()
        while words and words[0] in _COUNT_LEAD:
            words = words[1:]
        if not words or words[0] in _COUNT_VERB:
            continue
        if _TIME_UNIT.fullmatch(words[0]) and words[1:2] != ["old"]:
            return True  # "for how many days is footage kept?": a duration, not a count of rows
        head = words[:4]
        if any(re.fullmatch(p, w) for w in head for p in P.ENTITY.values()):
            continue
        singular = key(" ".join(head)).split()
        if (vendors.find_spans(words_of(" ".join(head))) or type_spans(singular, vocab.types)
                or phrase_spans(singular, vocab.areas) or phrase_spans(singular, vocab.heads)
                or phrase_spans(norm(" ".join(head)).split(), vocab.names)
                or make_spans(head, vocab.makes, set()) or P.RESTRICTED.search(" ".join(head))
                or any(re.search(p, " ".join(head)) for _s, p in P.SYSTEMS)):
            continue
        return True
    return False
