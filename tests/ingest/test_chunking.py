"""No chunk exceeds 256 tokens (special tokens included); every chunk is verbatim source text."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.documents import Document

from ingest import Chunker, iter_files
from tests.ingest.conftest import DEMO, FIXTURES, GOOD, units

CORPUS = GOOD + [f for _, f in iter_files([DEMO])]


def _root(path: Path) -> Path:
    return FIXTURES if FIXTURES in path.parents else DEMO


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_chunks_fit_and_are_verbatim(load, chunker: Chunker, path: Path) -> None:  # type: ignore[no-untyped-def]
    chunks = load(path.relative_to(_root(path)).as_posix(), _root(path))
    assert chunks
    assert max(chunker.count(c.page_content) for c in chunks) <= 256
    sources: dict[str, list[str]] = {}
    for unit in units(path):
        sources.setdefault(unit.metadata["locator"], []).append(unit.page_content)
    for chunk in chunks:
        texts = sources[chunk.metadata["locator"]]
        assert any(chunk.page_content in t for t in texts), chunk.page_content[:80]


def test_demo_register_has_one_chunk_per_row(load) -> None:  # type: ignore[no-untyped-def]
    chunks = load("register/cctv-asset-register.csv", DEMO)
    assert len(chunks) == 220 and chunks[0].metadata["row"] == 2
    assert chunks[0].metadata["locator"] == "sheet cctv-asset-register, row 2"


def test_long_paragraph_splits_at_sentences(chunker: Chunker) -> None:
    sentences = [f"Sentence number {i} says the depot cameras were checked on a Tuesday." for i in range(80)]
    text = " ".join(sentences)
    chunks = chunker.chunk([Document(page_content=text, metadata={"locator": "page 1", "page": 1})])
    assert len(chunks) > 3
    for chunk in chunks:
        assert chunker.count(chunk.page_content) <= 256 and chunk.page_content in text
        assert chunk.page_content.endswith(".") and chunk.metadata["page"] == 1


def test_small_paragraphs_merge_within_a_section(chunker: Chunker) -> None:
    text = "\n\n".join(f"Short paragraph {i}." for i in range(10))
    chunks = chunker.chunk([Document(page_content=text, metadata={"locator": "section A"})])
    assert [c.page_content for c in chunks] == [text]


def test_unbroken_run_is_cut_by_tokens(chunker: Chunker) -> None:
    text = "x" * 3000 + " " + "ab9" * 700
    chunks = chunker.chunk([Document(page_content=text, metadata={})])
    assert all(chunker.count(c.page_content) <= 256 and c.page_content in text for c in chunks)
    assert "".join(c.page_content for c in chunks).replace(" ", "") == text.replace(" ", "")


def test_overlong_register_row_keeps_cells_once(chunker: Chunker) -> None:
    cells = {f"note {i}": "word " * 40 for i in range(6)}
    text = "; ".join(f"{k}: {v.strip()}" for k, v in cells.items())
    row = Document(page_content=text, metadata={"sheet": "S", "row": 9, "locator": "sheet S, row 9",
                                                "cells": "{}"})
    chunks = chunker.chunk([row])
    assert len(chunks) > 1 and all(chunker.count(c.page_content) <= 256 for c in chunks)
    assert "cells" in chunks[0].metadata and not any("cells" in c.metadata for c in chunks[1:])
    assert all(c.metadata["locator"] == "sheet S, row 9" and c.page_content in text for c in chunks)


@pytest.mark.parametrize("before", [6, 9])
def test_a_lead_in_stays_with_its_list(chunker: Chunker, before: int) -> None:
    # however much text comes first, "... calling on the council to:" and its items share a chunk
    opening = "\n\n".join(f"Paragraph {i} says the depot cameras were checked on a Tuesday in spring."
                          for i in range(before))
    items = "\n".join(f"  {n}. Replace the recorder at site number {n} within eighteen months of today."
                      for n in range(1, 6))
    text = f"{opening}\n\nWe are calling on the council to:\n\n{items}\n\nWe will table a motion."
    chunks = chunker.split(Document(page_content=text, metadata={}))
    holding = [c for c, _ in chunks if "calling on the council to:" in c]
    assert len(holding) == 1 and "1. Replace the recorder" in holding[0], [c[-80:] for c, _ in chunks]
    assert all(c in text for c, _ in chunks)
    assert max(chunker.count(c) for c, _ in chunks) <= 256


def test_a_lists_later_items_stay_with_its_lead_in(chunker: Chunker) -> None:
    # minutes: "Resolved: That" then a), b), c); the items run past the target size, and none
    # may open a chunk without the lead-in that says they were resolved
    opening = " ".join(f"Sentence {i} says the working group met in spring and read the report." for i in range(8))
    items = "\n\n".join(f"{c})    the Council should review the recorder at site number {n} and write to "
                         f"the owner of each camera within eighteen months of today;" for n, c in enumerate("abcd"))
    text = f"{opening}\n\nResolved: That\n\n{items}\n\nThe meeting ended."
    chunks = [c for c, _ in chunker.split(Document(page_content=text, metadata={}))]
    holding = [c for c in chunks if "Resolved: That" in c]
    assert len(holding) == 1 and all(f"{c})" in holding[0] for c in "abcd"), [c[:60] for c in chunks]
    assert all(c in text for c in chunks) and max(chunker.count(c) for c in chunks) <= 256


def test_a_hard_wrapped_page_is_cut_after_a_finished_sentence(chunker: Chunker) -> None:
    # a PDF page: no blank lines, sentences wrapped across lines; no chunk may end mid-sentence
    sentence = ("The review team visited the depot on a Tuesday and found that the recorder had been\n"
                "connected to the corporate network without approval from the security manager.\n")
    text = "".join(f"Paragraph {i}. " + sentence for i in range(14))
    chunks = [c for c, _ in chunker.split(Document(page_content=text, metadata={}))]
    assert len(chunks) > 1
    assert all(c.rstrip().endswith(".") for c in chunks), [c[-60:] for c in chunks]
    assert all(c in text for c in chunks) and max(chunker.count(c) for c in chunks) <= 256


def test_a_heading_never_ends_a_chunk(chunker: Chunker) -> None:
    opening = "\n\n".join(f"Paragraph {i} says the depot cameras were checked on a Tuesday in spring."
                          for i in range(8))
    items = "\n".join(f"{n}. **Point {n}.** Replace the recorder at site number {n} within eighteen months."
                      for n in range(1, 6))
    text = f"{opening}\n\n## What we are asking for\n\n{items}"
    chunks = [c for c, _ in chunker.split(Document(page_content=text, metadata={}))]
    assert not any(c.rstrip().endswith("What we are asking for") for c in chunks), [c[-60:] for c in chunks]
    holding = [c for c in chunks if "## What we are asking for" in c]
    assert len(holding) == 1 and "1. **Point 1.**" in holding[0]
