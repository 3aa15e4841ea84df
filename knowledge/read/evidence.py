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


PHRASES_SET = "phrases-1"
"""The file the corpus's capitalised phrases are kept in beside the corpus copy."""
_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)+")
"""Capitalised words in a row on one line ("Kestwick House", "Councillor Farah Lindqvist")."""
PHRASE_WORDS = 4


def corpus_phrases(corpus: Corpus) -> frozenset[str]:
    """Every run of two to four words the corpus writes as one name, with a word general English
    doesn't use ("Kestwick House", not "Car Park"), as stems joined by spaces."""
    return corpus.word_set(PHRASES_SET, lambda: _phrases(corpus))


def _phrases(corpus: Corpus) -> set[str]:
    out: set[str] = set()
    for chunk in corpus.chunks:
        if chunk.meta.get("kind") == "register":
            continue
        for match in _RUN.finditer(chunk.text):
            said = match.group(0).split()
            toks = [stem(w.lower()) for w in said]
            out.update(" ".join(toks[i:j]) for i in range(len(toks))
                       for j in range(i + 2, min(len(toks), i + PHRASE_WORDS) + 1)
                       if not all(is_english(w) for w in said[i:j]))  # "Car Park", "District Council": words
    return out


def named_phrases(words: list[str], corpus: Corpus) -> list[list[str]]:
    """The runs of a question's words (stemmed, in order) that the corpus writes as one name,
    longest first and not overlapping: "the door access at kestwick house" names "Kestwick House"
    however it is typed."""
    phrases = corpus_phrases(corpus)
    out: list[list[str]] = []
    n = 0
    while n < len(words):
        size = next((k for k in range(min(PHRASE_WORDS, len(words) - n), 1, -1)
                     if " ".join(words[n:n + k]) in phrases and not set(words[n:n + k]) <= STOPWORDS), 0)
        if size:
            out.append(words[n:n + size])
        n += size or 1
    return out


COUNCILS_SET = "councils-3"
OWN_LEAD = 2
"""The corpus's own council is named in at least this many times as many documents as any other."""


def own_council(corpus: Corpus) -> str | None:
    """The council whose papers these are: the one its documents name far more often than any
    other ("Westmarch County Council"), or None where no council stands out."""
    found = corpus.word_set(COUNCILS_SET, lambda: _own_council(corpus))
    return next(iter(found), None)


def _own_council(corpus: Corpus) -> set[str]:
    docs: Counter[str] = Counter()
    for source in {c.source for c in corpus.chunks if c.meta.get("kind") != "register"}:
        docs.update(set(councils(" ".join(c.text for c in corpus.of_source(source)))))
    ranked = docs.most_common(2)
    if not ranked or ranked[0][1] < OWN_LEAD or (len(ranked) > 1 and ranked[0][1] < OWN_LEAD * ranked[1][1]):
        return set()
    return {ranked[0][0]}


def without_own_council(question: str, corpus: Corpus) -> str:
    """The question without the corpus's own council's name, however it is typed ("which
    westmarch county council libraries ..."): the register is all the council's own, and the
    name filters nothing (a property named "Westmarch Library ..." is not the council)."""
    own = own_council(corpus)
    if own is None:
        return question
    return re.sub(r"\s+".join(map(re.escape, own.split())), " ", question, flags=re.I)


def other_council(question: str, corpus: Corpus) -> bool:
    """Does the question name a council other than the corpus's own? Its register is not theirs."""
    return bool(set(councils(question)) - {own_council(corpus)})


def councils(text: str) -> list[str]:
    """Councils named in full: a run of three or more capitalised words ending in "Council"
    ("Brackenfield District Council", not the meeting "Full Council"), without a capitalised
    word before the name ("In Brackenfield ...")."""
    out = []
    for match in _RUN.finditer(text):
        said = match.group(0).lower().split()
        while len(said) > 2 and said[0] in STOPWORDS:
            said.pop(0)
        if said[-1] == "council" and len(said) >= 3:  # a name and its kind; "Full Council" is a meeting
            out.append(" ".join(said))
    return out
