"""The edit round trip under `mkdocs serve --dirtyreload` (what `invoke serve` runs): from
saving a case file with a new title to the case page and a page that lists the case (its
method's "Använd i fall") both being served with the new title."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from metodbank.build import engine_env
from metodbank.content.crossrefs import CrossRefs
from metodbank.content.urls import entry_url
from metodbank.project import load_library


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def pick_case(project: Path) -> tuple[Path, str, str]:
    """A case that a method lists: its file, its page and the method's page."""
    library = load_library(project)
    refs = CrossRefs.build(library)
    for method in library.of_kind("method"):
        cases = refs.cases_using(method.id)
        if cases:
            case = cases[0]
            return case.source.path, entry_url(case), entry_url(method)
    raise RuntimeError("no case is used by a method")


def retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^title:.*$", f'title: "{title}"', text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def wait_for(urls: list[str], needle: str, timeout: float) -> float:
    """Seconds until every url serves `needle` (polled every 10 ms)."""
    started = time.perf_counter()
    waiting = list(urls)
    while waiting:
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"{waiting} did not show {needle!r} within {timeout} s")
        waiting = [url for url in waiting if needle not in (get(url) or "")]
        if waiting:
            time.sleep(0.01)
    return time.perf_counter() - started


def edit_roundtrips(project: Path, edits: int = 5, start_timeout: float = 900) -> list[float]:
    """Start serve on `project`, then time `edits` saves of one case (see the module)."""
    case_file, case_url, method_url = pick_case(project)
    original = case_file.read_text(encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirtyreload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=engine_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    times = []
    try:
        wait_for([base + case_url], "<html", start_timeout)
        time.sleep(1.0)  # let the file watcher settle after the first build
        for number in range(1, edits + 1):
            title = f"Mätfall {number} {time.time_ns()}"
            started = time.perf_counter()
            retitle(case_file, title)
            wait_for([base + case_url, base + method_url], title, timeout=120)
            times.append(time.perf_counter() - started)
            time.sleep(0.5)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        case_file.write_text(original, encoding="utf-8")
    return times
