"""Backup/restore against a real embedded Chroma, real SQLite files and a real Chroma server."""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tarfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
import pytest
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings

from knowledge.index.backup import FORMAT_VERSION, BackupError, backup, restore
from knowledge.settings import Settings

DIM = 8


def _settings(data: Path, chroma_url: str | None = None, collection: str = "cllr") -> Settings:
    env: dict[str, Any] = {"CLLR_DATA_DIR": data, "CLLR_COLLECTION": collection}
    if chroma_url:
        env["CLLR_CHROMA_URL"] = chroma_url
    return Settings(**env)


def _vector(i: int) -> list[float]:
    return [float((i * 7 + k) % 5) / 4.0 + 0.125 for k in range(DIM)]


def _fill(client: Any, prefix: str, n: int = 5) -> None:
    chunks = client.get_or_create_collection(
        f"{prefix}_chunks", metadata={"hnsw:space": "cosine"}, embedding_function=None
    )
    chunks.add(
        ids=[f"c{i}" for i in range(n)],
        embeddings=[_vector(i) for i in range(n)],
        documents=[f"Chunk {i} about CCTV at depot {i}." for i in range(n)],
        metadatas=[{"source": f"doc{i}.md", "page": i + 1, "kind": "guidance"} for i in range(n)],
    )
    files = client.get_or_create_collection(f"{prefix}_files", embedding_function=None)
    files.add(ids=["doc0.md"], embeddings=[[1.0]], metadatas=[{"file_hash": "abc"}],
              documents=["doc0.md"])


def _collections(client: Any, names: list[str]) -> dict[str, Any]:
    """Every record of each collection: ids, documents, metadata exactly; vectors as arrays."""
    out: dict[str, Any] = {}
    for name in names:
        got = client.get_collection(name, embedding_function=None).get(
            include=["embeddings", "documents", "metadatas"]
        )
        rows = zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"], strict=True)
        out[name] = sorted((i, d, json.dumps(m, sort_keys=True), tuple(e)) for i, d, m, e in rows)
    return out


def _same(a: dict[str, Any], b: dict[str, Any]) -> None:
    """Identical records; vectors equal to float32 precision (Chroma may move the last bit)."""
    assert a.keys() == b.keys()
    for name in a:
        assert [r[:3] for r in a[name]] == [r[:3] for r in b[name]], name
        va = np.asarray([r[3] for r in a[name]], dtype=np.float32)
        vb = np.asarray([r[3] for r in b[name]], dtype=np.float32)
        np.testing.assert_allclose(va, vb, rtol=1e-6, atol=1e-7, err_msg=name)


def _embedded(data: Path) -> Any:
    return chromadb.PersistentClient(
        path=str(data / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )


def _rows(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM t ORDER BY id").fetchall()


@pytest.fixture
def data(tmp_path: Path) -> Iterator[Path]:
    """A data dir like a live one: Chroma, WAL-mode SQLite with uncheckpointed rows."""
    SharedSystemClient.clear_system_cache()
    data = tmp_path / "data"
    data.mkdir()
    _fill(_embedded(data), "cllr")
    for name in ("register.sqlite", "state.sqlite", "manifest.sqlite"):
        conn = sqlite3.connect(data / name)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        conn.executemany("INSERT INTO t VALUES (?, ?)", [(i, f"{name}-{i}") for i in range(20)])
        conn.commit()
        conn.close()
    (data / "access.yaml").write_text("officers: [U1]\n")
    (data / "corpus" / "generation").mkdir(parents=True)
    (data / "corpus" / "generation" / "meta.json").write_text("{}")  # derived from the index: not backed up
    yield data
    SharedSystemClient.clear_system_cache()


def test_embedded_backup_mutate_restore_is_identical(data: Path, tmp_path: Path) -> None:
    settings = _settings(data)
    names = ["cllr_chunks", "cllr_files"]
    before = _collections(_embedded(data), names)
    before_rows = _rows(data / "register.sqlite")

    archive = backup(settings, tmp_path / "backups")
    assert archive.parent == tmp_path / "backups" and archive.name.endswith(".tar.gz")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
        names_in = set(tar.getnames())
    assert manifest["version"] == FORMAT_VERSION and manifest["mode"] == "embedded"
    listed = {f["path"] for f in manifest["files"]}
    assert {"data/register.sqlite", "data/access.yaml", "data/chroma/chroma.sqlite3"} <= listed
    assert not any(p.startswith("data/corpus/") for p in listed)
    assert not any(p.endswith(("-wal", "-shm")) for p in names_in)
    assert all(len(f["sha256"]) == 64 for f in manifest["files"])

    # mutate everything
    chunks = _embedded(data).get_collection("cllr_chunks", embedding_function=None)
    chunks.delete(ids=["c0", "c1"])
    chunks.add(ids=["new"], embeddings=[_vector(99)], documents=["new"], metadatas=[{"a": 1}])
    with sqlite3.connect(data / "register.sqlite") as conn:
        conn.execute("DELETE FROM t WHERE id < 10")
    (data / "access.yaml").unlink()
    (data / "stray.txt").write_text("added after the backup")

    restore(settings, archive)

    _same(_collections(_embedded(data), names), before)
    assert _rows(data / "register.sqlite") == before_rows  # WAL content made it in
    assert (data / "access.yaml").read_text() == "officers: [U1]\n"
    assert not (data / "stray.txt").exists()
    kept = list(tmp_path.glob("data.before-restore-*"))
    assert len(kept) == 1 and (kept[0] / "stray.txt").exists()
    hits = _embedded(data).get_collection("cllr_chunks", embedding_function=None).query(
        query_embeddings=[_vector(3)], n_results=1
    )
    assert hits["ids"][0][0] != "new" and hits["ids"][0][0].startswith("c")


def test_backup_to_named_file_and_restore_into_empty_place(data: Path, tmp_path: Path) -> None:
    archive = backup(_settings(data), tmp_path / "b" / "nightly.tar.gz")
    assert archive == tmp_path / "b" / "nightly.tar.gz"
    fresh = tmp_path / "elsewhere" / "data"
    restore(_settings(fresh), archive)
    assert _rows(fresh / "state.sqlite") == _rows(data / "state.sqlite")
    assert not list(fresh.parent.glob("data.before-restore-*"))
    assert not list(fresh.parent.glob(".data.restore-*")), "staging dir left behind"


def _rewrite(archive: Path, out: Path, change: dict[str, bytes]) -> None:
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            body = change.get(member.name)
            if body is None:
                dst.addfile(member, src.extractfile(member))
            else:
                member.size = len(body)
                dst.addfile(member, io.BytesIO(body))


def _untouched(data: Path) -> list[tuple[Any, ...]]:
    return _rows(data / "register.sqlite")


def test_corrupt_archives_are_refused_and_data_untouched(data: Path, tmp_path: Path) -> None:
    settings = _settings(data)
    archive = backup(settings, tmp_path / "b")
    rows = _untouched(data)

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(BackupError, match="not a readable cllr backup"):
        restore(settings, truncated)

    tampered = tmp_path / "tampered.tar.gz"
    _rewrite(archive, tampered, {"data/access.yaml": b"officers: [EVIL]\n"})
    with pytest.raises(BackupError, match="checksum mismatch for data/access.yaml"):
        restore(settings, tampered)

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    newer = tmp_path / "newer.tar.gz"
    manifest["version"] = FORMAT_VERSION + 1
    _rewrite(archive, newer, {"manifest.json": json.dumps(manifest).encode()})
    with pytest.raises(BackupError, match="newer than this cllr supports"):
        restore(settings, newer)

    foreign = tmp_path / "foreign.tar.gz"
    foreign.write_bytes(gzip.compress(b"not a tar at all" * 100))
    with pytest.raises(BackupError, match="not a readable cllr backup"):
        restore(settings, foreign)

    with pytest.raises(BackupError, match="no backup at"):
        restore(settings, tmp_path / "missing.tar.gz")

    assert _untouched(data) == rows
    assert (data / "access.yaml").read_text() == "officers: [U1]\n"
    assert not list(tmp_path.glob("data.before-restore-*"))
    assert not list(tmp_path.glob(".data.restore-*"))


def test_nothing_to_back_up(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="does not exist"):
        backup(_settings(tmp_path / "nope"), tmp_path / "b")


# --- server mode --------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    exe = Path(sys.executable).parent / "chroma"
    if not exe.exists():
        pytest.skip(f"SKIPPED LOUDLY: no chroma executable at {exe}")
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = (path / "server.log").open("wb")
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"chroma server did not start: {(path / 'server.log').read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _http(url: str) -> Any:
    port = int(url.rsplit(":", 1)[1])
    return chromadb.HttpClient(
        host="127.0.0.1", port=port, settings=ChromaSettings(anonymized_telemetry=False)
    )


def test_server_mode_round_trip(chroma_url: str, tmp_path: Path) -> None:
    client = _http(chroma_url)
    _fill(client, "srv", n=1500)  # more than one export page
    client.get_or_create_collection("someone_else", embedding_function=None)
    data = tmp_path / "data"
    data.mkdir()
    (data / "notes.txt").write_text("local state")
    settings = _settings(data, chroma_url, collection="srv")
    names = ["srv_chunks", "srv_files"]
    before = _collections(client, names)

    archive = backup(settings, tmp_path / "b")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert manifest["mode"] == "server"
    assert {c["name"]: c["count"] for c in manifest["collections"]} == {
        "srv_chunks": 1500, "srv_files": 1,
    }

    chunks = client.get_collection("srv_chunks", embedding_function=None)
    chunks.delete(ids=[f"c{i}" for i in range(100)])
    chunks.upsert(ids=["c200"], embeddings=[_vector(1)], documents=["changed"])
    (data / "notes.txt").write_text("changed")

    restore(settings, archive)

    _same(_collections(client, names), before)
    kept = [c.name for c in client.list_collections() if "__before_restore_" in c.name]
    assert sorted(k.split("__")[0] for k in kept) == names
    old = client.get_collection(next(k for k in kept if k.startswith("srv_chunks")))
    assert old.count() == 1400
    meta = client.get_collection("srv_chunks", embedding_function=None).metadata
    assert meta == {"hnsw:space": "cosine"}
    assert (data / "notes.txt").read_text() == "local state"


def test_embedded_backup_restores_onto_a_server(
    chroma_url: str, data: Path, tmp_path: Path
) -> None:
    before = _collections(_embedded(data), ["cllr_chunks", "cllr_files"])
    archive = backup(_settings(data), tmp_path / "b")
    target = tmp_path / "server-data"
    restore(_settings(target, chroma_url, collection="cllr"), archive)
    after = _collections(_http(chroma_url), ["cllr_chunks", "cllr_files"])
    _same(after, before)
    assert not (target / "chroma").exists()
    assert (target / "register.sqlite").exists()


def test_server_backup_restores_into_embedded_mode(chroma_url: str, tmp_path: Path) -> None:
    client = _http(chroma_url)
    _fill(client, "back", n=12)
    names = ["back_chunks", "back_files"]
    before = _collections(client, names)
    archive = backup(_settings(tmp_path / "srv-data", chroma_url, collection="back"),
                     tmp_path / "b")
    local = tmp_path / "local"
    restore(_settings(local, collection="back"), archive)
    _same(_collections(_embedded(local), names), before)
