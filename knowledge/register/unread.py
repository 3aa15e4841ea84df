"""Conditions the parser did not read ("which Hikvision sites have PTZ cameras?").

Dropping such a condition would answer a different question with confidence, so the words
that sit where a condition goes (after "have", "with", "use", "are" ...) must each be read
by some filter, be a value the register holds, or be a plain question word.
"""

from __future__ import annotations

import re
from typing import Any

from knowledge.read.english import in_dictionary, is_english
from knowledge.read.meaning import shifts, without
from knowledge.register import dates as D
from knowledge.register import phrases as P
from knowledge.register.makers import held_aliases
from knowledge.register.others import value_spans
from knowledge.register.values import key, norm
from knowledge.register.vendors import VendorCatalogue, words_of
from knowledge.register.vocab import NEGATION_WORDS, PLAIN_WORDS, Vocab, phrase_spans, type_spans

_READ = "\x00"
_VERB = r"(?:have|has|had|having|with|use|uses|using|run|runs|running|got|are|is|were|was)"
_SLOT = re.compile(rf"\b{_VERB}((?: (?!{_VERB}\b)[a-z\x00]+){{1,3}})")
"""Where a condition goes: the (up to three) words after a verb or "with"."""
_SUBJECT = re.compile(rf"^(?:which|what|list|show|name|how many)(?: of)?((?: (?!{_VERB}\b)[a-z\x00]+){{1,4}}?)"
                      rf" (?={_VERB}\b|still\b|currently\b|in\b|at\b)")
"""What the question is about ("which fire stations use ..."): its words must be read too."""
_ACTOR = re.compile(r"\b(?:does|do|did)((?: [a-z]+){1,3}?) (?=(?:run|have|own|operate|use|manage|control|maintain)\b)")
"""Whose cameras ("how many cameras does the police force run?"): the council, or a place it holds."""
_CONDITION_PREPS = frozenset({"in", "with", "under", "of"})


def _patterns() -> list[re.Pattern[str] | str]:
    """Every phrase pattern the parser reads with."""
    found: list[re.Pattern[str] | str] = []
    for value in [*vars(P).values(), *vars(D).values()]:
        if value is P.ASKED:
            continue  # what a lookup asks of a named site ("what network is X on"): read only there
        if isinstance(value, re.Pattern):
            found.append(value)
        elif isinstance(value, list) and value and isinstance(value[0], tuple):
            found.extend(p for pair in value for p in pair if isinstance(p, re.Pattern)
                         or (isinstance(p, str) and not re.fullmatch(r"[a-z_]+", p)))  # not labels
        elif isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
            found.extend(rf"\b(?:{v})\b" for v in value.values())
    return found


_PATTERNS = _patterns()


_ASKED_COLUMNS = [pattern for _meaning, pattern in P.ASKED]


def _read_words(text: str, vendors: VendorCatalogue, vocab: Vocab | None = None) -> list[bool]:
    """For each word of ``text``: is it part of a phrase the parser reads? The columns a lookup
    asks for ("network", "model") are read only when the question names a site."""
    mask = [False] * len(text)
    lookup = vocab is None or bool(phrase_spans(norm(text).split(), vocab.names))
    for pattern in _PATTERNS + (_ASKED_COLUMNS if lookup else []):
        for m in re.finditer(pattern, text):
            said = P.NEGATION.search(text[:m.start()])  # "no longer in service": the negation is read too
            start = said.start() if said else m.start()
            mask[start:m.end()] = [True] * (m.end() - start)
    read: list[bool] = []
    for m in re.finditer(r"\S+", text):
        read.append(any(mask[m.start():m.end()]))
    for start, end, _match in vendors.find_spans(text.split()):
        read[start:end] = [True] * (end - start)
    return read


def _known(word: str, vocab: Vocab, values: frozenset[str]) -> bool:
    if word in NEGATION_WORDS:
        return False  # read only by a phrase that holds it: never a plain word
    if word == _READ or word in PLAIN_WORDS or word.isdigit() or len(word) <= 2:
        return True
    single = key(word)
    return single in values or word in values or word.removesuffix("s") in values \
        or bool(type_spans([single], vocab.types))


def _values(vocab: Vocab) -> frozenset[str]:
    """Every word of the register's values, headers and statuses (kept with the vocab)."""
    if "words" not in vocab.memo:
        vocab.memo["words"] = frozenset(_words(vocab))
    words: frozenset[str] = vocab.memo["words"]
    return words


def _phrase_words(vocab: Vocab) -> set[str]:
    """The words of the register's areas, property types and makes."""
    return {w for table in (vocab.areas, vocab.types, vocab.heads, vocab.makes) for phrase in table
            for w in phrase.split()}


def _table_words(vocab: Vocab) -> set[str]:
    """The words of the register's headers, areas, property types and makes."""
    return set(vocab.headers) | _phrase_words(vocab)


def _name_words(vocab: Vocab) -> frozenset[str]:
    """Words only the register's property names use, and no dictionary: "straiton" of "Straiton
    P&R Terminus Hub". Read with a whole name; on their own they name properties that nothing
    links, and a count that drops the word counts the whole register."""
    if "name words" not in vocab.memo:
        other = _table_words(vocab)
        vocab.memo["name words"] = frozenset(w for phrase in vocab.names for w in phrase.split()
                                             if w not in other and not w.isdigit() and not in_dictionary(w))
    words: frozenset[str] = vocab.memo["name words"]
    return words


def _cell_words(vocab: Vocab) -> set[str]:
    """The words of the register's status values and other columns' values."""
    found = {w for labels in vocab.statuses.values() for label in labels for w in key(label).split()}
    return found | {w for value in vocab.others for w in value.split()}


def _words(vocab: Vocab) -> set[str]:
    found = (_table_words(vocab) | {w for phrase in vocab.names for w in phrase.split()}) - _name_words(vocab)
    found |= {w for alias in held_aliases(vocab.makes) for w in alias.split()}  # "hanwha", held as "Wisenet"
    found |= {w for _value, (header, _raw) in vocab.others.items() for w in key(header).split()}
    return found | _cell_words(vocab)  # "in good condition": the column's own name, and its values


def _split_slashes(text: str) -> str:
    """ "hik/dahua" is two words, as the vendor reader sees them ("2026/27" stays one)."""
    return re.sub(r"(?<=[a-z])/(?=[a-z])", " ", text)


def _value_words(words: list[str], vocab: Vocab) -> list[tuple[int, int]]:
    """Spans read as property names, property types ("tower blocks") or other columns' values
    ("port forwarding")."""
    return [(s, e) for s, e, _n in phrase_spans([norm(w) for w in words], vocab.names)] + \
        [(s, e) for s, e, _t in type_spans([key(w) for w in words], vocab.types)] + \
        [(s, e) for s, e, _h, _v in value_spans(words, vocab.others)]


_ASKING = re.compile(r"\b([a-z]+ed)(?= (?:(?:at|for|in|of|on) )?(?:(?:a|an|the) )?"
                     rf"(?:{P.LIST.pattern}|{P.COUNT.pattern}))")
"""A reported question's verb ("a member has asked which sites ..."): the past-tense word just
before the question's own list or count cue introduces the question, it is no condition of it."""


def _reporting(text: str) -> set[int]:
    """Word positions of the verbs that introduce a reported question."""
    return {len(text[: m.start(1)].split()) for m in _ASKING.finditer(text) if m.start(1) > 0}


def unread_condition(text: str, vocab: Vocab, vendors: VendorCatalogue,
                     fillers: frozenset[str] = frozenset()) -> str | None:
    """The first condition-like words of a cleaned question that nothing reads, or None.
    ``fillers`` are words found to carry nothing of the question's meaning (see ``weighed``)."""
    text = _split_slashes(text)
    if text.split() != words_of(text):
        return None  # punctuation would misalign the word positions: don't judge
    words, read, values = text.split(), _read_words(text, vendors, vocab), _values(vocab)
    read = [r or w in fillers for w, r in zip(words, read, strict=True)]
    for start, end in _value_words(words, vocab):
        read[start:end] = [True] * (end - start)
    for n in _reporting(text):
        read[n] = True
    for found in (_SUBJECT.search(text), _ACTOR.search(text)):
        if found:
            first = len(text[: found.start(1)].split())
            unread = [w for n, w in enumerate(words[first : first + len(found[1].split())], start=first)
                      if not read[n] and not _known(w, vocab, values)]
            if unread:
                return " ".join(unread)
    if turned := _unread_negation(words, read, vocab, values):
        return turned
    if named := [w for w, r in zip(words, read, strict=True) if not r and (
            w in _name_words(vocab) or not (_known(w, vocab, values) or is_english(w)))]:
        return " ".join(named)  # a part of some property's name, or a name no English word is ("hanwha")
    marked = " ".join(_READ if r else w for w, r in zip(words, read, strict=True))
    for m in _SLOT.finditer(marked):
        slot = m[1].split()
        if slot[0] == _READ:  # the slot starts with something read ("have remote viewing") ...
            rest = slot[1:]  # ... but "have cameras in poor nick" still says how they are
            unread = [w for w in rest[1:] if w != _READ and not _known(w, vocab, values)] \
                if rest and rest[0] in _CONDITION_PREPS else []
            if unread:
                return " ".join(unread)
            continue
        unread = [w for w in slot if not _known(w, vocab, values)]
        if unread:
            return " ".join(unread)
    return None


FILLER_SHIFT = 0.015
"""Words the register can't read, whose removal (all together) moves the question's embedding
less than this (cosine distance), say nothing the rest of the question doesn't: "exposed
directly to the internet" (0.010), "has come out (whether removed or disposed of)" (0.013).
A condition of its own moves it more: "the same make as" 0.017, "a network connection" 0.053,
"external cameras" 0.054, "PTZ" 0.15; so do some that add nothing ("linked up through a 4G
router" 0.027), which are refused: an abstention costs less than a dropped condition. A
negation is never weighed: what it rules out must be read."""
_MEMO_SIZE = 4096
"""Weighings kept per register generation (each is one embedding call)."""
_MOST_WEIGHED = 3
"""Slots weighed in turn before the question is refused: each weighing embeds the question."""


def weighed(text: str, question: str, vocab: Vocab, store: Any) -> tuple[str | None, list[str]]:
    """``unread_condition`` of the cleaned ``text``, without the words that carry nothing of
    the ``question``'s meaning (when the store can embed; else every unread word counts), and
    those words, for the answer to say it read past them."""
    unread = unread_condition(text, vocab, store.vendors)
    embed = getattr(store, "embed", None)
    fillers: list[str] = []
    for _ in range(_MOST_WEIGHED):
        if unread is None or embed is None:
            break
        tried = [w for w in dict.fromkeys(unread.split()) if w not in fillers]
        if set(tried) & NEGATION_WORDS or not all(re.search(rf"\b{re.escape(w)}\b", question, re.I) for w in tried) \
                or _shift(question, tried, embed, store) >= FILLER_SHIFT:
            break  # the words are weighed together: "the same make" is a condition, however little "same" says
        fillers += tried
        unread = unread_condition(text, vocab, store.vendors, frozenset(fillers))
    return unread, fillers if unread is None else []


def _shift(question: str, words: list[str], embed: Any, store: Any) -> float:
    memo: dict[tuple[str, ...], float] = store.cached("shifts", lambda _store: {})
    if len(memo) >= _MEMO_SIZE:
        memo.clear()  # a long-running bot: refused questions are not kept for ever
    if (question, *words) not in memo:
        rest = question
        for word in words:
            rest = without(rest, word)
        memo[(question, *words)] = shifts(embed, question, [rest])[0]
    return memo[(question, *words)]


def _unread_negation(words: list[str], read: list[bool], vocab: Vocab, values: frozenset[str]) -> str | None:
    """The first negation no phrase reads, with the unread words after it ("arent flagged"),
    or None. A negation right before a value, place or make ("not in Northgate", "excluding
    libraries") is its reader's to exclude: marked read in ``read``. "no of cams" is a number."""
    for n, word in enumerate(words):
        if word not in NEGATION_WORDS or read[n] or words[n + 1 : n + 2] == ["of"]:
            continue
        end = next((m for m in range(n + 1, len(words))
                    if read[m] or (words[m] not in PLAIN_WORDS and _known(words[m], vocab, values))), len(words))
        if end < len(words) and not read[end] and _header_only(words[end], vocab):
            return " ".join(words[n:end + 1])  # "no network": a column's name, which no reader excludes
        if end == len(words) or not P.NEGATION.match(" ".join(words[n:end]) + " "):
            return " ".join(words[n:end])
        read[n:end] = [True] * (end - n)
    return None


def _header_only(word: str, vocab: Vocab) -> bool:
    """A word of a column's name that no cell, place, make or property name holds ("network" of
    the "network" column): what is negated before it is the column, which no reader excludes."""
    if "cell words" not in vocab.memo:
        names = {w for phrase in vocab.names for w in phrase.split()}
        vocab.memo["cell words"] = frozenset(_phrase_words(vocab) | names | _cell_words(vocab))
    return word in vocab.headers and word not in vocab.memo["cell words"]


def uncovered(text: str, vocab: Vocab, vendors: VendorCatalogue) -> list[str]:
    """Every word of a cleaned question that no reading, register value or plain word covers."""
    text = " ".join(w for w in text.split() if not re.fullmatch(r"[\d/£\-]+", w))  # numbers are read as values
    text = _split_slashes(text)
    if text.split() != words_of(text):
        return text.split()
    words, read, values = text.split(), _read_words(text, vendors, vocab), _values(vocab)
    for start, end in _value_words(words, vocab):
        read[start:end] = [True] * (end - start)
    return [w for w, r in zip(words, read, strict=True) if not r and not _known(w.removesuffix("s"), vocab, values)
            and not _known(w, vocab, values)]


def unread_in(question: str, store: Any) -> str | None:
    """The unread condition of a question, for the refusal message."""
    from knowledge.register.parse import clean
    from knowledge.register.vocab import build_vocab

    vocab: Vocab = store.cached("vocab", build_vocab)
    return unread_condition(clean(question), vocab, store.vendors)


def unread_words(question: str, store: Any) -> list[str]:
    """Every word of the question that the register does not read, for a refusal to report."""
    from knowledge.register.parse import clean
    from knowledge.register.vocab import build_vocab

    vocab: Vocab = store.cached("vocab", build_vocab)
    return uncovered(clean(question), vocab, store.vendors)


def unread_listing(question: str, store: Any) -> list[str]:
    """The unread words of a question that asks the register for its own properties by what it
    holds ("find the buildings with a Hikvision model number and nothing in the brand column"):
    sites, linked to a make or a value, in clauses that ask nothing of the documents. Such a
    question is the register's to refuse; the documents can't list its rows."""
    from knowledge.register.explain import links_of
    from knowledge.register.kept import kept_clauses
    from knowledge.register.vocab import build_vocab

    text = kept_clauses(question, store)
    if not re.search(rf"\b({P.ENTITY['properties']})\b", text):
        return []
    if not links_of(text, store):
        return []
    vocab: Vocab = store.cached("vocab", build_vocab)
    return uncovered(text, vocab, store.vendors)
