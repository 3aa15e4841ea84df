"""Reading a question against the register: slips of spelling, pronouns, late cues, reported questions."""

from __future__ import annotations

from knowledge.register import RegisterStore, parse_question
from knowledge.register.explain import read
from knowledge.register.parse import clean
from knowledge.register.spelling import corrections


def test_a_misspelt_question_word_is_read_as_the_word_it_stands_for(sample_store: RegisterStore) -> None:
    q = parse_question("wich sites are still on hikvision cams?", sample_store)
    assert q is not None and q.intent == "list" and q.vendors == ["hikvision"] and q.status == "in_service"
    q = parse_question("how many hik systems still runing in coldharbour district?", sample_store)
    assert q is not None and q.intent == "count" and q.areas == ["Coldharbour"]
    reading = read("wich sites are still on hikvision cams?", sample_store)
    assert any(link.kind == "spelling" and link.target == "which" for link in reading.links)


def test_real_words_and_acronyms_are_not_respelt(sample_store: RegisterStore) -> None:
    for question in ("when does the council plan to swap them out?", "do we need a DPIA for ANPR cameras?",
                     "Tell me the council's stated position on replacing Hikvision."):
        assert corrections(clean(question), sample_store) == {}, question


def test_ones_is_a_pronoun_not_an_unknown_place(sample_store: RegisterStore) -> None:
    q = parse_question("how many hik systems have been swapped for new ones so far?", sample_store)
    assert q is not None and q.intent == "count" and q.status == "replaced" and q.vendors == ["hikvision"]
    q = parse_question("which sites have had their hik systems swapped for new ones already?", sample_store)
    assert q is not None and q.intent == "list" and q.status == "replaced"


def test_a_late_list_cue_lists_what_the_question_named_before_it(sample_store: RegisterStore) -> None:
    q = parse_question("hik systems in ashdown or dunmere with a replacement booked - which ones?", sample_store)
    assert q is not None and q.intent == "list" and q.count_of == "systems"
    assert q.areas == ["Ashdown", "Dunmere"] and q.status == "scheduled"
    q = parse_question("Of the sites with Dahua CCTV, which ones allow staff to view the cameras remotely?",
                       sample_store)
    assert q is not None and q.count_of == "properties" and q.remote_access is True


def test_a_reported_question_is_read_without_its_frame(sample_store: RegisterStore) -> None:
    q = parse_question("A Coldharbour member has asked how many Hikvision CCTV systems remain in operation in "
                       "the Coldharbour district. Could you confirm the figure?", sample_store)
    assert q is not None and q.intent == "count" and q.areas == ["Coldharbour"] and q.status == "in_service"
    q = parse_question("A member has asked for a list of the council properties at which the Hikvision "
                       "systems have already been replaced. Could you provide one?", sample_store)
    assert q is not None and q.intent == "list" and q.status == "replaced"


def test_a_condition_beside_a_reported_question_is_still_refused(sample_store: RegisterStore) -> None:
    assert parse_question("A member has asked which Hikvision sites have PTZ cameras.", sample_store) is None


def test_an_adverb_inside_a_scheduled_replacement(sample_store: RegisterStore) -> None:
    q = parse_question("Could you please confirm the number of CCTV systems for which a replacement is "
                       "currently scheduled?", sample_store)
    assert q is not None and q.intent == "count" and q.status == "scheduled"


def test_a_count_of_what_was_named_before_the_cue(sample_store: RegisterStore) -> None:
    q = parse_question("Of the cameras still in service, how many were fitted before 1 January 2018?",
                       sample_store)
    assert q is not None and q.intent == "count" and q.count_of == "cameras"


def test_that_year_is_the_period_another_clause_named(sample_store: RegisterStore) -> None:
    q = parse_question("How much capital has been budgeted for 2025/26, and which Hikvision sites are due to "
                       "be replaced that year?", sample_store)
    assert q is not None and q.intent == "list" and q.vendors == ["hikvision"]
    assert [(d.field, d.start, d.end) for d in q.dates] == [("replacement_date", "2025-04-01", "2026-04-01")]


def test_it_refers_to_the_kit_a_documents_clause_named(sample_store: RegisterStore) -> None:
    q = parse_question("What deadline did the committee set for replacing Hikvision, and which sites still "
                       "have it?", sample_store)
    assert q is not None and q.intent == "list" and q.vendors == ["hikvision"] and q.status == "in_service"
    q = parse_question("What deadline did the committee set, and which Dahua sites still have it?", sample_store)
    assert q is not None and q.vendors == ["dahua"]


def test_a_policy_named_as_the_condition_is_still_read(sample_store: RegisterStore) -> None:
    q = parse_question("how many systems are still in service: are all our cameras compliant with the high-risk "
                       "vendor policy now?", sample_store)  # the router's "are all ...?" check
    assert q is not None and q.intent == "count" and "hikvision" in q.vendors


def test_a_claim_ends_with_its_clause_and_its_date_is_the_sayings(sample_store: RegisterStore) -> None:
    for question in ("Leader's statement last year said none of our hik cameras are on the corporate network - "
                     "does the register back that up? which sites are exceptions?",
                     "leader said last year none of our hik cams are on the corporate network - does the register "
                     "agree? which sites are exceptions?"):
        q = parse_question(question, sample_store)
        assert q is not None and q.intent == "list" and q.vendors == ["hikvision"], question
        assert q.network == "lan" and q.dates == [], question


def test_a_later_list_cue_names_what_is_listed(sample_store: RegisterStore) -> None:
    q = parse_question("any dahua sites where staff can watch the cams remotely? which ones", sample_store)
    assert q is not None and q.intent == "list" and q.count_of == "properties" and q.remote_access is True
    q = parse_question("where r we still using dahua cams? need the site list", sample_store)
    assert q is not None and q.count_of == "properties"  # "where" asks for the sites, not the cams
