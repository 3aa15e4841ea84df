"""The shared state store, against a real SQLite file and a real PostgreSQL on loopback."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.index.state import StateStore, redact
from knowledge.settings import Settings

PG_URL = "postgresql://postgres@127.0.0.1:5432/test"


def _pg_schema_url() -> Iterator[str]:
    try:
        import psycopg

        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except Exception as exc:  # noqa: BLE001 - any failure means "no server here"
        pytest.skip(f"SKIPPED LOUDLY: no PostgreSQL at {PG_URL} ({exc}); PostgreSQL state untested")
    schema = f"cllr_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    """None = SQLite in tmp_path; otherwise a PostgreSQL URL with a throwaway schema."""
    if request.param == "sqlite":
        yield None
        return
    yield from _pg_schema_url()


def _settings(tmp_path: Path, url: str | None) -> Settings:
    env = {"CLLR_DATA_DIR": str(tmp_path)}
    if url:
        env["CLLR_DATABASE_URL"] = url
    return Settings(**env)  # type: ignore[arg-type]


@pytest.fixture
def store(store_url: str | None, tmp_path: Path) -> Iterator[StateStore]:
    s = StateStore.open(_settings(tmp_path, store_url))
    yield s
    s.close()


def test_open_picks_the_backend(store: StateStore, store_url: str | None, tmp_path: Path) -> None:
    assert store.kind == ("sqlite" if store_url is None else "postgresql")
    if store_url is None:
        assert (tmp_path / "state.sqlite3").is_file()


def test_claim_event_only_once(store: StateStore) -> None:
    assert store.claim_event("Ev1") is True
    assert store.claim_event("Ev1") is False
    assert store.claim_event("Ev2") is True


def test_claim_is_shared_between_two_stores(store_url: str | None, tmp_path: Path) -> None:
    a = StateStore.open(_settings(tmp_path, store_url))
    b = StateStore.open(_settings(tmp_path, store_url))
    assert a.claim_event("EvShared") is True
    assert b.claim_event("EvShared") is False
    a.remember_thread("C1", "1.0", "which cameras are in Ashdown?")
    assert b.thread_history("C1", "1.0") == ["which cameras are in Ashdown?"]
    a.close()
    b.close()


def test_racing_threads_exactly_one_wins(store_url: str | None, tmp_path: Path) -> None:
    stores = [StateStore.open(_settings(tmp_path, store_url)) for _ in range(2)]
    for round_ in range(20):
        barrier = threading.Barrier(2)
        wins: list[bool] = []

        def claim(s: StateStore, event_id: str, barrier: threading.Barrier, wins: list[bool]) -> None:
            barrier.wait()
            wins.append(s.claim_event(event_id))

        threads = [threading.Thread(target=claim, args=(s, f"EvRace{round_}", barrier, wins))
                   for s in stores]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(wins) == [False, True]
    for s in stores:
        s.close()


def _claim_in_process(data_dir: str, url: str | None, event_id: str, start: object, out: object) -> None:
    store = StateStore.open(_settings(Path(data_dir), url))
    start.wait()  # type: ignore[attr-defined]
    out.put(store.claim_event(event_id))  # type: ignore[attr-defined]
    store.close()


def test_racing_processes_exactly_one_wins(store_url: str | None, tmp_path: Path) -> None:
    StateStore.open(_settings(tmp_path, store_url)).close()  # schema first
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_claim_in_process, args=(str(tmp_path), store_url, "EvProc", start, out))
             for _ in range(2)]
    for p in procs:
        p.start()
    start.set()
    results = sorted(out.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(timeout=30)
    assert results == [False, True]


def test_old_claims_are_pruned(store: StateStore) -> None:
    from datetime import timedelta

    assert store.claim_event("EvOld") is True
    assert store.prune_events(timedelta(days=1)) == 0
    assert store.prune_events(timedelta(seconds=-1)) == 1
    assert store.claim_event("EvOld") is True  # forgotten: only after Slack stopped retrying


def test_thread_history_in_order_and_per_thread(store: StateStore) -> None:
    store.remember_thread("C1", "100.1", "how many cameras are Hikvision?")
    store.remember_thread("C1", "100.1", "and which of those are in Ashdown?")
    store.remember_thread("C1", "200.2", "other thread")
    assert store.thread_history("C1", "100.1") == [
        "how many cameras are Hikvision?", "and which of those are in Ashdown?"]
    assert store.thread_history("C2", "100.1") == []


def _fill(store: StateStore) -> None:
    store.record_question(request_id="r1", user="U1", channel="C1", question="cameras, token xoxb-1-2-abc?",
                          source="mention")
    store.record_answer(request_id="r1", user="U1", channel="C1", question="cameras?", answer="Three.",
                        answered=True, citations=[{"source": "a.md", "locator": "page 2", "quote": "q"}])
    store.record_feedback(request_id="r1", user="U2", channel="C1", value="up")
    store.record_admin_action(request_id="r2", user="UADMIN", channel="D1", action="reindex",
                              detail={"added": 3})


def test_audit_export_jsonl(store: StateStore) -> None:
    _fill(store)
    lines = list(store.export_audit("jsonl"))
    rows = [json.loads(line) for line in lines]
    assert [r["kind"] for r in rows] == ["question", "answer", "feedback", "admin"]
    assert rows[1]["citations"] == [{"source": "a.md", "locator": "page 2", "quote": "q"}]
    assert rows[1]["answered"] is True and rows[1]["answer"] == "Three."
    assert rows[2]["detail"] == {"value": "up"} and rows[2]["user"] == "U2"
    assert rows[3]["detail"] == {"action": "reindex", "added": 3}
    assert "xoxb-" not in "".join(lines) and "[redacted]" in rows[0]["question"]
    assert store.question_for("r1") == ("cameras, token xoxb-1-2-abc?", "C1")
    assert store.question_for("nope") is None


def test_audit_export_csv(store: StateStore) -> None:
    _fill(store)
    text = "".join(store.export_audit("csv"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4 and rows[0]["kind"] == "question"
    assert json.loads(rows[1]["citations"])[0]["locator"] == "page 2"
    assert "xoxb-" not in text
    with pytest.raises(ValueError):
        list(store.export_audit("xml"))


def test_redact_scrubs_tokens_and_url_passwords() -> None:
    assert "5ecret" not in redact("postgresql://cllr:5ecret-pw@db:5432/cllr")
    assert redact("xapp-1-A0-123 and xoxb-9-8-x") == "[redacted] and [redacted]"


def test_reconnects_after_a_dropped_postgres_connection(tmp_path: Path) -> None:
    for url in _pg_schema_url():
        store = StateStore.open(_settings(tmp_path, url))
        store._conn.close()  # the server or a proxy dropped us
        assert store.claim_event("EvAfterDrop") is True
        store.close()
