"""Settings validation, the token check, /healthz, /metrics and the App Home."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from bot.server import ConfigError, check_token, validate
from tests import secrets
from tests.bot.conftest import Harness, make_settings
from tests.bot.fakes import FakeKnowledge
from tests.bot.standin import StandIn


def _get(port: int, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


@pytest.mark.parametrize("change, variable", [
    ({"SLACK_BOT_TOKEN": ""}, "SLACK_BOT_TOKEN"),
    ({"SLACK_BOT_TOKEN": "xoxp-user-token"}, "SLACK_BOT_TOKEN"),
    ({"SLACK_SIGNING_SECRET": ""}, "SLACK_SIGNING_SECRET"),
    ({"SLACK_APP_TOKEN": "xoxb-wrong-kind"}, "SLACK_APP_TOKEN"),
    ({"SLACK_API_URL": "ftp://slack.example/"}, "SLACK_API_URL"),
    ({"SLACK_API_URL": "not a url"}, "SLACK_API_URL"),
    ({"CLLR_ADMINS": "alice"}, "CLLR_ADMINS"),
    ({"CLLR_ACCESS_CONFIG": "/nonexistent/access.yaml"}, "CLLR_ACCESS_CONFIG"),
])
def test_bad_settings_fail_with_one_line_naming_the_variable(
        tmp_path: Path, slack: StandIn, change: dict[str, str], variable: str) -> None:
    settings = make_settings(tmp_path, slack, **change)
    with pytest.raises(ConfigError) as err:
        validate(settings, port=3000)
    message = str(err.value)
    assert variable in message and "\n" not in message
    assert secrets.BOT_TOKEN not in message and secrets.SIGNING_SECRET not in message


def test_socket_mode_needs_no_signing_secret_and_url_is_normalised(tmp_path: Path, slack: StandIn) -> None:
    settings = make_settings(tmp_path, slack, SLACK_SIGNING_SECRET="", SLACK_APP_TOKEN=secrets.APP_TOKEN,
                             SLACK_API_URL=slack.api_url.rstrip("/"))
    assert validate(settings, port=0).slack_api_url == slack.api_url


def test_token_check_goes_through_slack_api_url(tmp_path: Path, slack: StandIn) -> None:
    assert check_token(make_settings(tmp_path, slack))["user_id"] == "UBOT"
    assert slack.of("auth.test")[0].headers["authorization"] == f"Bearer {secrets.BOT_TOKEN}"
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN was rejected by Slack: invalid_auth"):
        check_token(make_settings(tmp_path, slack, SLACK_BOT_TOKEN="xoxb-0-revoked"))
    with pytest.raises(ConfigError, match="SLACK_API_URL .* is unreachable"):
        check_token(make_settings(tmp_path, slack, SLACK_API_URL="http://127.0.0.1:9/api/"))


def test_healthz_reports_index_readiness(make_harness: Any) -> None:
    knowledge = FakeKnowledge()
    harness = make_harness(knowledge)
    status, body = _get(harness.port, "/healthz")
    assert status == 200 and json.loads(body)["ready"] is True and json.loads(body)["chunks"] == 420
    knowledge.ready = False
    status, body = _get(harness.port, "/healthz")
    assert status == 503 and json.loads(body)["ready"] is False


def test_metrics_count_questions_abstentions_and_latency(harness: Harness) -> None:
    harness.mention("cctv?", ts="4000.1")
    harness.mention("nothing known", ts="4000.2")
    harness.slack.wait_for("chat.postMessage", 2)
    harness.idle()
    status, body = _get(harness.port, "/metrics")
    text = body.decode()
    assert status == 200
    assert 'cllr_questions_total{via="mention"} 2.0' in text
    assert "cllr_abstentions_total 1.0" in text
    assert "cllr_answer_latency_seconds_count 2.0" in text
    assert "cllr_index_chunks 420.0" in text and "cllr_register_rows 250.0" in text
    assert "python_gc_objects_collected_total" not in text  # a per-app registry, not the global one


def test_app_home_shows_status_and_newest_guidance(harness: Harness) -> None:
    harness.event({"type": "app_home_opened", "user": "U5", "channel": "DU5", "tab": "home"})
    published = harness.slack.wait_for("views.publish")[0].payload
    assert published["user_id"] == "U5" and published["view"]["type"] == "home"
    text = json.dumps(published["view"]["blocks"], ensure_ascii=False)
    assert "Index ready" in text and "2025-07-16" in text
    assert "PGN 07 &lt;high risk&gt;" in text and "<high risk>" not in text
