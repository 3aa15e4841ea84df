"""Misspelt question words ("wich", "conected") read as the word the parser or register knows.

The lexicon is what cllr reads already: the words of its own phrase patterns, the plain words
file and the register's values and headers. A word is corrected only when it is in neither that
lexicon nor an English dictionary (pyspellchecker's), and then only to a single clearly closest
lexicon word (a dropped or doubled letter in a short word; one slip in a long one). A real word
("plan", "stated") or an unknown one that is no slip stays as it is, and is still reported as
unread when nothing reads it.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher, get_close_matches
from typing import Any

from knowledge.read.english import in_dictionary
from knowledge.register.unread import _PATTERNS, _read_words, _values
from knowledge.register.vocab import PLAIN_WORDS, Vocab, build_vocab

CUTOFF = 0.88
"""Similarity (difflib's ratio) a correction needs: a four-letter word missing one letter ("wich"),
not a four-letter word with one too many ("anpr" is not "apr")."""
_MIN_LENGTH = 4


def _pattern_words() -> frozenset[str]:
    words: set[str] = set()
    for pattern in _PATTERNS:
        source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
        source = re.sub(r"\\[a-zA-Z]", " ", source)  # \b, \s, \d are not letters of a word
        words.update(w for w in re.findall(r"[a-z]+", source) if len(w) >= 3)
    return frozenset(words)


_PATTERN_WORDS = _pattern_words()


def lexicon(store: Any) -> frozenset[str]:
    """Every word the parser reads or the register holds (memoised per table generation)."""
    vocab: Vocab = store.cached("vocab", build_vocab)
    return frozenset(_PATTERN_WORDS | PLAIN_WORDS | {w for w in _values(vocab) if w.isalpha()})


def corrections(text: str, store: Any) -> dict[str, str]:
    """Misspelt words of a cleaned question and the lexicon word each stands for."""
    known: frozenset[str] = store.cached("spelling", lexicon)
    words = text.split()
    read = _read_words(text, store.vendors)
    if len(words) != len(read):
        return {}
    out: dict[str, str] = {}
    for word, was_read in zip(words, read, strict=True):
        if was_read or len(word) < _MIN_LENGTH or not word.isalpha() or word in known or word in out:
            continue
        if word.removesuffix("s") in known or in_dictionary(word):
            continue
        best = _closest(word, known)
        if best is not None:
            out[word] = best
    return out


def _closest(word: str, known: frozenset[str]) -> str | None:
    near = get_close_matches(word, known, n=3, cutoff=CUTOFF)
    if not near:
        return None
    scores = [SequenceMatcher(None, word, w).ratio() for w in near]
    if len(near) > 1 and scores[1] == scores[0]:
        return None  # two words are as close: not a clear slip
    return near[0]


def respelt(text: str, store: Any) -> str:
    """``text`` with each misspelt word replaced."""
    fixed = corrections(text, store)
    return " ".join(fixed.get(w, w) for w in text.split()) if fixed else text
