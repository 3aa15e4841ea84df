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


def test_slash_remove_documented() -> None:
    assert "/cllr remove" in DOCS and "cllr remove" in DOCS


def test_every_security_promise_names_tests_that_exist() -> None:
    import re

    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) >= 19
    for row in rows:
        refs = re.findall(r"`(tests/[^`:]+?)(?:::(\w+))?`", row)
        assert refs, f"no test named for: {row[:80]}"
        for path, name in refs:
            assert (ROOT / path).exists(), path
            if name:
                assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8"), f"{path}::{name}"


def test_readme_says_how_to_go_from_demo_to_slack_near_the_top() -> None:
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:2500]
    assert "docs/slack-setup.md" in head and "cllr serve" in head
    assert "Python 3.11" in head and "TORCH_INDEX" in head


def test_one_example_env_file_names_every_setting_and_only_settings() -> None:
    import re

    from knowledge.settings import Settings

    assert not (ROOT / "deploy" / "env.example").exists()
    aliases = {str(f.alias) for f in Settings.model_fields.values() if f.alias}
    names = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), flags=re.M))
    assert names - {"POSTGRES_PASSWORD"} == aliases
