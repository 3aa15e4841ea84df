"""``cllr``: ingest, ask, status, eval, draft, backup, restore, serve, audit."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cllr import checks, render
from cllr.wiring import audit_removal, combine, load_settings
from knowledge.index.sources import SourceError
from knowledge.types import Scope

app = typer.Typer(help="cllr: cited answers from a council's documents and asset register.",
                  no_args_is_help=True, add_completion=False)
out = Console()
err = Console(stderr=True)
DataOpt = Annotated[Path | None, typer.Option("--data", help="Data dir (default: CLLR_DATA_DIR or ./data).")]
LevelsOpt = Annotated[str, typer.Option("--levels", help="Access levels to answer from, comma-separated.")]


def _scope(levels: str) -> Scope:
    return Scope(levels=frozenset(x.strip() for x in levels.split(",") if x.strip()))


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders and http(s) URLs to sync.")],
    data: DataOpt = None,
    access: Annotated[str | None, typer.Option(
        help="Access level of these documents (default: the level they were declared at, else public).")] = None,
) -> None:
    """Sync files and folders into the index (new, changed, unchanged, removed); fetch URLs."""
    urls = [p for p in paths if p.startswith(("http://", "https://"))]
    files = [Path(p) for p in paths if p not in urls]
    missing = [p for p in files if not p.exists()]
    for p in missing:
        err.print(f"[red]not found:[/red] {p}")
    knowledge = checks.writer(data)
    try:
        with render.progress(err) as bar:
            report = knowledge.sync([p for p in files if p.exists()], access=access, progress=bar)
        for url in urls:
            report = combine(report, knowledge.add_url(url, access=access or "public"))
    except SourceError as exc:
        checks.level_error(exc)
    render.sync_report(err, report)
    if missing or not report.usable:
        raise typer.Exit(1)


@app.command()
def remove(
    sources: Annotated[list[str], typer.Argument(help="Source names (as `cllr status --json` lists) or paths.")],
    data: DataOpt = None,
) -> None:
    """Remove documents, uploads and URLs from the index (written to the audit log)."""
    knowledge = checks.reader(data, llm=False)
    report = knowledge.remove(sources)
    audit_removal(knowledge.settings, report)
    for name in report.removed:
        out.print(f"removed {name}", markup=False, highlight=False)
    for failure in report.failed:
        err.print(f"cllr: {failure.source}: {failure.reason}", markup=False, highlight=False)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def ask(
    question: Annotated[str | None, typer.Argument(help="The question.")] = None,
    questions: Annotated[Path | None, typer.Option(help="JSONL file of {id, question}.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    data: DataOpt = None,
    levels: LevelsOpt = "public",
) -> None:
    """Answer a question (or a JSONL file of questions) with cited sources."""
    if (question is None) == (questions is None):
        err.print("Give a QUESTION or --questions FILE.jsonl (one of them).")
        raise typer.Exit(2)
    items = checks.read_questions(questions) if questions is not None else []
    text = checks.question_text(str(question)) if question is not None else ""
    knowledge = checks.reader(data)
    scope = _scope(levels)
    if questions is not None:
        for item in items:
            answer = knowledge.answer(str(item["question"]), scope)
            line = {"id": item.get("id"), **answer.to_json()}
            print(json.dumps(line, ensure_ascii=False) if as_json else render.answer_text(answer))
            sys.stdout.flush()
        return
    answer = knowledge.answer(text, scope)
    if as_json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        render.answer(out, answer)


@app.command()
def explain(
    question: Annotated[str, typer.Argument(help="The question.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    data: DataOpt = None,
    levels: LevelsOpt = "public",
) -> None:
    """Show how a question is read: its links to the register, the typed query, unread words, the route."""
    reading = checks.reader(data).explain(checks.question_text(question), _scope(levels))
    if as_json:
        print(reading.model_dump_json(indent=2, exclude_none=True))
    else:
        render.reading(out, reading)


@app.command()
def draft(
    question: Annotated[str, typer.Argument(help="The member enquiry or FOI question.")],
    data: DataOpt = None,
    levels: LevelsOpt = "officers,public",
) -> None:
    """Draft a formal reply to a member enquiry or FOI request from cited facts only."""
    text = checks.question_text(question)
    knowledge = checks.reader(data)
    print(knowledge.draft(text, _scope(levels)).text)


@app.command()
def status(data: DataOpt = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Show the data dir, what is indexed (every document), the last sync and failed files."""
    knowledge, llm_problem = checks.status_reader(data)
    state = knowledge.status()
    if as_json:
        print(state.model_dump_json(indent=2))
    else:
        render.status(out, state)
    if llm_problem:
        err.print(f"warning: {llm_problem}", markup=False, highlight=False)


@app.command("eval")
def eval_(
    questions: Annotated[Path, typer.Argument(help="Questions JSONL in the shared eval format.")],
    data: DataOpt = None,
    answers_out: Annotated[Path | None, typer.Option("--answers", help="Also write answers JSONL.")] = None,
) -> None:
    """Run questions through the same path as `ask` and print per-type scores."""
    from knowledge.evaluate import evaluate

    checks.read_questions(questions, typed=True)
    knowledge = checks.reader(data)
    result = evaluate(knowledge, questions, answers_out)
    render.eval_table(out, result)


@app.command()
def backup(
    dest: Annotated[Path, typer.Argument(help="Archive to write (.tar.gz).")], data: DataOpt = None
) -> None:
    """Back up the data dir (or the Chroma collection plus tables in server mode)."""
    from knowledge.index.backup import BackupError
    from knowledge.index.backup import backup as do_backup

    try:
        path = do_backup(load_settings(data), dest)
    except BackupError as exc:
        err.print(f"[red]backup failed:[/red] {exc}")
        raise typer.Exit(1) from exc
    err.print(f"backup written: {path}")


@app.command()
def restore(
    src: Annotated[Path, typer.Argument(help="Archive made by `cllr backup`.")], data: DataOpt = None
) -> None:
    """Restore a backup made by `cllr backup`."""
    from knowledge.index.backup import BackupError
    from knowledge.index.backup import restore as do_restore

    try:
        do_restore(load_settings(data), src)
    except BackupError as exc:
        err.print(f"[red]restore refused:[/red] {exc}")
        raise typer.Exit(1) from exc
    err.print(f"restored from {src}")


def _register_bot_commands() -> None:
    try:
        from cllr.bot_commands import register
    except ImportError:  # pragma: no cover - the bot extra is part of the default install
        return
    register(app, load_settings)


_register_bot_commands()


def main() -> None:
    app()
