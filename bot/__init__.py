"""cllr's Slack layer: events in, one call into ``knowledge``, Block Kit out."""

from __future__ import annotations

from bot.app import Bot, KnowledgeAPI, create_app
from bot.server import ConfigError, serve

__all__ = ["Bot", "ConfigError", "KnowledgeAPI", "create_app", "serve"]
