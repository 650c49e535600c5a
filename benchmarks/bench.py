"""Benchmarks: build a synthetic library of each size with all plugins and with a plain
MkDocs + Material configuration over the same Markdown, and report times, ratio, peak
memory and sizes. Run through `invoke bench`; numbers go to stdout and to a JSON file."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from metodbank.build import engine_env
from metodbank.content.kinds import KINDS
from metodbank.content.vocabulary import Vocabulary
from metodbank.project import load_library

from benchmarks.synthetic import generate_library

# Runs MkDocs in a child process and writes that process's peak memory (KiB) to a file.
_MEASURED = (
    "import atexit, resource, runpy, sys\n"
    "out = sys.argv.pop(1)\n"
    "peak = lambda: max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
    "atexit.register(lambda: open(out, 'w').write(str(peak())))\n"
    "sys.argv[0] = 'mkdocs'\n"
    "runpy.run_module('mkdocs', run_name='__main__')\n"
)

PLAIN_YML = """site_name: Plain
theme:
  name: material
  language: sv
  font: false
plugins:
  - search:
      lang: sv
nav:
  - Start: index.md
{sections}
"""


def _measured_build(project: Path, site: Path) -> tuple[float, int]:
    """Seconds and peak KiB of one `mkdocs build` of `project` into `site`."""
    rss_file = project / "peak-rss.txt"
    command = [sys.executable, "-c", _MEASURED, str(rss_file), "build", "-q", "--site-dir", str(site)]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=engine_env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"build of {project} failed:\n{result.stderr[-3000:]}")
    return elapsed, int(rss_file.read_text())


def _folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def make_projects(root: Path, cases: int, repo: Path) -> tuple[Path, Path]:
    """A full project and a plain one over the same generated Markdown."""
    full = root / "full"
    shutil.copytree(repo / "data", full / "data")
    generate_library(full, cases, Vocabulary.load(repo / "data"))
    shutil.copytree(repo / "docs", full / "docs")
    shutil.copy(repo / "mkdocs.yml", full / "mkdocs.yml")
    plain = root / "plain"
    (plain / "docs").mkdir(parents=True)
    (plain / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    sections = []
    for kind in KINDS:
        source = full / kind.folder
        target = plain / "docs" / kind.section
        target.mkdir(parents=True, exist_ok=True)
        for path in source.glob("*.md"):
            shutil.copy(path, target / path.name)
        (target / "index.md").write_text(f"# {kind.plural}\n", encoding="utf-8")
        sections.append(f"  - {kind.plural}: {kind.section}/index.md")
    (plain / "mkdocs.yml").write_text(PLAIN_YML.format(sections="\n".join(sections)), encoding="utf-8")
    return full, plain


QUERIES = (
    "mötesplats",
    "mötesplatserna",
    "ungdomar",
    "läxhjälp",
    "samverkan",
    "trygghet",
    "förening",
    "arbete praktik",
    "dialog",
    "kvinnor",
    "studiebesök",
    "områdesföretag",
    "bovärd",
    "utvärdering",
)


def search_figures(project: Path) -> dict:
    """Whoosh: fresh index build, rebuild after one changed file, related content, query latency."""
    from metodbank.search.index import SearchIndex

    library = load_library(project)
    folder = project / ".bench-index"
    index = SearchIndex(library, folder)
    started = time.perf_counter()
    index.update()
    build = time.perf_counter() - started
    started = time.perf_counter()
    index.related()
    related = time.perf_counter() - started
    case = project / "cases" / "fall-00000.md"
    case.write_text(case.read_text(encoding="utf-8") + "\nEn ny mening om läxhjälp.\n", encoding="utf-8")
    changed = SearchIndex(load_library(project), folder)
    started = time.perf_counter()
    stats = changed.update()
    rebuild = time.perf_counter() - started
    latencies = []
    for _ in range(10):
        for query in QUERIES:
            started = time.perf_counter()
            changed.search(query)
            latencies.append(time.perf_counter() - started)
    latencies.sort()
    return {
        "index_build_seconds": round(build, 2),
        "index_one_change_seconds": round(rebuild, 3),
        "index_one_change_updated": stats.updated,
        "related_seconds": round(related, 2),
        "query_median_ms": round(latencies[len(latencies) // 2] * 1000, 1),
        "query_p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000, 1),
    }


def first_query_bytes(site: Path, query: str = "mötesplats") -> int | None:
    """Bytes of Pagefind files a browser downloads for its first query (None without Chromium)."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists() or not (site / "pagefind").exists():
        return None
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    total = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium),
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
            total = sum(sizes)
            browser.close()
    finally:
        server.shutdown()
    return total


def run_size(cases: int, repo: Path) -> dict:
    """Every figure for one library size."""
    with tempfile.TemporaryDirectory(prefix=f"metodbank-bench-{cases}-") as tmp:
        full, plain = make_projects(Path(tmp), cases, repo)
        started = time.perf_counter()
        library = load_library(full)
        validate_seconds = time.perf_counter() - started
        if library.errors:
            raise RuntimeError(f"generated library has errors: {library.errors[:3]}")
        full_seconds, full_kib = _measured_build(full, full / "site")
        plain_seconds, plain_kib = _measured_build(plain, plain / "site")
        site = full / "site"
        search = [p for p in (site / "search", site / "pagefind") if p.exists()]
        browser_bytes = first_query_bytes(site)
        return {
            **search_figures(full),
            "first_query_bytes": browser_bytes,
            "cases": cases,
            "files": len(library.entries),
            "build_seconds": round(full_seconds, 2),
            "plain_build_seconds": round(plain_seconds, 2),
            "ratio": round(full_seconds / plain_seconds, 2),
            "peak_memory_mib": round(full_kib / 1024, 1),
            "plain_peak_memory_mib": round(plain_kib / 1024, 1),
            "case_page_bytes": (site / "fall" / "fall-00000" / "index.html").stat().st_size,
            "pages": sum(1 for _ in site.rglob("index.html")),
            "site_bytes": _folder_size(site),
            "search_index_bytes": sum(_folder_size(p) for p in search),
            "validate_seconds": round(validate_seconds, 2),
        }


COLUMNS = (
    ("cases", "fall"),
    ("files", "filer"),
    ("build_seconds", "bygge s"),
    ("plain_build_seconds", "enkelt s"),
    ("ratio", "kvot"),
    ("peak_memory_mib", "minne MiB"),
    ("case_page_bytes", "fallsida B"),
    ("pages", "sidor"),
    ("site_bytes", "webbplats B"),
    ("search_index_bytes", "sökindex B"),
    ("validate_seconds", "validera s"),
)

SEARCH_COLUMNS = (
    ("cases", "fall"),
    ("index_build_seconds", "index s"),
    ("index_one_change_seconds", "en ändring s"),
    ("related_seconds", "liknande s"),
    ("query_median_ms", "fråga median ms"),
    ("query_p95_ms", "fråga p95 ms"),
    ("first_query_bytes", "första sökning B"),
)


def table(rows: list[dict], columns=COLUMNS) -> str:
    """The results as a Markdown table."""
    lines = ["| " + " | ".join(title for _, title in columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(str(row.get(key)) for key, _ in columns) + " |")
    return "\n".join(lines)


def machine() -> str:
    cores = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**30
    return (
        f"{platform.machine()}, {cores} kärnor, {memory} GiB minne, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


TARGETS = "Mål vid 5 000 fall: hela bygget högst 1,5 × det enkla, validering under 5 s, toppminne under 1 GB, fallsidan lika stor vid 1 000 och 5 000 fall."
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def verdicts(rows: list[dict]) -> list[str]:
    """Each target with the measured figure and whether it is met."""
    by_size = {row["cases"]: row for row in rows}
    largest = by_size[max(by_size)]
    lines = [
        f"Bygge: {largest['ratio']} × det enkla bygget vid {largest['cases']} fall "
        + ("(uppfyllt)" if largest["ratio"] <= 1.5 else "(inte uppfyllt, se nedan)"),
        f"Validering: {largest['validate_seconds']} s "
        + ("(uppfyllt)" if largest["validate_seconds"] < 5 else "(inte uppfyllt)"),
        f"Toppminne: {largest['peak_memory_mib']} MiB "
        + ("(uppfyllt)" if largest["peak_memory_mib"] < 1024 else "(inte uppfyllt)"),
    ]
    sizes = sorted(by_size)
    if len(sizes) > 1:
        small, large = by_size[sizes[0]]["case_page_bytes"], largest["case_page_bytes"]
        change = 100 * (large - small) / small
        lines.append(
            f"Fallsidan: {small} byte vid {sizes[0]} fall och {large} byte vid {sizes[-1]} fall ({change:+.1f} %)"
        )
    return lines


def page_section(rows: list[dict], when: str, machine_text: str) -> str:
    """The measured part of the Prestanda page (between the bench markers)."""
    parts = [
        START,
        f"*Mätt {when} på {machine_text} med `invoke bench --cases {','.join(str(r['cases']) for r in rows)}`. "
        "Råa siffror: `benchmarks/results.json`.*",
        "",
        "### Bygge",
        "",
        table(rows),
        "",
        "### Sökning",
        "",
        table(rows, SEARCH_COLUMNS),
        "",
        "### Mot målen",
        "",
        TARGETS,
        "",
        *[f"- {line}" for line in verdicts(rows)],
        END,
    ]
    return "\n".join(parts)


def write_page(page: Path, rows: list[dict], when: str) -> None:
    """Replace the measured section of the Prestanda page, keeping the hand-written rest."""
    text = page.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    page.write_text(text[:start] + page_section(rows, when, machine()) + text[end:], encoding="utf-8")


def run(sizes: list[int], repo: Path, out: Path | None = None) -> list[dict]:
    rows = []
    for cases in sizes:
        rows.append(run_size(cases, repo))
        print(f"{cases} fall klart", flush=True)
    print("\nBygge (alla plugins jämfört med enkel MkDocs + Material över samma Markdown):")
    print(table(rows))
    print("\nSök (Whoosh vid bygget, Pagefind i webbläsaren):")
    print(table(rows, SEARCH_COLUMNS))
    if out is not None:
        page = repo / "docs" / "utvecklare" / "prestanda.md"
        if page.exists():
            write_page(page, rows, date.today().isoformat())
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            json.dumps({"date": date.today().isoformat(), "machine": machine(), "rows": rows}, indent=2)
            + "\n",
            encoding="utf-8",
        )
    return rows
