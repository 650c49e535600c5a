"""What points at an entry, computed from the references written elsewhere: backlinks per
kind, how it spread (copy + paste lineage, drawn by `spread`), and related entries from the
search index."""

from __future__ import annotations

from ..content.library import Entry
from .spread import spread_sections
from .view import SiteView


def backlink_sections(view: SiteView, entry: Entry, current: str) -> list:
    """The backlink, lineage and related sections of one entry page."""
    parts = []
    for heading, entries in _backlinks(view, entry):
        if entries:
            parts += [f"## {heading}", view.entry_list(entries, current)]
    if entry.kind.name in ("method", "case"):
        parts += spread_sections(view, entry, current)
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
            ("Färdplaner med metoden", refs.referring(entry.id, "playbook", "methods")),
        ]
    if kind == "case":
        own = set(entry.item.success_factors)
        return [
            (
                "Framgångsfaktorer som fallet stöder",
                [f for f in refs.factors_for_case(entry.id) if f.id not in own],
            ),
            ("Rekommendationer som bygger på fallet", refs.referring(entry.id, "recommendation", "cases")),
            ("Färdplaner som bygger på fallet", refs.referring(entry.id, "playbook", "cases")),
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
