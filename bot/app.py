"""``create_app``: a Bolt app wired to one ``Knowledge``, one state store and one Web API client."""

from __future__ import annotations

import contextvars
import hashlib
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk import WebClient

from bot.access import AccessConfig, AccessPolicy
from bot.observability import REQUEST_ID, Metrics, new_request_id
from bot.posting import Poster, make_client
from knowledge.index.state import StateStore
from knowledge.settings import Settings
from knowledge.types import Answer, Draft, ProgressFn, Scope, Status, SyncReport

log = logging.getLogger("cllr.bot")


class ContextExecutor(ThreadPoolExecutor):
    """A pool whose jobs run in the submitter's contextvars (so the request id follows the work)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return super().submit(contextvars.copy_context().run, fn, *args, **kwargs)


class KnowledgeAPI(Protocol):
    """The part of ``knowledge.facade.Knowledge`` the bot calls."""

    def answer(self, question: str, scope: Scope) -> Answer: ...
    def draft(self, question: str, scope: Scope) -> Draft: ...
    def sync(self, paths: list[Path], *, access: str = "public",
             progress: ProgressFn | None = None) -> SyncReport: ...
    def add_file(self, path: Path, *, access: str = "public") -> SyncReport: ...
    def add_url(self, url: str, *, access: str = "public") -> SyncReport: ...
    def remove(self, targets: list[str]) -> SyncReport: ...
    def status(self) -> Status: ...


@dataclass
class Bot:
    """Everything a listener or a background job needs, built once per app."""

    settings: Settings
    knowledge: KnowledgeAPI
    state: StateStore
    client: WebClient
    poster: Poster
    access: AccessPolicy
    metrics: Metrics
    workers: ThreadPoolExecutor
    jobs: list[Future[Any]] = field(default_factory=list)

    @property
    def uploads(self) -> Path:
        return Path(self.settings.data_dir) / "uploads"

    def submit(self, where: str, job: Callable[..., None], *args: Any) -> Future[Any]:
        """Run ``job`` on a worker thread, keeping the request id; errors are logged and counted."""
        def run() -> None:
            try:
                job(*args)
            except Exception:
                self.metrics.errors.labels(where=where).inc()
                log.exception("background job failed", extra={"event": where})

        future = self.workers.submit(run)
        self.jobs = [j for j in self.jobs if not j.done()] + [future]
        return future

    def close(self) -> None:
        self.workers.shutdown(wait=True, cancel_futures=False)


def create_app(
    settings: Settings, knowledge: KnowledgeAPI, *, state: StateStore, client: WebClient | None = None,
    post_interval: float = 1.0, workers: int = 8,
) -> App:
    """A sync Bolt app. ``app.cllr`` is the ``Bot`` (for the server, metrics and tests)."""
    from bot.listeners import register_all

    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    client = client or make_client(token, settings.slack_api_url)
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else None
    bot = Bot(
        settings=settings, knowledge=knowledge, state=state, client=client,
        poster=Poster(client, interval=post_interval),
        access=AccessPolicy(AccessConfig.load(settings.access_config), settings.admin_ids, client),
        metrics=Metrics(), workers=ContextExecutor(workers, thread_name_prefix="cllr-answer"),
    )
    app = App(client=client, signing_secret=secret, token_verification_enabled=False,
              request_verification_enabled=secret is not None,
              listener_executor=ContextExecutor(32, thread_name_prefix="cllr-listener"))
    app.use(_request_middleware(bot))
    register_all(app, bot)
    app.cllr = bot  # type: ignore[attr-defined]
    return app


def _request_middleware(bot: Bot) -> Callable[..., BoltResponse | None]:
    """Request id for logs; replayed signatures and duplicate/retried event ids stop here."""

    def middleware(req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> Any:
        REQUEST_ID.set((req.headers.get("x-cllr-request-id") or [""])[0] or new_request_id())
        signature = (req.headers.get("x-slack-signature") or [""])[0]
        if signature and not bot.state.claim_event("sig:" + hashlib.sha256(signature.encode()).hexdigest()):
            log.warning("replayed request refused", extra={"event": "replay"})
            return BoltResponse(status=401, body="replayed request")
        event_id = req.body.get("event_id") if isinstance(req.body, dict) else None
        if event_id and not bot.state.claim_event(f"event:{event_id}"):
            bot.metrics.duplicates.inc()
            retry = (req.headers.get("x-slack-retry-num") or ["0"])[0]
            log.info("duplicate event ignored", extra={"event": "duplicate", "status": retry})
            return BoltResponse(status=200, body="")
        return next()

    return middleware


__all__ = ["Bot", "KnowledgeAPI", "create_app"]
