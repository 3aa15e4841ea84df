"""The extractive composer on in-memory passages: a question in two parts, each asking for its
own kind of fact, about a body the page's title names."""

from __future__ import annotations

from knowledge.compose.extractive import answers, select
from knowledge.gather.retrieval import Hit
from knowledge.gather.scoring import candidates
from knowledge.index.corpus import Chunk, Corpus
from knowledge.read.question import analyse

PAGE = ("Source: https://example.gov.uk/cctv — Ormsby Borough Council, CCTV: What we do\n\n"
        "# What we do\n\n"
        "Our control centre works 24 hours a day.\n"
        "- We opened March 1996\n"
        "- The system began with 41 cameras in the market square, recording to tape.\n"
        "- We upgraded the control centre in 2008.\n"
        "- We also upgraded the camera control desk in 2019.\n")
OTHER = ("Source: https://example.gov.uk/parks — Ormsby Borough Council, Parks\n\n"
         "The parks team looks after 30 parks and 12 play areas.")


def _corpus(*texts: str) -> Corpus:
    corpus = Corpus(chunks=[Chunk(f"c{n}", t, {"source": f"d{n}.md", "kind": "guidance", "chunk": 0})
                            for n, t in enumerate(texts)])
    corpus._build()
    return corpus


def _extract(question: str, corpus: Corpus) -> tuple[bool, list[str]]:
    info = analyse(question)
    extract = select(info, candidates(info, [Hit(c, 0.03) for c in corpus.chunks], corpus), corpus)
    return answers(info, extract, corpus), [c.text for c in extract.sentences]


def test_each_part_gets_the_fact_it_asks_for() -> None:
    # "when ... and how many cameras": the date from one line, the count of cameras from another;
    # a year beside the word "camera" ("the camera control desk in 2019") counts no cameras
    answered, quoted = _extract("When did Ormsby's CCTV control centre first open and how many cameras "
                                "did it start with?", _corpus(PAGE, OTHER))
    assert answered, quoted
    assert any("1996" in q for q in quoted) and any("41 cameras" in q for q in quoted), quoted


def test_a_name_in_the_title_is_one_word_not_a_scatter_of_words() -> None:
    # the page's title names Ormsby; "Ormsby Market" is no name its title gives
    answered, quoted = _extract("When did the Ormsby Market control centre open?", _corpus(PAGE, OTHER))
    assert not answered, quoted
