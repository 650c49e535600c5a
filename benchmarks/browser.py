"""Bytes of the Pagefind files a browser downloads for its first search (real Chromium)."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")


def first_query_bytes(site: Path, query: str = "mötesplats") -> int | None:
    """Bytes of Pagefind files a browser downloads for its first query (None without Chromium)."""
    if not CHROMIUM.exists() or not (site / "pagefind").exists():
        return None
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            tab = browser.new_page()
            sizes: list[int] = []
            tab.on("response", lambda r: sizes.append(len(r.body())) if "/pagefind/" in r.url else None)
            tab.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            box = tab.locator("[data-mb-search-input]")
            box.click()
            box.fill(query)
            tab.wait_for_function(
                "document.querySelector('[data-mb-search-meta]').textContent.match(/träff/)"
            )
            tab.wait_for_load_state("networkidle")
            browser.close()
            return sum(sizes)
    finally:
        server.shutdown()
