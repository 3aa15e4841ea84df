"""Suite-wide fixtures: offline environment, one embedding model, one indexed demo corpus."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "westmarch"
SHARED_EVAL = ROOT.parent / "shared" / "eval" / "questions.jsonl"
EVAL_COPY = ROOT / "tests" / "fixtures" / "eval" / "questions.jsonl"

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

_CLEARED = ("SLACK_", "OPENAI_", "ANTHROPIC_", "CLLR_", "LANGCHAIN_", "LANGSMITH_")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's Slack tokens, LLM keys or cllr settings."""
    for key in list(os.environ):
        if key.startswith(_CLEARED):
            monkeypatch.delenv(key, raising=False)


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    from knowledge.index.embeddings import LocalEmbeddings

    return LocalEmbeddings()


@pytest.fixture(scope="session")
def demo_knowledge(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
    """The bundled Westmarch corpus, ingested once into an embedded Chroma."""
    from cllr.wiring import IngestLoader
    from knowledge.facade import Knowledge
    from knowledge.settings import Settings

    data = tmp_path_factory.mktemp("demo-data")
    settings = Settings().with_data_dir(data)
    knowledge = Knowledge(settings, loader=IngestLoader(), embedder=embedder)
    report = knowledge.sync([DEMO])
    assert not report.failed, report.failed
    return knowledge


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the demo corpus for sync tests."""
    target = tmp_path / "corpus"
    shutil.copytree(DEMO, target)
    yield target


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``chroma run`` server on loopback, started and stopped by the suite."""
    import subprocess
    import sys
    import time
    import urllib.request

    exe = Path(sys.executable).with_name("chroma")
    if not exe.exists():
        pytest.skip(f"SKIPPED LOUDLY: no chroma executable beside {sys.executable}")
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = (path / "server.log").open("wb")
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"chroma run exited: {(path / 'server.log').read_text()[-2000:]}") from None
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("chroma run did not become ready in 60 s")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


class _Collector:
    """Keeps every log line the suite produces, for the no-secrets check."""

    def __init__(self) -> None:
        import logging

        self.lines: list[str] = []
        collector = self

        class Handler(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                try:
                    collector.lines.append(self.format(record))
                except Exception:  # noqa: BLE001 - a broken record must not break the suite
                    collector.lines.append(repr(record.msg))

        self.handler = Handler(level=logging.DEBUG)
        self.handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))


LOG_LINES = _Collector()


def pytest_configure(config: pytest.Config) -> None:
    import logging

    logging.getLogger().addHandler(LOG_LINES.handler)
    logging.getLogger().setLevel(logging.DEBUG)


def leaked_secrets(lines: list[str]) -> list[str]:
    import re

    from tests import secrets

    hits = [line for line in lines if any(s in line for s in secrets.ALL)]
    hits += [line for line in lines for p in secrets.PATTERNS if re.search(p, line)]
    return hits


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    leaks = leaked_secrets(LOG_LINES.lines)
    if leaks:
        print(f"\nSECRETS FOUND IN LOG LINES ({len(leaks)}):\n" + "\n".join(leaks[:10]))
        session.exitstatus = 1
