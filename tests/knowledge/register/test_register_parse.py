"""Parser: deterministic filters, refusals, a fuzz run, and the structured-output LLM path."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from knowledge.register import RegisterQuery, RegisterStore, parse_question, parse_with_llm


def test_filters(sample_store: RegisterStore) -> None:
    q = parse_question("Which Hikvision systems in Ashdown or Dunmere are scheduled for "
                       "replacement?", sample_store)
    assert q is not None and q.vendors == ["hikvision"] and q.status == "scheduled"
    assert q.areas == ["Ashdown", "Dunmere"]
    q = parse_question("which libraries are still on hikvision?", sample_store)
    assert q is not None and q.property_types == ["Library"] and q.status == "in_service"
    q = parse_question("Which HWRCs still have Dahua?", sample_store)
    assert q is not None and q.property_types == ["Household Waste Recycling Centre"]
    q = parse_question("Which sites record their CCTV to the cloud?", sample_store)
    assert q is not None and q.recording == ["cloud"]


def test_dates_and_fiscal_years(sample_store: RegisterStore) -> None:
    q = parse_question("What CCTV systems are due for replacement before 1 April 2026?",
                       sample_store)
    assert q is not None and q.dates[0].field == "replacement_date"
    assert q.dates[0].end == "2026-04-01" and q.dates[0].start is None
    q = parse_question("Which Hikvision systems have a replacement date in 2025/26 (April 2025 "
                       "to March 2026), and how much budget is there?", sample_store)
    assert q is not None and (q.dates[0].start, q.dates[0].end) == ("2025-04-01", "2026-04-01")


def test_event_without_date_is_not_guessed(sample_store: RegisterStore) -> None:
    q = parse_question("which sites got Hikvision put in after the ban?", sample_store)
    assert q is not None and q.dates == [] and q.notes_terms == ["after", "ban"]


@pytest.mark.parametrize("question", [
    "how long do we keep CCTV footage?",
    "What did the government tell departments in November 2022?",
    "what did the council say about replacing Hikvision?",
    "What's the IP address of the NVR at Eastbrook Library?",
    "hello",
    "",
    "Which sites have no Hikvision at all?",
])
def test_refusals(sample_store: RegisterStore, question: str) -> None:
    assert parse_question(question, sample_store) is None


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_fuzz_never_raises(sample_store: RegisterStore, question: str) -> None:
    result = parse_question(question, sample_store)
    assert result is None or isinstance(result, RegisterQuery)


class StructuredFake(GenericFakeChatModel):
    """A fake chat model whose structured output parses its next message as JSON."""

    def with_structured_output(self, schema: Any, **_: Any) -> Any:
        from langchain_core.output_parsers import PydanticOutputParser

        return self | PydanticOutputParser(pydantic_object=schema)


def test_parse_with_llm_validates_schema() -> None:
    good = AIMessage(content='{"intent": "count", "count_of": "cameras", "vendors": ["dahua"]}')
    q = parse_with_llm("how many dahua cameras?", StructuredFake(messages=iter([good])))
    assert q is not None and q.count_of == "cameras" and q.vendors == ["dahua"]
    bad = AIMessage(content='{"intent": "DROP TABLE rows", "sql": "SELECT 1"}')
    assert parse_with_llm("x", StructuredFake(messages=iter([bad]))) is None


def test_exclusions_are_parsed(sample_store: RegisterStore) -> None:
    query = parse_question("Which sites are not in Ashdown and still have Hikvision?", sample_store)
    assert query is not None
    assert query.exclude_areas == ["Ashdown"] and query.vendors == ["hikvision"] and not query.areas


def test_out_of_service_is_every_status_but_in_service(sample_store: RegisterStore) -> None:
    out = parse_question("How many Hikvision cameras are now out of service?", sample_store)
    said = parse_question("How many Hikvision cameras are now not in service?", sample_store)
    assert out is not None and said is not None
    assert out.exclude_status == said.exclude_status == ["in_service"] and out.status is None


def test_whatever_their_status_keeps_every_row(sample_store: RegisterStore) -> None:
    q = parse_question("List all the libraries in Ashdown, whatever their status", sample_store)
    assert q is not None and q.property_types == ["Library"] and q.status is None, q


def test_a_make_ending_in_s_after_at_is_no_place(sample_store: RegisterStore) -> None:
    q = parse_question("Please list the sites at which Axis equipment remains in service.", sample_store)
    assert q is not None and "axis" in q.vendors and not q.property_types, q
