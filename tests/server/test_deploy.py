"""The Kubernetes manifests and Dockerfile agree with the app's routes, port and settings."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from vblint_server.main import create_app
from vblint_server.settings import ServiceSettings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DEPLOY / name).read_text())
    return data


def _container() -> dict[str, Any]:
    (container,) = _load("deployment.yaml")["spec"]["template"]["spec"]["containers"]
    result: dict[str, Any] = container
    return result


def test_probes_hit_real_endpoints_on_the_served_port() -> None:
    container = _container()
    paths = set(create_app(ServiceSettings()).openapi()["paths"])
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    command = container["command"]
    served = int(command[command.index("--port") + 1])
    assert ports["http"] == served
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        get = container[probe]["httpGet"]
        assert get["path"] in paths, probe
        assert get["port"] in ports or get["port"] == served, probe


def test_service_targets_the_container_port() -> None:
    service = _load("service.yaml")
    (port,) = service["spec"]["ports"]
    assert port["targetPort"] in {p["name"] for p in _container()["ports"]}
    labels = _load("deployment.yaml")["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()


def test_settings_and_secret_match_the_app() -> None:
    container = _container()
    fields = {f"VBLINT_{name.upper()}" for name in ServiceSettings.model_fields}
    for env in container["env"]:  # every variable is a setting the app reads
        assert env["name"] in fields, env["name"]
    (keys,) = [e for e in container["env"] if e["name"] == "VBLINT_API_KEYS"]
    ref = keys["valueFrom"]["secretKeyRef"]
    secret = _load("secret.example.yaml")
    assert ref["name"] == secret["metadata"]["name"]
    stored = json.loads(secret["stringData"][ref["key"]])
    ServiceSettings(api_keys=stored)  # the example's shape is what the settings accept
    assert (
        container["resources"]["requests"]["cpu"] and container["resources"]["requests"]["memory"]
    )
    assert container["securityContext"]["allowPrivilegeEscalation"] is False


def test_dockerfile_runs_as_non_root_on_the_same_port() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^USER (?!root|0\b)\S+", dockerfile, re.MULTILINE)
    assert re.search(r"^EXPOSE 8000$", dockerfile, re.MULTILINE)
    assert '"--port", "8000"' in dockerfile
    assert "en_core_web_sm" in dockerfile
    assert _container()["command"] == json.loads(dockerfile.split("CMD ", 1)[1].splitlines()[0])
