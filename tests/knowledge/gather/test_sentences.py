"""Quotable spans: headings are not glued to sentences, hard-wrapped lines are, and a
sentence that points back is quoted with the one before it."""

from __future__ import annotations

from knowledge.gather.scoring import Candidate
from knowledge.gather.sentences import normalise, spans, with_antecedents
from knowledge.index.corpus import Chunk, Corpus


def test_a_heading_line_is_not_glued_to_its_first_sentence() -> None:
    text = "2. Barred suppliers\nOfficers must not buy from Castor Lamps. This applies to spare parts."
    assert spans(text) == ["Officers must not buy from Castor Lamps.", "This applies to spare parts."]


def test_a_hard_wrapped_sentence_stays_whole() -> None:
    text = "The council said in January 2024 that its recorders\nwere not networked outside the building."
    assert spans(text) == ["The council said in January 2024 that its recorders were not networked "
                           "outside the building."]
    text = "Officers must not buy columns made by\nCastor Lamps. It is the rule."
    assert spans(text)[0] == "Officers must not buy columns made by Castor Lamps."


def test_a_sentence_that_points_back_brings_its_antecedent() -> None:
    text = "Officers must not buy from Castor Lamps. This applies to spare parts. Repairs are separate."
    found = with_antecedents(spans(text), normalise(text))
    assert found == ["Officers must not buy from Castor Lamps.",
                     "Officers must not buy from Castor Lamps. This applies to spare parts.",
                     "Repairs are separate."]
    # not across a heading, which is dropped from the spans: the pair would not be verbatim
    text = "Officers must not buy from Castor Lamps.\n\nSpare parts\nThis applies to spare parts."
    assert with_antecedents(spans(text), normalise(text))[-1] == "This applies to spare parts."


def test_an_inline_bullet_starts_a_new_span() -> None:
    text = "The rest will be replaced when funding is agreed. – Spend to June is £341,260. – Two remain."
    assert spans(text) == ["The rest will be replaced when funding is agreed.", "– Spend to June is £341,260.",
                           "– Two remain."]


def test_a_reply_is_quoted_with_the_question_it_answers() -> None:
    text = ("Members asked whether any images had been accessed from outside. "
            "The Head of ICT said there was no evidence of this. The meeting closed at 8pm.")
    found = with_antecedents(spans(text), normalise(text))
    assert found[1] == ("Members asked whether any images had been accessed from outside. "
                        "The Head of ICT said there was no evidence of this.")
    assert found[2] == "The meeting closed at 8pm."


def test_a_resolution_directing_a_step_is_an_action() -> None:
    from knowledge.read.question import has_type

    assert has_type("That officers complete the missing supplier details by 30 September 2025.", "action")
    assert not has_type("The audit gave a limited assurance opinion.", "action")
    assert not has_type("That the committee notes the limited assurance opinion.", "action")


def test_a_numbered_item_keeps_its_number() -> None:
    text = "We ask the council to:\n\n  1. Remove the cameras. Soon.\n  2. Publish the list.\n\nEnds. 4. Retention"
    assert spans(text) == ["We ask the council to:", "1. Remove the cameras.", "Soon.", "2. Publish the list.",
                           "Ends."]  # "4." there ends a sentence


def test_question_names_short_forms_and_paraphrase() -> None:
    from knowledge.compose.extractive import Extract, answers
    from knowledge.read.question import analyse, expand

    assert analyse("Can contractors fit HiLook cameras?").specific == [["hilook"]]
    assert {"liberal", "democrat"} <= set(analyse(expand("What did the Lib Dems want?")).terms)
    info = analyse("From what date were Dahua products barred?")
    assert "dat" not in info.terms  # "what date" asks for a date; the word itself need not appear
    text = "Dahua has been restricted since 1 October 2023."
    corpus = Corpus(chunks=[Chunk("c0", text, {"source": "d.md", "kind": "guidance", "chunk": 0})])
    corpus._build()
    cand = Candidate(corpus.chunks[0], text, 1.0, {"dahua"})
    close = Extract([cand], coverage=0.45, missing=[], similarity=0.65)
    far = Extract([cand], coverage=0.45, missing=[], similarity=0.3)
    assert answers(info, close, corpus) and not answers(info, far, corpus)


def test_an_acronym_is_found_spelt_out() -> None:
    from knowledge.read.question import acronyms, spelt_out

    assert acronyms("Did the FOI answer mention DPIAs?") == ["foi", "dpia"]
    assert spelt_out("in answer to a Freedom of Information request", ["foi"]) == {"foi"}
    assert spelt_out("a Data Protection Impact Assessment is needed", ["dpia"]) == {"dpia"}
    assert spelt_out("for our information only", ["foi"]) == set()  # lower-case words spell nothing


def test_a_contact_line_is_page_furniture() -> None:
    from knowledge.gather.scoring import _PAGE_FURNITURE

    assert _PAGE_FURNITURE.search("Contact: Cllr Gareth Pennock, Group Office, Town Hall.")
    assert not _PAGE_FURNITURE.search("Residents can contact the council about footage.")


def test_a_heading_inside_a_pdf_page_heads_the_sentences_under_it() -> None:
    from knowledge.gather.sentences import headed_spans

    page = ("The committee is asked to comment on the networked systems.\n"
            "6. Hikvision installed after the ban - contractor error\n"
            "In March 2025 a data cleanse found two systems installed after the ban.\n"
            "Internal Audit has opened an investigation into how this happened.")
    headed = headed_spans(page)
    assert headed[0] == ("The committee is asked to comment on the networked systems.", "")
    assert ("Internal Audit has opened an investigation into how this happened.",
            "6. Hikvision installed after the ban - contractor error") in headed
    assert not any("contractor error In March" in s for s, _ in headed)  # not glued to the sentence


def test_table_cells_one_per_line_are_not_one_run_on_sentence() -> None:
    cells = "Manufacturer\nSystems\nCameras\nHikvision\n57\n475\nDahua\n16\n107"
    assert "Manufacturer Systems Cameras Hikvision 57" not in " | ".join(spans(cells))


def test_an_enumeration_is_led_in_by_the_sentence_that_announces_it() -> None:
    from knowledge.gather.lists import following_items, lead_in

    text = ('"I\'m making three commitments today.\n\n"First, by March 2026 every camera will go. '
            'Second, by May none will be reachable from the internet. Third, we will publish the list."')
    lead = "\"I'm making three commitments today."
    items = following_items(text, lead)
    assert [i.split(",")[0].strip('"') for i in items] == ["First", "Second", "Third"], items
    assert lead_in(text, items[1]) == lead
    assert following_items("We made two visits. First, we looked.", "We made two visits.") == []


def test_items_printed_without_markers_are_the_items_of_their_lead_in() -> None:
    from knowledge.gather.lists import following_items, lead_in

    text = ("Resolved\n\nThat the Committee:\n\nnotes the findings of the review;\n\n"
            "recommends that the Record Office be treated as a sensitive site;\n\n"
            "asks for progress reports every six months.\n\n(Voting: 9 for, 0 against.)")
    items = following_items(text, "That the Committee:")
    assert [i.split()[0] for i in items] == ["notes", "recommends", "asks"], items
    assert lead_in(text, items[1]) == "That the Committee:"
    # a lower-case paragraph with no ":" lead-in before it is no item of anything
    assert lead_in("The council met.\n\nnotes were taken;", "notes were taken;") is None


def test_a_plain_text_table_row_is_a_span_read_under_its_header() -> None:
    from knowledge.gather.sentences import table_rows
    from knowledge.read.question import analyse

    table = ("COMPONENT                     DESIGN LIFE    NOTES\n"
             "----------------------------  -------------  ----------------\n"
             "PTZ (moving) camera           6 years        motors wear out\n"
             "Network video recorder (NVR)  6 years        licences on the unit")
    assert "Network video recorder (NVR) 6 years licences on the unit" in spans(table)
    rows = table_rows(table)
    assert rows["PTZ (moving) camera 6 years motors wear out"] == "COMPONENT DESIGN LIFE NOTES"
    assert not any(set(r) <= set("- ") for r in rows)  # the ruled line is not a row
    assert analyse("What's the expected life of an NVR before we budget to replace it?").answer_type == "duration"


def test_what_a_question_asks_for() -> None:
    from knowledge.read.question import analyse

    # an idiom's words are not asked for; a future "when" wants a date; short months are months
    assert "plac" not in analyse("Why are the Independents against it in the first place?").terms
    assert analyse("So when is the programme now expected to be finished?").answer_type == "date"
    assert analyse("When exactly did we stop buying Hikvision?").answer_type == "date"
    assert ["february"] in analyse("What did the leader promise in Feb 2024?").specific
    assert not any("set-up" in s for s in analyse("What assurance did audit give on the set-up?").specific)


def test_a_markdown_quote_splits_at_its_empty_quote_line() -> None:
    # "> " lines carry the quote; a line holding only ">" ends a paragraph within it
    text = ('A spokesperson said:\n\n> "Our lanterns are sealed.\n>\n'
            '> "Relighting every one of these lanterns would cost £2 million."\n')
    got = spans(text)
    assert got == ["A spokesperson said:", '"Our lanterns are sealed.',
                   '"Relighting every one of these lanterns would cost £2 million."'], got
    assert all(normalise(s) in normalise(text) for s in got), "still verbatim"


def test_an_underlined_title_heads_the_items_under_it() -> None:
    from knowledge.gather.sentences import headed_spans

    text = ("NOTICE\n\nWhat is changing\n----------------\n* From 1 April all repairs go to Brackwater Ltd.\n"
            "* Our contract with Oakhurst Ltd ends on 31 March.\n")
    got = headed_spans(text)
    assert ("* From 1 April all repairs go to Brackwater Ltd.", "What is changing") in got, got
    assert not any("----" in s for s, _ in got), got


def test_twofold_concerns_bring_each_short_point_with_its_explanation() -> None:
    from knowledge.gather.lists import following_items

    text = ("Our concerns are twofold.\n\nFirst, **security**. Cameras on the network are a way in.\n\n"
            "Second, **human rights**. The makers' cameras are used for mass surveillance.\n")
    assert following_items(text, "Our concerns are twofold.") == ["First, **security**.", "Second, **human rights**."]
    joined = with_antecedents(spans(text), normalise(text))
    assert "First, **security**. Cameras on the network are a way in." in joined, joined


def test_a_resolution_printed_inside_a_pdf_page_is_split_into_its_items() -> None:
    from knowledge.gather.lists import following_items

    page = ("Members asked about the cost of the programme and the\nlength of the contract.\nRESOLVED:\n"
            "(1) That the findings be noted.\n(2) That all connected kit be replaced by 31 March 2026,\n"
            "with the highest-risk sites first.\n(3) That progress be reported every six months.\n"
            "23/45 Internal Audit progress report\n")
    got = spans(page)
    assert "RESOLVED:" in got, got
    assert "(2) That all connected kit be replaced by 31 March 2026, with the highest-risk sites first." in got
    assert following_items(page, "RESOLVED:")[-1] == "(3) That progress be reported every six months.", got


def test_each_row_of_a_pipe_table_is_its_own_span() -> None:
    text = ("| Item | Replace every | Comment |\n|------|---------------|---------|\n"
            "| IP cameras | 8 years | Outdoor cameras may go sooner |\n| 4G routers | 4 years | Or sooner |\n| | | |\n")
    got = spans(text)
    assert "| 4G routers | 4 years | Or sooner |" in got, got
    assert not any("IP cameras" in s and "4G routers" in s for s in got), "rows are not glued"
    assert not any(s.replace("|", "").strip() == "" for s in got), "an empty row is no span"


def test_a_minute_number_heading_is_a_heading() -> None:
    from knowledge.gather.sentences import headed_spans

    got = headed_spans("23/44 CCTV Security Review - findings\nThe Head of ICT presented the findings.\n")
    assert got == [("The Head of ICT presented the findings.", "23/44 CCTV Security Review - findings")], got


def test_a_long_run_on_sentence_is_cut_at_semicolons_but_a_question_is_not() -> None:
    clause = "the harbour board has relit the lanterns on the quay steps and along the old fish market wall"
    statement = "; ".join([f"First, {clause}", f"second, {clause}", f"third, {clause}", f"finally, {clause}."])
    assert len(statement.split()) > 70 and len(spans(statement)) == 4, spans(statement)
    # a tabled question's parts ("will he confirm ...; and will he explain ...?") are one question
    question = (f"Will the harbour master confirm that {clause}, and that {clause}; and will he explain why "
                f"{clause}, given the safety concerns that residents raised?")
    assert len(question.split()) > 70 and spans(question) == [question], spans(question)


def test_an_foi_reply_keeps_each_request_and_its_answer_apart() -> None:
    text = ("Request:\n- Please provide the total number of cameras operated by the council\n742\n"
            "- Please indicate the year those cameras were installed?\nNTC is refreshing its estate.\n")
    got = spans(text)
    assert "- Please provide the total number of cameras operated by the council" in got, got
    assert "742" in got and "NTC is refreshing its estate." in got, got
    assert not any("742 -" in s for s in got), got


def test_a_resolution_led_in_by_resolved_that_is_an_outcome() -> None:
    from knowledge.gather.lists import is_lead_in, lead_in
    from knowledge.gather.scoring import resolved_item

    text = "Resolved: That\n\na) more information be obtained;\n\nb) the Council should not remove the hardware."
    item = "b) the Council should not remove the hardware."
    assert lead_in(text, item) == "Resolved: That" and resolved_item(item, text)
    assert is_lead_in("We are calling on the council to:") and not is_lead_in("Note: see the annex below.")
    assert not is_lead_in("Decision status: Approved")


def test_a_checkbox_or_arrow_is_a_bullet_and_a_heading_mark_is_not() -> None:
    from knowledge.gather.lists import marked, opening_items

    assert marked("☐ We have conducted a DPIA.") and marked("➢ Relight the quay.") and marked("- Castor Lamps")
    assert not marked("# Checklist") and not marked("We have conducted a DPIA.")
    assert opening_items("☐ One thing.\n\n☐ Another thing.\n\nThen prose.") == ["☐ One thing.", "☐ Another thing."]
