"""`mkdocs serve` with content errors: the errors are shown, and the site keeps serving."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from conftest import VALID, write_library
from metodbank.build import engine_env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_shows_errors_and_keeps_serving(site_project):
    write_library(
        site_project, {"cases/fallet.md": VALID["cases/fallet.md"].replace("status: avslutad", "status: x")}
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=site_project,
        env=engine_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        errors_page = fetch(f"http://127.0.0.1:{port}/innehallsfel/")
        assert "cases/fallet.md:12: ogiltigt värde &#39;x&#39; i status" in errors_page
        start = fetch(f"http://127.0.0.1:{port}/")
        assert "Välkommen" in start
        assert '1 fel i innehållet – <a href="innehallsfel/">se listan</a>' in start
        # Valid files are still published; the broken one is not.
        assert "Kvällsöppen mötesplats" in fetch(f"http://127.0.0.1:{port}/metoder/motesplats/")
        assert server.poll() is None
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "cases/fallet.md:12: ogiltigt värde 'x' i status" in output


def wait_for(url: str, text: str, timeout: float = 60.0) -> str:
    """The page at `url` once it contains `text` (the server rebuilds after a change)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            page = fetch(url, timeout=5)
        except OSError:
            page = ""
        if text in page:
            return page
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never appeared on {url}:\n{page[:2000]}")
        time.sleep(0.5)


def test_a_broken_file_shows_its_own_page_with_swedish_errors(site_project):
    """The contributor looks at the page of the file they edit: after a mistake it shows what is
    wrong, line by line in Swedish, and the last version that worked, never an English 404."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],  # watches files: rebuilds
        cwd=site_project,
        env=engine_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    page = f"http://127.0.0.1:{port}/fall/fallet/"
    try:
        good = wait_for(page, "Mötesplats i Hageby")
        # Completeness is shown to the contributor in the preview (never on the published site).
        assert "Fullständighet (syns bara i förhandsgranskningen)" in good
        write_library(
            site_project,
            {"cases/fallet.md": VALID["cases/fallet.md"].replace("status: avslutad", "status: x")},
        )
        broken = wait_for(page, "Fel i cases/fallet.md")
        assert "404" not in broken and "Not found" not in broken
        assert "<strong>Rad 12:</strong> ogiltigt värde &#39;x&#39; i status" in broken
        assert "välj ett av: planerad, pågår, avslutad" in broken
        assert "Senast fungerande version" in broken and "Brödtext om fallet." in broken
        assert server.poll() is None
    finally:
        server.terminate()
        server.communicate(timeout=20)
