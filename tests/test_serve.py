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
        assert "cases/fallet.md:12: ogiltigt värde &#39;x&#39; i &#39;status&#39;" in errors_page
        start = fetch(f"http://127.0.0.1:{port}/")
        assert "Välkommen" in start
        assert '1 fel i innehållet – <a href="innehallsfel/">se listan</a>' in start
        # Valid files are still published; the broken one is not.
        assert "Kvällsöppen mötesplats" in fetch(f"http://127.0.0.1:{port}/metoder/motesplats/")
        assert server.poll() is None
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "cases/fallet.md:12: ogiltigt värde 'x' i 'status'" in output
