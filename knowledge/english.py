"""Is a word ordinary English, or a name? Word frequencies from general English text (the
``wordfreq`` package, bundled data, no network) say so without a word list of our own.

A question word that no document uses is usually another way of saying what the documents
say ("ditching" for "stop using"). But a word that is neither in the documents nor in general
English ("Pellingham") names something, a place, a body or a product, that the sources never
mention: the question is about something else, however well its other words match.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

ENGLISH_ZIPF = 2.0
"""Zipf frequency (log10 uses per billion words) at or above which a word is ordinary English:
"ditching" 3.1, "firmware" 3.2, "darlington" 3.1; "bodycam" 1.6, "pellingham" 0."""
NEAR_SPELLING = 85.0
"""A word this close (rapidfuzz ratio, 0-100) to one the documents use is taken as a misspelling of it."""


CORE_SHARE = 0.5
CORE_ZIPF = 3.0
"""A word built on a common English word ("redeployable" on "deploy") is English too: a core of
at least this share of its letters, this frequent."""


@lru_cache(maxsize=4096)
def is_english(word: str) -> bool:
    from wordfreq import zipf_frequency

    word = word.lower()
    if zipf_frequency(word, "en") >= ENGLISH_ZIPF:
        return True
    size = max(5, round(CORE_SHARE * len(word)))
    return any(zipf_frequency(word[i:i + n], "en") >= CORE_ZIPF
               for n in range(size, len(word)) for i in range(len(word) - n + 1))


def misspells(word: str, known: Iterable[str]) -> bool:
    """Is ``word`` a near spelling of one of ``known`` ("hikvison" of "hikvision")?"""
    from rapidfuzz import fuzz, process

    return len(word) >= 5 and process.extractOne(word, list(known), scorer=fuzz.ratio,
                                                  score_cutoff=NEAR_SPELLING) is not None
