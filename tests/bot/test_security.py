"""Requests Slack did not sign, or signed long ago, or sent twice, are refused and answer nothing."""

from __future__ import annotations

import json
import time
import uuid

import pytest

from tests.bot.conftest import Harness, sign
from tests.bot.standin import BOT_USER


def _mention_body(text: str = "cctv?") -> bytes:
    return json.dumps({"type": "event_callback", "team_id": "T1", "event_id": f"Ev{uuid.uuid4().hex[:8]}",
                       "event": {"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER}> {text}",
                                 "ts": "1.1", "channel": "CPUBLIC"}}).encode()


def _nothing_answered(h: Harness) -> None:
    time.sleep(0.3)
    assert h.knowledge.of("answer") == []
    assert h.slack.of("chat.postMessage") == []


def test_forged_signature_is_refused(harness: Harness) -> None:
    body = _mention_body()
    ts = int(time.time())
    reply = harness.post(body, "application/json", signed=False, headers={
        "X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": sign(body, ts, "not-the-secret")})
    assert reply.status == 401
    _nothing_answered(harness)


def test_stale_timestamp_is_refused(harness: Harness) -> None:
    reply = harness.post(_mention_body(), "application/json", timestamp=int(time.time()) - 6 * 60)
    assert reply.status == 401
    _nothing_answered(harness)


def test_missing_headers_are_refused(harness: Harness) -> None:
    assert harness.post(_mention_body(), "application/json", signed=False).status == 401
    _nothing_answered(harness)


def test_replayed_request_is_refused_and_answered_once(harness: Harness) -> None:
    body = _mention_body()
    ts = int(time.time())
    headers = {"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": sign(body, ts)}
    first = harness.post(body, "application/json", signed=False, headers=headers)
    second = harness.post(body, "application/json", signed=False, headers=headers)
    assert first.status == 200 and second.status == 401
    harness.slack.wait_for("chat.postMessage")
    harness.idle()
    assert len(harness.knowledge.of("answer")) == 1 and len(harness.slack.of("chat.postMessage")) == 1


def test_oversized_body_is_refused(harness: Harness) -> None:
    body = _mention_body("x" * (1024 * 1024 + 10))
    assert harness.post(body, "application/json").status == 413
    _nothing_answered(harness)


@pytest.mark.parametrize("body, ctype", [
    (b'{"type": "event_callback", "event": ', "application/json"),
    (b"[1, 2]", "application/json"),
    (b"payload=%7Bnot-json", "application/x-www-form-urlencoded"),
    (b"\xff\xfe", "application/json"),
])
def test_malformed_bodies_are_refused(harness: Harness, body: bytes, ctype: str) -> None:
    assert harness.post(body, ctype).status == 400
    _nothing_answered(harness)


def test_slack_retries_and_duplicate_event_ids_are_answered_once(harness: Harness) -> None:
    first = harness.mention("cctv?", event_id="EvSame")
    now = int(time.time())
    retry = harness.mention("cctv?", event_id="EvSame", timestamp=now - 1,
                            headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    again = harness.mention("cctv?", event_id="EvSame", timestamp=now - 2)
    assert (first.status, retry.status, again.status) == (200, 200, 200)
    harness.slack.wait_for("chat.postMessage")
    harness.idle()
    assert len(harness.slack.of("chat.postMessage")) == 1
    assert len(harness.knowledge.of("answer")) == 1


def test_duplicates_are_shared_between_replicas(make_harness, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.bot.fakes import FakeKnowledge

    knowledge = FakeKnowledge()
    a = make_harness(knowledge)
    b = make_harness(knowledge)
    b.state.close()
    b.running.app.cllr.state = a.state  # two replicas, one shared database
    a.mention("cctv?", event_id="EvReplica")
    b.mention("cctv?", event_id="EvReplica", headers={"X-Slack-Retry-Num": "1"},
              timestamp=int(time.time()) - 1)
    a.slack.wait_for("chat.postMessage")
    a.idle()
    b.idle()
    assert len(knowledge.of("answer")) == 1 and len(a.slack.of("chat.postMessage")) == 1


def test_get_on_events_and_unknown_paths(harness: Harness) -> None:
    import urllib.error
    import urllib.request

    for path, code in (("/slack/events", 405), ("/nope", 404)):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"http://127.0.0.1:{harness.port}{path}", timeout=5)
        assert err.value.code == code
