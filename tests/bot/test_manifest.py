"""deploy/slack-manifest.yaml lists exactly the events, commands and scopes the code uses."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = yaml.safe_load((ROOT / "deploy" / "slack-manifest.yaml").read_text(encoding="utf-8"))
SOURCES = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "bot").rglob("*.py"))
DOC = (ROOT / "docs" / "slack-setup.md").read_text(encoding="utf-8")

METHOD_SCOPES = {  # Web API method (as slack_sdk names it) -> scopes it needs
    "chat_postMessage": {"chat:write"}, "chat_postEphemeral": {"chat:write"}, "chat_update": {"chat:write"},
    "views_publish": set(), "files_upload_v2": {"files:write"},
    "conversations_info": {"channels:read", "groups:read", "im:read", "mpim:read"},
    "usergroups_users_list": {"usergroups:read"},
}
EVENT_SCOPES = {"app_mention": {"app_mentions:read"}, "message.im": {"im:history"},
                "message.channels": {"channels:history"}, "message.groups": {"groups:history"},
                "app_home_opened": set()}


def _registered(kind: str) -> set[str]:
    return set(re.findall(rf'@app\.{kind}\("([^"]+)"\)', SOURCES))


def _manifest_events() -> set[str]:
    return set(MANIFEST["settings"]["event_subscriptions"]["bot_events"])


def test_events_match() -> None:
    subscribed = {e.split(".")[0] for e in _manifest_events()}
    assert subscribed == _registered("event")


def test_commands_match_and_are_documented() -> None:
    commands = {c["command"] for c in MANIFEST["features"]["slash_commands"]}
    assert commands == _registered("command") == {"/ask", "/cllr"}
    from bot.listeners.admin import SUBCOMMANDS

    for name in (*commands, *(f"/cllr {s}" for s in SUBCOMMANDS)):
        assert f"`{name}" in DOC, f"document {name} in docs/slack-setup.md"


def test_interactivity_for_the_buttons() -> None:
    assert _registered("action") == {"feedback_up", "feedback_down", "draft_reply", "show_sources"}
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True


def test_scopes_are_exactly_those_used() -> None:
    used_methods = {m for m in METHOD_SCOPES if re.search(rf"\.{m}\(", SOURCES)}
    assert used_methods == set(METHOD_SCOPES), "a method in METHOD_SCOPES is no longer called"
    needed = set().union(*(METHOD_SCOPES[m] for m in used_methods),
                         *(EVENT_SCOPES[e] for e in _manifest_events()), {"commands", "files:read"})
    assert set(MANIFEST["oauth_config"]["scopes"]["bot"]) == needed
    assert "url_private_download" in SOURCES  # files:read is for downloading DM uploads


def test_socket_mode_off_by_default_and_doc_covers_setup() -> None:
    assert MANIFEST["settings"]["socket_mode_enabled"] is False
    for needle in ("deploy/slack-manifest.yaml", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN",
                   "CLLR_ACCESS_CONFIG", "CLLR_ADMINS", "/slack/events", "/healthz", "connections:write"):
        assert needle in DOC
