"""Fixtures: the Slack stand-in, a real Bolt app behind ``bot.server`` on port 0, signed requests."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.server import Running, build
from knowledge.index.state import StateStore
from knowledge.settings import Settings
from tests import secrets
from tests.bot.fakes import FakeKnowledge
from tests.bot.standin import BOT_USER, Server, StandIn, make_handler

ACCESS_YAML = """
roles:
  officer: [officers]
  legal: [officers, restricted]
users:
  UOFFICER: officer
  ULEGAL: legal
channels:
  CPRIVATE: [officers]
  CLEGAL: [officers, restricted]
  CPUBLIC: [officers, restricted]   # ignored: a public channel sees public only
  CEXT: [officers, restricted]      # ignored: shared with another organisation
"""


@pytest.fixture(autouse=True)
def _no_slack_or_llm_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith(("SLACK_", "OPENAI_", "ANTHROPIC_", "CLLR_")):
            monkeypatch.delenv(key, raising=False)


@pytest.fixture
def slack() -> Iterator[StandIn]:
    state = StandIn()
    server = Server(("127.0.0.1", 0), make_handler(state))
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def make_settings(tmp_path: Path, slack: StandIn, **extra: str) -> Settings:
    access = tmp_path / "access.yaml"
    access.write_text(ACCESS_YAML)
    env = {"CLLR_DATA_DIR": str(tmp_path / "data"), "SLACK_BOT_TOKEN": secrets.BOT_TOKEN,
           "SLACK_SIGNING_SECRET": secrets.SIGNING_SECRET, "SLACK_API_URL": slack.api_url,
           "CLLR_ADMINS": "UADMIN,SADMINS", "CLLR_ACCESS_CONFIG": str(access),
           "CLLR_SOURCES": f"{tmp_path / 'corpus'},{tmp_path / 'officers'}:officers", **extra}
    return Settings(**env)  # type: ignore[arg-type]


def sign(body: bytes, timestamp: int, secret: str = secrets.SIGNING_SECRET) -> str:
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Reply:
    status: int
    body: bytes
    elapsed: float


@dataclass
class Harness:
    """The running bot: its port, the stand-in, the fake knowledge and the state store."""

    running: Running
    slack: StandIn
    knowledge: FakeKnowledge
    state: StateStore

    @property
    def port(self) -> int:
        return self.running.port

    def post(self, body: bytes, content_type: str, *, headers: dict[str, str] | None = None,
             timestamp: int | None = None, signed: bool = True) -> Reply:
        ts = int(time.time()) if timestamp is None else timestamp
        sent = {"Content-Type": content_type}
        if signed:
            sent |= {"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": sign(body, ts)}
        sent |= headers or {}
        start = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request("POST", "/slack/events", body=body, headers=sent)
        response = conn.getresponse()
        data = response.read()
        conn.close()
        return Reply(response.status, data, time.monotonic() - start)

    def event(self, event: dict[str, Any], *, event_id: str | None = None, **kw: Any) -> Reply:
        body = {"token": "legacy", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
                "event_id": event_id or f"Ev{uuid.uuid4().hex[:10]}", "event_time": int(time.time()),
                "event": event, "authorizations": [{"user_id": BOT_USER, "team_id": "T1", "is_bot": True}]}
        return self.post(json.dumps(body).encode(), "application/json", **kw)

    def mention(self, text: str, *, channel: str = "CPUBLIC", user: str = "U1", ts: str = "1700.0001",
                thread_ts: str | None = None, **kw: Any) -> Reply:
        event = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER}> {text}", "ts": ts,
                 "channel": channel, "event_ts": ts, **({"thread_ts": thread_ts} if thread_ts else {})}
        return self.event(event, **kw)

    def message(self, text: str, *, channel: str, user: str = "U1", ts: str = "1800.0001",
                channel_type: str = "im", thread_ts: str | None = None, **extra: Any) -> Reply:
        event = {"type": "message", "user": user, "text": text, "ts": ts, "channel": channel,
                 "channel_type": channel_type, "event_ts": ts, **extra}
        if thread_ts:
            event["thread_ts"] = thread_ts
        return self.event(event)

    def command(self, command: str, text: str, *, channel: str = "CPUBLIC", user: str = "U1") -> Reply:
        form = {"command": command, "text": text, "channel_id": channel, "user_id": user,
                "team_id": "T1", "response_url": f"{self.slack.base}/response/{uuid.uuid4().hex[:8]}",
                "trigger_id": "1.2.3"}
        return self.post(urlencode(form).encode(), "application/x-www-form-urlencoded")

    def click(self, action_id: str, request_id: str, *, channel: str, user: str,
              thread_ts: str | None = "1700.0001") -> Reply:
        payload = {"type": "block_actions", "user": {"id": user}, "team": {"id": "T1"},
                   "channel": {"id": channel}, "container": {"channel_id": channel},
                   "message": {"ts": "1700009.000100", "thread_ts": thread_ts},
                   "actions": [{"action_id": action_id, "value": request_id, "type": "button"}],
                   "trigger_id": "1.2.3", "response_url": f"{self.slack.base}/response/click"}
        return self.post(urlencode({"payload": json.dumps(payload)}).encode(),
                         "application/x-www-form-urlencoded")

    def wait(self, condition: Callable[[], bool], timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.02)
        raise AssertionError("condition not met in time")

    def idle(self) -> None:
        """Wait until every background job has finished."""
        bot = self.running.app.cllr  # type: ignore[attr-defined]
        for job in list(bot.jobs):
            job.result(timeout=30)


@pytest.fixture
def make_harness(tmp_path: Path, slack: StandIn) -> Iterator[Callable[..., Harness]]:
    started: list[Harness] = []

    def start(knowledge: FakeKnowledge | None = None, *, post_interval: float = 0.0,
              settings: Settings | None = None) -> Harness:
        fake = knowledge or FakeKnowledge()
        state = StateStore.sqlite(tmp_path / f"state-{len(started)}.sqlite3")
        running = build(settings or make_settings(tmp_path, slack), fake, state=state, port=0,
                        host="127.0.0.1", post_interval=post_interval)
        threading.Thread(target=running.serve_forever, daemon=True).start()
        harness = Harness(running, slack, fake, state)
        started.append(harness)
        return harness

    yield start
    for h in started:
        h.running.shutdown()
        h.state.close()


@pytest.fixture
def harness(make_harness: Callable[..., Harness]) -> Harness:
    return make_harness()
