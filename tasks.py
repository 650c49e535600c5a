"""Allt man gör med Metodbanken, som invoke-uppgifter. Kör `invoke --list` för en översikt och
`invoke --help <uppgift>` för en uppgifts val. (Task docstrings are the Swedish help texts.)"""

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
    """Kontrollera alla innehållsfiler (utan att bygga) och lista varje fel som fil:rad: fel — hur du rättar det."""
    from metodbank.cli import validate as run_validate

    status = run_validate(ROOT)
    if status:
        raise Exit(code=status)


@task(
    help={
        "query": "orden du söker efter",
        "kind": "bara en typ: metod, fall, framgangsfaktor, rekommendation eller aktor",
        "theme": "bara ett tema, med dess kod ur data/vocabulary.yml (till exempel motesplatser)",
        "limit": "hur många träffar (10 om inget anges)",
    }
)
def search(c, query, kind=None, theme=None, limit=10):
    """Sök i biblioteket (svensk stamning): träffar i ordning med utdrag och sidans adress."""
    from metodbank.cli import search as run_search

    status = run_search(ROOT, query, kind=kind, theme=theme, limit=int(limit))
    if status:
        raise Exit(code=status)


@task(
    iterable=["theme", "target_group", "method"],
    help={
        "theme": "metoder med det här temat, som kod eller namn (motesplatser eller Mötesplatser); "
        "flera --theme betyder något av temana (eller)",
        "target-group": "metoder för den här målgruppen, som kod eller namn; flera betyder någon av dem; "
        "tillsammans med --theme krävs både tema och målgrupp (och)",
        "method": "just de här metoderna, i den här ordningen (metodens kod, filnamnet utan .md); går att upprepa",
        "layout": "a5 (en kortsida per sida) eller a4-2up (två kort per A4-ark, med skärmärken)",
        "print-shop": "för ett tryckeri: bara korten, A5 med 3 mm utfall och skärmärken",
        "out": "var PDF-filen ska hamna (metodkort-<layout>.pdf om inget anges); passplan och visningsläge hamnar bredvid",
    },
)
def cards(c, theme=None, target_group=None, method=None, layout="a5", print_shop=False, out=None):
    """Gör en kortlek för ett utbildningspass, med passplan och visningsläge.

    PDF (taggad) med omslag, innehåll och korten, en passplan för två timmar (PDF, en A4-sida)
    och ett visningsläge med en metod per skärm (HTML)."""
    from metodbank.cli import cards as run_cards

    if print_shop:
        layout = "print-shop"
    status = run_cards(
        ROOT,
        theme or [],
        method or [],
        layout,
        Path(out) if out else None,
        target_groups=target_group or [],
    )
    if status:
        raise Exit(code=status)


@task(
    iterable=["organisation"],
    help={
        "kind": "vad du skapar: case (fall), method (metod), factor (framgångsfaktor), "
        "recommendation (rekommendation) eller organisation (aktör)",
        "title": "rubriken, på svenska; filens namn görs av den",
        "organisation": "för ett fall: en aktör som deltog, med namn (går att upprepa); "
        "aktörer som saknas skapas också",
    },
)
def new(c, kind, title, organisation=None):
    """Skapa en ny innehållsfil från en mall; ett nytt fall erbjuder att skapa aktörer som saknas.

    Ovanför varje fält i filen står vad det ska innehålla. Ett nytt fall frågar vilka aktörer som
    deltog, känner igen dem som redan finns och erbjuder att skapa dem som saknas."""
    from metodbank.cli import new as run_new

    ask = input if sys.stdin.isatty() else None
    status = run_new(ROOT, kind, title, organisation or [], ask=ask)
    if status:
        raise Exit(code=status)


@task
def report(c):
    """Visa hur fullständigt varje fall är, tolkade värden och påståenden utan källa (sämst först),
    vad som inte granskats på två år, och varna när tillgänglighetsredogörelsen är över ett år gammal."""
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
    """Skriv JSON Schema för varje typ av innehållsfil till schemas/ (checka in resultatet)."""
    from metodbank.content.schema import write_schemas

    for path in write_schemas(ROOT):
        print(path.relative_to(ROOT))


@task(help={"strict": "stoppa även på varningar från MkDocs (på om inget anges)"})
def build(c, strict=True):
    """Kontrollera innehållet och bygg webbplatsen i site/ (byts ut först när bygget har lyckats)."""
    from metodbank.build import build_site

    status = build_site(ROOT, strict=strict)
    if status:
        raise Exit(code=status)


@task(help={"port": "porten på 127.0.0.1 (8000 om inget anges)"})
def serve(c, port=8000):
    """Bygg och visa webbplatsen på http://127.0.0.1:8000; en sparad fil bygger bara om sidorna den berör."""
    from metodbank.build import engine_env

    command = f"{sys.executable} -m mkdocs serve --dirtyreload --livereload -a 127.0.0.1:{port}"
    c.run(command, pty=False, env=engine_env())


@task
def lint(c):
    """Kontrollera koden med ruff check och ruff format --check."""
    c.run(f"{sys.executable} -m ruff check .")
    c.run(f"{sys.executable} -m ruff format --check .")


@task(help={"k": "bara tester som matchar det här pytest -k-uttrycket"})
def test(c, k=""):
    """Kontrollera koden, att varje import är deklarerad (deptry), och kör hela testsviten (pytest)."""
    lint(c)
    c.run(f"{sys.executable} -m deptry .")
    selection = f" -k {k!r}" if k else ""
    c.run(f"{sys.executable} -m pytest{selection}", pty=False)


@task
def lighthouse(c):
    """Bygg webbplatsen, kör Lighthouse på sidorna i data/accessibility.yml och skriv resultaten i docs/kvalitet.md."""
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
        "cases": "storlekar på biblioteken, med kommatecken emellan (1000,2000,5000 om inget anges)",
        "out": "JSON-fil för mätvärdena (visas på sidan Prestanda)",
        "samples": "byggen av varje slag per storlek; medianen redovisas (minst 3)",
        "edits": "sparade ändringar under serve som tidmäts per storlek",
    }
)
def bench(c, cases="1000,2000,5000", out="benchmarks/results.json", samples=3, edits=5):
    """Mät byggen av syntetiska bibliotek mot enbart MkDocs + Material; skriv ut och spara mätvärdena."""
    from benchmarks import bench as benchmark

    sizes = [int(size) for size in cases.split(",") if size]
    benchmark.run(sizes, ROOT, ROOT / out if out else None, samples=int(samples), edits=int(edits))
