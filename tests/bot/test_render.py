"""Block Kit within Slack's limits, nothing silently truncated, nothing unescaped."""

from __future__ import annotations

import csv
import io
import json

from bot import render
from knowledge.types import Answer, Citation, Draft
from tests.bot.conftest import Harness
from tests.bot.fakes import register_rows


def _all_text(messages: list[dict]) -> str:
    return json.dumps(messages, ensure_ascii=False)


def _within_limits(messages: list[dict]) -> None:
    for message in messages:
        assert 0 < len(message["blocks"]) <= render.MAX_BLOCKS
        for block in message["blocks"]:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= 3000
            if block["type"] == "context":
                assert len(block["elements"]) <= 10 and len(block["elements"][0]["text"]) <= 3000


def test_thirty_rows_are_all_shown_in_sections() -> None:
    answer = Answer(question="q", answer="30 cameras.", answered=True, rows=register_rows(30),
                    filters=["manufacturer = Hikvision"], mode="register")
    messages, attached = render.answer_messages(answer, "r1")
    assert attached is None
    _within_limits(messages)
    text = _all_text(messages)
    assert all(f"*Site {i}* (cctv row {i + 1})" in text for i in range(1, 31))
    assert "Filters applied: manufacturer = Hikvision" in text
    assert "&lt;!here&gt; check" in text and "<!here>" not in text


def test_a_huge_row_list_spans_messages_or_a_csv_never_vanishes() -> None:
    answer = Answer(question="q", answer="150 cameras.", answered=True, rows=register_rows(150),
                    mode="register")
    messages, attached = render.answer_messages(answer, "r1")
    _within_limits(messages)
    assert "*150 rows* — the first 20 below; all 150 in the attached CSV" in _all_text(messages)
    assert attached is not None
    rows = list(csv.DictReader(io.StringIO(attached)))
    assert len(rows) == 150 and rows[-1]["property"] == "Site 150" and rows[0]["Notes"] == "<!here> check"


def test_long_answers_and_many_sources_split_without_loss() -> None:
    long_text = "\n".join(f"Line {i} " + "x" * 200 for i in range(600))
    cites = [Citation(source=f"s{i}.md", locator=f"page {i}", quote=f"quote {i}") for i in range(300)]
    answer = Answer(question="q", answer=long_text, answered=True, citations=cites)
    messages, _ = render.answer_messages(answer, "r1")
    _within_limits(messages)
    assert len(messages) > 1 and messages[1]["text"].startswith("(continued")
    body = "".join(b["text"]["text"] for m in messages for b in m["blocks"] if b["type"] == "section")
    assert body.replace("\n", "") == long_text.replace("\n", "")
    assert "…and 295 more: press *Show all sources*." in _all_text(messages)
    sources = render.sources_messages(answer)
    _within_limits(sources)
    assert all(f"quote {i}" in _all_text(sources) for i in range(300))


def test_links_only_for_http_and_never_break_out() -> None:
    assert render.link("javascript:alert(1)", "x<y") == "x&lt;y"
    assert render.link("https://a.example/p?q=1&r=<2>|z", "T|itle") == (
        "<https://a.example/p?q=1&amp;r=%3C2%3E%7Cz|T¦itle>")
    assert render.chunk_lines(["a" * 7000], 3000) == ["a" * 3000, "a" * 3000, "a" * 1000]


def test_draft_is_escaped_and_labelled_private() -> None:
    draft = Draft(text="Dear <!channel>,", answer=Answer(question="q", answer="a", answered=True))
    text = _all_text(render.draft_messages(draft))
    assert "only you can see this" in text and "&lt;!channel&gt;" in text and "<!channel>" not in text


def test_register_answer_with_csv_is_uploaded_into_the_thread(harness: Harness) -> None:
    harness.mention("list every camera", ts="2300.0001")
    harness.slack.wait_for("files.completeUploadExternal")
    harness.idle()
    upload = harness.slack.of("upload.post")[0].body.decode()
    assert upload.count("Hikvision") == 150 and "Site 150" in upload
    complete = harness.slack.of("files.completeUploadExternal")[0].payload
    assert complete["channel_id"] == "CPUBLIC" and complete["thread_ts"] == "2300.0001"
    post = harness.slack.of("chat.postMessage")[0].payload
    assert post["thread_ts"] == "2300.0001" and "attached CSV" in json.dumps(post["blocks"])


def test_follow_up_in_a_thread_carries_the_history(harness: Harness) -> None:
    harness.mention("which cameras are hikvision?", ts="2400.0001")
    harness.slack.wait_for("chat.postMessage")
    harness.idle()
    harness.message("and which of those are in Ashdown?", channel="CPUBLIC", channel_type="channel",
                    ts="2400.0009", thread_ts="2400.0001")
    post = harness.slack.wait_for("chat.postMessage", 2)[1].payload
    assert post["thread_ts"] == "2400.0001"
    assert "1 Hikvision camera is in Ashdown." in post["blocks"][0]["text"]["text"]
    assert "Filters applied: manufacturer = Hikvision; area = Ashdown" in json.dumps(post["blocks"])
    (_, first), (_, second) = harness.knowledge.of("answer")
    assert first is not None and second is not None
    assert first.history == () and second.history == ("which cameras are hikvision?",)


def test_thread_chatter_the_bot_never_answered_is_ignored(harness: Harness) -> None:
    harness.message("lunch?", channel="CPUBLIC", channel_type="channel", ts="2500.2", thread_ts="2500.1")
    harness.message("<@UBOT> cctv?", channel="CPUBLIC", channel_type="channel", ts="2500.3",
                    thread_ts="2500.1")  # the app_mention event answers this one
    harness.idle()
    assert harness.knowledge.of("answer") == [] and harness.slack.of("chat.postMessage") == []


def test_knowledge_failure_gets_a_polite_reply_and_is_counted(harness: Harness) -> None:
    harness.mention("explode please", ts="2600.0001")
    post = harness.slack.wait_for("chat.postMessage")[0].payload
    assert "Sorry, I couldn't answer that just now" in post["text"] and post["thread_ts"] == "2600.0001"
    assert "index is on fire" not in harness.slack.everything()
