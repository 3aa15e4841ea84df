"""Silence: the words of a question no document uses. A name the sources never mention
("Pellingham Town Council"), or the topic asked about ("what did the committee say about
drones?"), means the sources can't answer, however well the rest of the question matches."""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.index.corpus import Corpus
from knowledge.read.brands import brand_names
from knowledge.read.english import is_english, misspells
from knowledge.read.evidence import corpus_names
from knowledge.read.question import QuestionInfo
from knowledge.read.thesaurus import related
from knowledge.text import STOPWORDS, stem, words


def unknown_terms(info: QuestionInfo, corpus: Corpus) -> list[str]:
    """Specific names in the question that no visible document mentions at all, and the fact
    asked about a named thing ("Jo Bloggs's salary") when no document uses that word."""
    def knows(token: str) -> bool:  # "Hikvision" is known where only its Ezviz brand is named
        return corpus.knows(token) or any(corpus.knows(b) for b in brand_names().get(token, ()))

    unknown = [" ".join(s) for s in info.specific if not any(knows(t) for t in s)
               or not all(knows(p) for p in s if not any(c in p for c in "/-."))]
    if info.attribute and not corpus.knows(stem(info.attribute)):
        unknown.append(info.attribute)
    unknown += [w for w in _names_unknown(info, corpus, knows) if w not in unknown]
    topics = [m.group(1) for m in _ABOUT.finditer(info.text)]  # "what did the committee say about drones?"
    topics += [m.group(1) for m in _ASKED_NOUN.finditer(info.text)]  # "what warranty did we get ...?"
    for topic in topics:
        for word in re.findall(r"[a-z][a-z']+", topic.lower()):  # "chinese-made": each part
            token = stem(word)
            if len(word) > 3 and word not in _VAGUE and token not in STOPWORDS and not knows(token) \
                    and not any(corpus.knows(r) for r in related({token})) and word not in unknown:
                unknown.append(word)
    return unknown


def _names_unknown(info: QuestionInfo, corpus: Corpus, knows: Callable[[str], bool]) -> list[str]:
    """The question's words that neither the documents nor general English use, nor spell a
    name the documents use a little differently: names of things the sources never mention
    ("how many cameras does Pellingham Town Council have?")."""
    surface = {stem(w): w for w in words(info.text)}
    strange = [t for t in info.terms if t in surface and len(t) > 2 and t.isalpha() and not knows(t)
               and not is_english(surface[t]) and not is_english(t)]
    known = corpus_names(corpus) | set(brand_names()) if strange else frozenset()
    return [surface[t] for t in strange if not misspells(t, known)]


_ABOUT = re.compile(r"\b(?:about|regarding|concerning|on the subject of)\s+((?:[\w'-]+\s*){1,4}?)"
                    r"(?=\s+(?:in|at|on|for|from|since|during|by|to|and|or|with)\b|[?.,;]|$)", re.I)
"""The topic a question asks about ("about drones"): a word of it that no document uses means
the sources are silent on it, however well the rest of the question matches."""
_ASKED_NOUN = re.compile(r"^\s*(?:what|which)\s+([a-z]{4,})\s+(?:did|does|do|is|was|are|were|has|have|will)\b",
                         re.I)
"""The thing a question asks for by name ("what warranty did we get?")."""


def asked_noun(question: str) -> str | None:
    """The stem of the thing a question asks for by name ("what firmware is ..." -> "firmwar")."""
    found = _ASKED_NOUN.search(question)
    return stem(found[1].lower()) if found else None
_VAGUE = frozenset("kit stuff thing things lot bit issue issues matter matters situation position latest".split())
