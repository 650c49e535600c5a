"""Where a reader goes when a search finds little: the themes and target groups (with the
everyday words that lead to them), the method finder, and the ways to suggest a case. One
JSON file, read by the header search, the finder and the 404 page."""

from __future__ import annotations

import json

from ..content.library import Library
from ..content.suggest import fold
from ..content.urls import page_url
from .taxonomy import FACETS, Taxonomy, facet_index_uri, term_uri

SUGGESTIONS_URI = "sok/forslag.json"
TIP_URI = "bidra/tipsa.md"
HELP_LINKS = {
    "finder": "hitta-metod/",
    "themes": page_url(facet_index_uri(FACETS[0])),
    "target_groups": page_url(facet_index_uri(FACETS[1])),
    "tip": page_url(TIP_URI),
    "contribute": "bidra/",
}
"""Site-relative addresses of the pages a search that finds little points to."""


def suggestions(library: Library, taxonomy: Taxonomy | None) -> dict:
    """Every theme and target group with its label, its page (None when nothing carries it
    yet), how many entries carry it, and the folded words that lead to it."""
    terms = []
    for facet in FACETS:
        if facet.vocabulary_group is None:
            continue
        for key, term in library.vocabulary.groups[facet.vocabulary_group].items():
            used = taxonomy is not None and taxonomy.has_page(facet, key)
            terms.append(
                {
                    "group": facet.singular,
                    "label": term.label,
                    "url": page_url(term_uri(facet, key)) if used else None,
                    "count": len(taxonomy.terms[facet.field][key]) if used else 0,
                    "words": sorted({fold(word) for word in (term.label, key, *term.words)}),
                }
            )
    return {"terms": terms, "links": HELP_LINKS}


def suggestions_json(library: Library, taxonomy: Taxonomy | None) -> str:
    return json.dumps(suggestions(library, taxonomy), ensure_ascii=False)
