"""The ``cllr`` command line, run as users run it (a subprocess), on a small corpus."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "westmarch"


def cllr(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "cllr", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, check=check, timeout=300)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("cli")
    corpus = root / "corpus"
    for rel in ("guidance/cctv-code-of-practice.pdf", "register/cctv-asset-register.csv",
                "statements/2024-01-16-press-statement-cctv-review.md"):
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(DEMO / rel, corpus / rel)
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")  # truncated
    data = root / "data"
    result = cllr("ingest", str(corpus), "--data", str(data))
    assert "broken.pdf" in result.stderr and "Sync summary" in result.stderr
    return corpus, data


def test_ask_json_contract(small: tuple[Path, Path]) -> None:
    _, data = small
    out = json.loads(cllr("ask", "how long do we keep CCTV footage?", "--json", "--data", str(data)).stdout)
    assert out["question"] == "how long do we keep CCTV footage?"
    assert out["answered"] is True and "31 days" in out["answer"]
    cit = out["citations"][0]
    assert set(cit) >= {"source", "locator", "quote"}
    assert cit["source"] == "guidance/cctv-code-of-practice.pdf" and cit["locator"].startswith("page ")


def test_register_answer_carries_rows(small: tuple[Path, Path]) -> None:
    _, data = small
    out = json.loads(cllr("ask", "Which properties still run Hikvision?", "--json", "--data", str(data)).stdout)
    assert out["answered"] and out["rows"]
    assert {"source", "sheet", "row"} <= set(out["rows"][0])
    assert all(c["source"] == "register/cctv-asset-register.csv" for c in out["citations"])


def test_questions_file_keeps_ids(small: tuple[Path, Path], tmp_path: Path) -> None:
    _, data = small
    qfile = tmp_path / "q.jsonl"
    qfile.write_text('{"id": "a1", "question": "how long do we keep CCTV footage?"}\n'
                     '{"id": "a2", "question": "What did Verkada quote for the cameras?"}\n')
    lines = cllr("ask", "--questions", str(qfile), "--json", "--data", str(data)).stdout.splitlines()
    rows = [json.loads(x) for x in lines]
    assert [r["id"] for r in rows] == ["a1", "a2"]
    assert rows[0]["answered"] is True and rows[1]["answered"] is False


def test_human_output_lists_sources(small: tuple[Path, Path]) -> None:
    _, data = small
    out = cllr("ask", "how long do we keep CCTV footage?", "--data", str(data)).stdout
    assert "Sources:" in out and "[1] guidance/cctv-code-of-practice.pdf" in out


def test_status_json_and_table(small: tuple[Path, Path]) -> None:
    _, data = small
    state = json.loads(cllr("status", "--json", "--data", str(data)).stdout)
    assert state["files"] == 3 and state["register_rows"] == 220
    assert state["files_by_kind"]["register"] == 1
    assert [f["source"] for f in state["failed"]] == ["broken.pdf"]
    table = cllr("status", "--data", str(data)).stdout
    assert "register rows" in table and "broken.pdf" in table


def test_unchanged_reingest_and_exit_codes(small: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, data = small
    again = cllr("ingest", str(corpus), "--data", str(data))
    assert "Sync summary" in again.stderr
    only_bad = tmp_path / "bad"
    only_bad.mkdir()
    (only_bad / "empty.txt").write_bytes(b"")
    failed = cllr("ingest", str(only_bad), "--data", str(tmp_path / "d2"), check=False)
    assert failed.returncode == 1 and "empty.txt" in failed.stderr


def test_draft_has_opening_answer_and_references(small: tuple[Path, Path]) -> None:
    _, data = small
    text = cllr("draft", "how long do we keep CCTV footage?", "--data", str(data)).stdout
    assert text.startswith("Dear") and "31 days" in text and "References:" in text
    assert "guidance/cctv-code-of-practice.pdf" in text


def test_eval_prints_per_type_scores(small: tuple[Path, Path], tmp_path: Path) -> None:
    _, data = small
    qfile = tmp_path / "own.jsonl"
    qfile.write_text(json.dumps({"id": "x1", "question": "how long do we keep CCTV footage?", "type": "document",
                                 "must_contain": [["31 days"]], "gold_sources": ["cctv-code-of-practice.pdf"]})
                     + "\n" + json.dumps({"id": "x2", "question": "What is the IP address of the NVR?",
                                          "type": "unanswerable"}) + "\n")
    out = cllr("eval", str(qfile), "--data", str(data)).stdout
    assert "document" in out and "unanswerable" in out and "overall: 2/2" in out
    assert "false abstentions: 0/1" in out


def test_status_and_errors_never_show_secrets(small: tuple[Path, Path]) -> None:
    from tests import secrets

    _, data = small
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": secrets.BOT_TOKEN,
           "SLACK_SIGNING_SECRET": secrets.SIGNING_SECRET,
           "CLLR_DATABASE_URL": f"postgresql://cllr:{secrets.DATABASE_PASSWORD}@127.0.0.1:1/none"}
    for args in (["status", "--json"], ["status"], ["serve", "--port", "99999"]):
        out = subprocess.run([sys.executable, "-m", "cllr", *args, "--data", str(data)], capture_output=True,
                             text=True, env=env, timeout=120)
        for secret in secrets.ALL:
            assert secret not in out.stdout + out.stderr, args
