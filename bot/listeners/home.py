"""The App Home tab: index status, last sync, newest guidance."""

from __future__ import annotations

from typing import Any

from slack_bolt import App

from bot.app import Bot
from bot.home import publish_home


def register(app: App, bot: Bot) -> None:
    @app.event("app_home_opened")
    def on_home(event: dict[str, Any]) -> None:
        if event.get("tab", "home") == "home":
            bot.submit("home", publish_home, bot, event["user"])


__all__ = ["register"]
