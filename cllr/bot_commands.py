"""``cllr serve`` and ``cllr audit export``: the bot's entry points on the CLI."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from knowledge.settings import Settings


def register(app: typer.Typer, load_settings: Callable[[Path | None], Settings]) -> None:
    """Add ``serve`` and ``audit export`` to the ``cllr`` Typer app."""
    audit = typer.Typer(help="The audit log of questions, answers, feedback and admin actions.",
                        no_args_is_help=True)
    app.add_typer(audit, name="audit")

    @app.command()
    def serve(
        port: Annotated[int, typer.Option(help="Port for /slack/events, /healthz and /metrics.")] = 3000,
        host: Annotated[str, typer.Option(help="Interface to bind.")] = "0.0.0.0",
        data: Annotated[Path | None, typer.Option("--data", help="Data dir.")] = None,
    ) -> None:
        """Run the Slack bot (HTTP, or Socket Mode when SLACK_APP_TOKEN is set)."""
        from bot.observability import configure_logging
        from bot.server import ConfigError
        from bot.server import serve as run
        from cllr.wiring import open_knowledge

        settings = load_settings(data)
        configure_logging(json_logs=settings.log_json)
        try:
            run(settings, port=port, host=host, knowledge_factory=open_knowledge)
        except ConfigError as exc:
            typer.echo(f"cllr serve: {exc}", err=True)
            raise typer.Exit(2) from exc

    @audit.command("export")
    def export(
        fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
        data: Annotated[Path | None, typer.Option("--data", help="Data dir.")] = None,
    ) -> None:
        """Write the audit log to stdout (never includes tokens or secrets)."""
        from knowledge.index.state import StateStore

        if fmt not in ("jsonl", "csv"):
            typer.echo("--format must be jsonl or csv", err=True)
            raise typer.Exit(2)
        store = StateStore.open(load_settings(data))
        try:
            for line in store.export_audit(fmt):
                sys.stdout.write(line)
        finally:
            store.close()


__all__ = ["register"]
