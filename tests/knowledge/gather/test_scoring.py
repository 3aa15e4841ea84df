"""Candidate scoring on in-memory passages: the day beats the month, a second figure is shown,
a document's own scope note is no answer, and register rows never take a passage's place."""

from __future__ import annotations

from knowledge.compose.extractive import select
from knowledge.gather.retrieval import Filters, Hit
from knowledge.gather.scoring import _PAGE_FURNITURE, candidates
from knowledge.index.corpus import Chunk, Corpus
from knowledge.read.brands import brand_names
from knowledge.read.question import analyse


def _corpus(*texts: str, source: str | None = None) -> Corpus:
    corpus = Corpus(chunks=[Chunk(f"c{n}", t, {"source": source or f"d{n}.md", "kind": "guidance", "chunk": n})
                            for n, t in enumerate(texts)])
    corpus._build()
    return corpus


def test_when_prefers_the_day_to_the_month() -> None:
    corpus = _corpus("Dahua was added to the restricted list in January 2023 by the council.",
                     "Dahua was added to the restricted list from 9 January 2023 by the council.")
    info = analyse("When was Dahua added to the restricted list?")
    ranked = candidates(info, [Hit(c, 0.03) for c in corpus.chunks], corpus)
    assert ranked[0].text.startswith("Dahua was added to the restricted list from 9 January"), ranked


def test_a_second_figure_is_shown_beside_the_first() -> None:
    # two passages of one reply: the second is no corroboration, and adds no question word
    corpus = _corpus("In summary, 57 of our systems are made by Hikvision.",
                     "A later check found two more Hikvision systems.", source="reply.pdf")
    info = analyse("How many Hikvision systems did we tell them we had?")
    ranked = candidates(info, [Hit(c, 0.03) for c in corpus.chunks], corpus)
    chosen = [c.text for c in select(info, ranked, corpus).sentences]
    assert any("57" in t for t in chosen) and any("two" in t for t in chosen), chosen


def test_chinese_means_the_makes_listed_as_chinese() -> None:
    chinese = brand_names()["chines"]
    assert {"hikvision", "dahua", "ezviz"} <= chinese and "axis" not in chinese


def test_a_documents_note_on_where_it_belongs_is_no_answer() -> None:
    assert _PAGE_FURNITURE.search("This section is part of the council's IT Security Policy.")
    assert _PAGE_FURNITURE.search("It should be read with Procurement Guidance Note 07.")
    assert not _PAGE_FURNITURE.search("Remote viewing is not permitted under this section.")


def test_register_rows_are_not_passages() -> None:
    row = Chunk("r", "Site: Mill Lane Library; Make: Hikvision", {"source": "reg.csv", "kind": "register"})
    assert not Filters().accepts(row)
    assert {"kind": {"$nin": ["register"]}} in Filters().chroma_where()["$and"]


def test_a_sentence_pointing_back_carries_the_name_it_points_to() -> None:
    corpus = _corpus("Our Castor Lamps lanterns are sealed against water. Relighting all of these lanterns "
                     "at once would cost about £2 million. Officers walk the route each week.")
    info = analyse("What would it cost to relight the Castor Lamps lanterns?")
    ranked = candidates(info, [Hit(c, 0.03) for c in corpus.chunks], corpus)
    cost = next(c for c in ranked if "£2 million" in c.text)
    assert {"castor", "lamp"} <= cost.toks, cost.toks
    walk = next(c for c in ranked if "walk the route" in c.text)
    assert "castor" not in walk.toks, "only a sentence that points back ('these lanterns') inherits the name"
    extract = select(info, ranked, corpus)
    assert not extract.missing and "£2 million" in extract.sentences[0].text, extract


def test_why_not_is_answered_by_what_it_would_cost() -> None:
    corpus = _corpus("The council agreed a programme to relight the quay lanterns in stages from July.",
                     "Relighting every quay lantern at once would cost about £2 million.")
    info = analyse("Why isn't the council relighting every quay lantern at once?")
    assert info.council_voice and info.answer_type == "reason", info
    ranked = candidates(info, [Hit(c, 0.03) for c in corpus.chunks], corpus)
    assert "£2 million" in ranked[0].text, [c.text for c in ranked]


def test_contractions_are_not_question_words() -> None:
    info = analyse("Why isn't the council relighting the quay, and why won't it say?")
    assert not {"isn't", "isn", "won't", "won"} & set(info.terms), info.terms


def test_a_list_item_is_about_what_its_lead_in_names() -> None:
    # "Cabinet" is in the lead-in only; the amount is in the item
    corpus = _corpus("Cabinet RESOLVED to:\n\n(a) approve a lantern programme with a budget of £250,000;\n"
                     "(b) ask for a report in six months.", source="decision.md")
    info = analyse("How much money did Cabinet approve for relighting the lanterns?")
    assert "money" not in info.terms, "'how much money' asks for an amount, not the word"
    ranked = candidates(info, [Hit(c, 0.03) for c in corpus.chunks], corpus)
    extract = select(info, ranked, corpus)
    from knowledge.compose.extractive import answers

    assert answers(info, extract, corpus), [c.text for c in extract.sentences]
    assert any("£250,000" in c.text for c in extract.sentences)


def test_everyday_phrasings_are_read_as_the_papers_word_them() -> None:
    from knowledge.read.question import expand

    assert "keep" in analyse(expand("How long do we hang on to recordings before they get wiped?")).terms
    assert "approv" in analyse(expand("Who's got to okay it if someone wants to watch the cameras from home?")).terms
    assert "remotely" in analyse(expand("Who's got to okay it if someone wants to watch the cameras from home?")).terms
    assert analyse("Who looks after maintenance now that Oakhurst's gone, and since when?").answer_type == "date"
    assert "end" not in analyse("In the end, how many sites did the FOI response give?").terms
    assert analyse("How often are the 4G routers meant to be renewed?").answer_type == "duration"
    assert "lik" not in analyse("What does the policy say about apps like Hik-Connect?").terms


def test_a_name_in_the_questions_premise_may_be_named_by_the_passage_only() -> None:
    # "now that Oakhurst's gone": the answer sentence names the new contractor, its passage Oakhurst
    corpus = _corpus("NOTICE TO CONTRACTORS\n\nChange of contractor\n\n"
                     "* From 1 April 2024 all CCTV maintenance will be carried out by Brackwater Ltd.\n"
                     "* Our contract with Oakhurst Systems Ltd ends on 31 March 2024.")
    info = analyse("Who does CCTV maintenance now that Oakhurst's gone?")
    ranked = candidates(info, [Hit(c, 0.03) for c in corpus.chunks], corpus)
    extract = select(info, ranked, corpus)
    assert not extract.missing, extract
    assert any("Brackwater" in c.text for c in extract.sentences), extract
    asked = analyse("Who does CCTV maintenance for Oakhurst?")  # not a premise: the answer must name it
    other = select(asked, candidates(asked, [Hit(c, 0.03) for c in corpus.chunks], corpus), corpus)
    assert other.missing or any("Oakhurst" in c.text for c in other.sentences), other


def test_the_premise_sets_the_scene_and_the_asked_part_decides() -> None:
    info = analyse("When the leader announced the camera review, when did she say it'd report back?")
    assert "it'd" not in info.terms and set(info.premise) == {"leader", "announc", "camera", "review"}, info
    corpus = _corpus("The review announced by the Leader on 14 February 2023 looked at every camera.",
                     "The findings will be reported to the Audit Committee in September 2023.")
    from knowledge.gather.scoring import term_weights

    weights = term_weights(info, corpus)
    assert weights["report"] > weights["review"], weights
    ranked = candidates(info, [Hit(c, 0.03) for c in corpus.chunks], corpus)
    chosen = [c.text for c in select(info, ranked, corpus).sentences]
    assert any(t.startswith("The findings will be reported") for t in chosen), chosen


def test_can_we_leads_with_the_rule() -> None:
    corpus = _corpus("The review found staff watching cameras through the Hik-Connect app on their phones.",
                     "Manufacturer apps such as Hik-Connect are prohibited on council systems.")
    info = analyse("Can staff use the Hik-Connect app on their phones?")
    ranked = candidates(info, [Hit(c, 0.03) for c in corpus.chunks], corpus)
    assert "prohibited" in ranked[0].text, [c.text for c in ranked]


def _statements(*dated: tuple[str, str, str]) -> Corpus:
    """Statements (source, date, text), each one passage."""
    corpus = Corpus(chunks=[Chunk(f"s{n}", text, {"source": source, "kind": "statement", "date": when, "chunk": 0})
                            for n, (source, when, text) in enumerate(dated)])
    corpus._build()
    return corpus


EARLIER = ("2025-03-01-harbour-board.md", "2025-03-01",
           "We want the harbour board to confirm that no Castor Lamps lantern on the quay can be "
           "switched on from outside the harbour office.")
LATER = ("2025-05-20-written-question.md", "2025-05-20",
         "Will the harbour master confirm that no Castor Lamps lantern on the quay can be switched on from "
         "outside the harbour office, and say when the last one will be replaced?")


def test_a_newer_statement_on_the_same_point_outranks_the_older() -> None:
    info = analyse("What did the harbour board want confirmed about Castor Lamps lanterns?")
    assert info.asks_request, info
    corpus = _statements(EARLIER, LATER)
    hits = [Hit(c, 0.03) for c in corpus.chunks]
    ranked = candidates(info, hits, corpus)
    assert ranked[0].chunk.source == LATER[0], [(c.chunk.source, c.score) for c in ranked]
    # the same two passages, the "later" one dated first: the board's own words lead
    swapped = _statements(EARLIER, (LATER[0], "2025-01-10", LATER[2]))
    ranked = candidates(info, [Hit(c, 0.03) for c in swapped.chunks], swapped)
    assert ranked[0].chunk.source == EARLIER[0], [(c.chunk.source, c.score) for c in ranked]


def test_a_different_point_is_not_a_restatement() -> None:
    info = analyse("What did the harbour board want confirmed about Castor Lamps lanterns?")
    other = (LATER[0], LATER[1], "Will the harbour master say how many Castor Lamps lanterns were bought "
                                 "last year, and what they cost to run?")
    corpus = _statements(EARLIER, other)
    ranked = candidates(info, [Hit(c, 0.03) for c in corpus.chunks], corpus)
    assert ranked[0].chunk.source == EARLIER[0], [(c.chunk.source, c.score) for c in ranked]


def test_a_question_asked_again_is_no_answer_unless_the_asks_are_asked_for() -> None:
    # "is the lantern switchable?" is not answered by a later question repeating the claim
    info = analyse("Is a Castor Lamps lantern on the quay switched on from outside the harbour office?")
    assert not info.asks_request and info.answer_type == "other", info
    corpus = _statements(EARLIER, LATER)
    ranked = candidates(info, [Hit(c, 0.03) for c in corpus.chunks], corpus)
    assert ranked[0].chunk.source == EARLIER[0], [(c.chunk.source, c.score) for c in ranked]


def test_a_group_repeating_the_council_does_not_take_its_place() -> None:
    council = ("2025-03-01-council.md", "2025-03-01",
               "The council confirms that no Castor Lamps lantern on the quay can be switched on from outside "
               "the harbour office.")
    group = ("2025-05-20-group.md", "2025-05-20",
             "We are told that no Castor Lamps lantern on the quay can be switched on from outside the harbour "
             "office. This statement is issued by a political group and is not a statement of council policy.")
    info = analyse("What did the council say about switching on Castor Lamps lanterns from outside the harbour office?")
    assert info.council_voice, info
    corpus = _statements(council, group)
    ranked = candidates(info, [Hit(c, 0.03) for c in corpus.chunks], corpus)
    assert ranked[0].chunk.source == council[0], [(c.chunk.source, c.score) for c in ranked]


def test_a_header_field_naming_people_answers_only_who() -> None:
    corpus = _corpus("Harbour Board\n\nWritten answer to question 4\n\n"
                     "Answered by: Cllr Jo Bloggs, Cabinet Member for Harbours and Quays",
                     "Harbour lanterns will be relit in stages from July.", source="q4.md")
    said = analyse("What did the cabinet member for harbours say in reply to question 4?")
    ranked = candidates(said, [Hit(c, 0.03) for c in corpus.chunks], corpus)
    assert ranked[0].text.startswith("Harbour lanterns will be relit"), [(c.text, c.score) for c in ranked]
    who = analyse("Who answered for the cabinet member for harbours?")
    ranked = candidates(who, [Hit(c, 0.03) for c in corpus.chunks], corpus)
    assert ranked[0].text.startswith("Answered by:"), [(c.text, c.score) for c in ranked]


FOI = ("Our reference FOI-77. We hold records for 31 library sites that use Castor Lamps lanterns.",
       "Castor Lamps lanterns are checked by the harbour board every year.")


def test_a_documents_correction_takes_the_place_of_the_figure_it_corrects() -> None:
    info = analyse("How many library sites use Castor Lamps lanterns?")
    assert info.answer_type == "number", info
    fixed = _corpus(*FOI, "CORRECTION, 2 July: our reply gave the wrong number; the correct figure is 29, not 31.",
                    source="foi-77.pdf")
    ranked = candidates(info, [Hit(c, 0.03) for c in fixed.chunks], fixed)
    assert "the correct figure is 29" in ranked[0].text, [(c.text, c.score) for c in ranked]
    assert "29" in select(info, ranked, fixed).sentences[0].text
    # a later sentence giving another figure, with no word of correcting, does not
    plain = _corpus(*FOI, "A further 29 sites were surveyed in July.", source="foi-77.pdf")
    ranked = candidates(info, [Hit(c, 0.03) for c in plain.chunks], plain)
    assert "31 library sites" in ranked[0].text, [(c.text, c.score) for c in ranked]
    # nor does another document's correction
    news = Chunk("x", "Correction: the correct figure is 29, not 31.", {"source": "news.md", "chunk": 0})
    other = Corpus(chunks=[*_corpus(*FOI, source="foi-77.pdf").chunks, news])
    other._build()
    ranked = candidates(info, [Hit(c, 0.03) for c in other.chunks], other)
    assert "31 library sites" in ranked[0].text, [(c.text, c.score) for c in ranked]
