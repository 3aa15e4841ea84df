"""The answer buttons: 👍/👎, "Draft reply" and "Show all sources"."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.answering import Click, record_feedback, send_draft, send_sources
from bot.app import Bot


def click_from(body: dict[str, Any]) -> Click:
    """Only ids come from the payload: the request id, the clicker, the channel and thread."""
    action = body["actions"][0]
    message = body.get("message") or {}
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id", "")
    thread = message.get("thread_ts") or container.get("thread_ts") or message.get("ts")
    return Click(str(action.get("value", ""))[:64], body["user"]["id"], channel, thread)


def register(app: App, bot: Bot) -> None:
    @app.action("feedback_up")
    def on_up(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        bot.submit("feedback", record_feedback, bot, click_from(body), "up")

    @app.action("feedback_down")
    def on_down(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        bot.submit("feedback", record_feedback, bot, click_from(body), "down")

    @app.action("draft_reply")
    def on_draft(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        bot.submit("draft", send_draft, bot, click_from(body))

    @app.action("show_sources")
    def on_sources(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        bot.submit("sources", send_sources, bot, click_from(body))


__all__ = ["click_from", "register"]
