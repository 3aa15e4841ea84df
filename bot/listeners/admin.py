"""``/cllr`` (admins): reindex, remove, status; anything else gets the help text."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot import admin
from bot.app import Bot

SUBCOMMANDS = ("reindex", "remove", "status")


def register(app: App, bot: Bot) -> None:
    @app.command("/cllr")
    def on_cllr(ack: Ack, command: dict[str, Any]) -> None:
        words = (command.get("text") or "").split()
        sub, args = (words[0].lower() if words else ""), [w.strip("<>").split("|")[0] for w in words[1:]]
        if sub not in SUBCOMMANDS:
            ack(text=admin.HELP)
            return
        if sub == "reindex":
            ack(text="Reindex started…")
        else:
            ack()
        bot.submit(f"cllr_{sub}", admin.run_command, bot, command, sub, args)


__all__ = ["SUBCOMMANDS", "register"]
