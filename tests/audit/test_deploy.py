"""The Dask Kubernetes operator manifests agree with the CLI, Dask's own CLIs and the image.

The job's arguments are parsed by vblint's real parser and made into an audit; the worker's
and scheduler's by Dask's own command-line parsers; every variable set is one the programs
read; output paths sit on the results volume and scratch space in memory.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import dask.config
import pytest
import yaml

from vblint.analysis.pipeline import MODEL_ENV
from vblint.audit.command import make_spec
from vblint.audit.sources.sql_source import FROM_ENV, URL_ENV
from vblint.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "audit"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DEPLOY / name).read_text())
    return data


def job() -> dict[str, Any]:
    return load("daskjob.yaml")


def pod(part: str) -> dict[str, Any]:
    spec = job()["spec"]
    found: dict[str, Any] = (
        spec["job"]["spec"] if part == "job" else spec["cluster"]["spec"][part]["spec"]
    )
    return found


def container(part: str) -> dict[str, Any]:
    (only,) = pod(part)["containers"]
    result: dict[str, Any] = only
    return result


def option(args: list[str], name: str) -> str:
    return args[args.index(name) + 1]


def mounted(part: str, path: str) -> dict[str, Any]:
    """The volume that holds ``path`` in that pod."""
    mounts = [m for m in container(part)["volumeMounts"] if path.startswith(m["mountPath"] + "/")]
    assert mounts, f"{path} is on no volume of the {part} pod"
    volumes = {v["name"]: v for v in pod(part)["volumes"]}
    found: dict[str, Any] = volumes[mounts[0]["name"]]
    return found


def test_the_job_is_an_audit_the_cli_accepts(monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = job()
    assert (manifest["apiVersion"], manifest["kind"]) == ("kubernetes.dask.org/v1", "DaskJob")
    args = container("job")["args"]
    assert args[:2] == ["vblint", "audit"]
    assert option(args, "--scheduler") == "$(DASK_SCHEDULER_ADDRESS)"  # set by the operator
    monkeypatch.setenv(URL_ENV, "postgresql://reader@db.example.org/records")
    spec = make_spec(build_parser().parse_args(args[1:]))
    assert spec.sql_url == FROM_ENV  # the password stays in the Secret
    assert spec.checkpoint is not None and spec.engine.scheduler == "$(DASK_SCHEDULER_ADDRESS)"
    for name in ("--json", "--csv", "--html", "--checkpoint"):
        volume = mounted("job", option(args, name))
        assert (
            volume["persistentVolumeClaim"]["claimName"]
            == load("results-pvc.yaml")["metadata"]["name"]
        )
    assert pod("job")["restartPolicy"] == "OnFailure"  # a restart resumes from the checkpoint


def test_every_variable_is_read_and_the_secret_matches() -> None:
    secret = load("secret.example.yaml")
    for part in ("job", "worker", "scheduler"):
        for env in container(part).get("env", []):
            assert env["name"] in {URL_ENV, MODEL_ENV} or env["name"].startswith("DASK_"), env
            ref = env.get("valueFrom", {}).get("secretKeyRef")
            if ref:
                assert ref["name"] == secret["metadata"]["name"]
                assert ref["key"] in secret["stringData"]
    import sqlalchemy as sa

    sa.make_url(secret["stringData"]["url"])  # the example is a URL the audit can use


def test_workers_never_spill_and_keep_scratch_in_memory() -> None:
    from distributed.cli.dask_worker import main as dask_worker

    worker = container("worker")
    env = {e["name"]: e["value"] for e in worker["env"] if "value" in e}
    memory = dask.config.collect_env(env)["distributed"]["worker"]["memory"]
    assert memory == {"target": False, "spill": False}
    args = worker["args"]
    assert args[:2] == ["dask", "worker"]
    context = dask_worker.make_context("dask worker", list(args[2:]))
    assert context.params["nthreads"] == 1  # one note-checking thread per process
    scratch = mounted("worker", context.params["local_directory"] + "/x")
    assert scratch["emptyDir"]["medium"] == "Memory"
    assert URL_ENV in {e["name"] for e in worker["env"]}  # pieces name the variable, not the URL
    assert worker["image"] == container("job")["image"] == container("scheduler")["image"]


def test_scheduler_probes_and_service_use_its_ports() -> None:
    from distributed.cli.dask_scheduler import main as dask_scheduler

    scheduler = container("scheduler")
    assert scheduler["args"][:2] == ["dask", "scheduler"]
    dask_scheduler.make_context("dask scheduler", list(scheduler["args"][2:]))
    ports = {p["name"]: p["containerPort"] for p in scheduler["ports"]}
    assert ports["tcp-comm"] == 8786
    for probe in ("readinessProbe", "livenessProbe"):
        assert scheduler[probe]["httpGet"]["port"] in ports
        assert scheduler[probe]["httpGet"]["path"] == "/health"
    service = job()["spec"]["cluster"]["spec"]["scheduler"]["service"]
    assert {p["targetPort"] for p in service["ports"]} <= set(ports)
    assert service["selector"]["dask.org/cluster-name"] == job()["metadata"]["name"]
    for part in ("job", "worker", "scheduler"):
        assert container(part)["securityContext"]["allowPrivilegeEscalation"] is False
        assert pod(part)["securityContext"]["runAsNonRoot"] is True


def test_image_bakes_in_the_model_and_runs_as_non_root() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert '".[audit]"' in dockerfile and '"vblint[audit]"' in dockerfile
    assert "en_core_web_sm" in dockerfile
    assert re.search(r"^USER (?!root|0\b)\S+", dockerfile, re.MULTILINE)
    assert str(pod("job")["securityContext"]["runAsUser"]) in dockerfile
    resources = load("kustomization.yaml")["resources"]
    assert all((DEPLOY / name).is_file() for name in resources)
