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
    root: Path,
    themes=(),
    methods=(),
    layout: str = "a5",
    out: Path | None = None,
    stream=sys.stdout,
    target_groups=(),
) -> int:
    """Build a deck of method cards for a course, with its time plan and presentation mode;
    print what was chosen and where it was written."""
    from .cards.card import LAYOUTS
    from .cards.deck import LEAD, all_cards, cover, describe_selection, select, write_deck
    from .cards.pdf import html_to_pdf
    from .cards.session import session_html, slides_html
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
        chosen = select(
            library, all_cards(library, CrossRefs.build(library), address), themes, methods, target_groups
        )
        selection = describe_selection(library, themes, target_groups)
    except ValueError as error:
        print(error, file=stream)
        return 2
    if selection and not methods:
        print(f"Urval: metoder med {selection}.", file=stream)
    if not chosen:
        print("Inga metoder matchar urvalet.", file=stream)
        return 1
    warning = placeholder_warning(address)
    if warning:
        print(warning, file=stream)
    out = out or root / f"metodkort-{layout}.pdf"
    write_deck(library, chosen, out, root / ".cache" / "cards", "Metodkort", address, layout)
    print(f"{len(chosen)} metodkort ({layout}) skrivna till {out}", file=stream)
    front = cover(library, "Metodkort", LEAD, chosen, address)
    plan, slides = out.with_name(out.stem + "-passplan.pdf"), out.with_name(out.stem + "-visning.html")
    plan.write_bytes(html_to_pdf(session_html("Metodkort", chosen, front)))
    slides.write_text(slides_html("Metodkort", chosen, front), encoding="utf-8")
    print(f"Passplan för två timmar (en A4-sida): {plan}", file=stream)
    print(f"Visningsläge, en metod per skärm (öppna i webbläsaren): {slides}", file=stream)
    return 0


def _yes(answer: str, default: bool) -> bool:
    answer = answer.strip().lower()
    return default if not answer else answer[0] in "jy"


def _organisations(root: Path, names: list[str], ask, out) -> tuple[list[str], list[Path]]:
    """The ids of the named organisations, creating the missing ones (asking first when `ask`)."""
    from .content.scaffold import match_organisation, new_entry, organisation_titles

    titles = organisation_titles(root)
    ids, created = [], []
    for name in names:
        found, close = match_organisation(name, titles)
        if found is None and close and ask is not None:
            guess = close[0]
            if _yes(ask(f"Menade du {titles[guess]} (organisations/{guess}.md)? [j/N] "), False):
                found = guess
        if found is None:
            question = f"Aktören {name!r} finns inte i Metodbanken. Ska den skapas? [J/n] "
            if ask is not None and not _yes(ask(question), True):
                print(f"Hoppar över {name!r}; lägg till aktörens id under organisations senare.", file=out)
                continue
            path = new_entry(root, "organisation", name)
            created.append(path)
            found = path.stem
            titles[found] = name
            print(f"Skapade {path.relative_to(root)} – fyll i den också.", file=out)
        if found not in ids:
            ids.append(found)
    return ids, created


def new(root: Path, kind: str, title: str, organisations=(), ask=None, out=sys.stdout) -> int:
    """`invoke new`: a new content file from the template. For a case, the actors that took
    part are looked up by name, and the missing ones are created (after asking, when `ask`
    is a function that reads an answer)."""
    from .content.scaffold import KIND_ALIASES, new_entry

    names = [n for n in organisations if n.strip()]
    is_case = KIND_ALIASES.get(kind) == "case"
    if is_case and not names and ask is not None:
        print("Vilka aktörer deltog? Skriv ett namn per rad och avsluta med en tom rad.", file=out)
        while name := ask("Aktör: ").strip():
            names.append(name)
    try:
        ids, created = _organisations(root, names, ask, out) if is_case else ([], [])
        path = new_entry(root, kind, title, organisations=ids)
    except (ValueError, FileExistsError) as error:
        print(error, file=out)
        return 1
    rel = path.relative_to(root)
    folders = " ".join(sorted({p.relative_to(root).parts[0] for p in [path, *created]}))
    print(f"Skapade {rel}", file=out)
    print("Nästa steg:", file=out)
    print(f"  1. Fyll i fälten i {rel} (förklaringen står ovanför varje fält).", file=out)
    print("  2. Kontrollera med: python3 -m invoke validate", file=out)
    print("  3. Förhandsgranska med: python3 -m invoke serve  (http://127.0.0.1:8000)", file=out)
    print(f"  4. Skicka in allt nytt: git add {folders}, sedan git commit och en pull request.", file=out)
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
