"""deploy/install.sh, run for real into a temporary venv (about a minute here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy._files import DEPLOY, ROOT


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_install_sh_builds_a_working_env(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    env = {**os.environ, "PYTHON": sys.executable, "TORCH_INDEX_URL": ""}
    done = subprocess.run(
        ["bash", str(DEPLOY / "install.sh"), str(venv), str(ROOT)],
        capture_output=True, text=True, env=env, timeout=880,
    )
    log = done.stdout + done.stderr
    # The bake-in check: the bundled model loaded offline and encoded a sentence.
    assert "install.sh: model OK:" in done.stdout, log[-4000:]
    assert "-> 384-dim vectors" in done.stdout
    assert done.returncode == 0, log[-4000:]
    help_text = subprocess.run(
        [str(venv / "bin" / "cllr"), "--help"], capture_output=True, text=True, check=True,
        cwd=tmp_path,
    ).stdout
    for command in ("ingest", "ask", "serve", "status"):
        assert command in help_text
    site = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import knowledge, importlib.util as u; print(knowledge.__file__);"
         "print(u.find_spec('pytest') is None)"],
        capture_output=True, text=True, check=True, cwd=tmp_path,  # not the source tree
    ).stdout.split()
    assert site[0].startswith(str(venv)), "installed non-editable, inside the venv"
    assert site[1] == "True", "no dev extras in the runtime env"
    assert not (ROOT / "build").exists(), "install.sh left build/ in the source tree"


def test_install_sh_refuses_bad_arguments(tmp_path: Path) -> None:
    done = subprocess.run(["bash", str(DEPLOY / "install.sh")], capture_output=True, text=True)
    assert done.returncode != 0 and "usage:" in done.stderr
    done = subprocess.run(
        ["bash", str(DEPLOY / "install.sh"), str(tmp_path / "v"), str(tmp_path)],
        capture_output=True, text=True,
    )
    assert done.returncode != 0 and "no pyproject.toml" in done.stderr
    assert not (tmp_path / "v").exists()
