"""Faults: a build that is interrupted, killed or cannot write never destroys the last good
site, leaves no staging folder behind and no engine process running."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MKDOCS_YML_ALL, make_site_project
from metodbank.build import STAGING_PREFIX, build_site, engine_env, remove_orphans

BUILD = "import sys; from pathlib import Path; from metodbank.build import build_site; sys.exit(build_site(Path(sys.argv[1]), Path(sys.argv[2])))"


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def processes_mentioning(text: str) -> list[int]:
    """Pids of running processes whose command line contains `text` (zombies excluded)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state != "Z":
            found.append(int(proc.name))
    return found


def wait_for(condition, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def built_project(tmp_path):
    """A small project with every plugin, built once: (project, site, hash of the site)."""
    project = make_site_project(tmp_path / "project", MKDOCS_YML_ALL)
    site = tmp_path / "out" / "site"
    assert build_site(project, site) == 0
    return project, site, tree_hash(site)


SLOW_HOOK = """import time


def on_post_build(config):
    time.sleep(300)  # a build that takes long: the test stops it before it ends
"""


def start_build(project: Path, site: Path) -> tuple[subprocess.Popen, Path]:
    """A slow build in a child process, once its engine is running: (process, staging folder)."""
    (project / "slow_hook.py").write_text(SLOW_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - slow_hook.py\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", BUILD, str(project), str(site)], env=engine_env())
    staging: list[Path] = []

    def engine_running() -> bool:
        staging[:] = list(site.parent.glob(f"{STAGING_PREFIX}{process.pid}-*"))
        return bool(staging) and bool(processes_mentioning(str(staging[0])))

    assert wait_for(engine_running), "the engine never started"
    return process, staging[0]


def test_an_interrupted_build_stops_its_engine_and_leaves_everything_as_it_was(built_project):
    project, site, before = built_project
    process, staging = start_build(project, site)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 128 + signal.SIGTERM
    assert wait_for(lambda: not processes_mentioning(str(staging)), 15), "the engine is still running"
    assert not staging.exists()
    assert list(site.parent.glob(f"{STAGING_PREFIX}*")) == []
    assert tree_hash(site) == before


def test_a_killed_build_takes_its_engine_along_and_the_next_build_cleans_up(built_project):
    project, site, before = built_project
    process, staging = start_build(project, site)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    # The kernel sends the engine SIGTERM when its parent dies (PR_SET_PDEATHSIG).
    assert wait_for(lambda: not processes_mentioning(str(staging)), 30), "the engine outlived its parent"
    assert tree_hash(site) == before
    config = project / "mkdocs.yml"  # the next build is a normal, quick one
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n  - slow_hook.py\n", ""), "utf-8")
    assert build_site(project, site) == 0
    assert list(site.parent.glob(f"{STAGING_PREFIX}*")) == []


def test_orphaned_staging_folders_are_removed_but_running_ones_kept(tmp_path):
    dead = tmp_path / f"{STAGING_PREFIX}999999999-abc"
    running = tmp_path / f"{STAGING_PREFIX}{os.getpid()}-abc"
    dead.mkdir()
    running.mkdir()
    assert remove_orphans(tmp_path) == [dead]
    assert running.exists() and not dead.exists()


def test_a_full_or_read_only_disk_gives_a_message_not_a_traceback(tmp_path):
    """The file system refuses the write (as root, chmod does not stop us: a file stands
    where the folder should be, which fails the same way a read-only mount does)."""
    project = make_site_project(tmp_path / "project")
    blocker = tmp_path / "out"
    blocker.write_text("ingen mapp")
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(project), str(blocker / "site")],
        env=engine_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Bygget kan inte starta" in result.stderr


def test_a_control_character_saved_under_serve_shows_an_error_and_serving_goes_on(tmp_path):
    """A BEL saved into a file while `mkdocs serve` runs: the rebuild lists the error (in
    Swedish, with the line) and the other pages are still served; nothing gets stuck."""
    import urllib.request

    from conftest import VALID

    from benchmarks.serve import free_port

    project = make_site_project(tmp_path / "project")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=engine_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def page(path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        assert wait_for(lambda: "Välkommen" in page(""), 60)
        broken = VALID["cases/fallet.md"].replace(
            "title: Mötesplats i Hageby", "title: Mötes\x07plats i Hageby"
        )
        (project / "cases" / "fallet.md").write_text(broken, encoding="utf-8")
        assert wait_for(lambda: "U+0007 BEL" in page("innehallsfel/"), 60), "the error never showed"
        assert "cases/fallet.md:2:" in page("innehallsfel/")
        assert "Kvällsöppen mötesplats" in page("metoder/motesplats/")
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    assert "\x07" not in (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")
