"""SiteView: what every page renderer needs to know about the library — each entry's URL,
relative links labelled with titles, vocabulary labels linked to their term pages, and
lists of entries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..content.library import Entry, Library
from ..content.urls import entry_url, page_url, relative_url
from .html import block
from .taxonomy import FACET_BY_FIELD, Facet, Taxonomy, term_uri

if TYPE_CHECKING:
    from ..content.crossrefs import CrossRefs


@dataclass
class Link:
    text: str
    url: str | None = None


class SiteView:
    """The library seen from the site: links between pages of one build."""

    def __init__(self, library: Library, refs: CrossRefs | None = None, taxonomy: Taxonomy | None = None):
        self.library = library
        self.vocabulary = library.vocabulary
        self.refs = refs
        """Backlinks, evidence and lineage; None when the links plugin is not in use."""
        self.taxonomy = taxonomy
        """Pages per theme, target group and municipality; None when they are not generated."""

    def url_of(self, entry_id: str) -> str | None:
        entry = self.library.entries.get(entry_id)
        return entry_url(entry) if entry else None

    def link(self, entry_id: str, current: str) -> Link:
        """A link to an entry by id, labelled with its title (plain id if it failed validation)."""
        entry = self.library.entries.get(entry_id)
        if entry is None:
            return Link(entry_id)
        return Link(entry.title, relative_url(self.url_of(entry_id), current))

    def links(self, ids: list[str], current: str) -> list[Link]:
        return [self.link(i, current) for i in ids]

    def labels(self, group: str, keys: list[str], current: str = "") -> list[Link]:
        """Vocabulary labels, linked to their overview page where one is generated."""
        facet = FACET_BY_FIELD.get(group)
        return [Link(self.vocabulary.label(group, key), self.term_url(facet, key, current)) for key in keys]

    def term_url(self, facet: Facet | None, value: str, current: str) -> str | None:
        if self.taxonomy is None or facet is None or not self.taxonomy.has_page(facet, value):
            return None
        return relative_url(page_url(term_uri(facet, value)), current)

    def entry_list(self, entries: list[Entry], current: str) -> Markup:
        """A list of entries with links, summaries and key facts."""
        rows = [
            {
                "title": e.title,
                "url": relative_url(entry_url(e), current),
                "summary": e.item.summary,
                "reviewed": e.item.last_reviewed.isoformat(),
                "meta": self.list_meta(e),
            }
            for e in entries
        ]
        return block("list.html", items=rows)

    def list_meta(self, entry: Entry) -> str:
        item = entry.item
        bits = []
        if entry.kind.name == "case":
            bits.append(item.municipality or "Nationellt")
            if item.period:
                bits.append(item.period.start[:4])
        if hasattr(item, "themes"):
            bits.append(", ".join(self.vocabulary.label("themes", t) for t in item.themes))
        if entry.kind.name == "organisation":
            bits.append(self.vocabulary.label("organisation_types", item.type))
        return " · ".join(bits)
