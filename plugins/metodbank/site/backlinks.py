"""What points at an entry, computed from the references written elsewhere: backlinks per
kind, copy + paste lineage, and related entries from the search index."""

from __future__ import annotations

from markupsafe import Markup

from ..content.library import Entry
from .html import block
from .marks import mark
from .view import SiteView


def backlink_sections(view: SiteView, entry: Entry, current: str) -> list:
    """The backlink, lineage and related sections of one entry page."""
    parts = []
    for heading, entries in _backlinks(view, entry):
        if entries:
            parts += [f"## {heading}", view.entry_list(entries, current)]
    if entry.kind.name in ("method", "case"):
        parts += lineage_section(view, entry, current)
    related = (view.library.related or {}).get(entry.id)
    if related:
        heading = "Liknande metoder" if entry.kind.name == "method" else "Liknande fall"
        parts += [f"## {heading}", view.entry_list([view.library.entries[i] for i in related], current)]
    return parts


def _backlinks(view: SiteView, entry: Entry) -> list[tuple[str, list[Entry]]]:
    refs = view.refs
    kind = entry.kind.name
    if kind == "method":
        return [
            ("Använd i fall", refs.cases_using(entry.id)),
            ("Kombineras med", refs.referring(entry.id, "method", "combine_with")),
            ("Framgångsfaktorer för metoden", refs.referring(entry.id, "factor", "methods")),
            ("Rekommendationer om metoden", refs.referring(entry.id, "recommendation", "methods")),
        ]
    if kind == "case":
        own = set(entry.item.success_factors)
        return [
            (
                "Framgångsfaktorer som fallet stöder",
                [f for f in refs.factors_for_case(entry.id) if f.id not in own],
            ),
            ("Rekommendationer som bygger på fallet", refs.referring(entry.id, "recommendation", "cases")),
        ]
    if kind == "factor":
        return [
            ("Fall som stöder framgångsfaktorn", refs.supporting_cases(entry)),
            (
                "Rekommendationer som bygger på den",
                refs.referring(entry.id, "recommendation", "success_factors"),
            ),
        ]
    if kind == "recommendation":
        return [("Fall som stöder rekommendationen", refs.supporting_cases(entry))]
    if kind == "organisation":
        cases = refs.cases_of_organisation(entry.id)
        return [("Fall där aktören deltog", cases), ("Metoder i aktörens fall", refs.methods_of_cases(cases))]
    return []


def lineage_section(view: SiteView, entry: Entry, current: str) -> list:
    """Copy + paste lineage: each copy with place, year and what it changed."""
    refs = view.refs
    copies = [(copy, None) for copy in refs.copies_of(entry.id)]
    if entry.kind.name == "method":
        for case in refs.cases_using(entry.id):
            copies += [(copy, case) for copy in refs.copies_of(case.id)]
    if not copies:
        return []
    rows = []
    for copy, via in copies:
        item = copy.item
        rows.append(
            {
                "link": view.link(copy.id, current),
                "place": ", ".join(p for p in (item.district, item.municipality) if p) or "Nationellt",
                "year": Markup("{}{}").format(item.period.start[:4], mark(item, "period.start"))
                if item.period
                else "år okänt",
                "via": view.link(via.id, current) if via else None,
                "changes": item.copied_from.changes,
                "inferred": mark(item, "copied_from"),
            }
        )
    heading = "Kopior av fallet" if entry.kind.name == "case" else "Kopior och spridning"
    return [f"## {heading}", block("lineage.html", rows=rows)]
