"""Is a word ordinary English, or a name? Data bundled with two packages says so, without a word
list of our own and without the network: how often general English text uses a word
(``wordfreq``, informal forms included), and whether a dictionary holds it (``pyspellchecker``).

A question word that no document uses is usually another way of saying what the documents
say ("ditching" for "stop using"). But a word that is neither in the documents nor in English
("Pellingham") names something, a place, a body or a product, that the sources never mention:
the question is about something else, however well its other words match. The register reader
uses the dictionary, which is stricter, to tell a slip ("wich", common enough in web text) from a
real word it does not read ("plan").
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches
from functools import lru_cache
from typing import Any

ENGLISH_ZIPF = 2.0
"""Zipf frequency (log10 uses per billion words) at or above which a word is ordinary English:
"ditching" 3.1, "firmware" 3.2, "prem" and "depts" over 2; "bodycam" 1.6, "pellingham" 0."""
CORE_SHARE = 0.5
CORE_ZIPF = 3.0
"""A core of at least this share of a word's letters (five or more), this frequent, makes it English."""
NEAR_SPELLING = 0.85
"""A word this close (difflib's ratio) to a name the documents use is a misspelling of it."""


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(distance=1).word_frequency


def in_dictionary(word: str) -> bool:
    """A word of the dictionary, or a contraction written without its apostrophe ("theyd")."""
    known = _dictionary()
    return word in known or any(f"{word[:-n]}'{word[-n:]}" in known for n in (1, 2, 3) if len(word) > n)


@lru_cache(maxsize=4096)
def is_english(word: str) -> bool:
    """Used in general English text, clipped and informal forms included ("prem", "depts"): word
    frequencies from the ``wordfreq`` package, which, unlike a dictionary, counts how people
    write. A word built on a common word ("redeployable" on "deploy") is English too."""
    from wordfreq import zipf_frequency

    word = word.lower()
    if zipf_frequency(word, "en") >= ENGLISH_ZIPF:
        return True
    size = max(5, round(CORE_SHARE * len(word)))
    return any(zipf_frequency(word[i:i + n], "en") >= CORE_ZIPF
               for n in range(size, len(word)) for i in range(len(word) - n + 1))


def misspells(word: str, known: Iterable[str]) -> bool:
    """Is ``word`` a near spelling of one of ``known`` ("hikvison" of "hikvision")?"""
    return len(word) >= 5 and bool(get_close_matches(word, list(known), n=1, cutoff=NEAR_SPELLING))
