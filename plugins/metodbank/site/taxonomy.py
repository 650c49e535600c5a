"""Generated overview pages per theme, target group and municipality: which values are
in use, which entries carry each, and where their pages live. Only values in use get a page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..content.deps import RecordingMap, record
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


DISTINCT_SLUGS = {"Håbo": "haabo"}
"""Municipalities whose slug would be another's (Håbo and Habo); tests check there are no others."""


def term_key(facet: Facet, value: str) -> str:
    """The URL segment of a value: the vocabulary id, or the slug of a municipality's name."""
    return value if facet.vocabulary_group else DISTINCT_SLUGS.get(value) or slugify(value)


def term_uri(facet: Facet, value: str) -> str:
    return f"{facet.section}/{term_key(facet, value)}.md"


def facet_index_uri(facet: Facet) -> str:
    return f"{facet.section}/index.md"


def term_map(field: str) -> str:
    """The name under which look-ups of one facet's values are recorded (content.deps)."""
    return f"term:{field}"


def term_exists(field: str) -> str:
    """The name under which "does this value have a page" is recorded (content.deps)."""
    return f"term-page:{field}"


def facet_values(entry: Entry, facet: Facet) -> list[str]:
    """The values of `facet` that `entry` carries (none, one or several)."""
    value = getattr(entry.model, facet.field, None)
    return value if isinstance(value, list) else [value] if value else []


@dataclass
class Taxonomy:
    """For each facet, the values in use and the entries that carry them (one pass)."""

    library: Library
    terms: dict[str, dict[str, list[Entry]]]

    @classmethod
    def build(cls, library: Library) -> Taxonomy:
        found: dict[str, dict[str, list[Entry]]] = {facet.field: defaultdict(list) for facet in FACETS}
        for entry in dict.values(library.entries):
            for facet in FACETS:
                for one in facet_values(entry, facet):
                    found[facet.field][one].append(entry)
        # Pages record which values they look up (and which facets they list), see content.deps.
        return cls(library, {name: RecordingMap(term_map(name), values) for name, values in found.items()})

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
        """Whether `value` has a page (a page that links to it depends on that, not on who
        carries the value: recorded apart, see `site.dependencies`)."""
        record((term_exists(facet.field), value))
        return dict.__contains__(self.terms[facet.field], value)
