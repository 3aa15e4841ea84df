"""Who may see what: channel and user scopes, and who is an admin.

Rules (most restrictive wins):
- a public channel sees ``public`` only, whatever the config says;
- a channel shared with another organisation sees ``public`` only;
- a private channel sees the levels configured for its ID;
- a DM sees the levels of the user's role; everything else sees ``public``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from knowledge.index.sources import SourceError, read_access_config
from knowledge.types import PUBLIC, Scope

CACHE_SECONDS = 60.0


class AccessConfigError(ValueError):
    pass


@dataclass(frozen=True)
class AccessConfig:
    channels: dict[str, frozenset[str]] = field(default_factory=dict)
    users: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None) -> AccessConfig:
        if path is None:
            return cls()
        try:
            data = read_access_config(path)
        except SourceError as exc:
            raise AccessConfigError(str(exc)) from exc
        roles = {str(k): _levels(v, f"roles.{k}") for k, v in (data.get("roles") or {}).items()}
        users: dict[str, frozenset[str]] = {}
        for user, value in (data.get("users") or {}).items():
            if isinstance(value, str) and value in roles:
                users[str(user)] = roles[value]
            elif isinstance(value, str):
                raise AccessConfigError(f"CLLR_ACCESS_CONFIG: users.{user}: unknown role {value!r}")
            else:
                users[str(user)] = _levels(value, f"users.{user}")
        channels = {str(k): _levels(v, f"channels.{k}") for k, v in (data.get("channels") or {}).items()}
        return cls(channels=channels, users=users)


def _levels(value: Any, where: str) -> frozenset[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise AccessConfigError(f"CLLR_ACCESS_CONFIG: {where} must be a level or a list of levels")
    return frozenset({PUBLIC, *value})


class _TtlCache:
    def __init__(self, seconds: float = CACHE_SECONDS) -> None:
        self.seconds = seconds
        self._items: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        with self._lock:
            hit = self._items.get(key)
            if hit and time.monotonic() - hit[0] < self.seconds:
                return hit[1]
        value = make()
        with self._lock:
            self._items[key] = (time.monotonic(), value)
        return value


class AccessPolicy:
    """Turns (channel, user) into a ``Scope``; answers "is this user an admin?"."""

    def __init__(self, config: AccessConfig, admin_ids: frozenset[str], client: WebClient) -> None:
        self.config = config
        self.admin_ids = admin_ids
        self.client = client
        self._channels = _TtlCache()
        self._groups = _TtlCache()

    def channel_kind(self, channel: str) -> str:
        """One of im, private, public, external (unknown -> public)."""
        return str(self._channels.get(channel, lambda: self._fetch_kind(channel)))

    def _fetch_kind(self, channel: str) -> str:
        try:
            info = self.client.conversations_info(channel=channel)["channel"]
        except SlackApiError:
            return "public"
        if info.get("is_ext_shared") or info.get("is_shared") or info.get("is_pending_ext_shared"):
            return "external"
        if info.get("is_im"):
            return "im"
        if info.get("is_private") and not info.get("is_mpim"):
            return "private"
        return "public"

    def levels(self, channel: str, user: str) -> frozenset[str]:
        kind = self.channel_kind(channel)
        if kind == "private":
            return self.config.channels.get(channel, frozenset({PUBLIC}))
        if kind == "im":
            return self.config.users.get(user, frozenset({PUBLIC}))
        return frozenset({PUBLIC})

    def scope(self, channel: str, user: str, history: list[str] | tuple[str, ...] = ()) -> Scope:
        return Scope(levels=self.levels(channel, user), history=tuple(history))

    def is_admin(self, user: str) -> bool:
        if user in self.admin_ids:
            return True
        return any(user in self._group_members(g) for g in self.admin_ids if g.startswith("S"))

    def _group_members(self, group: str) -> frozenset[str]:
        def fetch() -> frozenset[str]:
            try:
                return frozenset(self.client.usergroups_users_list(usergroup=group)["users"])
            except SlackApiError:
                return frozenset()

        return frozenset(self._groups.get(group, fetch))


__all__ = ["AccessConfig", "AccessConfigError", "AccessPolicy"]
