"""A loopback stand-in for Slack's Web API that records every call it receives."""

from __future__ import annotations

import http.server
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests import secrets

BOT_USER = "UBOT"
CHANNELS: dict[str, dict[str, Any]] = {
    "CPUBLIC": {"is_channel": True, "is_private": False},
    "CPRIVATE": {"is_channel": True, "is_private": True},
    "CLEGAL": {"is_channel": True, "is_private": True},
    "CEXT": {"is_channel": True, "is_private": True, "is_ext_shared": True, "is_shared": True},
}


@dataclass
class Call:
    method: str
    payload: dict[str, Any]
    headers: dict[str, str]
    status: int = 200
    body: bytes = b""
    at: float = field(default_factory=time.monotonic)


@dataclass
class StandIn:
    """State shared with the request handler: recorded calls, canned data, one-shot 429s."""

    base: str = ""
    calls: list[Call] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)
    rate_limit_once: set[str] = field(default_factory=set)
    ws_url: str = ""
    reply_log: dict[int, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def of(self, method: str, *, ok_only: bool = True) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == method and (c.status == 200 or not ok_only)]

    def wait_for(self, method: str, count: int = 1, timeout: float = 15.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.of(method)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"expected {count} {method} calls, got {len(self.of(method))}: "
                             f"{[c.method for c in self.calls]}")

    def everything(self) -> str:
        """Every payload the bot sent, as one string (for leak checks)."""
        with self.lock:
            return "\n".join(json.dumps(c.payload, ensure_ascii=False) + c.body.decode("utf-8", "replace")
                             for c in self.calls)

    def reply(self, method: str, payload: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        token = headers.get("authorization", "")
        if method == "auth.test":
            if token != f"Bearer {secrets.BOT_TOKEN}":
                return {"ok": False, "error": "invalid_auth"}
            return {"ok": True, "user_id": BOT_USER, "bot_id": "BBOT", "team_id": "T1", "user": "cllr",
                    "team": "Westmarch"}
        ts = f"1700000{next(self._ts):03d}.000100"
        channel = str(payload.get("channel", ""))
        if method == "chat.postMessage":
            channel = "D" + channel[1:] if channel.startswith("U") else channel
            return {"ok": True, "channel": channel, "ts": ts, "message": {"text": payload.get("text")}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "conversations.info":
            info = CHANNELS.get(channel) or ({"is_im": True} if channel.startswith("D") else {})
            return {"ok": True, "channel": {"id": channel, **info}}
        if method == "usergroups.users.list":
            return {"ok": True, "users": self.groups.get(str(payload.get("usergroup")), [])}
        if method == "files.getUploadURLExternal":
            return {"ok": True, "upload_url": f"{self.base}/upload/F0CSV", "file_id": "F0CSV"}
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": "F0CSV", "title": "rows"}]}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.ws_url}
        if method in ("chat.update", "views.publish"):
            return {"ok": True, "channel": channel, "ts": payload.get("ts", ts)}
        return {"ok": False, "error": "unknown_method"}


def _payload(raw: bytes, content_type: str, query: str) -> dict[str, Any]:
    data: dict[str, Any] = {k: v[0] for k, v in parse_qs(query).items()}
    if content_type.startswith("application/json") and raw:
        data.update(json.loads(raw))
    elif raw and content_type.startswith("application/x-www-form-urlencoded"):
        data.update({k: v[0] for k, v in parse_qs(raw.decode()).items()})
    for key in ("blocks", "view", "files"):
        if isinstance(data.get(key), str):
            data[key] = json.loads(data[key])
    return data


def make_handler(state: StandIn) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for k, v in {"Content-Type": "application/json", **(headers or {})}.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _handle(self) -> None:
            url = urlsplit(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            if url.path.startswith("/files/"):
                name = url.path.removeprefix("/files/")
                with state.lock:
                    state.calls.append(Call("file.download", {"name": name}, headers))
                return self._send(200, state.files.get(name, b""), {"Content-Type": "text/plain"})
            kind = url.path.strip("/").split("/")
            method = kind[1] if kind[0] == "api" else f"{kind[0]}.post"
            payload = {} if kind[0] == "upload" else _payload(
                raw, headers.get("content-type", ""), url.query)
            call = Call(method, payload, headers, body=raw if kind[0] == "upload" else b"")
            with state.lock:
                state.calls.append(call)
                limited = method in state.rate_limit_once
                state.rate_limit_once.discard(method)
            if limited:
                call.status = 429
                return self._send(429, b'{"ok": false, "error": "ratelimited"}', {"Retry-After": "1"})
            if kind[0] != "api":
                return self._send(200, b"ok", {"Content-Type": "text/plain"})
            answer = state.reply(method, payload, headers)
            with state.lock:
                state.reply_log[id(call)] = answer
            self._send(200, json.dumps(answer).encode())

        do_GET = do_POST = _handle  # noqa: N815

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
