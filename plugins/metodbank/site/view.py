"""The library as the pages see it: every entry's URL, links labelled with titles and
vocabulary labels, and the shared list of entries that overviews and backlinks print."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..content.crossrefs import CrossRefs
from ..content.deps import remembered
from ..content.evidence import Grade, grade
from ..content.library import Entry, Library
from ..content.urls import entry_url, page_url, relative_url
from .html import Link, block
from .marks import mark
from .taxonomy import FACET_BY_FIELD, Facet, Taxonomy, term_uri


@dataclass
class SiteView:
    """One library with its cross-references and taxonomy; knows every entry's URL."""

    library: Library
    refs: CrossRefs | None = None
    """Backlinks, evidence and lineage; None when the links plugin is not in use."""
    taxonomy: Taxonomy | None = None
    """Pages per theme, target group and municipality; None when they are not generated."""
    preview: bool = False
    """True under `invoke serve`: pages also show what contributors need (completeness)."""
    memo: dict = field(default_factory=dict)
    """Answers computed once and shown on many pages (a `content.deps.Memo` lives across builds)."""

    REFRESHABLE = ("grade", "meta")
    """Remembered answers that `recompute` can give again (see `content.deps.Memo`)."""

    @property
    def vocabulary(self):
        return self.library.vocabulary

    def recompute(self, key: tuple):
        """A remembered answer by its key, e.g. ("grade", "koalitionsmodellen") (KeyError
        when the entry is gone)."""
        kind, entry_id = key
        entry = self.library.entries[entry_id]
        return self.grade(entry) if kind == "grade" else self.meta_of(entry)

    def grade(self, entry: Entry) -> Grade:
        """The derived evidence of a method, success factor or recommendation (once per view)."""
        return remembered(self.memo, ("grade", entry.id), lambda: grade(entry, self.refs))

    def url_of(self, entry_id: str) -> str | None:
        entry = self.library.entries.get(entry_id)
        return entry_url(entry) if entry else None

    def link(self, entry_id: str, current: str) -> Link:
        """A link to an entry by id, labelled with its title (plain id if it failed validation)."""
        entry = self.library.entries.get(entry_id)
        if entry is None:
            return Link(entry_id)
        return Link(entry.title, relative_url(entry_url(entry), current))

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
                "meta": self.meta_of(e),
            }
            for e in entries
        ]
        return block("list.html", items=rows)

    def meta_of(self, entry: Entry) -> Markup:
        """`list_meta`, once per entry and view (an entry shows up in many lists)."""
        return remembered(self.memo, ("meta", entry.id), lambda: self.list_meta(entry))

    def list_meta(self, entry: Entry) -> Markup:
        """The short facts under an entry's title in lists: place, year, themes or type, and
        the evidence step; inferred values carry their marker."""
        item = entry.item
        bits = []
        if entry.kind.name == "case":
            if item.municipality:
                bits.append(Markup("{}{}").format(item.municipality, mark(item, "municipality")))
            else:
                bits.append(Markup("Nationellt{}").format(mark(item, "scope")))
            if item.period:
                bits.append(Markup("{}{}").format(item.period.start[:4], mark(item, "period.start")))
        if hasattr(item, "themes"):
            bits.append(", ".join(self.vocabulary.label("themes", t) for t in item.themes))
        if entry.kind.name == "organisation":
            kind = self.vocabulary.label("organisation_types", item.type)
            bits.append(Markup("{}{}").format(kind, mark(item, "type")))
        if entry.kind.name in ("method", "factor", "recommendation") and self.refs is not None:
            found = self.grade(entry)
            bits.append(f"Evidens: steg {found.step} {found.label}")
        return Markup(" · ").join(bits)
