"""The access matrix: channel kind x user role x document level, over answers, sources and drafts."""

from __future__ import annotations

from typing import Any

import pytest

from bot.access import AccessConfig, AccessConfigError
from tests.bot.conftest import Harness
from tests.bot.fakes import OFFICERS_QUOTE, RESTRICTED_QUOTE

USERS = ("U1", "UOFFICER", "ULEGAL")
DM_LEVELS = {"U1": {"public"}, "UOFFICER": {"public", "officers"},
             "ULEGAL": {"public", "officers", "restricted"}}
CHANNEL_LEVELS = {"CPUBLIC": {"public"}, "CEXT": {"public"}, "CPRIVATE": {"public", "officers"},
                  "CLEGAL": {"public", "officers", "restricted"}}


def _ask_and_click(h: Harness, channel: str, user: str, n: int) -> str:
    """Ask, then press "Show all sources" and "Draft reply"; return everything sent for it."""
    before = len(h.slack.calls)
    ts = f"2100.{n:04d}"
    if channel.startswith("D"):
        h.message("tell me about cctv", channel=channel, user=user, ts=ts)
    else:
        h.mention("tell me about cctv", channel=channel, user=user, ts=ts)
    post = h.slack.wait_for("chat.postMessage", n)[-1].payload
    request_id = post["blocks"][-1]["elements"][0]["value"]
    assert len(request_id) == 16  # buttons carry only the request id
    ephemerals = len(h.slack.of("chat.postEphemeral"))
    h.click("show_sources", request_id, channel=channel, user=user, thread_ts=ts)
    h.click("draft_reply", request_id, channel=channel, user=user, thread_ts=ts)
    sent = h.slack.wait_for("chat.postEphemeral", ephemerals + 2)
    assert {e.payload["user"] for e in sent[ephemerals:]} == {user}
    h.idle()
    with h.slack.lock:
        return "\n".join(str(c.payload) for c in h.slack.calls[before:])


def _check(text: str, levels: set[str]) -> None:
    assert ("reviewing its CCTV estate" in text)
    assert (OFFICERS_QUOTE in text) == ("officers" in levels)
    assert (RESTRICTED_QUOTE in text) == ("restricted" in levels)


@pytest.mark.parametrize("channel", sorted(CHANNEL_LEVELS))
def test_channels_see_their_levels_whoever_asks(harness: Harness, channel: str) -> None:
    for n, user in enumerate(USERS, start=1):
        _check(_ask_and_click(harness, channel, user, n), CHANNEL_LEVELS[channel])
    scopes = [s for _, s in harness.knowledge.of("answer")] + [s for _, s in harness.knowledge.of("draft")]
    assert scopes and all(s is not None and s.levels == CHANNEL_LEVELS[channel] for s in scopes)


def test_dms_see_the_users_role(harness: Harness) -> None:
    for n, user in enumerate(USERS, start=1):
        _check(_ask_and_click(harness, f"D{user[1:]}", user, n), DM_LEVELS[user])


def test_a_forged_click_in_someone_elses_dm_gets_the_clickers_scope(harness: Harness) -> None:
    harness.message("tell me about cctv", channel="DLEGAL", user="ULEGAL", ts="2200.0001")
    post = harness.slack.wait_for("chat.postMessage")[0].payload
    assert RESTRICTED_QUOTE in str(post)
    request_id = post["blocks"][-1]["elements"][0]["value"]
    harness.click("show_sources", request_id, channel="DLEGAL", user="U1")
    sent = harness.slack.wait_for("chat.postEphemeral")[0].payload
    assert "reviewing its CCTV estate" in str(sent) and RESTRICTED_QUOTE not in str(sent)


def _config(tmp_path: Any, text: str) -> Any:
    path = tmp_path / "access.yaml"
    path.write_text(text)
    return path


def test_config_errors_name_the_setting(tmp_path: Any) -> None:
    assert AccessConfig.load(None) == AccessConfig()
    for bad in ("users:\n  U1: nosuchrole\n", "channels:\n  C1: {a: b}\n", "- a list\n", "a: [\n"):
        with pytest.raises(AccessConfigError, match="CLLR_ACCESS_CONFIG"):
            AccessConfig.load(_config(tmp_path, bad))
    config = AccessConfig.load(_config(tmp_path, "users:\n  U9: [restricted]\nchannels:\n  C1: officers\n"))
    assert config.users["U9"] == {"public", "restricted"} and config.channels["C1"] == {"public", "officers"}
