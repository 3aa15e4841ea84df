"""Sending to Slack: paced per channel, never unfurling, always through the configured client."""

from __future__ import annotations

import threading
import time
from typing import Any

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from bot.render import Message

NO_UNFURL = {"unfurl_links": False, "unfurl_media": False}


class Pacer:
    """Hands out send slots at most one per ``interval`` seconds per channel."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, channel: str) -> None:
        if self.interval <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(channel, now))
            self._next[channel] = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


class Poster:
    """Every outgoing message goes through here."""

    def __init__(self, client: WebClient, *, interval: float = 1.0) -> None:
        self.client = client
        self.pacer = Pacer(interval)

    def post(self, channel: str, message: Message, *, thread_ts: str | None = None) -> dict[str, Any]:
        self.pacer.wait(channel)
        response = self.client.chat_postMessage(channel=channel, thread_ts=thread_ts, unfurl_links=False,
                                                unfurl_media=False, **message)
        return dict(response.data) if isinstance(response.data, dict) else {}

    def post_all(self, channel: str, messages: list[Message], *, thread_ts: str | None = None) -> None:
        for message in messages:
            self.post(channel, message, thread_ts=thread_ts)

    def ephemeral(self, channel: str, user: str, message: Message, *, thread_ts: str | None = None) -> None:
        self.pacer.wait(channel)
        self.client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **message)

    def update(self, channel: str, ts: str, message: Message) -> None:
        self.client.chat_update(channel=channel, ts=ts, **message)

    def respond(self, response_url: str, message: Message, *, public: bool = True) -> None:
        """Answer a slash command through its ``response_url`` (up to 5 uses, 30 minutes)."""
        self.pacer.wait(response_url)
        hook = WebhookClient(response_url, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)])
        response = hook.send_dict({"response_type": "in_channel" if public else "ephemeral",
                                   "replace_original": False, **NO_UNFURL, **message})
        if response.status_code >= 400:
            raise RuntimeError(f"response_url refused the message: HTTP {response.status_code}")

    def upload_csv(self, channel: str, content: str, *, filename: str, title: str,
                   thread_ts: str | None = None) -> None:
        self.pacer.wait(channel)
        self.client.files_upload_v2(channel=channel, thread_ts=thread_ts, content=content,
                                    filename=filename, title=title)


def make_client(token: str | None, base_url: str, *, retries: int = 3) -> WebClient:
    """A WebClient on ``SLACK_API_URL`` that backs off on HTTP 429 (Retry-After)."""
    return WebClient(token=token, base_url=base_url, timeout=30,
                     retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=retries)])


__all__ = ["Pacer", "Poster", "make_client"]
