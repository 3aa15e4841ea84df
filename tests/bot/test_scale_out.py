"""Two real ``cllr serve`` replicas against one ``chroma run`` server and one PostgreSQL.

No answer twice, a reindex by one replica is seen by the other, and no feedback is lost.
Skips loudly when no PostgreSQL is reachable on 127.0.0.1:5432.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from knowledge.index.state import StateStore
from knowledge.settings import Settings
from tests import secrets
from tests.bot.conftest import sign
from tests.bot.standin import BOT_USER, StandIn
from tests.bot.test_cli import _env, _health
from tests.conftest import DEMO, ROOT, free_port
from tests.knowledge.index.test_state import _pg_schema_url

NEW_FACT = "The depot key safe code is changed every 14 days by the Estates Helpdesk."


@pytest.fixture
def pg_url() -> Iterator[str]:
    yield from _pg_schema_url()


def post(port: int, body: bytes, content_type: str, retry: int = 0) -> int:
    ts = int(time.time()) - retry  # a retry is a new delivery, signed with its own timestamp
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": str(ts),
               "X-Slack-Signature": sign(body, ts)}
    if retry:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/slack/events", data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=5) as reply:
        return int(reply.status)


def mention(port: int, event_id: str, text: str, ts: str, retry: int = 0) -> int:
    body = json.dumps({"type": "event_callback", "team_id": "T1", "event_id": event_id, "event": {
        "type": "app_mention", "user": "U1", "text": f"<@{BOT_USER}> {text}", "ts": ts,
        "channel": "CPUBLIC"}}).encode()
    return post(port, body, "application/json", retry)


def form(**fields: str) -> bytes:
    from urllib.parse import urlencode

    return urlencode(fields).encode()


def replies_to(slack: StandIn, ts: str) -> list[dict[str, Any]]:
    return [c.payload for c in slack.of("chat.postMessage") if c.payload.get("thread_ts") == ts]


def wait(condition: Any, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@pytest.mark.slow
def test_two_replicas_share_index_dedupe_and_feedback(
    tmp_path: Path, slack: StandIn, chroma_server: str, pg_url: str, embedder: Any
) -> None:
    from cllr.wiring import IngestLoader
    from knowledge.facade import Knowledge

    corpus = tmp_path / "corpus"
    for rel in ("guidance/cctv-code-of-practice.pdf", "statements/2024-01-16-press-statement-cctv-review.md"):
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(DEMO / rel, corpus / rel)
    collection = f"scale_{uuid.uuid4().hex[:8]}"
    seed = Settings(CLLR_CHROMA_URL=chroma_server, CLLR_COLLECTION=collection,  # type: ignore[call-arg]
                    CLLR_DATA_DIR=str(tmp_path / "seed"))
    assert Knowledge(seed, loader=IngestLoader(), embedder=embedder).sync([corpus]).added

    extra = {"CLLR_CHROMA_URL": chroma_server, "CLLR_COLLECTION": collection, "CLLR_DATABASE_URL": pg_url,
             "CLLR_ADMINS": "UADMIN", "CLLR_SOURCES": f"{corpus}:public"}
    ports, procs = [free_port(), free_port()], []
    try:
        for n, port in enumerate(ports):
            env = _env(tmp_path / f"replica{n}", slack, **extra)
            log = (tmp_path / f"replica{n}.log").open("w")
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "cllr", "serve", "--port", str(port), "--host", "127.0.0.1"],
                env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT))
        for n, port in enumerate(ports):
            wait(lambda port=port, n=n: _health(port) == 200 or procs[n].poll() is not None, 120)
            assert _health(port) == 200, (tmp_path / f"replica{n}.log").read_text()[-3000:]

        # 1. The same event reaches both replicas (a retry routed elsewhere): answered once.
        statuses: list[int] = []
        threads = [threading.Thread(target=lambda p=p, n=n: statuses.append(mention(
            p, "EvScale1", "how long do we keep CCTV footage?", "7000.1", retry=n))) for n, p in enumerate(ports)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert statuses == [200, 200], "both deliveries are accepted; the event id is what dedupes"
        wait(lambda: replies_to(slack, "7000.1"))
        time.sleep(3)
        answers = replies_to(slack, "7000.1")
        assert len(answers) == 1 and "31 days" in json.dumps(answers[0])

        # 2. A reindex on replica 0 is visible on replica 1.
        (corpus / "guidance" / "key-safe-note.md").write_text(f"# Key safes\n\n{NEW_FACT}\n")
        assert post(ports[0], form(command="/cllr", text="reindex", user_id="UADMIN", channel_id="CPUBLIC",
                                   team_id="T1", response_url=f"{slack.base}/response/r1",
                                   trigger_id="1.2"), "application/x-www-form-urlencoded") == 200
        wait(lambda: any("Reindex finished" in json.dumps(c.payload) for c in slack.of("chat.update")), 120)
        mention(ports[1], "EvScale2", "How often is the depot key safe code changed?", "7000.2")
        wait(lambda: replies_to(slack, "7000.2"))
        assert "14 days" in json.dumps(replies_to(slack, "7000.2")[0])

        # 3. Feedback clicks spread over both replicas: none lost.
        blocks = json.dumps(answers[0])
        request_id = blocks.split('"action_id": "feedback_up"')[1].split('"value": "')[1].split('"')[0]
        for i in range(10):
            payload = {"type": "block_actions", "user": {"id": f"U{i}"}, "team": {"id": "T1"},
                       "channel": {"id": "CPUBLIC"}, "container": {"channel_id": "CPUBLIC"},
                       "message": {"ts": "7000.9", "thread_ts": "7000.1"}, "trigger_id": "1.2",
                       "actions": [{"action_id": "feedback_up", "value": request_id, "type": "button"}],
                       "response_url": f"{slack.base}/response/click{i}"}
            assert post(ports[i % 2], form(payload=json.dumps(payload)), "application/x-www-form-urlencoded") == 200
        state = StateStore.open(Settings(CLLR_DATABASE_URL=pg_url,  # type: ignore[call-arg]
                                         CLLR_DATA_DIR=str(tmp_path / "reader")))
        wait(lambda: sum(1 for r in state.audit_rows() if r["kind"] == "feedback") == 10, 30)
        assert secrets.BOT_TOKEN not in (tmp_path / "replica0.log").read_text()
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=20)
