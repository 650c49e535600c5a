"""Lighthouse on the built site: the pages and thresholds come from data/accessibility.yml,
the site is served on 127.0.0.1 (no network), and one Chromium runs every page
(benchmarks/lighthouse.mjs, the `lighthouse` npm package). Used by the test suite and by
`invoke lighthouse`, which records the scores on the Kvalitet page."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import threading
from datetime import date
from pathlib import Path
from urllib.parse import quote

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).with_name("lighthouse.mjs")
CHROMIUM = "/usr/bin/chromium"
CATEGORY_NAMES = {
    "accessibility": "Tillgänglighet",
    "best-practices": "Bästa praxis",
    "seo": "Sökmotoroptimering",
    "performance": "Prestanda",
}
START, END = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"


def settings(root: Path = ROOT) -> dict:
    """The `lighthouse` block of data/accessibility.yml: pages and thresholds."""
    config = yaml.safe_load((root / "data" / "accessibility.yml").read_text(encoding="utf-8"))
    return config["lighthouse"]


def missing_tools(root: Path = ROOT) -> list[str]:
    """What Lighthouse needs and this machine lacks."""
    needed = {"node": shutil.which("node"), CHROMIUM: Path(CHROMIUM).exists()}
    needed["node_modules/lighthouse (npm ci)"] = (root / "node_modules" / "lighthouse").is_dir()
    return [name for name, found in needed.items() if not found]


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a web host does (GitHub Pages, most servers): text files gzipped
    when the browser accepts it. Lighthouse's simulated phone network counts the bytes."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the address with a slash
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def run(site: Path, pages: dict[str, str]) -> dict:
    """Lighthouse results per page name, for `pages` (name → path) of the built `site`."""
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        urls = {name: base + quote(path, safe="/?=&") for name, path in pages.items()}
        result = subprocess.run(
            ["node", str(SCRIPT), json.dumps(urls)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            timeout=900,
        )
    finally:
        server.shutdown()
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse misslyckades:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def measure(site: Path, pages: dict[str, str], thresholds: dict[str, int], runs: int = 3) -> dict:
    """Lighthouse results per page; a page under a threshold is measured again, up to `runs`
    times in all, and scored by the median of its runs (Lighthouse's own advice for its
    run-to-run variance, which a busy machine widens). Every run's scores are kept."""
    results = run(site, pages)
    for result in results.values():
        result["runs"] = [result["scores"]]
    for _ in range(runs - 1):
        again = {name: pages[name] for name in results if below({name: results[name]}, thresholds)}
        if not again:
            break
        for name, result in run(site, again).items():
            kept = results[name]["runs"] + [result["scores"]]
            results[name] = {**result, "runs": kept}
            results[name]["scores"] = {
                category: round(statistics.median(scores[category] for scores in kept))
                for category in result["scores"]
            }
    return results


def below(results: dict, thresholds: dict[str, int]) -> list[str]:
    """Every score under its threshold, with the audits that cost points."""
    problems = []
    for name, result in results.items():
        for category, minimum in thresholds.items():
            score = result["scores"][category]
            if score < minimum:
                audits = [f"{a['id']} ({a['score']})" for a in result["failed"] if a["category"] == category]
                problems.append(f"{name}: {category} {score} < {minimum}: {', '.join(audits)}")
    return problems


def table(results: dict, measured: date) -> str:
    """The scores as a Markdown table for the Kvalitet page."""
    names = list(CATEGORY_NAMES)
    lines = [
        f"*Mätt {measured.isoformat()} med Lighthouse på en simulerad mobil (`invoke lighthouse`).*",
        "",
        "| sida | " + " | ".join(CATEGORY_NAMES[n].lower() for n in names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for page, result in results.items():
        lines.append(f"| {page} | " + " | ".join(str(result["scores"][n]) for n in names) + " |")
    return "\n".join(lines)


def record(page: Path, results: dict, measured: date) -> None:
    """Write the table between the lighthouse markers of `page`."""
    text = page.read_text(encoding="utf-8")
    start, end = text.index(START) + len(START), text.index(END)
    page.write_text(text[:start] + "\n" + table(results, measured) + "\n" + text[end:], encoding="utf-8")
