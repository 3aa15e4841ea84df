"""A written reply runs over several passages ("First ... Second ... Third, on relighting ...").
The point that answers a question may sit in its last passage, which the search alone doesn't
rank: the reply is read to the end of its section. A reply's words ("the assurance the question
asks for") are not the asker's request, and a heading saying "The group is asking for:" is."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.gather.retrieval import Hit
from knowledge.types import Scope

FILLER = ("Officers have walked the route with the contractor, checked the records held for each "
          "column, and written to the residents of the affected streets to explain the work. ")

REPLY = f"""# Full Council, 6 November 2025: written answer to question 4

## Question

Will the Cabinet Member assure council that no lantern bought from Castor Lamps is still lit on
Quayside Road, and will he say why the council will not relight the whole quay at once?

## Answer

I thank Cllr Treloar for his question. First, on the recall. I cannot give the assurance the
question asks for, because two Castor Lamps lanterns on Quayside Road are still lit. {FILLER * 3}

Second, on testing. {FILLER * 3}

Third, on relighting. {FILLER * 2}Relighting every Castor Lamps lantern on the quay at once
would cost about £2.4 million and would mean scrapping a great deal of working equipment.
Our policy remains to relight each lantern when its maintenance falls due.

Finally, on contractors. {FILLER * 2}
"""

NEWS = [
    (f"2025-{month:02d}-{day:02d}-quay-news.md",
     f"# Quay works {day}/{month}\n\nCrews relit {n} Castor Lamps lanterns on Quayside Road this week.\n")
    for month in (8,) for day, n in ((4, 3), (11, 5), (18, 2), (25, 6))
]
"""Short notices that outrank the reply's later passages in the search."""

GROUP = """QUAYSIDE INDEPENDENTS
Opposition group statement, 20 October 2025

Cllr Treloar said the recall had been handled badly.

"There are two problems here, and the Cabinet has answered neither of them.

"The first is safety. Older residents have fallen on the dark quay steps twice this winter.

"The second is cost. Each month of delay adds to the bill for Castor Lamps repairs."

THE GROUP IS ASKING FOR:

  1. A written assurance that no Castor Lamps lantern is still lit anywhere on the quay.
  2. A timetable for relighting Quayside Road.
"""


def _statements(factory: pytest.TempPathFactory, embedder: Any, name: str, files: dict[str, str]) -> Any:
    """A Knowledge over ``files`` (and the news notices), saved as statements and ingested."""
    from cllr.wiring import IngestLoader
    from knowledge.facade import Knowledge
    from knowledge.settings import Settings

    root = factory.mktemp(name)
    docs = root / "papers" / "statements"
    docs.mkdir(parents=True)
    for file, text in [*files.items(), *NEWS]:
        (docs / file).write_text(text)
    kb = Knowledge(Settings().with_data_dir(root / "data"), loader=IngestLoader(), embedder=embedder)
    report = kb.sync([root / "papers"])
    assert not report.failed, report.failed
    return kb


@pytest.fixture(scope="module")
def quay(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Any:
    return _statements(tmp_path_factory, embedder, "quay", {
        "2025-11-06-written-answer-q4.md": REPLY, "2025-10-20-quayside-independents.txt": GROUP})


def test_the_reply_is_read_to_the_end_of_its_section(quay: Any) -> None:
    reply = [c for c in quay.corpus.of_source("statements/2025-11-06-written-answer-q4.md")
             if c.meta.get("section") == "Answer"]
    assert len(reply) >= 3, "the fixture's reply must run over several passages"
    question = next(c for c in quay.corpus.of_source("statements/2025-11-06-written-answer-q4.md")
                    if c.meta.get("section") == "Question")
    read = quay.engine()._replies([Hit(question, 1.0)])
    assert [h.chunk.id for h in read] == [c.id for c in reply], "the whole reply follows its question"
    answer = quay.answer("What did the council say about relighting Castor Lamps lanterns?", Scope())
    assert answer.answered, answer.answer
    assert "£2.4 million" in answer.answer, answer.answer
    assert "maintenance falls due" in answer.answer, answer.answer


def test_the_asks_come_from_the_group_not_the_reply(quay: Any) -> None:
    answer = quay.answer("What assurance did the opposition want about Castor Lamps lanterns?", Scope())
    assert answer.answered, answer.answer
    assert all(c.source.endswith("quayside-independents.txt") for c in answer.citations), answer.answer
    assert "still lit anywhere on the quay" in answer.answer, answer.answer


def test_why_a_group_objects_gives_each_point_it_announces(quay: Any) -> None:
    # "two problems", then "The first is ..." and "The second is ...", with the sentence that
    # explains each; the group's statement is read whole because the question names the group
    answer = quay.answer("Why do the Quayside Independents object to the Castor Lamps lanterns?", Scope())
    assert answer.answered, answer.answer
    assert "The first is safety. Older residents" in answer.answer, answer.answer
    assert "The second is cost. Each month" in answer.answer, answer.answer
    assert all(c.source.endswith("quayside-independents.txt") for c in answer.citations), answer.answer


def test_the_opposition_names_its_statement_and_concerns_are_reasons(quay: Any) -> None:
    # "opposition" heads one document and appears in no other: the group's statement is read whole
    answer = quay.answer("What were the opposition's concerns about the Castor Lamps lanterns?", Scope())
    assert answer.answered, answer.answer
    assert "The first is safety" in answer.answer and "The second is cost" in answer.answer, answer.answer


def test_sentence_vectors_are_kept_and_match_fresh_ones(quay: Any) -> None:
    embedder = quay.embedder
    embedder.clear_cache()
    texts = ["Crews relit 3 Castor Lamps lanterns.", "Our policy remains to relight each lantern."]
    first = embedder.embed_sentences(texts)
    assert set(embedder._sentences) == set(texts)
    again = embedder.embed_sentences(list(reversed(texts)))
    assert again == list(reversed(first)), "a cached vector is the one computed"
    assert first == embedder.embed_documents(texts) or all(
        abs(a - b) < 1e-5 for u, v in zip(first, embedder.embed_documents(texts), strict=True)
        for a, b in zip(u, v, strict=True))


ALLIANCE = """HARBOUR RESIDENTS' ALLIANCE
Opposition group statement, 3 March 2025

Cllr Penhallow said the board had not answered residents.

"There are two problems here. The first is safety. The second is cost."

WHAT WE WANT:

  1. A written assurance that no Castor Lamps lantern on the harbour wall can be switched on from
     outside the harbour office.
  2. A timetable for replacing the lanterns on the fish market steps.
"""

TABLED = """# Harbour Board, 20 May 2025: written answer to question 2

Question from: Cllr Jory Penhallow, Leader of the Harbour Residents' Alliance

## Question

Will the Chair of the Harbour Board give this board a written assurance that no Castor Lamps lantern on
the harbour wall can be switched on from outside the harbour office, and that no maker's phone app is used
to control any of them; and will she explain why the board will not replace every one of these lanterns
this year, given the safety and cost concerns that led two neighbouring harbours to remove them?

## Answer

I thank Cllr Penhallow for his question. I cannot give the assurance the question asks for, because a
survey found two Castor Lamps lanterns on the harbour wall wired to the harbour's radio link. Those links
have now been cut. Replacing every lantern this year would cost about £310,000.
"""


FOI_REPLY = """# Freedom of Information reply FOI-2025-031

Date: 2 June 2025

## Your request

You asked how many harbour buildings have Castor Lamps lanterns fitted.

## Our reply

We hold records showing that 31 harbour buildings have Castor Lamps lanterns fitted. The lanterns
are checked every year by the harbour engineer.

## Correction, 16 June 2025

Our reply of 2 June gave the wrong number of buildings. The correct figure is 29 harbour buildings,
not 31: two stores were counted twice.
"""


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Any:
    return _statements(tmp_path_factory, embedder, "harbour", {
        "2025-03-03-harbour-residents-alliance.txt": ALLIANCE, "2025-05-20-written-answer-q2.md": TABLED,
        "2025-06-02-foi-reply.md": FOI_REPLY})


def test_a_reply_brings_the_question_it_answers(harbour: Any) -> None:
    chunks = harbour.corpus.of_source("statements/2025-05-20-written-answer-q2.md")
    question = next(c for c in chunks if c.meta.get("section") == "Question")
    reply = next(c for c in chunks if c.meta.get("section") == "Answer")
    assert [h.chunk.id for h in harbour.engine()._asked([Hit(reply, 1.0)])] == [question.id]
    assert harbour.engine()._asked([Hit(question, 1.0)]) == [], "a question brings no earlier question"


def test_a_demand_tabled_later_as_a_question_is_the_latest_record(harbour: Any) -> None:
    # the group's list asked for the assurance in March; its leader tabled it, with the grounds,
    # in May: the newer record leads, whole (not cut at its semicolon), with its date
    answer = harbour.answer("What assurances did the opposition want over Castor Lamps lanterns?", Scope())
    assert answer.answered, answer.answer
    asker, first = answer.citations[:2]
    assert asker.quote == "Question from: Cllr Jory Penhallow, Leader of the Harbour Residents' Alliance", \
        "the question is quoted after who asked it"
    assert first.source.endswith("written-answer-q2.md"), answer.answer
    assert first.quote.startswith("Will the Chair") and first.quote.endswith("remove them?"), first.quote
    assert answer.answer.count("(20 May 2025)") == 1, "the question carries the date, its asker does not"


def test_a_figure_corrected_in_the_same_reply_is_the_answer(harbour: Any) -> None:
    answer = harbour.answer("According to the FOI reply, how many harbour buildings have Castor Lamps lanterns?",
                            Scope())
    assert answer.answered, answer.answer
    assert answer.citations[0].quote.startswith("The correct figure is 29"), answer.answer
