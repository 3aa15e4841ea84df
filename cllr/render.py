"""Rich rendering for the CLI: progress bars, answers, tables."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from knowledge.types import Answer, ProgressFn, Status, SyncReport


@contextmanager
def progress(console: Console) -> Iterator[ProgressFn]:
    with Progress(
        TextColumn("[bold]indexing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=console, transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def update(message: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=message[-60:])

        yield update


def sync_report(console: Console, report: SyncReport) -> None:
    table = Table(title="Sync summary")
    for col in ("added", "updated", "unchanged", "removed", "failed", "chunks embedded"):
        table.add_column(col, justify="right")
    table.add_row(*(str(len(x)) for x in (report.added, report.updated, report.unchanged,
                                          report.removed, report.failed)), str(report.chunks_embedded))
    console.print(table)
    for failure in report.failed:
        console.print(f"[yellow]skipped[/yellow] {failure.source}: {failure.reason}", markup=True,
                      highlight=False)


def answer_text(answer: Answer) -> str:
    lines = [answer.answer]
    if answer.filters:
        lines.append("\nFilters applied:")
        lines.extend(f"  - {f}" for f in answer.filters)
    if answer.citations:
        lines.append("\nSources:")
        for n, cit in enumerate(answer.citations, start=1):
            lines.append(f"  [{n}] {cit.source} ({cit.locator}): \u201c{cit.quote}\u201d")
    return "\n".join(lines)


def answer(console: Console, result: Answer) -> None:
    console.print(answer_text(result), markup=False, highlight=False)


def status(console: Console, state: Status) -> None:
    console.print(f"data dir: {state.data_dir}", markup=False, highlight=False, soft_wrap=True)
    table = Table(title=f"cllr index ({state.store})")
    table.add_column("what")
    table.add_column("count", justify="right")
    for kind, n in sorted(state.files_by_kind.items()):
        table.add_row(f"files: {kind}", str(n))
    table.add_row("chunks", str(state.chunks))
    table.add_row("register rows", str(state.register_rows))
    table.add_row("last sync", state.last_sync or "never")
    console.print(table)
    if state.documents:
        docs = Table(title="Documents")
        for col in ("source", "level", "kind", "chunks", "synced"):
            docs.add_column(col, justify="right" if col == "chunks" else "left")
        for doc in state.documents:
            docs.add_row(doc.source, doc.access, doc.kind if doc.origin == "file" else f"{doc.kind} ({doc.origin})",
                         str(doc.chunks), doc.synced_at or "")
        console.print(docs)
    if state.failed:
        failed = Table(title="Failed files")
        failed.add_column("file")
        failed.add_column("reason")
        for f in state.failed:
            failed.add_row(f.source, f.reason)
        console.print(failed)


def eval_table(console: Console, result: dict[str, Any]) -> None:
    table = Table(title="Evaluation")
    for col in ("type", "right", "total", "score"):
        table.add_column(col, justify="right" if col != "type" else "left")
    for kind, (right, total) in sorted(result["by_type"].items()):
        table.add_row(kind, str(right), str(total), f"{right / total:.0%}" if total else "-")
    console.print(table)
    right, total = result["overall"]
    missed, answerable, ids = result.get("false_abstentions", (0, 0, []))
    listed = f" ({', '.join(ids)})" if ids else ""
    console.print(f"false abstentions: {missed}/{answerable} answerable questions{listed}")
    console.print(f"overall: {right}/{total}")
    for line in result.get("wrong", []):
        console.print(f"  wrong: {line}", markup=False)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            item = json.loads(line)
            if not isinstance(item, dict) or "question" not in item:
                raise SystemExit(f"{path}:{number}: each line needs a JSON object with a question")
            yield item


def reading(console: Console, result: Any) -> None:
    """``cllr explain``: the links, the typed query, the unread words and the route."""
    table = Table(title=f"How cllr reads: {result.question}")
    table.add_column("words")
    table.add_column("linked as")
    table.add_column("to")
    for link in result.links:
        table.add_row(link.words, link.kind, link.target)
    console.print(table)
    if result.query is not None:
        query = result.query.model_dump(exclude_defaults=True)
        console.print("Register query: " + json.dumps(query, ensure_ascii=False, default=str))
    else:
        console.print("Register query: none (not a question the register answers on its own)")
    console.print("Words not read: " + (", ".join(result.unread) or "none"))
    if result.refused:
        console.print(f"Refused condition: \"{result.refused}\" (never dropped)")
    console.print(f"Route: {result.route or 'none'}; answered: {result.answered}")
