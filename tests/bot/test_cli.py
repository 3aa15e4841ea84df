"""The real ``cllr serve`` and ``cllr audit export`` entry points, as subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from knowledge.index.state import StateStore
from tests import secrets
from tests.bot.conftest import sign
from tests.bot.standin import BOT_USER, StandIn
from tests.conftest import ROOT, free_port, leaked_secrets


def _has_command(name: str) -> bool:
    try:
        from cllr.cli import app
    except ImportError:
        return False
    from typer.main import get_command

    return name in get_command(app).commands  # type: ignore[attr-defined]


def _env(tmp_path: Path, slack: StandIn, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CLLR_"))}
    return {**env, "SLACK_API_URL": slack.api_url, "SLACK_BOT_TOKEN": secrets.BOT_TOKEN,
            "SLACK_SIGNING_SECRET": secrets.SIGNING_SECRET, "CLLR_DATA_DIR": str(tmp_path / "data"),
            "CLLR_LOG_JSON": "true", "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT), **extra}


def _health(port: int) -> int | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
            return int(r.status)
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return None


@pytest.mark.slow
def test_cllr_serve_answers_a_signed_mention(tmp_path: Path, slack: StandIn) -> None:
    if not _has_command("serve"):
        pytest.skip("SKIPPED LOUDLY: cllr.cli has no `serve` command yet (cllr/bot_commands.py not wired)")
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    command = [sys.executable, "-m", "cllr", "serve", "--port", str(port), "--host", "127.0.0.1"]
    proc = subprocess.Popen(command, env=_env(tmp_path, slack), stdout=log, stderr=subprocess.STDOUT,
                            cwd=ROOT)
    try:
        deadline = time.monotonic() + 90
        while _health(port) is None:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "cllr serve did not start in 90 s"
            time.sleep(0.3)
        assert _health(port) in (200, 503)  # an empty index is "not ready"
        body = json.dumps({"type": "event_callback", "team_id": "T1", "event_id": "EvCli1", "event": {
            "type": "app_mention", "user": "U1", "text": f"<@{BOT_USER}> how many cameras?", "ts": "6000.1",
            "channel": "CPUBLIC"}}).encode()
        ts = int(time.time())
        request = urllib.request.Request(f"http://127.0.0.1:{port}/slack/events", data=body, headers={
            "Content-Type": "application/json", "X-Slack-Request-Timestamp": str(ts),
            "X-Slack-Signature": sign(body, ts)})
        with urllib.request.urlopen(request, timeout=5) as r:
            assert r.status == 200
        post = slack.wait_for("chat.postMessage", timeout=60)[0].payload
        assert post["thread_ts"] == "6000.1" and post["unfurl_links"] is False
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    lines = (tmp_path / "serve.log").read_text().splitlines()
    assert leaked_secrets(lines) == []
    records = [json.loads(line) for line in lines if line.startswith("{")]
    assert any(r.get("msg", "").startswith("cllr serving Westmarch") for r in records)
    assert all("request_id" in r for r in records)


def test_cllr_serve_refuses_bad_settings_in_one_line(tmp_path: Path, slack: StandIn) -> None:
    if not _has_command("serve"):
        pytest.skip("SKIPPED LOUDLY: cllr.cli has no `serve` command yet (cllr/bot_commands.py not wired)")
    env = _env(tmp_path, slack, SLACK_SIGNING_SECRET="")
    result = subprocess.run([sys.executable, "-m", "cllr", "serve", "--port", "0"], capture_output=True,
                            text=True, env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("cllr serve: SLACK_SIGNING_SECRET is not set")


def test_cllr_audit_export(tmp_path: Path, slack: StandIn) -> None:
    if not _has_command("audit"):
        pytest.skip("SKIPPED LOUDLY: cllr.cli has no `audit` command yet (cllr/bot_commands.py not wired)")
    store = StateStore.sqlite(tmp_path / "data" / "state.sqlite3")
    store.record_question(request_id="r1", user="U1", channel="C1", question=f"is {secrets.BOT_TOKEN} ok?")
    store.record_feedback(request_id="r1", user="U1", channel="C1", value="up")
    store.close()
    for fmt, check in (("jsonl", lambda out: [json.loads(x)["kind"] for x in out.splitlines()]),
                       ("csv", lambda out: [x.split(",")[1] for x in out.splitlines()])):
        result = subprocess.run([sys.executable, "-m", "cllr", "audit", "export", "--format", fmt, "--data",
                                 str(tmp_path / "data")], capture_output=True, text=True,
                                env=_env(tmp_path, slack), cwd=ROOT, timeout=120)
        assert result.returncode == 0, result.stderr
        kinds = check(result.stdout)
        assert kinds[-2:] == ["question", "feedback"] and secrets.BOT_TOKEN not in result.stdout
