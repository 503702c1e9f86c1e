"""The Word add-in as ``vblint serve`` serves it, and the packages IT deploys.

The pane and its manifest come from a real service over HTTP; the packages are written by the
same module the test command runs, and their unified manifest is checked by Microsoft's own
``office-addin-manifest validate`` (offline, against the schema that package ships).
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from harness import Server, run_server, serve_once

from vblint_server.word_addin import PANE_FILES, main, public_base, render

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
WORD = ROOT / "extensions" / "word"
PUBLIC = "https://vblint.council.example"
OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js"
NS = {"o": "http://schemas.microsoft.com/office/appforoffice/1.1"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = {"VBLINT_PUBLIC_URL": f"{PUBLIC}/"}
    with run_server(tmp_path_factory.mktemp("word") / "server.log", env) as running:
        yield running


def _validate(manifest: Path) -> subprocess.CompletedProcess[str]:
    if not (WORD / "node_modules" / "office-addin-manifest").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=WORD, check=True)
    cli = WORD / "node_modules" / "office-addin-manifest" / "cli.js"
    return subprocess.run(
        ["node", str(cli), "validate", str(manifest)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_the_pane_is_served_with_no_outside_asset_but_office_js(server: Server) -> None:
    with server.client() as c:
        assert c.get("/word", follow_redirects=False).headers["location"] == "/word/"
        pane = c.get("/word/")
        assert pane.status_code == 200 and 'id="check"' in pane.text
        assert re.findall(r"https?://[^\s\"'<>]+", pane.text) == [OFFICE_JS]
        csp = pane.headers["content-security-policy"]
        assert "script-src 'self' https://appsforoffice.microsoft.com;" in csp
        assert "connect-src 'self';" in csp and "default-src 'none'" in csp
        assert "x-frame-options" not in pane.headers  # Word shows the pane in a frame
        assert pane.headers["cache-control"] == "no-store"
        for name in PANE_FILES[1:]:
            r = c.get(f"/word/{name}")
            assert r.status_code == 200, name
            if name.endswith(".mjs"):
                assert r.headers["content-type"].startswith("text/javascript")
                imports = re.findall(r'from "([^"]+)"', r.text)
                assert all(i.startswith("./") for i in imports), (name, imports)
        assert c.get("/word/manifest.json").status_code == 404
        assert c.get("/word/../main.py").status_code == 404


def test_the_manifest_is_served_for_the_public_address(server: Server) -> None:
    with server.client() as c:
        r = c.get("/word/manifest.xml")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/xml")
    root = ElementTree.fromstring(r.text)
    assert root.findtext("o:Permissions", namespaces=NS) == "ReadWriteDocument"
    assert root.findtext("o:AppDomains/o:AppDomain", namespaces=NS) == PUBLIC
    source = root.find("o:DefaultSettings/o:SourceLocation", NS)
    assert source is not None and source.get("DefaultValue") == f"{PUBLIC}/word/"
    assert "vblint.example.org" not in r.text


def test_a_bad_public_address_is_refused_in_one_line() -> None:
    proc = serve_once(env={"VBLINT_PUBLIC_URL": "ftp://vblint.example"})
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "vblint: error: invalid settings in VBLINT_PUBLIC_URL"
    ]


def test_addresses_that_would_break_a_manifest_are_refused() -> None:
    assert public_base("https://apps.example/vblint/") == "https://apps.example/vblint"
    for bad in ("javascript:alert(1)", "https://", 'https://x.example/"><x', "https://x/?q=1"):
        with pytest.raises(ValueError):
            public_base(bad)
    under_a_path = render("xml", "https://apps.example/vblint")
    assert "<AppDomain>https://apps.example</AppDomain>" in under_a_path
    assert 'DefaultValue="https://apps.example/vblint/word/"' in under_a_path


def test_packages_for_it_and_the_unified_manifest_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([PUBLIC, "--package", str(tmp_path)]) == 0
    written = capsys.readouterr().out.split()
    assert [Path(p).name for p in written] == [
        "vblint-word-manifest.xml",
        "vblint-word-pane.zip",
        "vblint-word-unified.zip",
    ]
    manifest = (tmp_path / "vblint-word-manifest.xml").read_text(encoding="utf-8")
    assert manifest == render("xml", PUBLIC)
    ElementTree.fromstring(manifest)
    pane = zipfile.ZipFile(tmp_path / "vblint-word-pane.zip")
    assert sorted(pane.namelist()) == sorted(PANE_FILES)
    unified = zipfile.ZipFile(tmp_path / "vblint-word-unified.zip")
    assert sorted(unified.namelist()) == ["color.png", "manifest.json", "outline.png"]
    data = json.loads(unified.read("manifest.json"))
    assert data["validDomains"] == [PUBLIC]
    assert data["extensions"][0]["runtimes"][0]["code"]["page"] == f"{PUBLIC}/word/"
    (tmp_path / "manifest.json").write_bytes(unified.read("manifest.json"))
    ok = _validate(tmp_path / "manifest.json")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    data["description"]["short"] = "x" * 100
    (tmp_path / "broken.json").write_text(json.dumps(data), encoding="utf-8")
    broken = _validate(tmp_path / "broken.json")
    assert broken.returncode == 1 and "must NOT have more than 80 characters" in broken.stdout
    assert main(["ftp://x", "--package", str(tmp_path)]) == 2
    assert capsys.readouterr().err == "vblint: not an http(s) address: 'ftp://x'\n"
