"""Command line: `metodbank validate` checks the library without building the site."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .content.characters import strip_controls
from .content.similarity import changed_files, near_duplicates
from .project import load_library, placeholder_warning, site_url


def validate(root: Path, github: bool | None = None, out=sys.stdout) -> int:
    """Print every problem as `path:line: message — hint`; return the exit status."""
    if github is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
    started = time.perf_counter()
    library = load_library(root)
    library.diagnostics.extend(near_duplicates(library, changed_files(root)))
    for problem in library.diagnostics:
        print(strip_controls(str(problem)), file=out)
        if github:
            print(strip_controls(problem.github_annotation()), file=out)
    errors = len(library.errors)
    files = len({d.path for d in library.errors})
    elapsed = time.perf_counter() - started
    if errors:
        print(
            f"\n{errors} fel i {_files(files)} ({_files(len(library.entries))} utan fel, {elapsed:.2f} s).",
            file=out,
        )
        return 1
    warnings = len(library.diagnostics) - errors
    note = f" ({warnings} {'varning' if warnings == 1 else 'varningar'})" if warnings else ""
    print(f"Inga fel{note}: {_files(len(library.entries))} kontrollerade på {elapsed:.2f} s.", file=out)
    return 0


KIND_NAMES = {
    "metod": "method",
    "fall": "case",
    "framgangsfaktor": "factor",
    "framgångsfaktor": "factor",
    "rekommendation": "recommendation",
    "aktor": "organisation",
    "aktör": "organisation",
    "fardplan": "playbook",
    "färdplan": "playbook",
}


def search(
    root: Path, query: str, kind: str | None = None, theme: str | None = None, limit: int = 10, out=sys.stdout
) -> int:
    """Print ranked hits with a snippet and the page's address; the index is updated first."""
    from .search.index import SearchIndex

    library = load_library(root)
    index = SearchIndex(library, root / ".cache" / "search")
    index.update()
    kind = KIND_NAMES.get(kind, kind) if kind else None
    hits = index.search(query, kind=kind, theme=theme, limit=limit)
    address = site_url(root)
    if not hits:
        print(f"Inga träffar för {query!r}.", file=out)
        return 1
    for number, hit in enumerate(hits, 1):
        label = (
            library.entries[hit["id"]].kind.singular.lower() if hit["id"] in library.entries else hit["kind"]
        )
        for line in (
            f"{number}. {hit['title']} ({label}, poäng {hit['score']})",
            f"   {address}{hit['url']}",
            f"   {hit['snippet']}",
        ):
            print(strip_controls(line), file=out)  # no terminal codes from a content file
    return 0


def cards(
    root: Path, themes=(), methods=(), layout: str = "a5", out: Path | None = None, stream=sys.stdout
) -> int:
    """Build a deck of method cards for a course; print where it was written."""
    from .cards.card import LAYOUTS
    from .cards.deck import all_cards, select, write_deck
    from .content.crossrefs import CrossRefs

    library = load_library(root)
    if library.errors:
        for problem in library.errors:
            print(problem, file=stream)
        print("Rätta felen ovan först (invoke validate).", file=stream)
        return 1
    if layout not in LAYOUTS:
        print(f"okänd layout {layout!r}: välj {', '.join(LAYOUTS)}", file=stream)
        return 2
    address = site_url(root)
    try:
        chosen = select(library, all_cards(library, CrossRefs.build(library), address), themes, methods)
    except ValueError as error:
        print(error, file=stream)
        return 2
    if not chosen:
        print("Inga metoder matchar urvalet.", file=stream)
        return 1
    warning = placeholder_warning(address)
    if warning:
        print(warning, file=stream)
    out = out or root / f"metodkort-{layout}.pdf"
    write_deck(library, chosen, out, root / ".cache" / "cards", "Metodkort", address, layout)
    print(f"{len(chosen)} metodkort ({layout}) skrivna till {out}", file=stream)
    return 0


def _files(count: int) -> str:
    return f"{count} fil" if count == 1 else f"{count} filer"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="metodbank", description="Metodbankens verktyg")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="kontrollera alla innehållsfiler")
    check.add_argument("--root", type=Path, default=Path.cwd(), help="projektets rotmapp")
    find = sub.add_parser("search", help="sök i biblioteket")
    find.add_argument("query")
    find.add_argument("--kind", help="metod, fall, framgangsfaktor, rekommendation, aktor eller fardplan")
    find.add_argument("--theme", help="ett tema-id ur vokabulären")
    find.add_argument("--limit", type=int, default=10)
    find.add_argument("--root", type=Path, default=Path.cwd(), help="projektets rotmapp")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.root)
    if args.command == "search":
        return search(args.root, args.query, args.kind, args.theme, args.limit)
    return 2


if __name__ == "__main__":
    sys.exit(main())
