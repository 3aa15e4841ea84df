"""``serve``: validate settings, check the token, then HTTP (``/slack/events``) or Socket Mode.

Both modes serve ``/healthz`` and ``/metrics`` on the port.
"""

from __future__ import annotations

import io
import json
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot.access import AccessConfig, AccessConfigError
from bot.app import KnowledgeAPI, create_app
from bot.observability import REQUEST_ID, new_request_id
from bot.posting import make_client
from knowledge.index.sources import SourceError, configured_sources
from knowledge.index.state import StateStore
from knowledge.providers import llm_problem
from knowledge.settings import Settings

log = logging.getLogger("cllr.bot.server")
MAX_BODY = 1 * 2**20
StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class ConfigError(Exception):
    """A setting is missing or wrong; the message is one line naming the variable."""


def validate(settings: Settings, *, port: int) -> Settings:
    """Check settings before anything connects; returns them with SLACK_API_URL normalised."""
    api = urlsplit(settings.slack_api_url)
    if api.scheme not in ("http", "https") or not api.hostname:
        raise ConfigError(f"SLACK_API_URL must be an http(s) URL such as https://slack.com/api/, "
                          f"not {settings.slack_api_url!r}")
    if not settings.slack_api_url.endswith("/"):
        settings = settings.model_copy(update={"slack_api_url": settings.slack_api_url + "/"})
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else ""
    if not token:
        raise ConfigError("SLACK_BOT_TOKEN is not set (the bot token, xoxb-..., from OAuth & Permissions)")
    if not token.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN must be a bot token starting with xoxb-")
    app_token = settings.slack_app_token.get_secret_value() if settings.slack_app_token else ""
    if app_token and not app_token.startswith("xapp-"):
        raise ConfigError("SLACK_APP_TOKEN must be an app-level token starting with xapp- "
                          "(or unset for HTTP mode)")
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    if not app_token and not secret:
        raise ConfigError("SLACK_SIGNING_SECRET is not set (needed in HTTP mode; from Basic Information)")
    if not 0 <= port <= 65535:
        raise ConfigError(f"--port must be between 0 and 65535, not {port}")
    bad = sorted(a for a in settings.admin_ids if a[:1] not in ("U", "W", "S"))
    if bad:
        raise ConfigError(f"CLLR_ADMINS must list Slack user (U…/W…) or user-group (S…) IDs, not {bad}")
    try:
        AccessConfig.load(settings.access_config)
        configured_sources(settings)
    except (AccessConfigError, SourceError) as exc:
        raise ConfigError(str(exc)) from exc
    if problem := llm_problem(settings.llm):
        raise ConfigError(problem)
    return settings


def check_token(settings: Settings) -> dict[str, Any]:
    """``auth.test`` through SLACK_API_URL; a rejected token or an unreachable API is a ConfigError."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    client = make_client(token, settings.slack_api_url, retries=1)
    try:
        return dict(client.auth_test().data)  # type: ignore[arg-type]
    except SlackApiError as exc:
        raise ConfigError(f"SLACK_BOT_TOKEN was rejected by Slack: {exc.response.get('error')}") from exc
    except OSError as exc:
        raise ConfigError(f"SLACK_API_URL {settings.slack_api_url} is unreachable: {exc}") from exc


class Routes:
    """The WSGI app: ``/slack/events`` (Bolt), ``/healthz``, ``/metrics``; bodies over 1 MB -> 413."""

    def __init__(self, app: App, *, events: bool, max_body: int = MAX_BODY) -> None:
        from slack_bolt.adapter.wsgi import SlackRequestHandler

        self.app = app
        self.bot = app.cllr  # type: ignore[attr-defined]
        self.events = SlackRequestHandler(app) if events else None
        self.max_body = max_body

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        REQUEST_ID.set(new_request_id())
        start = time.monotonic()
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
        status = "500 Internal Server Error"

        def recording_start(s: str, headers: list[tuple[str, str]], *a: Any) -> Any:
            nonlocal status
            status = s
            return start_response(s, headers, *a)

        try:
            return self.route(path, method, environ, recording_start)
        finally:
            log.info("http", extra={"path": path, "status": status.split()[0],
                                    "elapsed_ms": int((time.monotonic() - start) * 1000)})

    def route(self, path: str, method: str, environ: dict[str, Any], reply: StartResponse) -> Iterable[bytes]:
        if path == "/healthz" and method in ("GET", "HEAD"):
            return self.healthz(reply)
        if path == "/metrics" and method == "GET":
            self.bot.metrics.observe_status(self.bot.knowledge.status())
            return _send(reply, "200 OK", self.bot.metrics.render(), "text/plain; version=0.0.4")
        if path == "/slack/events" and self.events is not None:
            if method != "POST":
                return _send(reply, "405 Method Not Allowed", b"POST only")
            return self.slack(environ, reply)
        return _send(reply, "404 Not Found", b"not found")

    def healthz(self, reply: StartResponse) -> Iterable[bytes]:
        try:
            status = self.bot.knowledge.status()
            body = {"ok": status.ready, "ready": status.ready, "chunks": status.chunks,
                    "register_rows": status.register_rows, "last_sync": status.last_sync}
        except Exception as exc:  # noqa: BLE001 - health reports, never raises
            body = {"ok": False, "ready": False, "error": type(exc).__name__}
        code = "200 OK" if body["ready"] else "503 Service Unavailable"
        return _send(reply, code, json.dumps(body).encode(), "application/json")

    def slack(self, environ: dict[str, Any], reply: StartResponse) -> Iterable[bytes]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _send(reply, "400 Bad Request", b"bad Content-Length")
        if length > self.max_body:
            _drain(environ["wsgi.input"], min(length, 8 * self.max_body))  # so the client sees the 413
            return _send(reply, "413 Payload Too Large", b"request body too large")
        body = environ["wsgi.input"].read(length) if length else b""
        if not (environ.get("HTTP_X_SLACK_SIGNATURE") and environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")):
            return _send(reply, "401 Unauthorized", b"missing Slack signature headers")
        if not _well_formed(body, environ.get("CONTENT_TYPE", "")):
            return _send(reply, "400 Bad Request", b"malformed body")
        environ = {**environ, "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body)),
                   "HTTP_X_CLLR_REQUEST_ID": REQUEST_ID.get()}
        assert self.events is not None
        return self.events(environ, reply)  # type: ignore[arg-type, no-any-return]


def _drain(stream: Any, length: int) -> None:
    while length > 0:
        chunk = stream.read(min(length, 65536))
        if not chunk:
            return
        length -= len(chunk)


def _well_formed(body: bytes, content_type: str) -> bool:
    try:
        text = body.decode("utf-8")
        if content_type.startswith("application/json"):
            return isinstance(json.loads(text), dict)
        form = parse_qs(text, keep_blank_values=True)
        if "payload" in form:
            return isinstance(json.loads(form["payload"][0]), dict)
        return "command" in form or "ssl_check" in form
    except (UnicodeDecodeError, ValueError):
        return False


def _send(reply: StartResponse, status: str, body: bytes, ctype: str = "text/plain") -> list[bytes]:
    reply(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))])
    return [body]


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256  # Slack delivers bursts; the stdlib default backlog of 5 resets connections


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # access lines come from Routes
        pass


@dataclass
class Running:
    """A started server: the bound port, the Bolt app, and how to stop it."""

    app: App
    server: ThreadingWSGIServer
    socket_mode: Any = None

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def serve_forever(self) -> None:
        self.server.serve_forever(poll_interval=0.1)

    def shutdown(self) -> None:
        if self.socket_mode is not None:
            self.socket_mode.close()
        self.server.shutdown()
        self.server.server_close()
        self.app.cllr.close()  # type: ignore[attr-defined]


def build(settings: Settings, knowledge: KnowledgeAPI, *, state: StateStore, port: int,
          host: str = "0.0.0.0", post_interval: float = 1.0) -> Running:
    """The app and a bound (not yet serving) HTTP server; Socket Mode connected if configured."""
    app = create_app(settings, knowledge, state=state, post_interval=post_interval)
    app_token = settings.slack_app_token.get_secret_value() if settings.slack_app_token else ""
    routes = Routes(app, events=not app_token)
    server = make_server(host, port, routes, server_class=ThreadingWSGIServer, handler_class=QuietHandler)
    running = Running(app, server)  # type: ignore[arg-type]
    if app_token:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        running.socket_mode = SocketModeHandler(app, app_token, web_client=app.client)
        running.socket_mode.connect()
    return running


def serve(settings: Settings, *, port: int, knowledge_factory: Callable[[Settings], KnowledgeAPI],
          host: str = "0.0.0.0") -> None:
    """Validate, check the token, then serve until SIGTERM/SIGINT."""
    settings = validate(settings, port=port)
    identity = check_token(settings)
    state = StateStore.open(settings)
    running = build(settings, knowledge_factory(settings), state=state, port=port, host=host)
    mode = "socket mode" if running.socket_mode is not None else "HTTP /slack/events"
    log.info(f"cllr serving {identity.get('team', '?')} as {identity.get('user', '?')} on port "
             f"{running.port} ({mode})")
    if threading.current_thread() is threading.main_thread():
        def stop(*_: Any) -> None:
            threading.Thread(target=running.server.shutdown, daemon=True).start()

        signal.signal(signal.SIGTERM, stop)
    try:
        running.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        if running.socket_mode is not None:
            running.socket_mode.close()
        running.server.server_close()
        running.app.cllr.close()  # type: ignore[attr-defined]
        state.close()


__all__ = ["ConfigError", "Routes", "Running", "build", "check_token", "serve", "validate"]
