"""Shared state for the bot: event dedupe, thread history and the audit log.

One interface over two stores: a SQLite file in the data dir (one host), or PostgreSQL
when ``CLLR_DATABASE_URL`` is set (several replicas share dedupe and thread history).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from knowledge.settings import Settings

AUDIT_FIELDS = ("ts", "kind", "request_id", "user", "channel", "question", "answer", "answered",
                "citations", "detail")
_SECRET = re.compile(r"(xox[abposre]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|(?<=://)[^/@\s:]+:[^/@\s]+(?=@))")

PRUNE_EVERY = 500
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS cllr_events (event_id TEXT PRIMARY KEY, claimed_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS cllr_threads (channel TEXT NOT NULL, thread_ts TEXT NOT NULL, "
    "seq TEXT NOT NULL, question TEXT NOT NULL, PRIMARY KEY (channel, thread_ts, seq))",
    "CREATE TABLE IF NOT EXISTS cllr_audit (id TEXT PRIMARY KEY, ts TEXT NOT NULL, kind TEXT NOT NULL, "
    "request_id TEXT, user_id TEXT, channel TEXT, question TEXT, answer TEXT, answered INTEGER, "
    "citations TEXT, detail TEXT)",
    "CREATE INDEX IF NOT EXISTS cllr_audit_request ON cllr_audit (request_id, kind)",
)


def redact(text: str) -> str:
    """Scrub Slack tokens and URL passwords from free text (a user may paste one)."""
    return _SECRET.sub("[redacted]", text)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class StateStore:
    """Dedupe, thread memory and audit rows in SQLite or PostgreSQL (same SQL, ``?`` params)."""

    def __init__(self, connect: Any, *, postgres: bool) -> None:
        self._connect = connect
        self.postgres = postgres
        self._lock = threading.Lock()
        self._conn: Any = None
        self._claims = 0
        with self._lock:
            self._create_schema()

    def _create_schema(self) -> None:
        """Create the tables once; replicas starting together serialise on an advisory lock
        (PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a concurrent twin)."""
        if not self.postgres:
            for statement in SCHEMA:
                self._run(statement, ())
            return
        if self._conn is None:
            self._conn = self._connect()
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(764531)")
            for statement in SCHEMA:
                self._conn.execute(statement)

    @classmethod
    def open(cls, settings: Settings) -> StateStore:
        if settings.database_url is not None and settings.database_url.get_secret_value():
            url = settings.database_url.get_secret_value()

            def connect_pg() -> Any:
                import psycopg

                return psycopg.connect(url, autocommit=True, connect_timeout=10)

            return cls(connect_pg, postgres=True)
        return cls.sqlite(Path(settings.data_dir) / "state.sqlite3")

    @classmethod
    def sqlite(cls, path: Path) -> StateStore:
        path.parent.mkdir(parents=True, exist_ok=True)

        def connect_sqlite() -> sqlite3.Connection:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA busy_timeout=30000")
            return conn

        return cls(connect_sqlite, postgres=False)

    @property
    def kind(self) -> str:
        return "postgresql" if self.postgres else "sqlite"

    # --- plumbing -------------------------------------------------------------------------
    def _run(self, sql: str, params: Sequence[Any]) -> Any:
        """Execute with one reconnect on a dropped connection; caller holds the lock."""
        if self.postgres:
            sql = sql.replace("?", "%s")
        for attempt in (1, 2):
            if self._conn is None:
                self._conn = self._connect()
            try:
                return self._conn.execute(sql, tuple(params))
            except Exception as exc:
                if attempt == 2 or not _is_connection_error(exc):
                    raise
                self._conn = None
        raise AssertionError("unreachable")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        with self._lock:
            return int(self._run(sql, params).rowcount)

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return [tuple(r) for r in self._run(sql, params).fetchall()]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # --- dedupe ---------------------------------------------------------------------------
    def claim_event(self, event_id: str) -> bool:
        """True only for the first claimer of ``event_id``, across threads, processes and replicas."""
        sql = "INSERT INTO cllr_events (event_id, claimed_at) VALUES (?, ?) ON CONFLICT DO NOTHING"
        won = self._execute(sql, (event_id, _now())) == 1
        self._claims += 1
        if self._claims % PRUNE_EVERY == 0:
            self.prune_events()
        return won

    def prune_events(self, older_than: timedelta = timedelta(days=1)) -> int:
        """Forget claims older than Slack's retry window (retries stop within about an hour)."""
        cutoff = (datetime.now(UTC) - older_than).isoformat(timespec="microseconds")
        return self._execute("DELETE FROM cllr_events WHERE claimed_at < ?", (cutoff,))

    # --- threads --------------------------------------------------------------------------
    def remember_thread(self, channel: str, thread_ts: str, question: str) -> None:
        sql = "INSERT INTO cllr_threads (channel, thread_ts, seq, question) VALUES (?, ?, ?, ?)"
        self._execute(sql, (channel, thread_ts, f"{_now()}-{uuid.uuid4().hex[:8]}", question))

    def thread_history(self, channel: str, thread_ts: str) -> list[str]:
        sql = "SELECT question FROM cllr_threads WHERE channel = ? AND thread_ts = ? ORDER BY seq"
        return [str(r[0]) for r in self._fetch(sql, (channel, thread_ts))]

    # --- audit ----------------------------------------------------------------------------
    def _audit(self, kind: str, request_id: str, **fields: Any) -> None:
        sql = ("INSERT INTO cllr_audit (id, ts, kind, request_id, user_id, channel, question, answer, "
               "answered, citations, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        answered = fields.get("answered")
        self._execute(sql, (
            uuid.uuid4().hex, _now(), kind, request_id, fields.get("user"), fields.get("channel"),
            fields.get("question"), fields.get("answer"), None if answered is None else int(answered),
            json.dumps(fields["citations"]) if "citations" in fields else None,
            json.dumps(fields["detail"], sort_keys=True) if "detail" in fields else None,
        ))

    def record_question(self, *, request_id: str, user: str, channel: str, question: str,
                        source: str = "") -> None:
        self._audit("question", request_id, user=user, channel=channel, question=question,
                    detail={"source": source})

    def record_answer(self, *, request_id: str, user: str, channel: str, question: str, answer: str,
                      answered: bool, citations: list[dict[str, Any]]) -> None:
        self._audit("answer", request_id, user=user, channel=channel, question=question, answer=answer,
                    answered=answered, citations=citations)

    def record_feedback(self, *, request_id: str, user: str, channel: str, value: str) -> None:
        self._audit("feedback", request_id, user=user, channel=channel, detail={"value": value})

    def record_admin_action(self, *, request_id: str, user: str, channel: str, action: str,
                            detail: dict[str, Any] | None = None) -> None:
        self._audit("admin", request_id, user=user, channel=channel,
                    detail={"action": action, **(detail or {})})

    def question_for(self, request_id: str) -> tuple[str, str] | None:
        """(question, channel) asked under ``request_id``, for buttons that re-run it."""
        rows = self._fetch("SELECT question, channel FROM cllr_audit WHERE request_id = ? AND "
                           "kind = 'question' ORDER BY ts LIMIT 1", (request_id,))
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    def audit_rows(self) -> Iterator[dict[str, Any]]:
        rows = self._fetch("SELECT ts, kind, request_id, user_id, channel, question, answer, answered, "
                           "citations, detail FROM cllr_audit ORDER BY ts, id")
        for row in rows:
            item = dict(zip(AUDIT_FIELDS, row, strict=True))
            item["answered"] = None if item["answered"] is None else bool(item["answered"])
            for key in ("citations", "detail"):
                item[key] = json.loads(item[key]) if item[key] else None
            yield item

    def export_audit(self, fmt: str = "jsonl") -> Iterator[str]:
        """The audit log as JSONL lines or CSV lines (with a header), secrets scrubbed."""
        if fmt not in ("jsonl", "csv"):
            raise ValueError(f"unknown audit format {fmt!r}: use jsonl or csv")
        if fmt == "jsonl":
            for item in self.audit_rows():
                yield redact(json.dumps(item, ensure_ascii=False)) + "\n"
            return
        yield _csv_line(AUDIT_FIELDS)
        for item in self.audit_rows():
            values = [json.dumps(v) if isinstance(v, list | dict) else ("" if v is None else str(v))
                      for v in (item[k] for k in AUDIT_FIELDS)]
            yield redact(_csv_line(values))


def _csv_line(values: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def _is_connection_error(exc: Exception) -> bool:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a core dependency
        return False
    return isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError)


__all__ = ["AUDIT_FIELDS", "StateStore", "redact"]
