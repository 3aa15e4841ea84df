"""deploy/cllr.service: a valid unit that runs the venv's cllr as an unprivileged user."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.deploy._files import DEPLOY, systemd_unit


def test_unit_runs_cllr_serve_from_the_venv() -> None:
    unit = systemd_unit()
    assert set(unit) == {"Unit", "Service", "Install"}
    service = unit["Service"]
    (exec_start,) = service["ExecStart"]
    assert exec_start.split()[:2] == ["/opt/cllr/venv/bin/cllr", "serve"]
    assert service["User"] == ["cllr"] and service["User"] != ["root"]
    assert service["EnvironmentFile"] == ["/etc/cllr/cllr.env"]
    assert service["Restart"] == ["on-failure"]
    env = dict(e.split("=", 1) for e in service["Environment"])
    assert env["HF_HUB_OFFLINE"] == "1" and env["CLLR_DATA_DIR"] == "/var/lib/cllr"
    assert service["StateDirectory"] == ["cllr"]
    assert unit["Install"]["WantedBy"] == ["multi-user.target"]


def test_unit_parser_rejects_garbage(tmp_path: Path) -> None:
    bad = tmp_path / "bad.service"
    bad.write_text("ExecStart=/bin/true\n")
    with pytest.raises(AssertionError, match="outside a section"):
        systemd_unit(bad)


def test_systemd_analyze_verify(tmp_path: Path) -> None:
    exe = shutil.which("systemd-analyze")
    if exe is None:
        pytest.skip("SKIPPED LOUDLY: no systemd-analyze; only the INI checks ran")
    # verify insists that ExecStart exists: point it at a binary that does.
    true = shutil.which("true") or "/bin/true"
    text = (DEPLOY / "cllr.service").read_text().replace("/opt/cllr/venv/bin/cllr", true)
    unit = tmp_path / "cllr.service"
    unit.write_text(text)
    done = subprocess.run([exe, "verify", str(unit)], capture_output=True, text=True)
    problems = [line for line in (done.stdout + done.stderr).splitlines()
                if "cllr.service" in line]
    assert done.returncode == 0 and not problems, done.stdout + done.stderr
