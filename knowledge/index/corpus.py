"""The live corpus: chunk texts, metadata and a BM25 index over them.

It is reloaded when the manifest's generation changes, which is how a reindex on one replica
becomes visible to the others. Each generation's corpus is built once from the store and kept
in the data dir (``knowledge.index.corpus_cache``); a process then maps that copy, so its start-up
does not grow with the index.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.index.store import ChunkStore
from knowledge.read.thesaurus import related
from knowledge.text import tokens

OTHER_VOICE = re.compile(
    r"\b(opposition (political )?group|political group|(party|group) spokesperson|"
    r"not (a statement of|an? (official )?statement of|the view of) (the )?council|not council policy)\b",
    re.I)
"""Wording by which a document says it speaks for a political group, not for the council."""


DOCUMENT_WORDS = frozenset(tokens(
    "policy policies code standard rule rules note guidance instruction bulletin procedure strategy plan "
    "report minutes statement briefing charter protocol framework schedule register answer response"))
"""Words that make a title part the name of a document, not a subject."""


def _short_title(title: frozenset[str], asked: set[str]) -> bool:
    """A long title said short: every word but one of a part of four words or more, its kind of
    document among them ("the connected devices standard" for "Connected Devices Security Standard")."""
    said = title & asked
    return len(title) >= 4 and len(said) >= len(title) - 1 and bool(said & DOCUMENT_WORDS)


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


@dataclass(frozen=True)
class Codes:
    """One label per chunk (its access level, kind or source) as small integer codes."""

    labels: Sequence[str] = ()
    codes: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int32))

    @classmethod
    def of(cls, values: Iterable[str]) -> Codes:
        values = list(values)
        labels = tuple(dict.fromkeys(values))
        index = {label: i for i, label in enumerate(labels)}
        return cls(labels, np.array([index[v] for v in values], dtype=np.int32))

    def isin(self, wanted: Iterable[str]) -> np.ndarray:
        keep = set(wanted)
        return np.isin(self.codes, [i for i, label in enumerate(self.labels) if label in keep])


@dataclass
class Corpus:
    generation: str = ""
    chunks: Sequence[Chunk] = field(default_factory=list)
    registers: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The manifest's records of register files: what the register table is made from."""
    doc_freq: Mapping[str, int] = field(default_factory=dict)
    _source_freq: Mapping[str, int] = field(default_factory=dict)
    _token_ids: Mapping[str, int] = field(default_factory=dict)
    _bm25: Any = None
    _position: Mapping[str, int] = field(default_factory=dict)
    _by_source: Mapping[str, Sequence[Chunk]] = field(default_factory=dict)
    _vocab: Mapping[str, set[str]] = field(default_factory=dict)
    _access: Codes = field(default_factory=Codes)
    _kinds: Codes = field(default_factory=Codes)
    _sources: Codes = field(default_factory=Codes)
    home: Path | None = None
    """The kept copy this corpus reads from, if any."""
    _words: dict[str, frozenset[str]] = field(default_factory=dict)
    _other_voice: dict[str, bool] = field(default_factory=dict)
    _byline: dict[str, set[str]] = field(default_factory=dict)
    _masthead: dict[str, set[str]] = field(default_factory=dict)
    _issuers: dict[frozenset[str], list[str]] = field(default_factory=dict)
    _titles: dict[str, list[frozenset[str]]] | None = None

    @classmethod
    def load(cls, store: ChunkStore, kept: Path | None = None) -> Corpus:
        """The live corpus: mapped from its copy under ``kept`` (``<data>/corpus``) when one was
        kept for this generation, else built from the store (and kept there for next time)."""
        if kept is not None:
            from knowledge.index.corpus_cache import load

            return load(store, kept)
        return cls.build(store)

    @classmethod
    def build(cls, store: ChunkStore) -> Corpus:
        """Every live chunk read from the store, tokenised and indexed in memory."""
        generation = str(store.meta().get("generation", ""))
        manifest = store.manifest()
        live = {s: r.get("file_hash") for s, r in manifest.items()}
        chunks = [
            Chunk(cid, text or "", meta or {})
            for cid, text, meta in store.all_chunks()
            if live.get(str((meta or {}).get("source"))) == (meta or {}).get("file_hash")
        ]
        chunks.sort(key=lambda c: (c.source, int(c.meta.get("chunk", 0))))
        registers = {s: r for s, r in manifest.items() if r.get("kind") == "register"}
        corpus = cls(generation=generation, chunks=chunks, registers=registers)
        corpus._build()
        return corpus

    def _build(self) -> None:
        import bm25s

        chunks = list(self.chunks)
        tokenised = [tokens(c.text + " " + str(c.meta.get("title", ""))) or ["_"] for c in chunks]
        doc_freq: Counter[str] = Counter()
        vocab: dict[str, set[str]] = {}
        by_source: dict[str, list[Chunk]] = {}
        for chunk, toks in zip(chunks, tokenised, strict=True):
            doc_freq.update(set(toks))
            vocab.setdefault(chunk.source, set()).update(toks)
            by_source.setdefault(chunk.source, []).append(chunk)
        self.doc_freq, self._vocab, self._by_source = doc_freq, vocab, by_source
        self._source_freq = Counter(t for words in vocab.values() for t in words)
        self._position = {c.id: i for i, c in enumerate(chunks)}
        self._access = Codes.of(c.access for c in chunks)
        self._kinds = Codes.of(str(c.meta.get("kind", "other")) for c in chunks)
        self._sources = Codes.of(c.source for c in chunks)
        if chunks:
            self._bm25 = bm25s.BM25()
            self._bm25.index(tokenised, show_progress=False)
            self._token_ids = self._bm25.vocab_dict

    def __len__(self) -> int:
        return len(self.chunks)

    def get(self, chunk_id: str) -> Chunk | None:
        pos = self._position.get(chunk_id)
        return None if pos is None else self.chunks[pos]

    def beside(self, chunk: Chunk, step: int) -> Chunk | None:
        """The passage ``step`` places after (before, when negative) ``chunk`` in its own document:
        a document's passages are kept together, in order."""
        pos = self._position.get(chunk.id)
        if pos is None or not 0 <= pos + step < len(self.chunks):
            return None
        other = self.chunks[pos + step]
        return other if other.source == chunk.source else None

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
                if words <= asked or _short_title(words, asked):
                    named.setdefault(source, set()).update(words & asked)
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
            common = len(phrase) == 1 and self._source_freq.get(next(iter(phrase)), 0) > ISSUER_DOCS
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

    def spread(self, token: str) -> float:
        """The share of documents that use ``token``: near 1 for the corpus's own subject ("cctv")."""
        return self._source_freq.get(token, 0) / max(self.document_count(), 1)

    def document_count(self) -> int:
        return len(self._by_source)

    def sources(self) -> list[str]:
        """Every document's source path."""
        return list(self._by_source)

    def of_source(self, source: str) -> Sequence[Chunk]:
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
            [[self._token_ids[t] for t in qtoks]], k=k, show_progress=False, weight_mask=mask, n_threads=0
        )
        return [
            (self.chunks[int(i)], float(s)) for i, s in zip(docs[0], scores[0], strict=True) if s > 0
        ]

    def mask(self, levels: frozenset[str], kinds: frozenset[str] | None = None,
             sources: frozenset[str] | None = None, exclude_kinds: frozenset[str] = frozenset()) -> np.ndarray:
        allowed = self._access.isin(levels)
        if exclude_kinds:
            allowed &= ~self._kinds.isin(exclude_kinds)
        if sources:
            allowed &= self._sources.isin(sources)
        if kinds:
            allowed &= self._kinds.isin(kinds)
        return allowed

    def word_set(self, name: str, make: Callable[[], Iterable[str]]) -> frozenset[str]:
        """Words worked out from the whole corpus (the words it writes as names, ...), once per
        generation: kept beside the corpus copy, so a new process reads them, not every chunk."""
        if name not in self._words:
            from knowledge.index.corpus_cache import word_set

            self._words[name] = word_set(self.home, name, make)
        return self._words[name]
