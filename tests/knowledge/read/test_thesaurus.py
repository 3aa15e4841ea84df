"""Everyday words meet the papers' wording, in scoring and in BM25 retrieval."""

from __future__ import annotations

from knowledge.index.corpus import Chunk, Corpus
from knowledge.read.thesaurus import GROUPS, related
from knowledge.text import stem, tokens


def test_a_word_brings_its_group_and_not_itself() -> None:
    assert stem("replace") in related(tokens("swapping"))
    assert stem("retain") in related(tokens("kept"))
    assert stem("swap") not in related(tokens("swap"))


def test_replacing_and_removing_stay_apart() -> None:
    # the register tells "replaced" from "removed"; a removal is not a replacement
    assert stem("remove") not in related(tokens("replace"))
    assert stem("replace") not in related(tokens("removed"))


def test_no_word_is_in_two_groups() -> None:
    seen: dict[str, str] = {}
    for line in GROUPS:
        for tok in set(tokens(line)):
            assert tok not in seen, f"{tok!r} is in {seen[tok]!r} and {line!r}"
            seen[tok] = line


def test_bm25_finds_a_passage_by_its_synonym() -> None:
    chunks = [
        Chunk("a", "Recordings are retained for 28 days and then overwritten.", {"source": "a.md"}),
        Chunk("b", "The canteen reopened in September after a refit.", {"source": "b.md"}),
        Chunk("c", "Parking permits are renewed each April.", {"source": "c.md"}),
    ]
    corpus = Corpus(chunks=chunks)
    corpus._build()
    hits = corpus.bm25("how long do we keep footage", 3)
    assert hits and hits[0][0].id == "a", hits
    assert corpus.bm25("canteen", 3)[0][0].id == "b"


def test_a_document_is_named_by_its_title_not_by_its_subject() -> None:
    chunks = [
        Chunk("a", "Remote viewing is not permitted.", {"source": "it.md", "title": "IT Security Policy – Section 9"}),
        Chunk("b", "Two columns failed.", {"source": "up.md", "title": "Street lighting: progress update"}),
    ]
    corpus = Corpus(chunks=chunks)
    corpus._build()
    assert set(corpus.named_in("Is remote viewing allowed under our IT security policy?")) == {"it.md"}
    assert corpus.named_in("What did the panel recommend about street lighting?") == {}


def test_dropping_a_supplier_and_signing_off_are_everyday_words() -> None:
    from knowledge.read.question import analyse, expand

    assert "stop" in related({"drop"}), "'dropped Hikvision' is what the papers call 'stop using'"
    info = analyse(expand("Who signs off connecting a camera to the network?"))
    assert "approv" in info.terms and "sign" not in info.terms, info.terms
    assert "authoris" in related({"approv"}) or "authori" in related({"approv"}), related({"approv"})
