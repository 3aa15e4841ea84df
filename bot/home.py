"""App Home view: what cllr knows, when it last synced, and the newest guidance."""

from __future__ import annotations

from typing import Any

from bot import render
from bot.admin import status_text
from bot.app import Bot
from knowledge.types import Status

NEWEST = 10


def home_view(status: Status) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "cllr — council documents and register"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": status_text(status)}},
        {"type": "section", "text": {"type": "mrkdwn", "text": (
            "Ask me with `/ask QUESTION`, by mentioning me in a channel, or here in a DM. "
            "Every answer cites the document and page, section or register row it comes from.")}},
    ]
    newest = [f for f in status.newest if f.kind == "guidance"] or status.newest
    if newest:
        lines = [f"• {render.link(f.url, f.title or f.source)} — {render.escape(f.kind)}"
                 + (f", {render.escape(f.date)}" if f.date else "") for f in newest[:NEWEST]]
        blocks.append({"type": "divider"})
        blocks += [{"type": "section", "text": {"type": "mrkdwn", "text": t}}
                   for t in render.chunk_lines(["*Newest documents*", *lines])]
    return {"type": "home", "blocks": blocks}


def publish_home(bot: Bot, user: str) -> None:
    bot.client.views_publish(user_id=user, view=home_view(bot.knowledge.status()))


__all__ = ["home_view", "publish_home"]
