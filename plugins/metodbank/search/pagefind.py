"""Browser search with Pagefind: the header template and the hidden extra terms that make
plain Snowball stemming agree with itself. The index is built in parts (`search.shards`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from markupsafe import Markup

from .swedish import browser_terms

THEME = Path(__file__).parent / "theme"
SEARCH_BLOCK_START = '{% if "material/search" in config.plugins %}'


def header_template(material_header: str) -> str:
    """Material's header with its search block replaced by the Pagefind search."""
    start = material_header.find(SEARCH_BLOCK_START)
    if start < 0:
        raise RuntimeError("Material's header.html has no search block to replace; update pagefind.py")
    depth, position = 0, start
    while True:  # find the {% endif %} that closes the block, counting nested ifs
        next_if = material_header.find("{% if ", position)
        next_end = material_header.find("{% endif %}", position)
        if next_if != -1 and next_if < next_end:
            depth += 1
            position = next_if + 5
        else:
            depth -= 1
            position = next_end + len("{% endif %}")
            if depth == 0:
                break
    return material_header[:start] + '{% include "partials/mb-search.html" %}' + material_header[position:]


def prepare_theme(material_templates: Path, folder: Path) -> Path:
    """A theme folder (to put before Material's) with the patched header and our partial."""
    partials = folder / "partials"
    partials.mkdir(parents=True, exist_ok=True)
    header = (material_templates / "partials" / "header.html").read_text(encoding="utf-8")
    (partials / "header.html").write_text(header_template(header), encoding="utf-8")
    shutil.copy(THEME / "partials" / "mb-search.html", partials / "mb-search.html")
    return folder


AUDIENCES = (
    ("bidra/", "För bidragsgivare"),
    ("utvecklare/", "För utvecklare"),
)
"""Hand-written pages for contributors and developers: labelled, and ranked after the rest."""


def page_kind(src_uri: str) -> tuple[str, bool]:
    """The label a hand-written page gets in search results, and whether it is for readers."""
    for prefix, label in AUDIENCES:
        if src_uri.startswith(prefix):
            return label, False
    return "Sida", True


def mark_body(html: str, known: frozenset[str], kind: str = "Sida", public: bool = True) -> str:
    """Mark the article body for Pagefind with its kind (shown on each hit) and audience
    (readers' pages first), and add the extra search terms, hidden."""
    terms = browser_terms(Markup(html).striptags(), known)
    extra = (
        Markup('<div class="mb-search-terms" hidden aria-hidden="true">{}</div>').format(" ".join(terms))
        if terms
        else ""
    )
    # Only pages for contributors and developers carry the filter: with one value, Pagefind's
    # filter index is the same from build to build (and engine to engine).
    attributes = Markup('data-pagefind-body data-pagefind-meta="kind:{}"').format(kind)
    if not public:
        attributes += Markup(' data-pagefind-filter="publik:nej"')
    return f"<div {attributes}>{html}{extra}</div>"
