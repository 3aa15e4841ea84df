"""Thin Bolt listeners: parse, hand one job to a worker, ack. One module per surface."""

from __future__ import annotations

from typing import TYPE_CHECKING

from slack_bolt import App

if TYPE_CHECKING:
    from bot.app import Bot


def register_all(app: App, bot: Bot) -> None:
    from bot.listeners import admin, buttons, home, questions

    questions.register(app, bot)
    buttons.register(app, bot)
    admin.register(app, bot)
    home.register(app, bot)


__all__ = ["register_all"]
