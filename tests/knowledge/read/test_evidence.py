"""Evidence from the corpus and the question's own words, on in-memory passages: names written in
lower case, questions in two parts, quoted questions, page furniture, and the kind of fact asked."""

from __future__ import annotations

from knowledge.compose.clauses import complete, parts
from knowledge.compose.extractive import _parallel, answers, select
from knowledge.gather.retrieval import Hit
from knowledge.gather.scoring import _PAGE_FURNITURE, Candidate, candidates, prefixed
from knowledge.index.corpus import Chunk, Corpus
from knowledge.read.evidence import corpus_names, named_phrases, named_terms
from knowledge.read.question import analyse, answer_type, asked_thing, has_type
from knowledge.text import stem, tokens, words

DARLINGTON = ("Source: https://example.gov.uk/a — Darlington Borough Council, CCTV programme\n\n"
              "The system in Darlington had grown to 122 public space cameras over the years.\n\n"
              "The review found that 74 older analogue cameras needed to be replaced.")
WANDSWORTH = ("Source: https://example.gov.uk/b — Wandsworth Council, CCTV\n\n"
              "Recorded data from our cameras is only held for 31 days before it is deleted.")
WELWYN = ("Source: https://example.gov.uk/c — Welwyn Hatfield Borough Council, CCTV footage\n\n"
          "Recordings from our cameras are available for up to 28 days after the event.")
LORDS = ("Source: https://example.org/d — Parallel Parliament, written questions\n\n"
         "Question to the Cabinet Office:\n\n"
         "To ask His Majesty's Government what is their timetable for removing Hikvision cameras from "
         "public buildings.\n\n"
         "The Government has told departments to stop deploying such cameras on sensitive sites.")


def _corpus(*texts: str) -> Corpus:
    corpus = Corpus(chunks=[Chunk(f"c{n}", t, {"source": f"d{n}.md", "kind": "guidance", "chunk": 0})
                            for n, t in enumerate(texts)])
    corpus._build()
    return corpus


def _answer(question: str, corpus: Corpus) -> tuple[bool, list[str]]:
    info = analyse(question)
    info.names = named_terms(info.terms, corpus)
    extract = select(info, candidates(info, [Hit(c, 0.03) for c in corpus.chunks], corpus), corpus)
    return answers(info, extract, corpus), [c.text for c in extract.sentences]


def test_the_corpus_says_which_lower_case_words_are_names() -> None:
    names = corpus_names(_corpus(DARLINGTON, WANDSWORTH, WELWYN, LORDS))
    assert {"darlington", "wandsworth", "welwyn"} <= names
    assert not {"camera", "cameras", "review", "recorded"} & names


def test_another_councils_figure_is_no_answer_about_this_one() -> None:
    corpus = _corpus(DARLINGTON, WANDSWORTH, WELWYN)
    answered, _ = _answer("how long does darlington keep cctv recordings?", corpus)
    assert not answered
    answered, said = _answer("how long does wandsworth keep cctv recordings?", corpus)
    assert answered and any("31 days" in s for s in said), said


def test_two_bodies_named_each_get_their_own_sentence() -> None:
    corpus = _corpus(DARLINGTON, WANDSWORTH, WELWYN)
    answered, said = _answer("how long do wandsworth and welwyn hatfield keep recordings?", corpus)
    assert answered and any("31 days" in s for s in said) and any("28 days" in s for s in said), said


def test_each_part_of_a_two_part_question_is_answered() -> None:
    question = ("darlington cctv - how many public space cameras did the system have, "
                "and how many of the analogue cameras needed replacing?")
    assert len(parts(question)) == 3
    answered, said = _answer(question, _corpus(DARLINGTON, WANDSWORTH))
    assert answered and any("122" in s for s in said) and any("74" in s for s in said), said


def test_a_question_quoted_in_a_document_is_not_its_own_answer() -> None:
    _, said = _answer("what's the government timetable for removing hikvision cameras from public buildings?",
                             _corpus(LORDS, WANDSWORTH))
    assert not any(s.startswith("To ask") for s in said), said


def test_an_address_field_or_email_line_is_page_furniture() -> None:
    assert _PAGE_FURNITURE.search("Source: https://example.gov.uk/a — Darlington Borough Council")
    assert _PAGE_FURNITURE.search("Information Governance, Market Street foi@kestwick.gov.example")
    assert not _PAGE_FURNITURE.search("Insurance companies should make their request online.")


def test_what_is_asked_for() -> None:
    assert answer_type("how much footage do we keep?") != "money"
    assert answer_type("how much money is left in the budget?") == "money"
    assert answer_type("what did the programme end up costing?") == "money"
    assert answer_type("do they keep recordings for the same length of time?") == "duration"
    # "could you ..." asks for something; "could we ..." asks what a rule allows
    assert answer_type("Could you set out the assurances the opposition sought?") == "other"
    assert answer_type("could we buy Hikvision cameras?") == "rule"
    assert has_type("We upgraded all the analogue cameras in 2024.", "date")
    assert asked_thing("what's the max fine for manufacturers who break the rules?") == "fin"
    assert asked_thing("what is the retention period for footage?") is None
    # asked for by name in the imperative too: "tell me the firmware version of ..."
    assert asked_thing("Tell me the firmware version of Saltcote Depot's recorder.") == "version"


def test_a_form_of_a_question_word_meets_its_other_forms() -> None:
    assert prefixed({"approv", "ashford"}, {"approver", "fox"}) == {"approv"}


def test_a_name_neither_the_sources_nor_english_use_is_never_mentioned() -> None:
    from knowledge.compose.silence import unknown_terms
    from knowledge.read.english import is_english

    corpus = _corpus(DARLINGTON, WANDSWORTH, WELWYN)
    assert not is_english("pellingham") and is_english("ditching") and is_english("redeployable")
    info = analyse("how many cctv cameras does pellingham town council run?")
    assert unknown_terms(info, corpus) == ["pellingham"]
    info = analyse("is darlington ditching its cameras?")  # an English word the sources don't use
    assert unknown_terms(info, corpus) == []
    info = analyse("how many cameras does darlingtn have?")  # a misspelt name the sources use
    assert unknown_terms(info, corpus) == []


def test_a_short_financial_year_is_read_as_the_year_the_papers_write() -> None:
    from knowledge.read.question import expand

    assert expand("budget for 27/28?") == "budget for 2027/28?"
    assert expand("on 12/05 and 2024/25") == "on 12/05 and 2024/25"


def test_a_later_version_of_a_document_replaces_the_earlier() -> None:
    from knowledge.gather.supersede import superseded

    def chunk(n: int, source: str, date: str, text: str) -> Chunk:
        return Chunk(f"v{n}", text, {"source": source, "kind": "guidance", "chunk": 0, "date": date,
                                     "title": source.rsplit("/", 1)[-1]})

    old = "policy/cctv-retention-policy-v1.0-2021.pdf"
    new = "policy/cctv-retention-policy-v2.0-2024.md"
    corpus = Corpus(chunks=[
        chunk(0, old, "2021-06-14", "We keep CCTV footage for 31 days before it is overwritten."),
        chunk(1, new, "2024-09-09", "Recordings are held for 21 days."),
        chunk(2, "policy/door-entry-standard.md", "2023-01-01", "Door entry panels are checked every year."),
    ])
    corpus._build()
    assert superseded(corpus) == frozenset({old})
    answered, said = _answer("how long do we keep cctv footage before it is overwritten?", corpus)
    assert answered and "21 days" in said[0], said
    answered, said = _answer("how long did the 2021 policy say cctv footage is kept before it is overwritten?", corpus)
    assert answered and any("31 days" in s for s in said), said  # a period named: the version of then


def test_the_corpus_subject_in_capitals_is_not_a_name_the_answer_must_repeat() -> None:
    corpus = _corpus(DARLINGTON, WANDSWORTH, WELWYN,
                     "Source: https://example.gov.uk/g — Government instruction\n\n"
                     "On 24 November 2022 the government told "
                     "departments to stop putting Chinese surveillance equipment on sensitive sites.",
                     "Source: https://example.gov.uk/h — CCTV review\n\nThe CCTV review covers every building.")
    answered, said = _answer("what did the government say in November 2022 about Chinese CCTV?", corpus)
    assert answered and "sensitive sites" in said[0], said  # "CCTV" is on most pages: the subject, not a name


def test_how_many_is_answered_by_a_count_of_that_thing_for_the_body_named() -> None:
    corpus = _corpus("Source: https://example.gov.uk/i — press statement\n\nDuring 2023 three district councils, "
                     "Brackenfield among them, said they would stop using Hikvision cameras on their property.",
                     "Source: https://example.gov.uk/j — FOI reply\n\nA system means one recorder and the cameras "
                     "attached to it.", WANDSWORTH, WELWYN)
    answered, said = _answer("How many CCTV cameras does Brackenfield District Council operate?", corpus)
    assert not answered, said  # "three" counts councils; the count of cameras is about no council named


def test_the_thing_asked_for_by_name_is_read_however_it_is_typed() -> None:
    assert asked_thing("whats the ip of the eastbrook library nvr?") == "ip"
    assert asked_thing("What's the IP of the Eastbrook Library NVR?") == "ip"
    assert asked_thing("what is the retention period for footage?") is None  # the kind of fact, not a thing


TYNESIDE = ("Source: https://example.gov.uk/e — North Tyneside Council, Freedom of Information disclosure log\n\n"
            "Request:\n"
            "- Please provide the total number of fixed and mobile public-space CCTV cameras operated by the council\n"
            "742\n"
            "- Please indicate the year when those CCTV cameras were installed?\n"
            "NTC is refreshing its CCTV estate.\n"
            "2025 - 78 Cameras\n")
TRANSPORT = ("Source: https://example.org/f — Transport for London, FOI reply on camera makers\n\n"
             "There is a network of more than 77,000 CCTV cameras operating across London's transport network.\n\n"
             "We neither confirm nor deny whether any of our cameras are made by Hikvision.")


def test_a_bare_figure_answers_the_request_line_above_it() -> None:
    corpus = _corpus(TYNESIDE, TRANSPORT, DARLINGTON)
    answered, said = _answer("how many public space cctv cameras does north tyneside operate?", corpus)
    assert answered and any(s.endswith("by the council 742") for s in said), said
    assert not any("77,000" in s for s in said), said  # another body's figure, however close


def test_a_fact_about_several_names_comes_from_one_document_naming_them_all() -> None:
    corpus = _corpus(TYNESIDE, TRANSPORT, DARLINGTON)
    answered, said = _answer("how many hikvision cameras has north tyneside got?", corpus)
    assert not answered, said


def test_acronyms_that_name_something_are_names_and_common_capitals_are_not() -> None:
    code = ("Source: https://example.gov.uk/g — Surveillance camera code, definitions\n\n"
            "Surveillance camera systems include closed circuit television or ANPR systems. "
            "Each ANPR camera must be registered.")
    names = corpus_names(_corpus(code, DARLINGTON, WANDSWORTH, WELWYN, TYNESIDE))
    assert "anpr" in names and "cctv" not in names, sorted(names)


def test_a_name_the_corpus_writes_in_capitals_is_found_in_a_lower_case_question() -> None:
    corpus = _corpus("Site: Kestwick House, Market Street. Works: replace the door access at the Car Park.",
                     "Councillor Farah Lindqvist moved the amendment.")
    said = [stem(w) for w in words("whats the cost of the door access at kestwick house, and the car park?")]
    assert named_phrases(said, corpus) == [["kestwick", "hous"]]  # "Car Park" is two English words
    assert named_phrases([stem(w) for w in words("did farah lindqvist move it")], corpus) == [["farah", "lindqvist"]]
    assert named_phrases([stem(w) for w in words("which house is on market street")], corpus) == []


def test_the_noun_asked_for_names_the_kind_of_fact() -> None:
    assert answer_type("Tell me the retention period for our CCTV footage.") == "duration"
    assert answer_type("Tell me the Hikvision camera count we gave in the FOI response.") == "number"
    assert answer_type("Please confirm the date on which the council stopped buying them.") == "date"
    assert answer_type("What did the leader say at the same time?") == "other"
    assert answer_type("What is the model of the recorder at the depot?") == "other"


def test_the_thing_asked_for_must_come_with_what_it_is_asked_of() -> None:
    standard = ("Source: https://example.gov.uk/s — Devices standard\n\n"
                "Firmware must be kept at a version the maker supports.")
    depot = ("Source: https://example.gov.uk/r — Cabinet report on Saltcote Depot\n\n"
             "Two Hikvision cameras were added to the recorder at Saltcote Depot in March 2024.")
    question = "what firmware is the saltcote depot recorder running?"
    answered, said = _answer(question, _corpus(standard, depot))
    assert not answered, f"a standard on firmware and a report on the depot, apart, are no answer: {said}"
    log = ("Source: https://example.gov.uk/l — Saltcote Depot site log\n\n"
           "The recorder at Saltcote Depot runs firmware V4.1.")
    answered, said = _answer(question, _corpus(standard, depot, log))
    assert answered and any("V4.1" in s for s in said), said


def test_a_council_named_in_full_is_a_run_of_capitals_ending_in_council() -> None:
    from knowledge.read.evidence import councils

    said = ("In Brackenfield District Council's own buildings, as Full Council heard, "
            "and at The Westmarch County Council")
    assert councils(said) == ["brackenfield district council", "westmarch county council"]


ORMSBY = ("Source: https://example.gov.uk/cctv — Ormsby Borough Council, CCTV: What we do\n\n"
          "# What we do\n\n"
          "Our control centre works 24 hours a day.\n"
          "- We opened March 1996\n"
          "- The system began with 41 cameras in the market square, recording to tape.\n"
          "- We upgraded the control centre in 2008.\n"
          "- We also upgraded the camera control desk in 2019.\n")
ORMSBY_PARKS = ("Source: https://example.gov.uk/parks — Ormsby Borough Council, Parks\n\n"
                "The parks team looks after 30 parks and 12 play areas.")


def test_each_part_gets_the_fact_it_asks_for() -> None:
    # "when ... and how many cameras": the date from one line, the count of cameras from another;
    # a year beside the word "camera" ("the camera control desk in 2019") counts no cameras
    answered, quoted = _answer("When did Ormsby's CCTV control centre first open and how many cameras "
                               "did it start with?", _corpus(ORMSBY, ORMSBY_PARKS))
    assert answered, quoted
    assert any("1996" in q for q in quoted) and any("41 cameras" in q for q in quoted), quoted


def test_a_name_in_the_title_is_one_word_not_a_scatter_of_words() -> None:
    # the page's title names Ormsby; "Ormsby Market" is no name its title gives
    answered, quoted = _answer("When did the Ormsby Market control centre open?", _corpus(ORMSBY, ORMSBY_PARKS))
    assert not answered, quoted



def _cand(source: str, chunk: str, text: str, score: float) -> Candidate:
    return Candidate(Chunk(chunk, text, {"source": source}), text, score, set(tokens(text)))


def test_a_thing_the_question_names_is_completed_from_the_cited_documents_own_sentence() -> None:
    info = analyse("does the restricted suppliers guidance extend to the Zentilo brand, or only Quorvex?")
    chosen = [_cand("guidance.docx", "g1", "Restricted equipment may stay in use until it is replaced.", 2.0)]
    news = _cand("news.html", "n1", "Residents asked about Zentilo doorbells at the leisure centre.", 1.9)
    row = _cand("guidance.docx", "g2", "Parent company: Quorvex Holdings; Brands: Quorvex; Zentilo; Pyxora.", 1.5)
    weights = {t: 1.0 for t in info.terms}
    out = complete(info, chosen, [chosen[0], news, row], weights, lambda _n, _cs: True)
    assert row in out and news not in out, [c.text for c in out]  # another document's mention is no answer
    out = complete(info, chosen, [chosen[0], news], weights, lambda _n, _cs: True)
    assert out == chosen


def test_the_same_documents_other_item_on_what_is_most_asked_across_a_page_break() -> None:
    info = analyse("who put forward the amendment at full council in july?")
    weights = {"amendment": 5.0, "forward": 2.6, "full": 3.0, "july": 3.0}
    pryor = _cand("minutes.pdf", "p2", "Councillor Pryor moved an amendment to bring forward the target date.", 1.4)
    lindqvist = _cand("minutes.pdf", "p1", "Councillor Lindqvist moved the following amendment.", 1.2)
    other = _cand("report.pdf", "r1", "The amendment to the report was noted.", 1.2)
    assert _parallel(lindqvist, [pryor], weights, info)
    assert not _parallel(other, [pryor], weights, info)  # another document's
    assert not _parallel(lindqvist, [pryor], {**weights, "july": 9.0}, info)  # not what is most asked
