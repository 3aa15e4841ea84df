"""@mentions, DMs, thread follow-ups and ``/ask``: each becomes one ``answer_question`` job."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import admin
from bot.answering import Ask, answer_follow_up, answer_question
from bot.app import Bot

ANSWERED_SUBTYPES = (None, "file_share", "thread_broadcast")
URL_ONLY = re.compile(r"^<?(https?://[^\s|>]+)(?:\|[^>]*)?>?(?:\s+(?:access|level)\s*[:=]?\s*[\w-]+)?$", re.I)


def strip_mentions(text: str, bot_user_id: str | None) -> str:
    if bot_user_id:
        text = text.replace(f"<@{bot_user_id}>", " ")
    return " ".join(text.split())


def register(app: App, bot: Bot) -> None:
    @app.event("app_mention")
    def on_mention(event: dict[str, Any], context: BoltContext) -> None:
        question = strip_mentions(event.get("text", ""), context.bot_user_id)
        thread = event.get("thread_ts") or event["ts"]
        bot.submit("mention", answer_question, bot, Ask(question or "help", event["user"],
                                                        event["channel"], "mention", thread))

    @app.event("message")
    def on_message(event: dict[str, Any], context: BoltContext) -> None:
        if event.get("bot_id") or event.get("subtype") not in ANSWERED_SUBTYPES or "user" not in event:
            return
        text = strip_mentions(event.get("text", ""), context.bot_user_id)
        url = URL_ONLY.match(text)
        if event.get("channel_type") == "im" and (event.get("files") or url):
            bot.submit("dm_admin", admin.add_from_dm, bot, event, url.group(1) if url else None)
        elif event.get("channel_type") == "im" and text:
            ask = Ask(text, event["user"], event["channel"], "dm", event.get("thread_ts") or event["ts"])
            bot.submit("dm", answer_question, bot, ask)
        elif event.get("thread_ts") and f"<@{context.bot_user_id}>" not in event.get("text", ""):
            ask = Ask(text, event["user"], event["channel"], "thread", event["thread_ts"])
            bot.submit("thread", answer_follow_up, bot, ask)

    @app.command("/ask")
    def on_ask(ack: Ack, command: dict[str, Any]) -> None:
        question = " ".join(command.get("text", "").split())
        if not question:
            ack(text="Ask me a question, e.g. `/ask which CCTV cameras are made by Hikvision?`")
            return
        ack()
        ask = Ask(question, command["user_id"], command["channel_id"], "command",
                  response_url=command.get("response_url"))
        bot.submit("command", answer_question, bot, ask)


__all__ = ["register", "strip_mentions"]
