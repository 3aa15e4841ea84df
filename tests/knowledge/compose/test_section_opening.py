"""A section's short opening passage, indexed apart from the table under it, says what the
table's rows are: a row is quoted after the opening's sentence."""

from __future__ import annotations

from knowledge.compose.extractive import select
from knowledge.gather.retrieval import Hit
from knowledge.gather.scoring import candidates
from knowledge.index.corpus import Chunk, Corpus
from knowledge.read.question import analyse

SECTION = "3. Barred makers"
OPENING = f"{SECTION}\n\nThe following makers, and all of their brands, are barred."
TABLE = ("Maker; Brands; Barred from\n\n"
         "Maker: Castor Lamps Ltd; Brands: Castor, Lumiq, Nightjar; Barred from: 1 June 2024")
OTHER = "The depot canteen reopened after a refit, and staff parking permits are renewed each April."


def _answer(opening: str) -> list[str]:
    meta = {"source": "rule.md", "kind": "guidance", "section": SECTION}
    corpus = Corpus(chunks=[Chunk("r-0", opening, {**meta, "chunk": 0}), Chunk("r-1", TABLE, {**meta, "chunk": 1}),
                            Chunk("n-0", OTHER, {"source": "news.md", "kind": "guidance", "chunk": 0})])
    corpus._build()
    info = analyse("does the rule cover lumiq and nightjar lanterns too or only castor?")
    extract = select(info, candidates(info, [Hit(corpus.chunks[1], 0.03)], corpus), corpus)
    return [c.text for c in extract.sentences]


def test_a_row_is_quoted_after_its_sections_opening_sentence() -> None:
    said = _answer(OPENING)
    assert said[0] == "The following makers, and all of their brands, are barred.", said
    assert any("Lumiq" in s for s in said), said


def test_a_long_opening_passage_is_its_own_text_not_a_lead() -> None:
    long_opening = OPENING + " " + " ".join(["Officers must check every order against this list."] * 10)
    assert not any(s.startswith("The following makers") for s in _answer(long_opening))
