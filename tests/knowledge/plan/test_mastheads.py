"""A document found by its masthead alone (a source line and title, chunked apart from the text)
is opened: its first passage of text joins the passages read."""

from __future__ import annotations

from knowledge.gather.retrieval import Hit, Searcher
from knowledge.index.corpus import Chunk, Corpus
from knowledge.plan.documents import DocumentEngine

MASTHEAD = "Source: https://example.gov.uk/instruction — Cabinet Office, Instruction on surveillance cameras"
TEXT = "Departments must cease deploying cameras made by such companies on sensitive sites."
LONG_OPENING = " ".join(["The council reviewed its depot cameras in spring and wrote to every contractor."] * 6)


def _engine(*docs: list[str]) -> DocumentEngine:
    chunks = [Chunk(f"d{d}-{n}", text, {"source": f"d{d}.md", "kind": "guidance", "chunk": n})
              for d, texts in enumerate(docs) for n, text in enumerate(texts)]
    corpus = Corpus(chunks=chunks)
    corpus._build()
    return DocumentEngine(Searcher(corpus, None, lambda text: []), lambda texts: [])  # type: ignore[arg-type]


def test_a_masthead_hit_brings_the_text_after_it() -> None:
    engine = _engine([MASTHEAD, TEXT], [LONG_OPENING, TEXT])
    first = engine.corpus.of_source("d0.md")[0]
    opened = engine._opened([Hit(first, 0.03)])
    assert [h.chunk.text for h in opened] == [TEXT] and opened[0].score == 0.03


def test_a_passage_of_text_opening_a_document_brings_nothing() -> None:
    engine = _engine([MASTHEAD, TEXT], [LONG_OPENING, TEXT])
    assert engine._opened([Hit(engine.corpus.of_source("d1.md")[0], 0.03)]) == []
    assert engine._opened([Hit(engine.corpus.of_source("d0.md")[1], 0.03)]) == []  # not the first passage
