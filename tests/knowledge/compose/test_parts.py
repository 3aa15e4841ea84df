"""A question in two parts, each asking a date: a part answered only "but for one of its words"
("when was it meant to be finished": a date, but of the decision) gets the cited document's
sentence that gives the date with that word."""

from __future__ import annotations

from knowledge.compose.extractive import select
from knowledge.gather.retrieval import Hit
from knowledge.gather.scoring import candidates
from knowledge.index.corpus import Chunk, Corpus
from knowledge.read.question import analyse

MINUTE = ("The officer told Members that the lantern upgrade programme was agreed by Cabinet in June 2022, "
          "to upgrade the old sodium lanterns across the borough. Members were informed that the tender would start "
          "in January 2023 and the programme would run for six months, with work completed by the end of 2023.")
OTHER = "Farley parish hall hosts the lighting forum each spring."
PAGE = ("- We upgraded all the old sodium lanterns to LED lanterns in 2024.\n"
        "- We upgraded the lighting control room in 2006.")


def _answer(question: str) -> list[str]:
    chunks = [Chunk("m-0", MINUTE, {"source": "minute.md", "kind": "statement", "chunk": 0, "title": "Scrutiny"}),
              Chunk("p-0", PAGE, {"source": "page.md", "kind": "guidance", "chunk": 0, "title": "What we do"}),
              Chunk("o-0", OTHER, {"source": "other.md", "kind": "guidance", "chunk": 0, "title": "Forum"})]
    corpus = Corpus(chunks=chunks)
    corpus._build()
    info = analyse(question)
    hits = [Hit(chunks[0], 0.033), Hit(chunks[1], 0.032)]
    return [c.text for c in select(info, candidates(info, hits, corpus), corpus).sentences]


def test_each_part_gets_the_date_with_its_own_word() -> None:
    said = _answer("when was the Farley lantern upgrade to be finished, and when did it actually get done?")
    assert any("completed by the end of 2023" in s for s in said), said
    assert any("2024" in s for s in said), said
