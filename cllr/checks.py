"""One-line errors for the CLI: no index, unreadable question files, bad settings."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console

from cllr.wiring import load_settings, open_knowledge
from knowledge.facade import Knowledge
from knowledge.index.sources import SourceError
from knowledge.providers import llm_problem
from knowledge.settings import Settings

TYPES = ("register_list", "register_count", "document", "mixed", "unanswerable")
err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``cllr: message`` on one line to stderr and exit with ``code``."""
    err.print(f"cllr: {' '.join(message.split())}", markup=False, highlight=False)
    raise typer.Exit(code)


def settings_for(data: Path | None) -> Settings:
    try:
        return load_settings(data)
    except ValueError as exc:  # pydantic's ValidationError: a malformed value in the env or .env
        first = str(exc).splitlines()
        fail(f"bad setting: {first[1] if len(first) > 1 else first[0]} ({first[-1].strip()})", 2)


def reader(data: Path | None, *, llm: bool = True) -> Knowledge:
    """A ``Knowledge`` over an existing, non-empty index; one line and exit 1 otherwise."""
    settings = settings_for(data)
    where = Path(settings.data_dir)
    missing = f"no index at {where} — run `cllr ingest` first"
    if not settings.chroma_url and not (where / "chroma").is_dir():
        fail(missing)
    if llm and (problem := llm_problem(settings.llm)):
        fail(problem)
    knowledge = _open(settings if llm else settings.model_copy(update={"llm": None}))
    if not knowledge.has_index():
        fail(missing)
    return knowledge


def writer(data: Path | None) -> Knowledge:
    """A ``Knowledge`` that can ingest into the data dir; one line if the dir is unwritable."""
    settings = settings_for(data)
    where = Path(settings.data_dir)
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where, prefix=".cllr-write-check-"):
            pass
    except OSError as exc:
        fail(f"cannot write the data dir {where}: {exc.strerror or exc}")
    return _open(settings.model_copy(update={"llm": None}))


def status_reader(data: Path | None) -> tuple[Knowledge, str | None]:
    """A ``Knowledge`` for ``status`` (creates nothing it can avoid), and any CLLR_LLM problem."""
    settings = settings_for(data)
    return _open(settings.model_copy(update={"llm": None})), llm_problem(settings.llm)


def _open(settings: Settings) -> Knowledge:
    try:
        return open_knowledge(settings)
    except (OSError, SourceError) as exc:
        fail(f"cannot open the index at {settings.data_dir}: {getattr(exc, 'strerror', None) or exc}")
    except Exception as exc:  # noqa: BLE001 - chromadb raises its own types for a bad or read-only store
        if os.access(settings.data_dir, os.W_OK):
            raise
        fail(f"cannot open the index at {settings.data_dir}: the data dir is not writable ({type(exc).__name__})")


def question_text(question: str) -> str:
    if not question.strip():
        fail("the question is empty", 2)
    return question.strip()


def read_questions(path: Path, *, typed: bool = False) -> list[dict[str, Any]]:
    """The ``{id, question[, type]}`` lines of a JSONL file, or one line saying what is wrong."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        fail(f"no questions file at {path}")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}")
    items: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            fail(f"{path}:{number}: not valid JSON ({exc.msg})")
        if not isinstance(item, dict) or not str(item.get("question") or "").strip():
            fail(f"{path}:{number}: each line needs a JSON object with a non-empty question")
        if typed and item.get("type") not in TYPES:
            fail(f"{path}:{number}: type must be one of {', '.join(TYPES)}, not {item.get('type')!r}")
        items.append(item)
    if not items:
        fail(f"{path} holds no questions")
    return items


def level_error(exc: SourceError) -> NoReturn:
    fail(str(exc), 2)


__all__ = ["fail", "read_questions", "reader", "status_reader", "writer"]
