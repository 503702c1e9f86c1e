"""``vblint keys create|list|revoke``, run as a person would, and the keys used on the service."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from harness import run_server

from vblint_server.keys import hash_key

VBLINT = Path(sys.executable).parent / "vblint"


def keys(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VBLINT_")}
    return subprocess.run(
        [str(VBLINT), "keys", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, **(env or {})},
    )


def _key(out: str) -> str:
    return out.split("it is not stored): ", 1)[1].split()[0]


@pytest.mark.parametrize("args", [("--help",), ("create", "--help"), ("revoke", "--help")])
def test_help_is_help_not_a_key_name(args: tuple[str, ...], tmp_path: Path) -> None:
    result = keys(*args)
    assert result.returncode == 0
    assert "usage: vblint keys" in result.stdout
    assert "vbk_" not in result.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((), "the following arguments are required: ACTION"),
        (("create",), "the following arguments are required: NAME"),
        (("remove", "x"), "invalid choice: 'remove'"),
        (("create", "case system"), "a key's name uses letters, digits"),
    ],
)
def test_bad_use_is_one_line_and_exit_2(args: tuple[str, ...], says: str) -> None:
    result = keys(*args)
    assert result.returncode == 2
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert "vbk_" not in result.stdout


def test_create_list_revoke_with_a_file(tmp_path: Path) -> None:
    store = tmp_path / "keys.json"
    made = keys("create", "case-system", "--file", str(store))
    assert made.returncode == 0, made.stderr
    key = _key(made.stdout)
    assert json.loads(store.read_text()) == {"case-system": hash_key(key)}
    assert key not in store.read_text()
    assert stat.S_IMODE(store.stat().st_mode) == 0o600
    assert keys("create", "browser", "--file", str(store)).returncode == 0
    again = keys("create", "browser", "--file", str(store))
    assert again.returncode == 2 and "already has a key" in again.stderr

    listed = keys("list", "--file", str(store), env={"VBLINT_REVOKED_KEYS": '["browser"]'})
    assert listed.stdout.splitlines() == ["browser  (revoked)", "case-system"]

    assert keys("revoke", "browser", "--file", str(store)).returncode == 0
    assert set(json.loads(store.read_text())) == {"case-system"}
    gone = keys("revoke", "browser", "--file", str(store))
    assert gone.returncode == 2 and "no key is named 'browser'" in gone.stderr


def test_without_a_file_the_environment_is_read(tmp_path: Path) -> None:
    made = keys("create", "case-system")
    entry = json.loads(made.stdout.split("VBLINT_API_KEYS: ", 1)[1])
    assert entry == {"case-system": hash_key(_key(made.stdout))}
    env = {"VBLINT_API_KEYS": json.dumps(entry), "VBLINT_REVOKED_KEYS": '["old"]'}
    assert keys("list", env=env).stdout == "case-system\n"
    revoked = keys("revoke", "case-system", env=env)
    assert revoked.stdout.strip() == (
        """set VBLINT_REVOKED_KEYS='["case-system", "old"]' and restart the service"""
    )
    broken = keys("list", env={"VBLINT_API_KEYS": '{"a": "plain"}'})
    assert broken.returncode == 2 and "sha256" in broken.stderr


@pytest.mark.slow
def test_a_created_key_opens_the_service_until_it_is_revoked(tmp_path: Path) -> None:
    store = tmp_path / "keys.json"
    key = _key(keys("create", "case-system", "--file", str(store)).stdout)
    keys("create", "browser", "--file", str(store))
    env = {"VBLINT_API_KEYS": store.read_text()}
    with run_server(tmp_path / "a.log", env, wait_ready=False) as srv, srv.client(key) as c:
        assert c.get("/v1/rules/VB101").status_code in (200, 503)  # 503: still loading
        assert c.get("/v1/rules/VB101", headers={"Authorization": "Bearer no"}).status_code == 401
    keys("revoke", "case-system", "--file", str(store))
    env = {"VBLINT_API_KEYS": store.read_text()}
    with run_server(tmp_path / "b.log", env, wait_ready=False) as srv, srv.client(key) as c:
        assert c.get("/v1/rules/VB101").status_code == 401
