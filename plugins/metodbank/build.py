"""Build the site into a temporary folder and swap it in only when the build succeeded,
so a failed, interrupted or killed build never destroys the last good `site/`.

The engine (MkDocs or ProperDocs) runs as a child in its own process group. When the build
is interrupted (Ctrl-C, SIGTERM, SIGHUP) the whole group is stopped and the staging folder
removed; when this process is killed outright, the child gets SIGTERM from the kernel
(Linux) and the next build removes the orphaned staging folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

STAGING_PREFIX = ".site-build-"
PLUGINS = Path(__file__).resolve().parent.parent
"""The folder that holds this `metodbank` package: children import the same code."""


def engine_env() -> dict[str, str]:
    """The environment for engine runs: no MkDocs 2 notice from Material, and this checkout's
    `metodbank` first on the path, so a child never imports another installed copy."""
    path = os.pathsep.join(p for p in (str(PLUGINS), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}


def build_site(root: Path, site_dir: Path | None = None, strict: bool = True, engine: str = "mkdocs") -> int:
    """Build with `engine` into a fresh folder beside `site_dir`, then replace `site_dir` with it."""
    root = root.resolve()
    site_dir = (site_dir or root / "site").resolve()
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_orphans(site_dir.parent)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=site_dir.parent))
    except OSError as error:
        print(
            f"Bygget kan inte starta: {site_dir.parent} går inte att skriva i ({_reason(error)}).",
            file=sys.stderr,
        )
        return 1
    command = [
        sys.executable,
        "-m",
        engine,
        "build",
        "--site-dir",
        str(staging),
        "-f",
        str(root / "mkdocs.yml"),
    ]
    if strict:
        command.append("--strict")
    try:
        code = run_child(command, root)
        if code != 0:
            print(f"Bygget misslyckades; {site_dir} är orörd.", file=sys.stderr)
            return code
        swap_in(staging, site_dir)
    except OSError as error:
        print(f"Bygget kunde inte skrivas klart ({_reason(error)}); {site_dir} är orörd.", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return 0


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` with `staging`; the old site is kept until the new one is in place."""
    previous = site_dir.with_name(site_dir.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    try:
        staging.rename(site_dir)
    except OSError:
        if previous.exists() and not site_dir.exists():
            previous.rename(site_dir)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def run_child(command: list[str], cwd: Path) -> int:
    """Run the engine in its own process group; stop the whole group if we are interrupted.
    The handlers are in place before the child starts, so no signal slips through."""
    started: list[subprocess.Popen] = []
    with _forward_interrupts(started):
        started.append(
            subprocess.Popen(
                command, cwd=cwd, env=engine_env(), start_new_session=True, preexec_fn=_die_with_parent
            )
        )
        return started[0].wait()


@contextlib.contextmanager
def _forward_interrupts(started: list[subprocess.Popen]):
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    saved = {sig: signal.getsignal(sig) for sig in signals}

    def stop(signum, frame):
        # Only signal here: waiting inside the handler would deadlock with the wait it
        # interrupted. Leaving the `with` block below stops and reaps the group.
        for child in started:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(child.pid, signal.SIGTERM)
        print("\nBygget avbröts; den förra webbplatsen är orörd.", file=sys.stderr)
        raise SystemExit(128 + signum)

    for sig in signals:
        signal.signal(sig, stop)
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
        for child in started:
            if child.poll() is None:  # left early (a signal or an exception): never leave the engine running
                _stop_group(child)


def _stop_group(child: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGTERM)
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to send SIGTERM when the parent dies."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def remove_orphans(folder: Path) -> list[Path]:
    """Remove staging folders left by builds whose process no longer runs."""
    removed = []
    for path in folder.glob(f"{STAGING_PREFIX}*"):
        pid = path.name.removeprefix(STAGING_PREFIX).split("-", 1)[0]
        if pid.isdigit() and _alive(int(pid)):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _reason(error: OSError) -> str:
    return {28: "disken är full", 30: "filsystemet är skrivskyddat", 13: "behörighet saknas"}.get(
        error.errno or 0, error.strerror or str(error)
    )
