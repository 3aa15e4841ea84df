"""The issue-19 "new admin" script, played through the real CLI on real files.

Officer-only documents synced as the docs say (either order) never answer at public level and
are listed once; the same relative path in two folders is two documents; ``cllr remove``
makes a document unanswerable and unlisted; ``.env`` is read; a missing index and a loopback
URL are one-line errors.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cllr.cli import app

SECRET = "The depot alarm code is changed every Tuesday by the facilities team."
PUBLIC = "The Brook Lane library opens on Sundays from March 2025."
SECRET_Q = "When is the depot alarm code changed?"


def run(*args: str, ok: bool = True) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if ok:
        assert result.exit_code == 0, (args, result.output, result.exception)
    return result.exit_code, result.stdout, result.stderr


def ask(data: Path, question: str, levels: str = "public") -> dict:  # type: ignore[type-arg]
    return json.loads(run("ask", question, "--json", "--data", str(data), "--levels", levels)[1])


def documents(data: Path) -> list[tuple[str, str]]:
    state = json.loads(run("status", "--json", "--data", str(data))[1])
    assert {"source", "access", "kind", "chunks", "synced_at"} <= set(state["documents"][0])
    return sorted((d["source"], d["access"]) for d in state["documents"])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "officers").mkdir(parents=True)
    (root / "statements").mkdir()
    (root / "statements" / "library.md").write_text(f"# Library hours\n\n{PUBLIC}\n")
    (root / "officers" / "depot.md").write_text(f"# Depot security note\n\n{SECRET}\n")
    return root


@pytest.mark.parametrize("order", ["parent first", "officers first"])
def test_officers_subfolder_synced_as_documented_in_either_order(corpus: Path, tmp_path: Path, order: str) -> None:
    data = tmp_path / "data"
    steps = [[str(corpus)], [str(corpus / "officers"), "--access", "officers"]]
    for step in steps if order == "parent first" else steps[::-1]:
        run("ingest", *step, "--data", str(data))
    run("ingest", str(corpus), "--data", str(data))  # a later re-sync of the parent changes nothing
    listed = documents(data)
    depot = [d for d in listed if d[0].endswith("depot.md")]
    assert depot == [(depot[0][0], "officers")], listed
    assert not ask(data, SECRET_Q)["answered"]
    assert SECRET in ask(data, SECRET_Q, "public,officers")["answer"]
    assert ask(data, "When does the Brook Lane library open on Sundays?")["answered"]


def test_same_relative_path_in_two_folders_is_two_documents_and_remove_takes_one_out(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for folder, text in (("public", PUBLIC), ("officers", SECRET)):
        (tmp_path / folder / "statements").mkdir(parents=True)
        (tmp_path / folder / "statements" / "update.md").write_text(f"# Update\n\n{text}\n")
    run("ingest", str(tmp_path / "public"), "--data", str(data))
    run("ingest", str(tmp_path / "officers"), "--access", "officers", "--data", str(data))
    assert documents(data) == [("officers/statements/update.md", "officers"), ("statements/update.md", "public")]
    assert ask(data, "When does the Brook Lane library open on Sundays?")["answered"]
    assert ask(data, SECRET_Q, "public,officers")["answered"]

    code, out, _ = run("remove", "officers/statements/update.md", "--data", str(data))
    assert out.strip() == "removed officers/statements/update.md"
    assert documents(data) == [("statements/update.md", "public")]
    assert not ask(data, SECRET_Q, "public,officers")["answered"]
    code, _, err = run("remove", "officers/statements/update.md", "--data", str(data), ok=False)
    assert code == 1 and "not in the index" in err
    code, out, _ = run("remove", str(tmp_path / "public"), "--data", str(data))  # by path
    assert out.strip() == "removed statements/update.md"


def test_dotenv_data_dir_is_honoured(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / ".env").write_text("CLLR_DATA_DIR=./from-dotenv\n")
    monkeypatch.chdir(work)
    run("ingest", str(corpus / "statements"))
    assert (work / "from-dotenv" / "chroma").is_dir()
    _, out, _ = run("status")
    assert f"data dir: {work / 'from-dotenv'}" in out


def test_ask_without_an_index_is_one_line(tmp_path: Path) -> None:
    code, out, err = run("ask", "anything?", "--data", str(tmp_path / "nothing"), ok=False)
    assert code == 1 and out == ""
    assert err.strip() == f"cllr: no index at {tmp_path / 'nothing'} — run `cllr ingest` first"
    assert not (tmp_path / "nothing").exists()  # asking creates nothing


def test_url_ingest_of_a_loopback_address_is_refused(tmp_path: Path) -> None:
    code, _, err = run("ingest", "http://127.0.0.1:9/admin", "--data", str(tmp_path / "data"), ok=False)
    assert code == 1 and "refused: 127.0.0.1 is a private, loopback or link-local address" in " ".join(err.split())
