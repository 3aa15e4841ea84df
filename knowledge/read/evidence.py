"""Evidence the corpus itself gives about a question's words: which are names.

A question typed in lower case ("how many cameras does north tyneside run?") still names a
place, a body or a person. The corpus says which of its words are names: the ones its writers
capitalise in the middle of a sentence, that some document's title or opening lines use (who
issued it, what it is about), and that only some documents use ("Darlington", "Tyneside"; not
"camera", which every page writes in lower case, nor "Council", which most pages use).
Such a name must be found in the passage an answer cites, or in its document's title or
opening: a near-miss passage about another council is not an answer.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from knowledge.read.english import is_english
from knowledge.text import STOPWORDS, stem

if TYPE_CHECKING:
    from knowledge.index.corpus import Corpus

NAME_SHARE = 0.8
"""A word is a name when at least this share of its mid-sentence uses are capitalised ..."""
NAME_DOCS = 0.5
"""... and at most this share of the documents use it (a word on every page names nothing)."""
_MID = re.compile(r"(?<=[^\s.!?:#] )([A-Za-z][a-z]+|[A-Z][A-Za-z]*[A-Z][a-z]*)\b")
"""A word after another word in running text (not opening a sentence or line): its capital,
if any, is the writer's choice. Acronyms ("ANPR", "DPIA") count as written in capitals."""
NAMES_SET = "names-2"
"""The file the names are kept in beside the corpus copy; a new reading of names, a new file."""
_WORD = re.compile(r"[A-Za-z][a-z]+")


def corpus_names(corpus: Corpus) -> frozenset[str]:
    """Stems of the words the corpus writes as names, worked out once per generation."""
    return corpus.word_set(NAMES_SET, lambda: _names(corpus))


def _names(corpus: Corpus) -> frozenset[str]:
    capital: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    docs: dict[str, set[str]] = {}
    for chunk in corpus.chunks:
        if chunk.meta.get("kind") == "register":
            continue  # a register's cells are capitalised wholesale
        for match in _MID.finditer(chunk.text):
            word = match.group(1)
            if not word[1:].islower() and is_english(word):
                continue  # "CCTV", "FOI": capitals English writes anyway; "ANPR", "DPIA" name things
            token = stem(word.lower())
            seen[token] += 1
            capital[token] += word[0].isupper()
        for word in set(_WORD.findall(chunk.text)):
            docs.setdefault(stem(word.lower()), set()).add(chunk.source)
    sources = {c.source for c in corpus.chunks if c.meta.get("kind") != "register"}
    heads = {t for s in sources for t in corpus.byline(s)}
    return frozenset(
        t for t, n in seen.items()
        if t not in STOPWORDS and len(t) > 2 and (capital[t] == n >= 2 or (capital[t] >= NAME_SHARE * n and t in heads))
        and len(docs.get(t, ())) <= max(1.0, NAME_DOCS * len(sources)))


def named_terms(terms: list[str], corpus: Corpus) -> list[str]:
    """The question's terms that the corpus writes as names."""
    names = corpus_names(corpus)
    return [t for t in terms if t in names]
