"""The real pre-commit, with this repository's hooks, on a repository with staged files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builders import word_letter

ROOT = Path(__file__).resolve().parents[1]
GIT = ["git", "-c", "user.email=test@example.org", "-c", "user.name=Test"]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True)


def _snapshot(dest: Path) -> Path:
    """This working tree, hook files included, committed in a fresh repository."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for raw in filter(None, listed):
        name = raw.decode()
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "snapshot")
    return dest


def _model_dir() -> str:
    import en_core_web_sm

    package = Path(en_core_web_sm.__file__).parent
    return str(next(p for p in package.iterdir() if p.is_dir() and (p / "meta.json").exists()))


def _try_repo(
    repo: Path, target: Path, home: Path, *files: str
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        # The hook's own environment has no spaCy model: point it at the one installed here.
        "VBLINT_MODEL": _model_dir(),
    }
    pre_commit = Path(sys.executable).parent / "pre-commit"
    return subprocess.run(
        [str(pre_commit), "try-repo", str(repo), "vblint", "--files", *files],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.slow
def test_pre_commit_hook_fails_on_victim_blaming_and_passes_clean(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    inside = subprocess.run(["git", "rev-parse", "--git-dir"], cwd=ROOT, capture_output=True)
    if inside.returncode != 0:
        pytest.skip("not a git checkout (an unpacked sdist): the hooks need a repository")
    (tmp_path / "hooks").mkdir()
    repo = _snapshot(tmp_path / "hooks")
    target = tmp_path / "policies"
    target.mkdir()
    _git(target, "init", "-q")
    (target / "policy.md").write_text("# Policy\n\nWe record who caused the harm.\n")
    word_letter(target / "letter.docx")
    _git(target, "add", "policy.md", "letter.docx")
    home = tmp_path / "cache"

    blamed = _try_repo(repo, target, home, "policy.md", "letter.docx")
    assert blamed.returncode == 1, blamed.stdout + blamed.stderr
    assert "letter.docx: paragraph 3: VB101" in blamed.stdout
    assert "policy.md" not in blamed.stdout.split("letter.docx")[0].split("- exit code")[-1]

    import docx

    clean = docx.Document()
    clean.add_paragraph("We met Jade at school to talk about the concerns raised.")
    clean.save(str(target / "letter.docx"))
    _git(target, "add", "letter.docx")
    passed = _try_repo(repo, target, home, "policy.md", "letter.docx")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


MODEL_WHEEL = ROOT.parent / "shared" / "models" / "en_core_web_sm-3.7.1-py3-none-any.whl"
UPSTREAM = "https://github.com/vblint/vblint"
MODEL_URL = (
    "https://github.com/explosion/spacy-models/releases/download/"
    "en_core_web_sm-3.7.1/en_core_web_sm-3.7.1-py3-none-any.whl"
)


def documented_config(path: Path, after: str) -> str:
    """The first YAML block after ``after`` in a document, as a reader copies it."""
    text = path.read_text(encoding="utf-8").split(after, 1)[1]
    return text.split("```yaml\n", 1)[1].split("```", 1)[0]


@pytest.mark.slow
def test_the_documented_pre_commit_config_works_as_written(tmp_path: Path) -> None:
    """The README's snippet, with ``pre-commit install`` and a real ``git commit``.

    Only the two addresses this machine cannot reach are read from disk instead: the repository
    (a snapshot of this one, tagged with the snippet's ``rev``) and the model's wheel.
    """
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not MODEL_WHEEL.exists():
        pytest.skip(f"the model wheel is not at {MODEL_WHEEL}")
    import vblint

    snippet = documented_config(ROOT / "README.md", "Add this to `.pre-commit-config.yaml`")
    assert snippet == documented_config(ROOT / "docs" / "ci.md", "## Pre-commit")
    assert f"rev: v{vblint.__version__}\n" in snippet  # the release tag of this version
    assert UPSTREAM in snippet and MODEL_URL in snippet

    (tmp_path / "hooks").mkdir()
    hooks = _snapshot(tmp_path / "hooks")
    _git(hooks, "tag", f"v{vblint.__version__}")
    config = snippet.replace(UPSTREAM, str(hooks)).replace(MODEL_URL, MODEL_WHEEL.as_uri())

    target = tmp_path / "policies"
    target.mkdir()
    _git(target, "init", "-q")
    (target / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("VBLINT_")},
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
    }
    pre_commit = Path(sys.executable).parent / "pre-commit"
    installed = subprocess.run(
        [str(pre_commit), "install"], cwd=target, env=env, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*GIT, "commit", "-q", "-m", message],
            cwd=target,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    word_letter(target / "letter.docx")
    _git(target, "add", ".pre-commit-config.yaml", "letter.docx")
    refused = commit("letter")
    assert refused.returncode != 0, refused.stdout + refused.stderr
    assert "letter.docx: paragraph 3: VB101" in refused.stdout + refused.stderr

    import docx

    clean = docx.Document()
    clean.add_paragraph("We met Jade at school to talk about the concerns raised.")
    clean.save(str(target / "letter.docx"))
    _git(target, "add", "letter.docx")
    accepted = commit("letter")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
