"""Metrics (a per-app Prometheus registry), request ids and structured JSON logs."""

from __future__ import annotations

import contextvars
import json
import logging
import uuid
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from knowledge.index.state import redact
from knowledge.types import Status

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("cllr_request_id", default="-")
log = logging.getLogger("cllr.bot")


def new_request_id() -> str:
    return uuid.uuid4().hex[:16]


class Metrics:
    """The bot's counters; one registry per app so tests and replicas never share state."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.questions = Counter("cllr_questions", "Questions received", ["via"], registry=r)
        self.abstentions = Counter("cllr_abstentions", "Questions the sources could not answer", registry=r)
        self.errors = Counter("cllr_errors", "Errors while handling Slack requests", ["where"], registry=r)
        self.duplicates = Counter("cllr_duplicate_events", "Retried or duplicate events ignored",
                                  registry=r)
        self.latency = Histogram("cllr_answer_latency_seconds", "Time from question to posted answer",
                                 buckets=(0.25, 0.5, 1, 2, 5, 10, 20, 40, 80), registry=r)
        self.files = Gauge("cllr_index_files", "Files in the index", registry=r)
        self.chunks = Gauge("cllr_index_chunks", "Chunks in the index", registry=r)
        self.rows = Gauge("cllr_register_rows", "Asset register rows", registry=r)
        self.ready = Gauge("cllr_index_ready", "1 when the index can answer", registry=r)

    def observe_status(self, status: Status) -> None:
        self.files.set(status.files or sum(status.files_by_kind.values()))
        self.chunks.set(status.chunks)
        self.rows.set(status.register_rows)
        self.ready.set(1 if status.ready else 0)

    def render(self) -> bytes:
        return generate_latest(self.registry)


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the request id; tokens are scrubbed from every line."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or REQUEST_ID.get(),
        }
        for key in ("event", "via", "channel", "user", "elapsed_ms", "status", "path"):
            if hasattr(record, key):
                data[key] = getattr(record, key)
        if record.exc_info:
            data["error"] = self.formatException(record.exc_info)
        return redact(json.dumps(data, ensure_ascii=False, default=str))


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(*, json_logs: bool, level: int = logging.INFO) -> None:
    """Called by the entry point only (never at import)."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if json_logs else RedactingFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h, logging.StreamHandler)
                     or isinstance(h, logging.FileHandler)]
    root.addHandler(handler)
    root.setLevel(level)


__all__ = ["REQUEST_ID", "JsonFormatter", "Metrics", "configure_logging", "new_request_id"]
