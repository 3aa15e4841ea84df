"""A checklist longer than one passage: its items are read on into the next passage, and when
the whole list is too long to quote, the items naming what the question names are given."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.types import Scope

ITEMS = [
    "We have recorded the column number, street and ward of every lantern before any work on it starts.",
    "We have checked each LED driver for water ingress and replaced any driver that shows damp or rust.",
    "We keep the number of ladders and platforms on site to the minimum the job needs on that street.",
    "We have confirmed that the column door is sealed and locked again before the crew leaves the site.",
    "We have tested the photocell so the lantern switches on at dusk and off at dawn as it is meant to.",
    "We send every failed LED driver to the licensed waste contractor and keep the transfer note on file.",
    "We have told residents of the street in writing at least two days before any lantern work begins.",
    "We have logged the hours each crew spent on the job in the highways time-recording system that week.",
    "We report any leaning column to the structures team on the same day that the crew first notices it.",
]
CHECKLIST = "# Lantern inspection\n\n## Checklist\n\n" + "\n\n".join(f"☐ {item}" for item in ITEMS) + (
    "\n\nLantern inspections are carried out every two years by the council's highways crews.\n")


@pytest.fixture(scope="module")
def lanterns(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Any:
    from cllr.wiring import IngestLoader
    from knowledge.facade import Knowledge
    from knowledge.settings import Settings

    root = tmp_path_factory.mktemp("lanterns")
    (root / "papers").mkdir()
    (root / "papers" / "lantern-inspection-checklist.md").write_text(CHECKLIST, encoding="utf-8")
    (root / "papers" / "canteen.txt").write_text("The depot canteen reopened in September after a refit.\n")
    kb = Knowledge(Settings().with_data_dir(root / "data"), loader=IngestLoader(), embedder=embedder)
    report = kb.sync([root / "papers"])
    assert not report.failed, report.failed
    return kb


def test_the_checklist_spans_passages(lanterns: Any) -> None:
    sources = [c for c in lanterns.corpus.chunks if c.source.endswith("lantern-inspection-checklist.md")]
    assert len(sources) >= 2 and not sources[-1].text.startswith("## Checklist"), [c.text[:40] for c in sources]


def test_items_run_on_and_the_named_ones_are_given(lanterns: Any) -> None:
    question = "do crews have to check the LED drivers for water? what else does the checklist want"
    answer = lanterns.answer(question, Scope())
    assert answer.answered, answer.answer
    assert "LED driver for water ingress" in answer.answer, answer.answer
    assert "licensed waste contractor" in answer.answer, answer.answer  # an item of the next passage
    assert "time-recording system" not in answer.answer, answer.answer  # names nothing asked: left out
