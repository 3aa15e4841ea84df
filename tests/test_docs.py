"""Every CLI command, slash command and supported file type is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")])


def cli_commands() -> list[str]:
    from typer.main import get_command

    from cllr.cli import app

    group = get_command(app)
    names: list[str] = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        subs = getattr(cmd, "commands", None)
        names.extend(f"{name} {sub}" for sub in subs) if subs else names.append(name)
    return names


@pytest.mark.parametrize("command", cli_commands())
def test_cli_command_documented(command: str) -> None:
    assert f"cllr {command}" in DOCS


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html", ".md", ".txt", ".csv", ".xlsx"])
def test_file_type_documented(suffix: str) -> None:
    assert f"`{suffix}`" in DOCS


@pytest.mark.parametrize("slash", ["/ask", "/cllr reindex", "/cllr status"])
def test_slash_commands_documented(slash: str) -> None:
    assert slash in DOCS


def test_readme_opens_with_demo_and_test() -> None:
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:1200]
    assert head.index("make demo") < head.index("make test")
