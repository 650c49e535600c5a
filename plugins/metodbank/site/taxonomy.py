"""Generated overview pages per theme, target group and municipality: which values are
in use, which entries carry each, and where their pages live. Only values in use get a page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..content.ids import slugify
from ..content.library import Entry, Library


@dataclass(frozen=True)
class Facet:
    """One way of grouping entries: a field, its site section and its Swedish names."""

    field: str
    section: str
    plural: str
    singular: str
    vocabulary_group: str | None


FACETS = (
    Facet("themes", "teman", "Teman", "Tema", "themes"),
    Facet("target_groups", "malgrupper", "Målgrupper", "Målgrupp", "target_groups"),
    Facet("municipality", "kommuner", "Kommuner", "Kommun", None),
)
FACET_BY_FIELD = {facet.field: facet for facet in FACETS}


def term_key(facet: Facet, value: str) -> str:
    """The URL segment of a value: the vocabulary id, or the slug of a municipality's name."""
    return value if facet.vocabulary_group else slugify(value)


def term_uri(facet: Facet, value: str) -> str:
    return f"{facet.section}/{term_key(facet, value)}.md"


def facet_index_uri(facet: Facet) -> str:
    return f"{facet.section}/index.md"


@dataclass
class Taxonomy:
    """For each facet, the values in use and the entries that carry them (one pass)."""

    library: Library
    terms: dict[str, dict[str, list[Entry]]]

    @classmethod
    def build(cls, library: Library) -> Taxonomy:
        terms: dict[str, dict[str, list[Entry]]] = {facet.field: defaultdict(list) for facet in FACETS}
        for entry in library.entries.values():
            for facet in FACETS:
                value = getattr(entry.item, facet.field, None)
                for one in value if isinstance(value, list) else [value] if value else []:
                    terms[facet.field][one].append(entry)
        return cls(library, terms)

    def label(self, facet: Facet, value: str) -> str:
        if facet.vocabulary_group:
            return self.library.vocabulary.label(facet.vocabulary_group, value)
        return value

    def description(self, facet: Facet, value: str) -> str:
        if facet.vocabulary_group:
            term = self.library.vocabulary.groups[facet.vocabulary_group].get(value)
            return term.description if term else ""
        return f"Fall och aktörer i {value} kommun."

    def values(self, facet: Facet) -> list[str]:
        """Values in use, sorted by their label."""
        return sorted(self.terms[facet.field], key=lambda v: self.label(facet, v).lower())

    def has_page(self, facet: Facet, value: str) -> bool:
        return value in self.terms[facet.field]
