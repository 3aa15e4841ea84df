"""The live corpus held in memory: chunk texts, metadata and a BM25 index over them.

It is rebuilt from the store when the manifest's generation changes, which is how a
reindex on one replica becomes visible to the others.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from knowledge.store import ChunkStore
from knowledge.text import tokens
from knowledge.thesaurus import related

OTHER_VOICE = re.compile(
    r"\b(opposition (political )?group|political group|(party|group) spokesperson|"
    r"not (a statement of|an? (official )?statement of|the view of) (the )?council|not council policy)\b",
    re.I)
"""Wording by which a document says it speaks for a political group, not for the council."""


DOCUMENT_WORDS = frozenset(tokens(
    "policy policies code standard rule rules note guidance instruction bulletin procedure strategy plan "
    "report minutes statement briefing charter protocol framework schedule register answer response"))
"""Words that make a title part the name of a document, not a subject."""


@dataclass(frozen=True)
class Chunk:
    id: str
    text: str
    meta: dict[str, Any]

    @property
    def source(self) -> str:
        return str(self.meta.get("source", ""))

    @property
    def access(self) -> str:
        return str(self.meta.get("access", "public"))


MASTHEAD_WORDS = 12
ISSUER_DOCS = 2


@dataclass
class Corpus:
    generation: str = ""
    chunks: list[Chunk] = field(default_factory=list)
    manifest: dict[str, dict[str, Any]] = field(default_factory=dict)
    doc_freq: Counter[str] = field(default_factory=Counter)
    _bm25: Any = None
    _position: dict[str, int] = field(default_factory=dict)
    _by_source: dict[str, list[Chunk]] = field(default_factory=dict)
    _vocab: dict[str, set[str]] = field(default_factory=dict)
    _other_voice: dict[str, bool] = field(default_factory=dict)
    _byline: dict[str, set[str]] = field(default_factory=dict)
    _masthead: dict[str, set[str]] = field(default_factory=dict)
    _issuers: dict[frozenset[str], list[str]] = field(default_factory=dict)
    _titles: dict[str, list[frozenset[str]]] | None = None
    _access: np.ndarray = field(default_factory=lambda: np.array([], dtype=object))
    _kinds: np.ndarray = field(default_factory=lambda: np.array([], dtype=object))

    @classmethod
    def load(cls, store: ChunkStore) -> Corpus:
        generation = str(store.meta().get("generation", ""))
        manifest = store.manifest()
        live = {s: r.get("file_hash") for s, r in manifest.items()}
        chunks = [
            Chunk(cid, text or "", meta or {})
            for cid, text, meta in store.all_chunks()
            if live.get(str((meta or {}).get("source"))) == (meta or {}).get("file_hash")
        ]
        chunks.sort(key=lambda c: (c.source, int(c.meta.get("chunk", 0))))
        corpus = cls(generation=generation, chunks=chunks, manifest=manifest)
        corpus._build()
        return corpus

    def _build(self) -> None:
        import bm25s

        tokenised = [tokens(c.text + " " + str(c.meta.get("title", ""))) or ["_"] for c in self.chunks]
        for chunk, toks in zip(self.chunks, tokenised, strict=True):
            self.doc_freq.update(set(toks))
            self._vocab.setdefault(chunk.source, set()).update(toks)
        self._position = {c.id: i for i, c in enumerate(self.chunks)}
        for chunk in self.chunks:
            self._by_source.setdefault(chunk.source, []).append(chunk)
        self._access = np.array([c.access for c in self.chunks], dtype=object)
        self._kinds = np.array([c.meta.get("kind", "other") for c in self.chunks], dtype=object)
        if self.chunks:
            self._bm25 = bm25s.BM25()
            self._bm25.index(tokenised, show_progress=False)

    def __len__(self) -> int:
        return len(self.chunks)

    def get(self, chunk_id: str) -> Chunk | None:
        pos = self._position.get(chunk_id)
        return None if pos is None else self.chunks[pos]

    def vocabulary(self, source: str) -> set[str]:
        """Every token of one document: what the document as a whole is about."""
        return self._vocab.get(source, set())

    def named_in(self, question: str) -> dict[str, set[str]]:
        """Documents the question names by title ("under our IT security policy", "the code of
        practice"), each with the title words it uses: every word of a part of the title, a part
        of three words or more, or of two that say what kind of document it is ("street lighting"
        is a subject; "connection rule" names a document)."""
        asked = set(tokens(question))
        named: dict[str, set[str]] = {}
        for source, parts in self._title_parts().items():
            for words in parts:
                if words <= asked:
                    named.setdefault(source, set()).update(words)
        return named

    def issued_by(self, phrases: list[list[str]]) -> list[str]:
        """Documents whose opening lines name a body the question names ("the Independent and
        Green Alliance", "the opposition"): its own statements. A name that heads more than two
        documents is a subject ("Castor Lamps lanterns"), and so is one word used across the
        papers ("camera" in a title)."""
        named: list[str] = []
        for phrase in {frozenset(p) for p in phrases if not any(t.isdigit() for t in p)}:
            named += [h for h in self._heads(phrase) if h not in named]
        return named

    def _heads(self, phrase: frozenset[str]) -> list[str]:
        """The (at most two) documents a name heads, worked out once per name and corpus."""
        if phrase not in self._issuers:
            heads = [source for source in self._by_source if phrase <= self.masthead(source)]
            common = len(phrase) == 1 and sum(phrase <= self.vocabulary(s) for s in self._by_source) > ISSUER_DOCS
            self._issuers[phrase] = heads if len(heads) <= ISSUER_DOCS and not common else []
        return self._issuers[phrase]

    def masthead(self, source: str) -> set[str]:
        """Tokens of the short lines among a document's first two (its title, who issued it);
        a first line that is already a sentence of the text says nothing about its issuer."""
        if source not in self._masthead:
            first = self.of_source(source)[:1]
            lines = [ln for ln in first[0].text.splitlines() if ln.strip()][:2] if first else []
            self._masthead[source] = set(tokens(" ".join(ln for ln in lines if len(ln.split()) <= MASTHEAD_WORDS)))
        return self._masthead[source]

    def _title_parts(self) -> dict[str, list[frozenset[str]]]:
        """Each document's title parts that could name it, worked out once per corpus."""
        if self._titles is None:
            self._titles = {}
            for source, chunks in self._by_source.items():
                title = re.sub(r"\([^)]*\)", " ", str(chunks[0].meta.get("title") or ""))
                parts = [frozenset(t for t in tokens(p) if not any(ch.isdigit() for ch in t))
                         for p in re.split(r"\s[–|-]\s|:\s", title)]
                self._titles[source] = [w for w in parts if len(w) >= 3 or (len(w) == 2 and w & DOCUMENT_WORDS)]
        return self._titles

    def byline(self, source: str) -> set[str]:
        """Tokens of a document's first two lines: its title and who issued it."""
        if source not in self._byline:
            first = self.of_source(source)[:1]
            lines = [ln for ln in first[0].text.splitlines() if ln.strip()][:2] if first else []
            self._byline[source] = set(tokens(" ".join(lines)))
        return self._byline[source]

    def speaks_for_others(self, source: str) -> bool:
        """Does the document say it is not the council's voice (an opposition or political
        group's statement, "not a statement of council policy")?"""
        if source not in self._other_voice:
            text = " ".join(c.text for c in self.of_source(source)[:40])
            self._other_voice[source] = bool(OTHER_VOICE.search(text))
        return self._other_voice[source]

    def of_source(self, source: str) -> list[Chunk]:
        return self._by_source.get(source, [])

    def idf(self, token: str) -> float:
        n = max(len(self.chunks), 1)
        return math.log(1 + (n - self.doc_freq.get(token, 0) + 0.5) / (self.doc_freq.get(token, 0) + 0.5))

    def knows(self, token: str) -> bool:
        return self.doc_freq.get(token, 0) > 0

    def bm25(self, query: str, k: int, allowed: np.ndarray | None = None) -> list[tuple[Chunk, float]]:
        asked = tokens(query)
        qtoks = [t for t in dict.fromkeys([*asked, *sorted(related(asked))]) if self.knows(t)]
        if not qtoks or self._bm25 is None:
            return []
        k = min(k, len(self.chunks))
        mask = None if allowed is None else allowed.astype(np.float32)
        docs, scores = self._bm25.retrieve(
            [qtoks], k=k, show_progress=False, weight_mask=mask, n_threads=0
        )
        return [
            (self.chunks[int(i)], float(s)) for i, s in zip(docs[0], scores[0], strict=True) if s > 0
        ]

    def mask(self, levels: frozenset[str], kinds: frozenset[str] | None = None,
             sources: frozenset[str] | None = None, exclude_kinds: frozenset[str] = frozenset()) -> np.ndarray:
        allowed = np.isin(self._access, list(levels))
        if exclude_kinds:
            allowed &= ~np.isin(self._kinds, list(exclude_kinds))
        if sources:
            allowed &= np.array([c.source in sources for c in self.chunks], dtype=bool)
        if kinds:
            allowed &= np.isin(self._kinds, list(kinds))
        return allowed
