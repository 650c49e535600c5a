"""Everything a user of Metodbanken does, as invoke tasks. Run `invoke --list`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@task
def validate(c):
    """Check every content file (no site build); list every error as path:line: message — hint."""
    from metodbank.cli import validate as run_validate

    status = run_validate(ROOT)
    if status:
        raise Exit(code=status)


@task(
    help={
        "query": "the words to search for",
        "kind": "metod, fall, framgangsfaktor, rekommendation or aktor",
        "theme": "a theme id from data/vocabulary.yml",
        "limit": "how many hits (default 10)",
    }
)
def search(c, query, kind=None, theme=None, limit=10):
    """Search the library (Whoosh, Swedish stemming): ranked hits with a snippet and the page URL."""
    from metodbank.cli import search as run_search

    status = run_search(ROOT, query, kind=kind, theme=theme, limit=int(limit))
    if status:
        raise Exit(code=status)


@task(
    iterable=["theme", "method"],
    help={
        "theme": "only methods with this theme id (repeatable)",
        "method": "these methods, in this order (repeatable)",
        "layout": "a5 (one card side per page) or a4-2up (two cards per A4 sheet, cut marks)",
        "print-shop": "for a print shop: the cards alone, A5 trim size with 3 mm bleed and crop marks",
        "out": "where to write the PDF (default metodkort-<layout>.pdf)",
    },
)
def cards(c, theme=None, method=None, layout="a5", print_shop=False, out=None):
    """Build a deck of printable method cards for a course (tagged PDF with cover and contents)."""
    from metodbank.cli import cards as run_cards

    if print_shop:
        layout = "print-shop"
    status = run_cards(ROOT, theme or [], method or [], layout, Path(out) if out else None)
    if status:
        raise Exit(code=status)


@task(help={"kind": "case, method, factor, recommendation or organisation", "title": "the title, in Swedish"})
def new(c, kind, title):
    """Create a new content file from a template: id from the title, today's date, comments on every field."""
    from metodbank.content.scaffold import new_entry

    try:
        path = new_entry(ROOT, kind, title)
    except (ValueError, FileExistsError) as error:
        print(error, file=sys.stderr)
        raise Exit(code=1) from error
    rel = path.relative_to(ROOT)
    print(f"Skapade {rel}")
    print("Nästa steg:")
    print(f"  1. Fyll i fälten i {rel} (förklaringen står ovanför varje fält).")
    print("  2. Kontrollera med: python3 -m invoke validate")
    print("  3. Förhandsgranska med: python3 -m invoke serve  (http://127.0.0.1:8000)")
    print("  4. Öppna en pull request. Se Bidra-avsnittet på webbplatsen.")


@task
def report(c):
    """List each case's completeness, inferred values and uncited claims per entry (worst first),
    content not reviewed for two years (oldest first), and warn when the accessibility statement
    was last reviewed over a year ago."""
    from datetime import date

    from metodbank.content.completeness import report as completeness_report
    from metodbank.project import load_library
    from metodbank.site.accessibility import review_warning

    print(completeness_report(load_library(ROOT)))
    warning = review_warning(ROOT / "docs" / "tillganglighet.md", date.today())
    if warning:
        print(warning)


@task
def schema(c):
    """Write the JSON Schema of each kind of content file to schemas/ (commit the result)."""
    from metodbank.content.schema import write_schemas

    for path in write_schemas(ROOT):
        print(path.relative_to(ROOT))


@task(help={"strict": "stop on MkDocs warnings too (default on)"})
def build(c, strict=True):
    """Validate and build the site into site/ (swapped in only when the build succeeds)."""
    from metodbank.build import build_site

    status = build_site(ROOT, strict=strict)
    if status:
        raise Exit(code=status)


@task(help={"port": "port on 127.0.0.1 (default 8000)"})
def serve(c, port=8000):
    """Build and serve the site on http://127.0.0.1:8000; a save rebuilds only the pages it affects."""
    from metodbank.build import engine_env

    command = f"{sys.executable} -m mkdocs serve --dirtyreload --livereload -a 127.0.0.1:{port}"
    c.run(command, pty=False, env=engine_env())


@task
def lint(c):
    """ruff check and ruff format --check over the code."""
    c.run(f"{sys.executable} -m ruff check .")
    c.run(f"{sys.executable} -m ruff format --check .")


@task(help={"k": "only tests matching this pytest -k expression"})
def test(c, k=""):
    """Lint, check that every import is declared (deptry), then run the whole test suite (pytest)."""
    lint(c)
    c.run(f"{sys.executable} -m deptry .")
    selection = f" -k {k!r}" if k else ""
    c.run(f"{sys.executable} -m pytest{selection}", pty=False)


@task
def lighthouse(c):
    """Build the site, run Lighthouse on the pages in data/accessibility.yml and record the scores on docs/kvalitet.md."""
    import tempfile
    from datetime import date

    from metodbank.build import build_site

    from benchmarks import lighthouse as lh

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        if build_site(ROOT, site_dir=site, strict=True):
            raise Exit(code=1)
        settings = lh.settings()
        results = lh.measure(site, settings["pages"], settings["thresholds"])
    lh.record(ROOT / "docs" / "kvalitet.md", results, date.today())
    print(lh.table(results, date.today()))
    for problem in lh.below(results, settings["thresholds"]):
        print(f"under kravet: {problem}")


@task(
    help={
        "cases": "comma-separated library sizes (default 1000,2000,5000)",
        "out": "JSON file for the numbers (shown on the Prestanda page)",
        "samples": "builds of each kind per size, median reported (at least 3)",
        "edits": "saves timed under serve per size",
    }
)
def bench(c, cases="1000,2000,5000", out="benchmarks/results.json", samples=3, edits=5):
    """Measure builds of synthetic libraries against plain MkDocs + Material; print and save the figures."""
    from benchmarks import bench as benchmark

    sizes = [int(size) for size in cases.split(",") if size]
    benchmark.run(sizes, ROOT, ROOT / out if out else None, samples=int(samples), edits=int(edits))
