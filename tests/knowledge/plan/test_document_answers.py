"""Document answers on a second, unrelated council's papers (not the Westmarch set): the
resolution answers "what did the committee recommend", every item of it is given, "what is
being done" is answered by the actions taken, and silence is admitted."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.types import Scope

MINUTES = """<html><head><title>Environment Scrutiny Panel – 4 June 2025</title></head><body>
<h1>Environment Scrutiny Panel, 4 June 2025 – street lighting review</h1>
<h2>12/25 Street lighting review</h2>
<p>The Panel considered a report of the Head of Highways on the condition of street lighting columns
across the borough, following the column collapse in Quayside Road in January 2025.</p>
<h2>Discussion</h2>
<p>Members discussed the age profile of the lighting stock and the cost of structural testing.</p>
<p>Cllr Penhallow moved an amendment that the Panel recommend switching off all lights on rural lanes
after midnight. On being put to the vote the amendment was lost (2 for, 7 against).</p>
<h2>Resolved</h2>
<p>That the Panel:</p>
<ul>
<li>notes the findings of the street lighting review;</li>
<li>recommends to the Executive that every column over forty years old is structurally tested by March 2026;</li>
<li>recommends that Tolgarrow School Lane and the Harbour Approach are treated as priority routes
for column replacement;</li>
<li>asks for a progress report in six months.</li>
</ul>
</body></html>
"""

UPDATE = """# Street lighting: progress update

Issued: 2 October 2025

## Column failures found by testing

Structural testing found that two columns on the Harbour Approach had corroded at the base and were
at risk of falling. Both columns were installed by a contractor in 2019 without the required base
coating.

## Action taken

Highways has opened a claim against the contractor under the works warranty. Both columns are
scheduled for replacement in November 2025. The council is reviewing every other column the same
contractor installed.
"""

OPPOSITION = """HARBOURSIDE LIBERAL GROUP - press release, 14 September 2025

The council must switch off street lights on rural lanes after midnight to save money.

This release is issued by an opposition political group and is not a statement of council policy.
"""

COUNCIL = """# Street lights will stay on

Issued: 12 July 2025

The council will keep street lights on rural lanes lit all night, because switching them off
raised safety concerns from residents.
"""

RULES = """HARBOURSIDE COUNCIL
LIGHTING PROCUREMENT RULE 6

1. Purpose
This rule says which suppliers of street lighting the council may buy from.

2. Barred suppliers
Officers must not buy columns, lanterns or control units made by Brightline Ltd or Castor Lamps.
This applies to new schemes, repairs and spare parts.

3. Makes contractors must not fit
Contractors working on council highways must not fit any lantern made by:

- Brightline Ltd – barred since March 2024;
- Castor Lamps – barred since June 2024.

4. Records
Inspection records may be copied and kept for longer where an insurer asks for them.
Inspection records are held for six years and then destroyed.
"""

RECALL = """# Lantern recall

Issued: 3 June 2025

The council recalled 40 street lanterns from the Harbour Approach in May 2025.
The lanterns were taken down because water had got into their drivers.
"""

GREENS = """HARBOURSIDE GREEN GROUP
Statement, 3 November 2025

The recall has dragged on for months and the harbour is still dark at night.

We are calling on the Cabinet to:

  1. Refit every recalled lantern within six months.
  2. Publish the water-ingress test results for each column.

ENDS
"""

CAMERAS = """# Depot cameras: connection rule

## Remote and cloud access
Manufacturer cloud services, including Ezviz and Imou Life, are prohibited on restricted equipment.
For all other equipment, remote viewing is permitted only through the council gateway.

## Recordings
Recordings from depot cameras are retained for 28 days and then overwritten.
"""

CORRECTION = """<html><head><title>Correction: column testing figures</title></head><body>
<h1>Correction: column testing figures</h1>
<p>Published 20 October 2025. The figures we gave on 2 October were wrong and are corrected below.</p>
<table><tr><th>Measure</th><th>Figure given on 2 October</th><th>Corrected figure</th></tr>
<tr><td>1. Columns structurally tested</td><td>12 columns</td><td>18 columns</td></tr>
<tr><td>2. Columns failed</td><td>2 columns</td><td>3 columns</td></tr></table>
</body></html>"""

QUESTION = """# Full Council, 9 October 2025: members' question 3

## Question

Will the Cabinet Member tell council how many lanterns on Quayside Road still let water in?

## Written reply

Nine lanterns on Quayside Road still let water in. All nine will be resealed by 30 November 2025.
"""

FORUM = """# Dark streets: our case

*Harbourside Residents' Forum - statement, 1 December 2025*

Our members have written to every councillor about the lanterns.

## Why we object

**It is about safety.** Older residents have fallen on the unlit quay steps twice this winter.

**It is about cost.** Every month of delay adds to the repair bill the council will face.

## What we want

1. Relight the quay within a month.
2. Publish the repair schedule for every lantern.
"""

NOTES = """DEPOT NEWSLETTER

The canteen at Tolgarrow Depot reopened in September after a refit.
Parking permits for staff are renewed each April.
"""


@pytest.fixture(scope="module")
def harbourside(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Any:
    from cllr.wiring import IngestLoader
    from knowledge.facade import Knowledge
    from knowledge.settings import Settings

    root = tmp_path_factory.mktemp("harbourside")
    docs = root / "papers"
    (docs / "statements").mkdir(parents=True)
    (docs / "statements" / "2025-06-04-scrutiny-minutes.html").write_text(MINUTES)
    (docs / "statements" / "2025-10-02-lighting-update.md").write_text(UPDATE)
    (docs / "newsletter.txt").write_text(NOTES)
    (docs / "lighting-procurement-rule.txt").write_text(RULES)
    (docs / "statements" / "2025-06-03-lantern-recall.md").write_text(RECALL)
    (docs / "statements" / "2025-09-14-liberal-group.txt").write_text(OPPOSITION)
    (docs / "statements" / "2025-07-12-decision-notice.md").write_text(COUNCIL)
    (docs / "statements" / "2025-11-03-green-group.txt").write_text(GREENS)
    (docs / "depot-camera-rule.md").write_text(CAMERAS)
    (docs / "statements" / "2025-10-20-correction.html").write_text(CORRECTION)
    (docs / "statements" / "2025-10-09-council-question.md").write_text(QUESTION)
    (docs / "statements" / "2025-12-01-residents-forum.md").write_text(FORUM)
    kb = Knowledge(Settings().with_data_dir(root / "data"), loader=IngestLoader(), embedder=embedder)
    report = kb.sync([docs])
    assert not report.failed, report.failed
    return kb


def test_recommendation_comes_from_the_resolution_with_every_item(harbourside: Any) -> None:
    answer = harbourside.answer("What did the scrutiny panel recommend about street lighting in June 2025?",
                                Scope())
    assert answer.answered, answer.answer
    text = answer.answer
    assert "forty years old" in text and "Tolgarrow School Lane" in text, text
    assert "switching off" not in text, "a lost amendment is not what the panel recommended"
    assert all(c.locator == "section Resolved" for c in answer.citations), answer.citations
    assert "… recommends" in text, "a list item is shown as cut from its lead-in"


def test_what_is_being_done_is_answered_by_the_actions(harbourside: Any) -> None:
    answer = harbourside.answer("The Harbour Approach columns failed testing: what is being done about it?",
                                Scope())
    assert answer.answered, answer.answer
    assert "opened a claim" in answer.answer and "scheduled for replacement" in answer.answer, answer.answer
    assert {c.source for c in answer.citations} == {"statements/2025-10-02-lighting-update.md"}


def test_silence_is_admitted(harbourside: Any) -> None:
    answer = harbourside.answer("What did the panel decide about pothole repairs on the ring road?", Scope())
    assert not answer.answered, answer.answer
    assert answer.citations == []


def test_a_topic_no_document_mentions_is_admitted(harbourside: Any) -> None:
    # "scrutiny panel" matches the minutes well; "drones" appears nowhere, so they say nothing on it
    answer = harbourside.answer("What did the scrutiny panel say about drones?", Scope())
    assert not answer.answered and '"drones"' in answer.answer, answer.answer
    known = harbourside.answer("What did the scrutiny panel say about street lighting columns?", Scope())
    assert known.answered, known.answer


def test_the_council_said_is_not_an_opposition_group(harbourside: Any) -> None:
    answer = harbourside.answer("What did the council say about street lights on rural lanes after midnight?",
                                Scope())
    assert answer.answered, answer.answer
    cited = {c.source for c in answer.citations}
    assert "statements/2025-07-12-decision-notice.md" in cited, answer.answer
    assert not any(s.endswith("liberal-group.txt") for s in cited), answer.answer
    opposition = harbourside.answer("What did the Liberal group want done about street lights on rural lanes?",
                                    Scope())
    assert opposition.answered and any(c.source.endswith("liberal-group.txt") for c in opposition.citations)


def test_what_was_resolved_gives_every_item_in_order(harbourside: Any) -> None:
    # The items don't repeat the question's verb ("resolve"): the heading says it for them all.
    answer = harbourside.answer("What did the scrutiny panel resolve in June 2025?", Scope())
    assert answer.answered, answer.answer
    items = ["notes the findings", "forty years old", "Tolgarrow School Lane", "progress report in six months"]
    at = [answer.answer.find(item) for item in items]
    assert all(n >= 0 for n in at) and at == sorted(at), answer.answer
    assert all(c.locator == "section Resolved" for c in answer.citations), answer.citations


def test_a_sentence_that_points_back_is_quoted_with_its_subject(harbourside: Any) -> None:
    # "This applies to ... spare parts" names no supplier; the sentence before it does.
    answer = harbourside.answer("What is the rule on spare parts from Castor Lamps?", Scope())
    assert answer.answered, answer.answer
    quote = next(c.quote for c in answer.citations if "spare parts" in c.quote)
    assert quote.startswith("Officers must not buy") and "Castor Lamps" in quote, quote


def test_a_list_item_is_quoted_after_its_lead_in(harbourside: Any) -> None:
    # "Castor Lamps – barred since June 2024" alone doesn't say who may not do what
    answer = harbourside.answer("Can contractors fit Castor Lamps lanterns?", Scope())
    assert answer.answered, answer.answer
    quotes = [c.quote for c in answer.citations]
    item = next((n for n, q in enumerate(quotes) if "Castor Lamps – barred" in q), -1)
    assert item > 0 and quotes[item - 1].endswith("lantern made by:"), answer.answer


def test_why_is_answered_with_the_reason(harbourside: Any) -> None:
    answer = harbourside.answer("Why did the council recall street lanterns?", Scope())
    assert answer.answered, answer.answer
    assert "because water had got into their drivers" in answer.answer, answer.answer


def test_how_long_leads_with_the_duration(harbourside: Any) -> None:
    # "kept for longer" shares every question word but gives no period; the answer is "six years"
    answer = harbourside.answer("How long are inspection records kept?", Scope())
    assert answer.answered, answer.answer
    assert "six years" in answer.citations[0].quote, answer.answer


def test_demands_are_the_numbered_items_after_the_lead_in(harbourside: Any) -> None:
    answer = harbourside.answer("What is the Green group demanding about the recalled lanterns?", Scope())
    assert answer.answered, answer.answer
    quotes = [c.quote for c in answer.citations]
    assert "We are calling on the Cabinet to:" in quotes, answer.answer
    assert "1. Refit every recalled lantern within six months." in quotes, answer.answer
    assert "2. Publish the water-ingress test results for each column." in quotes, answer.answer


def test_a_fact_no_document_records_is_not_answered_with_the_person(harbourside: Any) -> None:
    # the papers name Cllr Penhallow, but nothing in them is about anyone's pay
    answer = harbourside.answer("What is Cllr Penhallow's salary?", Scope())
    assert not answer.answered and '"salary"' in answer.answer, answer.answer
    said = harbourside.answer("What was Cllr Penhallow's amendment?", Scope())
    assert said.answered and "switching off" in said.answer, said.answer


def test_a_brand_of_the_vendor_asked_about_counts_as_the_vendor(harbourside: Any) -> None:
    # Ezviz is a Hikvision brand: the prohibition answers, not the rule for "all other equipment"
    answer = harbourside.answer("Is remote viewing allowed on Hikvision cameras?", Scope())
    assert answer.answered, answer.answer
    assert "prohibited" in answer.citations[0].quote, answer.answer


def test_a_table_row_is_quoted_with_its_header(harbourside: Any) -> None:
    answer = harbourside.answer("After the correction, how many columns were structurally tested?", Scope())
    assert answer.answered, answer.answer
    quotes = [c.quote for c in answer.citations]
    row = next(n for n, q in enumerate(quotes) if "18 columns" in q)
    assert row > 0 and quotes[row - 1].startswith("Measure | Figure given"), quotes


def test_which_question_gets_every_item_and_a_yes_no_question_only_its_own(harbourside: Any) -> None:
    listing = harbourside.answer("Which makes of lantern must contractors not fit?", Scope())
    assert listing.answered, listing.answer
    assert "Brightline Ltd – barred" in listing.answer and "Castor Lamps – barred" in listing.answer, listing.answer
    one = harbourside.answer("Can contractors fit Castor Lamps lanterns?", Scope())
    assert "Castor Lamps – barred" in one.answer and "Brightline Ltd – barred" not in one.answer, one.answer


def test_everyday_words_find_the_papers_wording(harbourside: Any) -> None:
    # the papers say "held" and "replacement"; councillors say "retain" and "swap out"
    answer = harbourside.answer("How long do we retain inspection records?", Scope())
    assert answer.answered, answer.answer
    assert "six years" in answer.citations[0].quote, answer.answer
    footage = harbourside.answer("How long do we hold on to depot footage?", Scope())
    assert footage.answered, footage.answer
    assert "retained for 28 days" in footage.citations[0].quote, footage.answer


def test_the_reply_answers_not_the_question(harbourside: Any) -> None:
    answer = harbourside.answer("What did the cabinet member tell full council about lanterns letting water in?",
                                Scope())
    assert answer.answered, answer.answer
    assert "resealed by 30 November 2025" in answer.answer or "Nine lanterns" in answer.answer, answer.answer
    assert not answer.citations[0].quote.endswith("?"), answer.answer


def test_why_is_answered_from_the_reasons_section(harbourside: Any) -> None:
    answer = harbourside.answer("Why is the Residents' Forum against the dark streets?", Scope())
    assert answer.answered, answer.answer
    assert "fallen on the unlit quay steps" in answer.answer, answer.answer


def test_a_list_under_a_heading_comes_whole(harbourside: Any) -> None:
    answer = harbourside.answer("What does the Residents' Forum want the council to do?", Scope())
    assert answer.answered, answer.answer
    assert "Relight the quay" in answer.answer and "Publish the repair schedule" in answer.answer, answer.answer


def test_a_document_named_by_title_is_searched(harbourside: Any) -> None:
    answer = harbourside.answer("Is cloud viewing allowed under the connection rule?", Scope())
    assert answer.answered, answer.answer
    assert answer.citations[0].source.endswith("depot-camera-rule.md"), answer.answer


def test_a_part_no_passage_answers_is_said_not_answered_with_the_rest(harbourside: Any) -> None:
    whole = "What did the scrutiny panel recommend about street lighting in June 2025"
    answered = harbourside.answer(f"{whole}?", Scope())
    assert answered.answered, answered.answer
    answer = harbourside.answer(f"{whole}, and who chaired the meeting?", Scope())
    assert not answer.answered and answer.citations == [], answer.answer
    assert '"who chaired the meeting"' in answer.answer, answer.answer

