"""Routing of negations: row-level exclusions are register filters; "which sites have no X"
(a whole-property negation) is refused plainly rather than answered with the sites that do."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.types import Scope


@pytest.mark.parametrize("question", [
    "Which libraries don't have Hikvision?",
    "which properties have no Hikvision?",
    "Which sites are without any Dahua?",
])
def test_whole_property_negation_is_refused_not_inverted(demo_knowledge: Any, question: str) -> None:
    answer = demo_knowledge.answer(question, Scope())
    assert not answer.answered and not answer.citations and not answer.rows, answer.answer
    assert "won't guess" in answer.answer and "For comparison," in answer.answer


def test_row_level_exclusion_is_a_stated_filter(demo_knowledge: Any) -> None:
    everywhere = demo_knowledge.answer("Which properties still run Hikvision?", Scope())
    outside = demo_knowledge.answer("Which properties still run Hikvision, not in Ashdown?", Scope())
    assert outside.answered and outside.rows
    ashdown = {r["property"] for r in everywhere.rows if r["cells"].get("district") == "Ashdown"}
    assert ashdown, "the sample register has Hikvision sites in Ashdown"
    assert not ashdown & {r["property"] for r in outside.rows}
    in_ashdown = sum(1 for r in everywhere.rows if r["cells"].get("district") == "Ashdown")
    assert len(outside.rows) == len(everywhere.rows) - in_ashdown
    assert any("is not Ashdown" in f for f in outside.filters), outside.filters


def test_a_document_question_mentioning_without_still_goes_to_documents(demo_knowledge: Any) -> None:
    answer = demo_knowledge.answer("Why were some Hikvision systems removed without replacement?", Scope())
    assert answer.mode != "none" or "won't guess" not in answer.answer


def test_any_question_is_yes_when_some_match(demo_knowledge: Any) -> None:
    some = demo_knowledge.answer("Do any libraries have Dahua cameras?", Scope())
    assert some.answered and some.rows and some.answer.startswith("Yes."), some.answer
    every = demo_knowledge.answer("Are all Hikvision systems replaced?", Scope())
    assert every.answer.startswith("No."), every.answer


def test_question_about_a_named_site_is_answered_from_its_rows(demo_knowledge: Any) -> None:
    answer = demo_knowledge.answer("Does Fernley Library have Hikvision cameras?", Scope())
    assert answer.mode == "register" and answer.answered and answer.answer.startswith("Yes.")
    assert answer.rows and {r["property"] for r in answer.rows} == {"Fernley Library"}
    assert all(c.source.endswith(".csv") for c in answer.citations)


def test_unknown_place_is_refused_by_the_router(demo_knowledge: Any) -> None:
    answer = demo_knowledge.answer("Which Hikvision systems are at swimming pools?", Scope())
    assert not answer.answered and not answer.citations and "swimming pools" in answer.answer



def test_do_all_compares_every_in_service_system_and_lists_the_rest(demo_knowledge: Any) -> None:
    import csv
    from pathlib import Path

    sample = Path(__file__).resolve().parents[3] / "demo" / "westmarch" / "register" / "cctv-asset-register.csv"
    with sample.open(newline="", encoding="utf-8") as handle:
        libraries = [r for r in csv.DictReader(handle) if r["property_type"] == "Library"
                     and r["status"] in ("in service", "scheduled for replacement")]
    hik = [r for r in libraries if "hik" in r["manufacturer"].lower()
           or (not r["manufacturer"] and r["model"].startswith("DS-2"))]
    assert 0 < len(hik) < len(libraries), "the sample has libraries on Hikvision and on other makes"
    answer = demo_knowledge.answer("Do all libraries run Hikvision?", Scope())
    # counting only the Hikvision libraries (as "do any" does) would have said "Yes"
    assert answer.answer.startswith(f"No. {len(hik)} of the {len(libraries)} in-service systems"), answer.answer
    assert {r["property"] for r in answer.rows} == {r["property_name"] for r in libraries if r not in hik}
    compliant = demo_knowledge.answer("Are all our cameras compliant?", Scope())
    assert "still lists" not in compliant.answer, "compliant with what: not a count of every system"
    # "meet the high-risk vendor policy" is not "made by a high-risk vendor": never list the compliant
    # systems as the ones that fail
    policy = demo_knowledge.answer("Does every one of our cameras currently meet the high-risk vendor policy?", Scope())
    assert "meet the condition" not in policy.answer, policy.answer


@pytest.mark.parametrize("question", [
    "Are all our cameras compliant with the high-risk vendor policy?",
    "A councillor has asked whether every camera the council operates complies with the high-risk vendor policy. "
    "Is that right?",
    "Members want to know whether every camera on council property complies with the high-risk vendor policy"
    " - is it so?",
])
def test_a_reported_yes_no_question_about_every_camera_is_a_count(demo_knowledge: Any, question: str) -> None:
    # "has asked whether every ..." asks what "are all ...?" asks: the in-service high-risk systems
    answer = demo_knowledge.answer(question, Scope())
    assert answer.answer.startswith("No. The register still lists"), answer.answer
    assert answer.rows and all(r["cells"]["status"] in ("in service", "scheduled for replacement")
                               for r in answer.rows)
    assert f"lists {len(answer.rows)} in-service systems" in answer.answer


def test_money_in_a_mixed_question_is_asked_of_the_documents(demo_knowledge: Any) -> None:
    # "how much capital ... for that year" is not in the register: the documents answer that part
    answer = demo_knowledge.answer(
        "Which Hikvision systems are due to be replaced in 2025/26, and how much capital is there for that year?",
        Scope())
    assert answer.mode == "mixed" and answer.rows, answer.answer
    assert "From the documents:" in answer.answer and "£270,000" in answer.answer, answer.answer


BAN_REGISTER = """Site Name,Camera Make,Fitted,State
Mill Lane Library,Hikvision,03/2023,Operational
Quay Street Depot,HiLook,22/08/2023,Operational
Abbey Road Offices,Dahua,06/2023,Operational
Elm Court Care Home,Imou,11/2023,Operational
Market Hall,Axis,05/2024,Operational
"""
BAN_RULE = """# Contract rule 9: restricted camera makers

Officers must not buy new Hikvision equipment (including HiLook) since 1 April 2023, and new Dahua
equipment (including Imou) has been restricted since 1 October 2023.
"""


def test_fitted_after_the_ban_uses_each_makes_date_from_the_documents(
        tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> None:
    from cllr.wiring import IngestLoader
    from knowledge.facade import Knowledge
    from knowledge.settings import Settings

    root = tmp_path_factory.mktemp("bans")
    (root / "files" / "register").mkdir(parents=True)
    (root / "files" / "register" / "cameras.csv").write_text(BAN_REGISTER)
    (root / "files" / "contract-rule-9.md").write_text(BAN_RULE)
    kb = Knowledge(Settings().with_data_dir(root / "data"), loader=IngestLoader(), embedder=embedder)
    assert not kb.sync([root / "files"]).failed
    answer = kb.answer("Which sites had restricted kit fitted after the ban came in?", Scope())
    assert answer.answered, answer.answer
    assert "Quay Street Depot" in answer.answer and "Elm Court Care Home" in answer.answer, answer.answer
    # fitted before their make's ban, or not a restricted make
    assert not any(s in answer.answer for s in ("Mill Lane Library", "Abbey Road Offices", "Market Hall"))
    assert "1 April 2023" in answer.answer and "1 October 2023" in answer.answer, answer.answer
    assert any(c.source == "contract-rule-9.md" for c in answer.citations), answer.citations
    stopped = kb.answer("Which sites had Hikvision fitted after we'd supposedly stopped buying it?", Scope())
    assert stopped.answered and "Quay Street Depot" in stopped.answer, stopped.answer
    assert "Mill Lane Library" not in stopped.answer and "1 April 2023" in stopped.answer, stopped.answer
    post = kb.answer("Tell me where Hikvision was fitted post-ban.", Scope())
    assert post.answered and "Quay Street Depot" in post.answer, post.answer
    assert "Mill Lane Library" not in post.answer and "1 April 2023" in post.answer, post.answer


def test_money_words_send_the_clause_to_the_documents() -> None:
    from knowledge.plan.router import DOC_CUES

    assert DOC_CUES.search("and how much of the programme money has rolled over into that year?")
    assert DOC_CUES.search("and who's paying to sort it out?")
    assert not DOC_CUES.search("which Hikvision sites are in Marlpit?")


def test_every_clause_the_register_cant_answer_goes_to_the_documents() -> None:
    from knowledge.plan.router import document_part, wants_documents

    question = "Which libraries still run Hikvision, and how long are recordings kept?"
    assert wants_documents(question), "'how long' is for the documents even without a policy word"
    assert document_part(question).strip() == "how long are recordings kept?"
    assert wants_documents("Which Dahua sites are networked, and what deadline did the committee set?")
    assert not wants_documents("Which libraries still run Hikvision?")
    for asked in ("what are we doing about it?", "when are we planning to replace them?"):  # any tense
        assert wants_documents(f"which sites have hik, and {asked}"), asked


def test_a_mixed_question_with_how_long_gets_the_documents_part(demo_knowledge: Any) -> None:
    answer = demo_knowledge.answer("Which libraries still have Hikvision, and how long is footage kept?", Scope())
    assert answer.mode == "mixed" and answer.rows, answer.answer
    assert "31 days" in answer.answer, answer.answer


def test_a_thing_asked_for_that_no_document_mentions_is_admitted(demo_knowledge: Any) -> None:
    answer = demo_knowledge.answer("What discount did Axis give us on the new cameras?", Scope())
    assert not answer.answered and '"discount"' in answer.answer, answer.answer


@pytest.mark.parametrize("question", [
    "How many CCTV cameras does Brackenfield District Council run in its own buildings?",
    "In Brackenfield District Council's own buildings, what's the number of CCTV cameras they operate?",
])
def test_another_council_named_anywhere_is_not_our_register(demo_knowledge: Any, question: str) -> None:
    answer = demo_knowledge.answer(question, Scope())
    assert not answer.answered and not answer.rows, answer.answer


def test_our_own_council_named_in_full_is_still_our_register(demo_knowledge: Any) -> None:
    for question in ("Which libraries does Westmarch County Council still run Dahua at?",
                     "Which Westmarch County Council libraries still run Dahua?",
                     "which westmarch county council libraries still run dahua?"):  # a name, however typed
        answer = demo_knowledge.answer(question, Scope())
        assert answer.mode == "register" and answer.answered and answer.rows, answer.answer


def test_a_clause_asking_of_a_document_named_by_title_goes_to_the_documents(demo_knowledge: Any) -> None:
    from knowledge.plan.router import document_part, wants_documents

    corpus = demo_knowledge.corpus
    question = "Which libraries still run Hikvision, and what does the contractor site briefing tell fitters?"
    assert wants_documents(question, corpus) and not wants_documents("Which libraries still run Hikvision?", corpus)
    assert not wants_documents("For a briefing note to members, which libraries still run Hikvision?", corpus), \
        "a kind of document is no title"
    assert document_part(question, corpus).strip() == "what does the contractor site briefing tell fitters?"
    answer = demo_knowledge.answer(question, Scope())
    assert answer.mode == "mixed" and any("briefing" in c.source for c in answer.citations), answer.answer
