"""A reply runs on after the question a document quotes, across a passage break: its sentences
reply to that question together, so the answer gives the reply's points, not one of them."""

from __future__ import annotations

from knowledge.compose.extractive import select
from knowledge.gather.retrieval import Hit
from knowledge.gather.scoring import candidates
from knowledge.index.corpus import Chunk, Corpus
from knowledge.read.question import analyse

FIRST = ("Question to the Cabinet Office:\n\n"
         "To ask the Government why they dropped the timetable for removing lanterns made by Castor Lamps?\n\n"
         "The Lighting Bill dropped the timetable for Castor Lamps because it contains a central "
         "debarment list for unsafe suppliers.")
SECOND = ("Separately, departments must stop fitting Castor Lamps lanterns on sensitive sites.\n\n"
          "We will keep the position under review.")
OTHER = "The depot canteen reopened after a refit, and staff parking permits are renewed each April."


def _corpus() -> Corpus:
    chunks = [Chunk("w-0", FIRST, {"source": "written-question.md", "kind": "statement", "chunk": 0}),
              Chunk("w-1", SECOND, {"source": "written-question.md", "kind": "statement", "chunk": 1}),
              Chunk("n-0", OTHER, {"source": "newsletter.md", "kind": "guidance", "chunk": 0})]
    corpus = Corpus(chunks=chunks)
    corpus._build()
    return corpus


def test_sentences_after_a_quoted_question_reply_to_it_across_passages() -> None:
    corpus = _corpus()
    info = analyse("what did the government say when asked why the castor lamps timetable was dropped?")
    ranked = candidates(info, [Hit(c, 0.03) for c in corpus.chunks], corpus)
    replies = {c.text[:12]: c.reply_to for c in ranked if not c.asked}
    assert replies["The Lighting"] == replies["Separately, "] and replies["The Lighting"].startswith("To ask")
    assert replies.get("The depot ca", "") == ""
    chosen = [c.text[:12] for c in select(info, ranked, corpus).sentences]
    assert "The Lighting" in chosen and "Separately, " in chosen, chosen
