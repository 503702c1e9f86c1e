"""``--fix`` never loses data: links, owners, hard links, failing and interrupted writes.

Real files, the real command (in this process, or as a subprocess where a process limit or a
signal is the point). Tests run as root here, so owners are set with ``os.chown`` and a user
without privileges is had by switching the effective uid for the duration of one call.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from tests.conftest import Cli

from orgpack import write_pack
from vblint.safe_write import TEMP_SUFFIX, WriteRefusedError, atomic_write

OLD, NEW = "child pornography", "child sexual abuse material"
FOUND = "Officers found child pornography on the laptop."
FIXED = FOUND.replace(OLD, NEW)
OTHER_UID = OTHER_GID = 12345

root_only = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="sets owners: needs root"
)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    write_pack(tmp_path / "rules")
    (tmp_path / ".vblint.toml").write_text('rule-packs = ["rules"]\n')
    return tmp_path


def _temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if TEMP_SUFFIX in p.name]


def test_a_symlink_is_followed_and_stays_a_link(project: Path, cli: Cli) -> None:
    (project / "real").mkdir()
    target = project / "real" / "note.txt"
    target.write_text(FOUND + "\n")
    link = project / "link.txt"
    link.symlink_to(target)
    _, _, err = cli("check", "--fix", str(link))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == FIXED + "\n"
    assert "applied 1 safe fix" in err
    assert _temporaries(project) == []


def test_a_chain_of_relative_links_reaches_the_file(project: Path, cli: Cli) -> None:
    target = project / "note.txt"
    target.write_text(FOUND + "\n")
    (project / "one.txt").symlink_to("note.txt")
    (project / "two.txt").symlink_to("one.txt")
    cli("check", "--fix", str(project / "two.txt"))
    assert (project / "two.txt").is_symlink() and (project / "one.txt").is_symlink()
    assert target.read_text() == FIXED + "\n"


def test_a_directory_walk_fixes_a_link_and_its_target_once(project: Path, cli: Cli) -> None:
    target = project / "b-note.txt"
    target.write_text(f"{FOUND}\n{FOUND}\n")
    (project / "a-link.txt").symlink_to("b-note.txt")
    _, _, err = cli("check", "--fix", str(project))
    assert (project / "a-link.txt").is_symlink()
    assert target.read_text() == f"{FIXED}\n{FIXED}\n"
    assert "applied 2 safe fixes" in err  # two findings in one file, not four in two
    assert _temporaries(project) == []


def test_diff_shows_a_linked_file_once(project: Path, cli: Cli) -> None:
    target = project / "b-note.txt"
    target.write_text(FOUND + "\n")
    (project / "a-link.txt").symlink_to("b-note.txt")
    code, out, _ = cli("check", "--diff", str(project))
    assert code == 1 and out.count(f"+{FIXED}") == 1
    assert target.read_text() == FOUND + "\n"


@root_only
def test_owner_group_and_mode_are_kept(project: Path, cli: Cli) -> None:
    note = project / "note.txt"
    note.write_text(FOUND + "\n")
    os.chown(note, OTHER_UID, OTHER_GID)
    note.chmod(0o604)
    cli("check", "--fix", str(note))
    after = note.stat()
    assert (after.st_uid, after.st_gid) == (OTHER_UID, OTHER_GID)
    assert stat.S_IMODE(after.st_mode) == 0o604
    assert note.read_text() == FIXED + "\n"


@root_only
def test_setgid_bit_survives_the_change_of_owner(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("old")
    os.chown(note, OTHER_UID, OTHER_GID)
    note.chmod(0o2640)
    atomic_write(note, b"new")
    assert stat.S_IMODE(note.stat().st_mode) == 0o2640
    assert note.stat().st_uid == OTHER_UID


def test_a_file_with_two_hard_links_is_refused_and_left_whole(project: Path, cli: Cli) -> None:
    note = project / "note.txt"
    note.write_text(FOUND + "\n")
    twin = project / "twin.txt"
    os.link(note, twin)
    inode = note.stat().st_ino
    code, _, err = cli("check", "--fix", str(note))
    assert code == 2
    assert f"vblint: error: {note}: fixes not written (it has 2 hard links" in err
    assert note.stat().st_ino == twin.stat().st_ino == inode and note.stat().st_nlink == 2
    assert note.read_text() == twin.read_text() == FOUND + "\n"
    assert _temporaries(project) == []


def test_a_walk_over_both_hard_links_reports_the_refusal_once(project: Path, cli: Cli) -> None:
    note = project / "note.txt"
    note.write_text(FOUND + "\n")
    os.link(note, project / "twin.txt")
    code, _, err = cli("check", "--fix", str(project))
    assert code == 2 and err.count("hard links") == 1
    assert note.read_text() == FOUND + "\n"


@contextmanager
def _as_other_user() -> Iterator[None]:
    """Run the block with an unprivileged effective uid and gid (root can switch back)."""
    os.setegid(OTHER_GID)
    os.seteuid(OTHER_UID)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture()
def shared_folder() -> Iterator[Path]:
    """A folder outside pytest's private temporary root, which another user can reach."""
    with tempfile.TemporaryDirectory(prefix="vblint-shared-") as name:
        folder = Path(name)
        folder.chmod(0o755)
        yield folder


@root_only
def test_without_privileges_someone_else_s_file_is_refused_not_taken(shared_folder: Path) -> None:
    note = shared_folder / "note.txt"
    note.write_text("old")
    note.chmod(0o666)  # writable by the unprivileged user, but owned by root
    shared_folder.chmod(0o777)
    with _as_other_user(), pytest.raises(WriteRefusedError, match="belongs to another user"):
        atomic_write(note, b"new")
    assert note.read_text() == "old" and note.stat().st_uid == 0
    assert _temporaries(shared_folder) == []


@root_only
def test_a_read_only_folder_leaves_the_file_and_no_temporary(shared_folder: Path) -> None:
    note = shared_folder / "note.txt"
    note.write_text("old")
    os.chown(note, OTHER_UID, OTHER_GID)  # the user's own file, in a folder they cannot write
    with _as_other_user(), pytest.raises(PermissionError):
        atomic_write(note, b"new")
    assert note.read_text() == "old"
    assert _temporaries(shared_folder) == []


def test_a_write_that_fails_half_way_leaves_the_original(project: Path) -> None:
    note = project / "note.txt"
    original = "".join(f"{FOUND} Line {i}.\n" for i in range(40))
    note.write_text(original)
    limit = len(original) // 2  # the new file cannot grow past half the old one

    def limited() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    vblint = Path(sys.executable).parent / "vblint"
    proc = subprocess.run(
        [str(vblint), "check", "--fix", str(note)],
        capture_output=True,
        text=True,
        cwd=project,
        preexec_fn=limited,
        timeout=300,
    )
    assert proc.returncode == 2
    assert f"vblint: error: {note}: fixes not written (File too large)" in proc.stderr
    assert note.read_text() == original
    assert _temporaries(project) == []


_WRITER = textwrap.dedent(
    """
    import signal
    import sys
    from pathlib import Path
    from vblint.safe_write import atomic_write

    # A suite started in the background by a shell inherits SIGINT ignored; the test is of
    # what a write does when the signal arrives, so the writer takes it as Python does.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    path = Path(sys.argv[1])
    texts = [b"a" * 4_000_000, b"b" * 4_000_000]
    print("writing", flush=True)
    i = 0
    while True:
        atomic_write(path, texts[i % 2])
        i += 1
    """
)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_write_leaves_a_whole_file_and_no_temporary(
    tmp_path: Path, signum: int
) -> None:
    """The writer rewrites the file in a loop, so the signal lands inside a write."""
    note = tmp_path / "note.txt"
    note.write_bytes(b"a" * 4_000_000)
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(note)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == "writing\n"
    for _ in range(5):  # several signals at whatever point the loop has reached
        try:
            writer.wait(0.3)
            break
        except subprocess.TimeoutExpired:
            writer.send_signal(signum)
    writer.wait(60)
    assert writer.returncode != 0
    assert note.read_bytes() in (b"a" * 4_000_000, b"b" * 4_000_000)
    assert [p.name for p in tmp_path.iterdir()] == ["note.txt"]
