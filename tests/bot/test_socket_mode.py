"""Socket Mode against a loopback websocket server standing in for Slack's."""

from __future__ import annotations

import json
import queue
import threading
import time
from pathlib import Path
from typing import Any

from websockets.sync.server import ServerConnection, serve

from bot.server import build
from knowledge.index.state import StateStore
from tests import secrets
from tests.bot.conftest import make_settings
from tests.bot.fakes import FakeKnowledge
from tests.bot.standin import BOT_USER, StandIn


def _envelope(envelope_id: str, event_id: str) -> str:
    event = {"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER}> cctv?", "ts": "5000.1",
             "channel": "CPUBLIC"}
    payload = {"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": event_id,
               "event": event, "authorizations": [{"user_id": BOT_USER, "team_id": "T1", "is_bot": True}]}
    return json.dumps({"envelope_id": envelope_id, "type": "events_api", "accepts_response_payload": False,
                       "retry_attempt": 0, "payload": payload})


def test_socket_mode_acks_envelopes_and_answers(tmp_path: Path, slack: StandIn) -> None:
    acks: queue.Queue[dict[str, Any]] = queue.Queue()

    def handler(ws: ServerConnection) -> None:
        ws.send(json.dumps({"type": "hello", "num_connections": 1}))
        ws.send(_envelope("env-1", "EvSock1"))
        ws.send(_envelope("env-2", "EvSock1"))  # a redelivery of the same event
        try:
            for message in ws:
                acks.put(json.loads(message))
        except Exception:  # noqa: BLE001 - the client went away at the end of the test
            return

    with serve(handler, "127.0.0.1", 0) as ws_server:
        threading.Thread(target=ws_server.serve_forever, daemon=True).start()
        slack.ws_url = f"ws://127.0.0.1:{ws_server.socket.getsockname()[1]}/"
        settings = make_settings(tmp_path, slack, SLACK_APP_TOKEN=secrets.APP_TOKEN, SLACK_SIGNING_SECRET="")
        knowledge = FakeKnowledge()
        running = build(settings, knowledge, state=StateStore.sqlite(tmp_path / "s.sqlite3"), port=0,
                        host="127.0.0.1", post_interval=0)
        threading.Thread(target=running.serve_forever, daemon=True).start()
        try:
            got = {acks.get(timeout=10)["envelope_id"], acks.get(timeout=10)["envelope_id"]}
            assert got == {"env-1", "env-2"}
            post = slack.wait_for("chat.postMessage")[0].payload
            assert post["thread_ts"] == "5000.1" and "reviewing its CCTV estate" in post["text"]
            opened = slack.of("apps.connections.open")[0]
            assert opened.headers["authorization"] == f"Bearer {secrets.APP_TOKEN}"
            import urllib.error
            import urllib.request

            with urllib.request.urlopen(f"http://127.0.0.1:{running.port}/healthz", timeout=5) as r:
                assert r.status == 200
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{running.port}/slack/events", timeout=5)
            except urllib.error.HTTPError as err:
                assert err.code == 404  # no HTTP events endpoint in Socket Mode
            time.sleep(0.3)
            assert len(knowledge.of("answer")) == 1 and len(slack.of("chat.postMessage")) == 1
        finally:
            running.shutdown()
