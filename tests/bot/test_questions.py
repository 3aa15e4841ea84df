"""Mentions, DMs, /ask and follow-ups reach knowledge.answer and come back as Block Kit."""

from __future__ import annotations

import json

from tests.bot.conftest import Harness
from tests.bot.fakes import PUBLIC_QUOTE


def _texts(payload: dict) -> str:
    return json.dumps(payload.get("blocks", []), ensure_ascii=False) + payload.get("text", "")


def test_mention_is_answered_in_a_thread_with_sources_and_buttons(harness: Harness) -> None:
    reply = harness.mention("what about cctv?", ts="1700.0001")
    assert reply.status == 200 and reply.elapsed < 3
    post = harness.slack.wait_for("chat.postMessage")[0].payload
    assert post["channel"] == "CPUBLIC" and post["thread_ts"] == "1700.0001"
    assert post["unfurl_links"] is False and post["unfurl_media"] is False
    blocks = post["blocks"]
    assert blocks[0]["type"] == "section"
    assert "reviewing its CCTV estate" in blocks[0]["text"]["text"]
    context = [b for b in blocks if b["type"] == "context"]
    assert any("page 1" in b["elements"][0]["text"] for b in context)
    assert any("<https://westmarch.example.gov.uk/press?a=1&amp;b=2|Press statement &lt;b&gt;>"
               in b["elements"][0]["text"] for b in context)
    buttons = [e["action_id"] for e in blocks[-1]["elements"]]
    assert buttons == ["feedback_up", "feedback_down", "draft_reply", "show_sources"]
    (question, scope), = harness.knowledge.of("answer")
    assert scope is not None
    assert question == "what about cctv?" and scope.levels == {"public"} and scope.history == ()


def test_document_text_can_never_ping_or_link(harness: Harness) -> None:
    harness.mention("cctv please")
    harness.slack.wait_for("chat.postMessage")
    everything = harness.slack.everything()
    assert PUBLIC_QUOTE not in everything
    for raw in ("<!channel>", "<@U123>", "<http://evil.example|click>", "<!here>"):
        assert raw not in everything
    assert "&lt;!channel&gt;" in everything


def test_dm_is_answered_in_thread(harness: Harness) -> None:
    harness.message("cctv?", channel="DU1", ts="1800.0005")
    post = harness.slack.wait_for("chat.postMessage")[0].payload
    assert post["channel"] == "DU1" and post["thread_ts"] == "1800.0005"


def test_slash_ask_answers_through_response_url(harness: Harness) -> None:
    reply = harness.command("/ask", "cctv?")
    assert reply.status == 200 and reply.elapsed < 3
    sent = harness.slack.wait_for("response.post")[0].payload
    assert sent["response_type"] == "in_channel" and sent["unfurl_links"] is False
    assert "reviewing its CCTV estate" in _texts(sent)
    assert harness.slack.of("chat.postMessage") == []


def test_empty_ask_gets_usage(harness: Harness) -> None:
    reply = harness.command("/ask", "   ")
    assert reply.status == 200 and b"/ask which CCTV" in reply.body
    assert harness.knowledge.of("answer") == []
