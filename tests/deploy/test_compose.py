"""deploy/compose.yaml: `docker compose config` when there is one, else a structural check."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy._files import DEPLOY, ROOT
from tests.deploy.conftest import Health, run_healthcheck

COMPOSE = DEPLOY / "compose.yaml"
PORT = re.compile(r"^((\d{1,3}\.){3}\d{1,3}:)?(\$\{[A-Z_]+(:-\d+)?\}|\d+)(:\d+)?(/(tcp|udp))?$")
DURATION = re.compile(r"^\d+(ms|s|m|h)$")
CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}


def _compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))  # merges <<: *anchors


def _docker_compose_works() -> bool:
    if shutil.which("docker") is None:
        return False
    done = subprocess.run(["docker", "compose", "version"], capture_output=True)
    return done.returncode == 0


def structural_problems(doc: dict[str, Any], base: Path) -> list[str]:
    """Everything wrong with a compose document that `docker compose config` would catch."""
    problems: list[str] = []
    services: dict[str, Any] = doc.get("services") or {}
    declared = set((doc.get("volumes") or {}).keys())
    unknown_top = set(doc) - {"name", "services", "volumes", "networks", "configs", "secrets"}
    problems += [f"unknown top-level key {k}" for k in unknown_top if not k.startswith("x-")]
    for name, svc in services.items():
        problems += [f"{name}: {p}" for p in _service_problems(svc, services, declared, base)]
    return problems


def _service_problems(
    svc: dict[str, Any], services: dict[str, Any], declared: set[str], base: Path
) -> list[str]:
    out: list[str] = []
    if "image" not in svc and "build" not in svc:
        out.append("needs image or build")
    build = svc.get("build")
    if isinstance(build, dict):
        context = (base / build.get("context", ".")).resolve()
        if not (context / build.get("dockerfile", "Dockerfile")).is_file():
            out.append(f"no Dockerfile for build {build}")
    out += [f"bad port {p!r}" for p in svc.get("ports", []) if not PORT.match(str(p))]
    for volume in svc.get("volumes", []):
        source, _, rest = str(volume).partition(":")
        target, _, mode = rest.partition(":")
        if not rest and source.startswith("/"):  # an anonymous volume: one per container
            continue
        if not target.startswith("/") or mode not in {"", "ro", "rw"}:
            out.append(f"bad volume {volume!r}")
        if not source.startswith((".", "/", "$")) and source not in declared:
            out.append(f"undeclared named volume {source!r}")
    depends = svc.get("depends_on") or {}
    for target, spec in (depends.items() if isinstance(depends, dict) else
                         ((d, {}) for d in depends)):
        if target not in services:
            out.append(f"depends_on unknown service {target!r}")
        if spec.get("condition", "service_started") not in CONDITIONS:
            out.append(f"bad condition for {target}")
        if services.get(target, {}).get("profiles") and spec.get("required", True) and \
                not svc.get("profiles"):
            out.append(f"depends on {target}, which is in a profile: mark it required: false")
    env = svc.get("environment", {})
    if not isinstance(env, dict) or not all(isinstance(v, str) for v in env.values()):
        out.append("environment must map names to strings")
    out += _healthcheck_problems(svc.get("healthcheck"))
    return out


def _healthcheck_problems(check: dict[str, Any] | None) -> list[str]:
    if check is None:
        return []
    out: list[str] = []
    test = check.get("test")
    if not (isinstance(test, list) and test and test[0] in {"CMD", "CMD-SHELL"}):
        out.append(f"healthcheck test must be a CMD/CMD-SHELL list, got {test!r}")
    for key in ("interval", "timeout", "start_period"):
        if key in check and not DURATION.match(str(check[key])):
            out.append(f"healthcheck {key} {check[key]!r} is not a duration")
    return out


def test_structure() -> None:
    assert structural_problems(_compose(), DEPLOY) == []


def test_checker_catches_mistakes() -> None:
    bad = {
        "services": {
            "a": {"ports": ["x:y"], "volumes": ["nope:/data", "./c:rel"],
                  "depends_on": {"ghost": {"condition": "service_healthy"}, "p": {}},
                  "healthcheck": {"test": "curl x", "interval": "often"}},
            "p": {"image": "postgres:16-alpine", "profiles": ["postgres"]},
        },
        "volumes": {},
        "verion": "3",
    }
    problems = "\n".join(structural_problems(bad, DEPLOY))
    for expected in ("image or build", "bad port", "undeclared named volume 'nope'",
                     "bad volume './c:rel'", "unknown service 'ghost'", "required: false",
                     "CMD/CMD-SHELL", "not a duration", "unknown top-level key verion"):
        assert expected in problems


def test_services_and_what_they_are_for() -> None:
    doc = _compose()
    services = doc["services"]
    assert {"cllr", "chroma", "postgres", "ingest"} <= set(services)
    cllr, chroma = services["cllr"], services["chroma"]
    assert cllr["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
    assert cllr["env_file"] == ".env" and "profiles" not in cllr
    assert any(str(p).endswith(":3000") for p in cllr["ports"])
    assert cllr["environment"]["CLLR_CHROMA_URL"].endswith("http://chroma:8000}")
    assert cllr["depends_on"]["chroma"]["condition"] == "service_healthy"
    assert cllr["depends_on"]["postgres"]["required"] is False
    assert "healthcheck" in cllr and "healthcheck" in chroma
    assert re.fullmatch(r"chromadb/chroma:\d+\.\d+\.\d+", chroma["image"])
    assert any(str(v).startswith("chroma-data:") for v in chroma["volumes"])
    assert services["postgres"]["profiles"] == ["postgres"]
    assert services["postgres"]["image"] == "postgres:16-alpine"
    ingest = services["ingest"]
    assert ingest["profiles"] == ["ingest"] and ingest["command"] == ["ingest", "/corpus"]
    assert "./corpus:/corpus:ro" in ingest["volumes"]
    for svc in services.values():
        assert ":latest" not in str(svc.get("image", ""))
        assert "xoxb-" not in str(svc.get("environment", {}))


def test_docker_compose_config(tmp_path: Path) -> None:
    if not _docker_compose_works():
        pytest.skip("SKIPPED LOUDLY: `docker compose` is not available; the structural "
                    "check above stands in for `docker compose config`")
    deploy = tmp_path / "deploy"
    deploy.mkdir()
    for name in ("compose.yaml", "Dockerfile", "install.sh"):
        shutil.copy2(DEPLOY / name, deploy / name)
    shutil.copy2(ROOT / ".env.example", deploy / ".env")
    shutil.copytree(DEPLOY / "config", deploy / "config")
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    done = subprocess.run(
        ["docker", "compose", "-f", str(deploy / "compose.yaml"), "--profile", "postgres",
         "--profile", "ingest", "config", "--quiet"],
        capture_output=True, text=True, cwd=deploy,
    )
    assert done.returncode == 0, done.stderr


def test_cllr_healthcheck_probes_healthz(health_server: tuple[int, type[Health]]) -> None:
    port, handler = health_server
    test = _compose()["services"]["cllr"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    assert run_healthcheck(test[3], port) == 0
    handler.status = 500
    assert run_healthcheck(test[3], port) != 0


@pytest.fixture(scope="module")
def chroma_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    exe = Path(sys.executable).with_name("chroma")
    if not exe.exists():
        pytest.skip(f"SKIPPED LOUDLY: no chroma executable beside {sys.executable}")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    path = tmp_path_factory.mktemp("chroma-hc")
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "chroma run failed"
                time.sleep(0.3)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_chroma_healthcheck_speaks_http_to_a_real_server(chroma_port: int) -> None:
    """The chroma image has bash but no curl: run the same bash against `chroma run`."""
    test = _compose()["services"]["chroma"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "bash", "-c"]
    script = test[3].replace("$$", "$")  # compose's escape for a literal $
    assert "/api/v2/heartbeat" in script and "127.0.0.1/8000" in script
    up = subprocess.run(["bash", "-c", script.replace("/8000", f"/{chroma_port}")])
    assert up.returncode == 0
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead = sock.getsockname()[1]
    down = subprocess.run(["bash", "-c", script.replace("/8000", f"/{dead}")],
                          capture_output=True)
    assert down.returncode != 0


def test_metrics_stay_internal_and_the_access_config_is_mounted() -> None:
    services = _compose()["services"]
    cllr, ingest = services["cllr"], services["ingest"]
    assert all(str(p).startswith("127.0.0.1:") for p in cllr["ports"]), "publish on loopback only"
    for svc in (cllr, ingest):
        assert "./config:/etc/cllr:ro" in svc["volumes"]
        assert svc["environment"]["CLLR_ACCESS_CONFIG"] == "/etc/cllr/access.yaml"
        assert "/data" in svc["volumes"], "each container its own local dir"
        assert not any(str(v).endswith(":/data") for v in svc["volumes"]), "no data volume shared by replicas"
    import yaml

    config = yaml.safe_load((DEPLOY / "config" / "access.yaml").read_text())
    assert {"path": "/corpus/officers", "access": "officers"} in config["sources"]
    assert {"path": "/corpus", "access": "public"} in config["sources"]
