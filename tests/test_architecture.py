"""The dependency rule bot -> knowledge <- ingest, and small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "knowledge": {"slack_bolt", "slack_sdk", "typer", "bot", "cllr", "ingest"},
    "ingest": {"slack_bolt", "slack_sdk", "typer", "bot", "cllr"},
    "bot": {"cllr", "typer"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_dependency_rule(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_rule_checker_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import slack_bolt\nfrom typer import Typer\n")
    assert {"slack_bolt", "typer"} <= imported_roots(bad)


@pytest.mark.parametrize("package", ["ingest", "knowledge", "bot", "cllr"])
def test_modules_stay_small(package: str) -> None:
    big = [str(p.relative_to(ROOT)) for p in (ROOT / package).rglob("*.py")
           if len(p.read_text(encoding="utf-8").splitlines()) > 400]
    assert big == []


@pytest.mark.parametrize("package", ["ingest", "knowledge", "bot", "cllr"])
def test_public_api_declared(package: str) -> None:
    assert "__all__" in (ROOT / package / "__init__.py").read_text(encoding="utf-8")
