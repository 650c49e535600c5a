"""How methods and cases spread: who copied whom, when and what changed (from `copied_from`),
and where each method has been used, grouped by county (län). Drawn as inline SVG at build
time with a text equivalent beside it, on entry pages and on the site-wide "Spridning" page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from ..content.library import Entry
from ..content.provenance import is_inferred
from .diagram import Edge, Node, diagram_svg
from .html import Link, Rendered, assemble, block, paragraph
from .marks import mark
from .view import SiteView

SPREAD_URI = "spridning/index.md"
NATIONAL = "Nationellt eller utan angiven kommun"
MAP_NOTE = (
    "En karta visas bara om kommunernas koordinater kommer från en öppen datamängd vars licens "
    "står i förrådet. Någon sådan datamängd finns inte här ännu, så platserna listas per län. "
    "Länen kommer från SCB:s kommunlista i data/kommuner.yml."
)


@dataclass
class Spread:
    """A lineage or a method's use as layers of nodes, the arrows between them, and one
    text row per node below the top (what it is, where, when, what changed)."""

    layers: list[list[Node]]
    edges: list[Edge]
    rows: list[dict]


def place(item) -> str:
    return ", ".join(
        p for p in (getattr(item, "district", None), getattr(item, "municipality", None)) if p
    ) or ("Nationellt")


def year(item) -> str:
    """The start year, with ' (tolkat)' when the editors inferred it (SVG text has no markup)."""
    period = getattr(item, "period", None)
    if not period:
        return "år okänt"
    return period.start[:4] + (" (tolkat)" if is_inferred(item, "period.start") else "")


def _node(entry: Entry, current: Entry | None) -> Node:
    meta = f"{place(entry.item)}, {year(entry.item)}" if entry.kind.name == "case" else entry.kind.singular
    return Node(entry.id, entry.title, meta, current=current is not None and entry.id == current.id)


def root_of(view: SiteView, entry: Entry) -> Entry:
    """The original at the top of a case's lineage (a case or a method), following `copied_from`."""
    seen = {entry.id}
    while getattr(entry.item, "copied_from", None) is not None:
        original = view.library.entries.get(entry.item.copied_from.id)
        if original is None or original.id in seen:
            break
        seen.add(original.id)
        entry = original
    return entry


def _row(view: SiteView, entry: Entry, parent: Entry, how: str, current: str) -> dict:
    copied = getattr(entry.item, "copied_from", None)
    return {
        "link": view.link(entry.id, current),
        "place": place(entry.item),
        "year": Markup("{}{}").format(
            year(entry.item).removesuffix(" (tolkat)"), mark(entry.item, "period.start")
        )
        if getattr(entry.item, "period", None)
        else "år okänt",
        "parent": view.link(parent.id, current),
        "how": how,
        "changes": copied.changes if copied is not None and copied.id == parent.id else None,
        "inferred": mark(entry.item, "copied_from") if how == "kopierade" else Markup(""),
    }


def _uses(refs, method: Entry) -> list[Entry]:
    """The cases that used a method, except copies of another of those cases (they hang
    under their original instead)."""
    cases = refs.cases_using(method.id)
    ids = {c.id for c in cases}
    return [c for c in cases if c.item.copied_from is None or c.item.copied_from.id not in ids]


def lineage(
    view: SiteView, top: Entry, current_entry: Entry | None, current: str, with_cases: bool
) -> Spread:
    """`top` and everything below it, generation by generation: its cases (for a method,
    when `with_cases`) and every copy of a copy. `current_entry` is marked (the page's own)."""
    refs = view.refs
    layers, edges, rows = [[_node(top, current_entry)]], [], []
    frontier, seen = [top], {top.id}
    while frontier:
        below: list[Entry] = []
        for parent in frontier:
            children = [(c, "kopierade") for c in refs.copies_of(parent.id)]
            if with_cases and parent.kind.name == "method":
                children = [(c, "använde") for c in _uses(refs, parent)] + children
            for child, how in children:
                if child.id in seen:
                    continue
                seen.add(child.id)
                below.append(child)
                label = "kopierade" if how == "kopierade" else "användes"
                guessed = how == "kopierade" and is_inferred(child.item, "copied_from.id")
                edges.append(
                    Edge(parent.id, child.id, f"{label}{' (tolkat)' if guessed else ''} {year(child.item)}")
                )
                rows.append(_row(view, child, parent, how, current))
        if below:
            layers.append([_node(e, current_entry) for e in below])
        frontier = below
    return Spread(layers, edges, rows)


def entry_spread(view: SiteView, entry: Entry, current: str) -> Spread | None:
    """The spread shown on a method's or case's page: a method with copies or several cases,
    a case that was copied or copied another. None when there is nothing to draw."""
    refs = view.refs
    if refs is None or entry.kind.name not in ("method", "case"):
        return None
    if entry.kind.name == "method":
        cases = refs.cases_using(entry.id)
        copies = refs.copies_of(entry.id) or [c for case in cases for c in refs.copies_of(case.id)]
        if len(cases) < 2 and not copies:
            return None
        return lineage(view, entry, entry, current, with_cases=True)
    if entry.item.copied_from is None and not refs.copies_of(entry.id):
        return None
    return lineage(view, root_of(view, entry), entry, current, with_cases=False)


def spread_figure(spread: Spread, prefix: str, name: str) -> Markup:
    """The SVG with its text equivalent (who, where, when, from whom, what changed)."""
    svg = diagram_svg(spread.layers, spread.edges, prefix, name, f"{prefix}-text")
    return block("spread.html", svg=svg, rows=spread.rows, text_id=f"{prefix}-text")


def spread_name(top: Entry, spread: Spread) -> str:
    copies = sum(1 for row in spread.rows if row["how"] == "kopierade")
    uses = len(spread.rows) - copies
    bits = [f"{uses} fall som använde den"] if uses else []
    if copies:
        bits.append(f"{copies} {'kopia' if copies == 1 else 'kopior'}")
    return f"Spridningen av {top.title}: " + " och ".join(bits) + "."


def places_by_county(
    view: SiteView, cases: list[Entry], current: str
) -> list[tuple[str, list[tuple[str, list[Link]]]]]:
    """(county, [(municipality, case links)]) for `cases`, counties and places sorted by name;
    cases without a municipality last, under NATIONAL."""
    grouped: dict[str, dict[str, list[Link]]] = defaultdict(lambda: defaultdict(list))
    for case in cases:
        municipality = case.item.municipality
        county = view.vocabulary.counties.get(municipality, NATIONAL) if municipality else NATIONAL
        where = municipality or (
            "Nationellt" if getattr(case.item, "scope", "") == "nationell" else "Kommun ej angiven"
        )
        grouped[county][where].append(view.link(case.id, current))
    order = sorted((c for c in grouped if c != NATIONAL), key=str.lower) + (
        [NATIONAL] if NATIONAL in grouped else []
    )
    return [(county, sorted(grouped[county].items(), key=lambda kv: kv[0].lower())) for county in order]


def used_where(view: SiteView, entry: Entry, current: str) -> Markup | None:
    """Where a method has been used, grouped by county (län)."""
    cases = view.refs.cases_using(entry.id) if view.refs is not None else []
    if not cases:
        return None
    return block("counties.html", counties=places_by_county(view, cases, current))


def spread_sections(view: SiteView, entry: Entry, current: str) -> list:
    """The spread diagram and, for a method, where it has been used (both when there is something)."""
    parts: list = []
    spread = entry_spread(view, entry, current)
    if spread is not None:
        top = view.library.entries[spread.layers[0][0].key]
        heading = {"method": "Kopior och spridning", "case": "Kopior av fallet"}[entry.kind.name]
        if entry.kind.name == "case" and not view.refs.copies_of(entry.id):
            heading = "Förlagan och dess kopior"
        parts += [f"## {heading}", spread_figure(spread, f"sp-{entry.id}", spread_name(top, spread))]
    if entry.kind.name == "method":
        where = used_where(view, entry, current)
        if where is not None:
            parts += ["## Var metoden har använts", where]
    return parts


def spread_page(view: SiteView) -> Rendered:
    """The "Spridning" page: every lineage in the library, and where each method has been used."""
    current = "spridning/"
    refs = view.refs
    parts: list = [
        "# Spridning",
        paragraph(
            "Här syns hur metoder och fall har spridits: vilket fall som kopierade vilket, när, och vad "
            "som ändrades. Längre ned står var varje metod har använts, ordnat per län."
        ),
        "## Kopior",
    ]
    roots = sorted(
        {root_of(view, view.library.entries[c]).id for c in refs.copies if c in view.library.entries},
    )
    for root_id in roots:
        root = view.library.entries[root_id]
        spread = lineage(view, root, None, current, with_cases=False)
        parts += [f"### {root.title}", spread_figure(spread, f"sp-{root.id}", spread_name(root, spread))]
    if not roots:
        parts.append(paragraph("Inga kopior är registrerade i Metodbanken ännu."))
    parts += ["## Var metoderna har använts", paragraph(MAP_NOTE)]
    for method in view.library.of_kind("method"):
        where = used_where(view, method, current)
        if where is not None:
            parts += [f"### {method.title}", where]
    return assemble("Spridning", parts)
