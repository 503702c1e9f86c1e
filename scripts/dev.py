#!/usr/bin/env python3
"""Set up a development environment and run vblint's jobs, needing only python3.

    python3 scripts/dev.py run     # set up, then check the sample case note in examples/
    python3 scripts/dev.py test    # set up; build and test the extensions, the Word add-in and
                                   # the docs; then run the test suite
    python3 scripts/dev.py setup   # set up only

Set-up is idempotent: a virtual environment in .venv, the package with its dev extras, and the
spaCy pipeline en_core_web_sm, from ../shared/models when that wheel is there (no network),
otherwise from spaCy's own download. The browser tests use Debian's chromium, installed with
apt-get when it is missing and apt-get is there (never a browser download by Playwright); the
audit's database test uses Debian's postgresql the same way.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
MODEL_WHEEL = ROOT.parent / "shared" / "models" / "en_core_web_sm-3.7.1-py3-none-any.whl"
STAMP = VENV / ".vblint-setup"
EXTRAS = "dev,server,lsp,audit"
# Programs the end-to-end tests drive, and the Debian packages that provide them.
SYSTEM_PACKAGES = {"nvim": "neovim", "chromium": "chromium", "node": "nodejs", "npm": "npm"}
# The audit's PostgreSQL test starts its own server from Debian's binaries (never a service).
POSTGRES_GLOB = "/usr/lib/postgresql/*/bin/initdb"


def run(*cmd: str | Path, check: bool = True, cwd: Path = ROOT) -> int:
    """Run a command (in the checkout unless ``cwd`` says otherwise), echoing it."""
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=cwd, check=check).returncode


def fingerprint() -> str:
    """What the installed environment was built from."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(EXTRAS.encode())
    return digest.hexdigest()


def system_packages() -> None:
    """Install Neovim, Chromium and Node.js with apt-get when they are missing."""
    missing = [pkg for binary, pkg in SYSTEM_PACKAGES.items() if shutil.which(binary) is None]
    if not missing:
        return
    if shutil.which("apt-get") is None:
        print(f"! missing {', '.join(missing)} (no apt-get): install them by hand", flush=True)
        return
    sudo = [] if os.name != "posix" or os.geteuid() == 0 else ["sudo"]
    run(*sudo, "apt-get", "update", "-q")
    run(*sudo, "apt-get", "install", "-y", "-q", "--no-install-recommends", *missing)


def setup() -> None:
    """Create .venv, install the package and the spaCy model when missing."""
    system_packages()
    if not PY.exists():
        print(f"+ creating {VENV.relative_to(ROOT)}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not STAMP.exists() or STAMP.read_text() != fingerprint():
        run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(PY, "-m", "pip", "install", "--quiet", "-e", f".[{EXTRAS}]")
        STAMP.write_text(fingerprint())
    has_model = (
        subprocess.run([str(PY), "-c", "import en_core_web_sm"], capture_output=True).returncode
        == 0
    )
    if not has_model:
        if MODEL_WHEEL.exists():
            run(PY, "-m", "pip", "install", "--quiet", "--no-deps", MODEL_WHEEL)
        else:
            run(PY, "-m", "spacy", "download", "en_core_web_sm")
    ensure_chromium()
    ensure_postgresql()


def ensure_postgresql() -> None:
    """Debian's PostgreSQL server for the audit's database test, when missing and installable.

    Only the programs are needed: the test makes and starts a throw-away server of its own.
    """
    import glob

    if glob.glob(POSTGRES_GLOB):
        return
    apt = shutil.which("apt-get")
    if apt is None or (hasattr(os, "geteuid") and os.geteuid() != 0):
        print("+ postgresql is missing and cannot be installed here; its test will skip")
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in ([apt, "update"], [apt, "install", "-y", "--no-install-recommends", "postgresql"]):
        print("+", " ".join(cmd), flush=True)
        subprocess.run(cmd, check=True, env=env)


def ensure_chromium() -> None:
    """Debian's chromium for the page tests, when missing and apt-get can install it."""
    if shutil.which("chromium") or Path("/usr/bin/chromium").exists():
        return
    apt = shutil.which("apt-get")
    if apt is None or (hasattr(os, "geteuid") and os.geteuid() != 0):
        print("+ chromium is missing and cannot be installed here; page tests will fail")
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in ([apt, "update"], [apt, "install", "-y", "--no-install-recommends", "chromium"]):
        print("+", " ".join(cmd), flush=True)
        subprocess.run(cmd, check=True, env=env)


def word_addin() -> int:
    """Validate and unit-test the Word add-in, then package it for ``VBLINT_PUBLIC_URL``.

    ``npm test`` runs ``office-addin-manifest validate`` (offline, against the schema the
    package ships) and the pane's unit tests against office-addin-mock. The packages are
    pointed at ``VBLINT_PUBLIC_URL`` when it is set, else at the placeholder server.
    """
    word = ROOT / "extensions" / "word"
    for step in (["ci", "--no-audit", "--no-fund"], ["test"]):
        code = run("npm", *step, cwd=word, check=False)
        if code:
            return code
    url = os.environ.get("VBLINT_PUBLIC_URL", "https://vblint.example.org")
    return run(PY, "-m", "vblint_server.word_addin", url, "--package", ROOT / "dist", check=False)


def extensions() -> int:
    """Build, test and package the VS Code extension and Word add-in; zip the browser one.

    All land in dist/: vblint-vscode.vsix, vblint-browser.zip, and the Word add-in's
    vblint-word-manifest.xml, vblint-word-pane.zip and vblint-word-unified.zip.
    """
    (ROOT / "dist").mkdir(exist_ok=True)
    vscode = ROOT / "extensions" / "vscode"
    for step in (["ci", "--no-audit", "--no-fund"], ["run", "build"], ["test"], ["run", "package"]):
        code = run("npm", *step, cwd=vscode, check=False)
        if code:
            return code
    browser = ROOT / "extensions" / "browser"
    if browser.is_dir():
        target = ROOT / "dist" / "vblint-browser.zip"
        print(f"+ zip {browser.relative_to(ROOT)} -> {target.relative_to(ROOT)}", flush=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(browser.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    archive.write(path, path.relative_to(browser).as_posix())
    if (ROOT / "extensions" / "word").is_dir():
        return word_addin()
    return 0


def docs() -> int:
    """Build the documentation site into site/ with no network, as ``vblint serve`` serves it.

    ``--strict`` turns every broken link and missing page into a failure. Where the machine
    allows it the build runs in a network namespace of its own, so nothing can be fetched.
    """
    offline = ["unshare", "-n"] if shutil.which("unshare") and _can_unshare() else []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [*offline, str(BIN / "mkdocs"), "build", "--strict", "--quiet"]
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode


def _can_unshare() -> bool:
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


def main(argv: list[str]) -> int:
    """Dispatch the job named on the command line."""
    job = argv[0] if argv else "test"
    rest = argv[1:]
    if job not in ("setup", "run", "test"):
        print(__doc__)
        return 2
    setup()
    if job == "run":
        target = rest or [str(ROOT / "examples" / "case-note.txt")]
        return run(BIN / "vblint", "check", *target, check=False)
    if job == "test":
        built = 0 if rest else (extensions() or docs())
        return run(PY, "-m", "pytest", *rest, check=False) or built
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
