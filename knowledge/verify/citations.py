"""Citation verification: every quote must be verbatim text of its source at its locator."""

from __future__ import annotations

from collections.abc import Iterable

from knowledge.gather.sentences import normalise
from knowledge.index.corpus import Corpus
from knowledge.types import Citation


def verify(citation: Citation, corpus: Corpus, levels: frozenset[str]) -> bool:
    """True when the quote occurs in a visible live chunk of that source at that locator."""
    quote = normalise(citation.quote)
    if not quote:
        return False
    for chunk in corpus.of_source(citation.source):
        if chunk.access not in levels:
            continue
        if str(chunk.meta.get("locator", "")) != citation.locator:
            continue
        if quote in normalise(chunk.text):
            return True
    return False


def verified(citations: Iterable[Citation], corpus: Corpus, levels: frozenset[str]) -> list[Citation]:
    """The citations that pass :func:`verify`; the rest are dropped."""
    return [c for c in citations if verify(c, corpus, levels)]
