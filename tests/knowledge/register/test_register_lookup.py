"""Questions about named properties (yes/no and look-ups), camera-count bounds, negated and
relative dates, and places the register does not hold. Both registers: the sample CSV and
the borough workbook with other headers."""

from __future__ import annotations

import csv
import re
from datetime import date

import pytest

from knowledge.register import RegisterStore, answer_register
from knowledge.register import phrases as P

from .conftest import PUBLIC, SAMPLE

IN_SERVICE = {"in service", "scheduled for replacement"}


def _sample() -> list[dict[str, str]]:
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_yes_no_about_a_named_site_shows_every_row(borough_store: RegisterStore) -> None:
    answer = answer_register("Does Riverside Library have Hikvision cameras?", borough_store, PUBLIC)
    assert answer is not None and answer.text.startswith("Yes.")
    # every row of the site is shown with its own headers, so the reader sees the Axis too
    assert "Make: HikVision" in answer.text and "Make: Axis" in answer.text
    assert {c["locator"] for c in answer.citations} >= {"sheet CCTV, row 5", "sheet CCTV, row 6"}


def test_yes_no_answers_no_when_the_make_is_gone(sample_store: RegisterStore) -> None:
    rows = [r for r in _sample() if r["property_name"] == "County Hall"]
    assert any(r["manufacturer"] == "Hikvision" and r["status"] == "replaced" for r in rows)
    answer = answer_register("Is County Hall still on Hikvision?", sample_store, PUBLIC)
    assert answer is not None and answer.text.startswith("No.")
    assert "status: replaced" in answer.text and len(answer.citations) == len(rows)


def test_lookup_of_a_make_reads_a_model_number_when_the_make_is_blank(
    borough_store: RegisterStore,
) -> None:
    answer = answer_register("What make of camera is at Oak Road Library?", borough_store, PUBLIC)
    assert answer is not None and not answer.refused
    assert "Make blank, but the model is a Hikvision number" in answer.text


def test_lookup_of_a_date_puts_the_asked_column_first(borough_store: RegisterStore) -> None:
    answer = answer_register("When is the Hikvision system at Mill Lane Depot due to be replaced?",
                             borough_store, PUBLIC)
    assert answer is not None
    line = next(ln for ln in answer.text.splitlines() if "row 7" in ln)
    assert line.split("): ", 1)[1].startswith("Planned Replacement: 31 March 2026")


@pytest.mark.parametrize("question", [
    "What is the serial number of the recorder at Mill Lane Depot?",
    "What is the warranty on the cameras at Town Hall?",
])
def test_lookup_of_a_column_the_register_lacks_is_not_answered(
    borough_store: RegisterStore, question: str,
) -> None:
    assert answer_register(question, borough_store, PUBLIC) is None


def test_camera_count_bounds(borough_store: RegisterStore, sample_store: RegisterStore) -> None:
    more = answer_register("Which sites have more than 5 cameras?", borough_store, PUBLIC)
    assert more is not None and set(more.properties) == {"Mill Lane Depot", "Southbank Leisure Centre"}
    fewer = answer_register("Which sites have fewer than 3 cameras?", borough_store, PUBLIC)
    assert fewer is not None and set(fewer.properties) == {"Riverside Library", "Hilltop Community Centre"}
    expected = {r["property_name"] for r in _sample()
                if r["status"] in IN_SERVICE and r["camera_count"] and int(r["camera_count"]) >= 16}
    big = answer_register("Which properties have at least 16 cameras?", sample_store, PUBLIC)
    assert big is not None and set(big.properties) == expected and expected
    assert any("at least 16" in f for f in big.filters)


def test_not_since_means_before_or_never(sample_store: RegisterStore) -> None:
    expected = {r["asset_id"] for r in _sample()
                if r["status"] in IN_SERVICE and (not r["last_maintenance"] or r["last_maintenance"] < "2024")}
    answer = answer_register("Which systems haven't been serviced since 2024?", sample_store, PUBLIC)
    assert answer is not None and expected
    assert {r["cells"]["asset_id"] for r in answer.rows} == expected
    assert any("before 2024-01-01 or no last maintained date" in f for f in answer.filters)


def test_overdue_and_relative_dates_use_today(
    sample_store: RegisterStore, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(P, "today", lambda: date(2026, 6, 30))
    overdue = answer_register("Which Hikvision systems are overdue for replacement?", sample_store, PUBLIC)
    expected = {r["asset_id"] for r in _sample() if r["manufacturer"].lower() == "hikvision"
                and r["status"] in IN_SERVICE and r["replacement_due"] and r["replacement_due"] < "2026-06-30"}
    assert overdue is not None and expected
    assert {r["cells"]["asset_id"] for r in overdue.rows} >= expected
    assert all(r["cells"]["replacement_due"] < "2026-06-30" for r in overdue.rows)
    assert any("2026-06-30" in f for f in overdue.filters)
    recent = answer_register("Which systems were installed in the last two years?", sample_store, PUBLIC)
    expected = {r["asset_id"] for r in _sample() if "2024-06-30" <= r["install_date"] <= "2026-06-30"}
    assert recent is not None and {r["cells"]["asset_id"] for r in recent.rows} == expected


@pytest.mark.parametrize("question", [
    "Which Hikvision systems are at schools?",
    "How many cameras are there at swimming pools?",
])
def test_a_place_the_register_lacks_is_refused_not_dropped(
    borough_store: RegisterStore, question: str,
) -> None:
    answer = answer_register(question, borough_store, PUBLIC)
    assert answer is not None and answer.refused and not answer.rows
    assert "won't drop that condition" in answer.text and "Library" in answer.text


def test_known_places_still_parse(borough_store: RegisterStore) -> None:
    answer = answer_register("Which Hikvision systems are at libraries?", borough_store, PUBLIC)
    assert answer is not None and not answer.refused and answer.properties


def test_rankings_order_and_cut_with_ties(borough_store: RegisterStore, sample_store: RegisterStore) -> None:
    oldest = answer_register("Which are the two oldest systems?", borough_store, PUBLIC)
    assert oldest is not None
    # in service only: IA-02 (2014, Removed) and CC-10 (2015, Replaced) are gone
    assert [r["cells"]["Asset Ref"] for r in oldest.rows] == ["CC-06", "CC-03"]
    assert any("ranked by Date Installed, oldest first; the first 2" in f for f in oldest.filters)
    most = answer_register("Which site has the most cameras?", sample_store, PUBLIC)
    counts = [int(r["camera_count"]) for r in _sample() if r["status"] in IN_SERVICE and r["camera_count"]]
    assert most is not None and most.rows
    assert {int(r["cells"]["camera_count"]) for r in most.rows} == {max(counts)}
    assert len(most.rows) == counts.count(max(counts))


def test_what_is_at_a_site_lists_its_rows(borough_store: RegisterStore) -> None:
    answer = answer_register("What's at Hilltop Community Centre?", borough_store, PUBLIC)
    assert answer is not None and answer.query is not None and answer.query.intent == "lookup"
    assert "Make: EZVIZ" in answer.text and "Make: HiLook" in answer.text


@pytest.mark.parametrize("question", [
    "How many parking fines were issued last year?",
    "How many potholes were repaired in 2024?",
    "How many staff work at Riverside Library?",
    "What is the total number of complaints received this year?",
    "For how many days is CCTV footage retained?",
    "How many years should a CCTV camera last?",
])
def test_counting_something_the_register_does_not_hold_is_not_a_register_question(
    borough_store: RegisterStore, sample_store: RegisterStore, question: str
) -> None:
    # a date or a place in the question must not turn it into a count of CCTV systems
    assert answer_register(question, borough_store, PUBLIC) is None
    assert answer_register(question, sample_store, PUBLIC) is None


@pytest.mark.parametrize("question", [
    "How many Hikvision cameras are there?", "How many are in Ashdown?",
    "How many have remote viewing?", "How many of our libraries use Dahua?",
    "How many CCTV systems were installed before 2015?",
    "How many cameras are more than ten years old?",
])
def test_counts_of_what_the_register_holds_are_still_read(sample_store: RegisterStore, question: str) -> None:
    answer = answer_register(question, sample_store, PUBLIC)
    assert answer is not None and answer.count is not None


@pytest.mark.parametrize("question", [
    "Which sites have remote viewing turned off?", "Which depots have remote access switched off?",
    "Which sites have remote viewing disabled?",
])
def test_remote_access_turned_off_is_no_remote_access_not_a_status(
        sample_store: RegisterStore, question: str) -> None:
    answer = answer_register(question, sample_store, PUBLIC)
    assert answer is not None and answer.query is not None
    assert answer.query.remote_access is False and answer.query.status == "in_service", answer.query


@pytest.mark.parametrize("question", [
    "List the sites where remote viewing is switched on", "Which sites have remote access turned on?",
    "Which sites have remote viewing enabled?",
])
def test_remote_access_switched_on_is_read(sample_store: RegisterStore, question: str) -> None:
    answer = answer_register(question, sample_store, PUBLIC)
    assert answer is not None and answer.query is not None, "'switched on' must not be an unread condition"
    assert answer.query.remote_access is True, answer.query


def test_removed_means_the_registers_out_of_use_status(sample_store: RegisterStore) -> None:
    # the sample register says "decommissioned", never "removed": asking for "removed" must not
    # answer "none" when kit was taken out of use
    removed = answer_register("Which Hikvision sites were removed without replacement?", sample_store, PUBLIC)
    gone = answer_register("Which Hikvision sites were decommissioned?", sample_store, PUBLIC)
    assert removed is not None and gone is not None and gone.rows
    assert [r["row"] for r in removed.rows] == [r["row"] for r in gone.rows], removed.text
    assert "has no status meaning 'removed'" in removed.text, removed.text


@pytest.mark.parametrize(("question", "words", "without"), [
    ("Which Hikvision sites have PTZ cameras?", "ptz", "Which Hikvision sites have cameras?"),
    ("Which Dahua systems use thermal cameras?", "thermal", "Which Dahua systems are there?"),
    ("Which sites with Hikvision have signage?", "signage", "Which sites have Hikvision?"),
    ("Which libraries have audio recording?", "audio", "Which libraries have cameras?"),
])
def test_a_condition_nothing_reads_is_refused_not_dropped(
        sample_store: RegisterStore, borough_store: RegisterStore, question: str, words: str, without: str) -> None:
    # dropping the condition would list every Hikvision site as if it had PTZ cameras
    for store in (sample_store, borough_store):
        answer = answer_register(question, store, PUBLIC)
        # the refused words, quoted ("audio", or "audio recording" where no column records recording)
        assert answer is not None and answer.refused and re.search(rf'"[^"]*\b{words}\b[^"]*"', answer.text), \
            answer and answer.text
        assert not answer.citations and not answer.rows
    plain = answer_register(without, sample_store, PUBLIC)
    assert plain is not None and not plain.refused and plain.rows


@pytest.mark.parametrize("question", [
    "What happened at the Record Office?", "Why are there Hikvision cameras at County Hall?",
    "Explain the Dahua systems in Ashdown",
])
def test_what_happened_and_why_are_for_the_documents(sample_store: RegisterStore, question: str) -> None:
    assert answer_register(question, sample_store, PUBLIC) is None


@pytest.mark.parametrize(("question", "words"), [
    ("Which fire stations use Dahua?", "fire"),  # "stations" alone would match Waste Transfer Station
    ("How many swimming pools have Hikvision cameras?", "swimming pools"),
])
def test_a_subject_nothing_reads_is_refused(sample_store: RegisterStore, question: str, words: str) -> None:
    answer = answer_register(question, sample_store, PUBLIC)
    assert answer is not None and answer.refused and f'"{words}"' in answer.text, answer and answer.text


def test_everyday_wordings_of_what_is_left(sample_store: RegisterStore) -> None:
    rows = [r for r in _sample() if r["status"] in IN_SERVICE]
    hik = {r["property_name"] for r in rows if "hik" in r["manufacturer"].lower()
           or (not r["manufacturer"] and r["model"].startswith("DS-2"))}
    # "still need ... replaced" is what remains, not what was replaced
    left = answer_register("Which sites still need their Hikvision replaced?", sample_store, PUBLIC)
    assert left is not None and set(left.properties) == hik, left and left.text
    made = answer_register("Which council properties have Chinese-made cameras installed?", sample_store, PUBLIC)
    assert made is not None and hik <= set(made.properties)
    # the leading words of a long type name name the type
    tips = answer_register("Which household waste sites have Hikvision?", sample_store, PUBLIC)
    assert tips is not None and tips.properties and all("Household Waste" in p for p in tips.properties)


def test_a_claim_that_something_was_turned_off_is_checked_against_where_it_is_on(
        sample_store: RegisterStore) -> None:
    on = {r["property_name"] for r in _sample() if r["status"] in IN_SERVICE and r["remote_viewing"] == "yes"}
    assert on
    answer = answer_register("The council said remote viewing had been switched off. Does the register back "
                             "that up?", sample_store, PUBLIC)
    assert answer is not None and set(answer.properties) == on, answer and answer.text


def test_a_dated_event_uses_its_date(sample_store: RegisterStore) -> None:
    after = {r["property_name"] for r in _sample() if r["install_date"] >= "2022-02-01"}
    answer = answer_register("Which systems were installed after the January 2022 ban?", sample_store, PUBLIC)
    assert answer is not None and set(answer.properties) == after, answer and answer.text
    assert "2022-02-01" in answer.text and not answer.query.notes_terms  # type: ignore[union-attr]


def test_a_camera_count_at_a_named_site_leads_with_the_cameras(sample_store: RegisterStore) -> None:
    rows = [r for r in _sample() if r["property_name"] == "Fernley Library" and r["status"] in IN_SERVICE]
    cams = sum(int(r["camera_count"] or 0) for r in rows)
    answer = answer_register("How many cameras does Fernley Library have?", sample_store, PUBLIC)
    # the first number is what a reader takes as the answer: the cameras, not the systems
    assert answer is not None and answer.text.startswith(f"Fernley Library: {cams} cameras across"), answer.text

