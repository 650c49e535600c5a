"""Overview pages: each section's list of entries, and the generated pages per theme,
target group and municipality (only for values in use)."""

from __future__ import annotations

from markupsafe import Markup

from ..content.kinds import KINDS, Kind
from ..content.urls import index_uri, page_url, relative_url
from .finder import FINDER_URI
from .html import OUTSIDE_MENU, Rendered, assemble, paragraph
from .taxonomy import FACETS, Facet, facet_index_uri, term_uri
from .view import SiteView

SORT_CONTROLS = Markup(
    '<div class="mb-sort" data-mb-sort hidden><span id="mb-sort-label">Sortera:</span> '
    '<button type="button" class="md-button" data-sort="title" aria-pressed="true" '
    'aria-describedby="mb-sort-label">Titel</button> '
    '<button type="button" class="md-button" data-sort="reviewed" aria-pressed="false" '
    'aria-describedby="mb-sort-label">Senast granskad</button></div>'
)
"""Sort buttons for overview lists; hidden until the script shows them (no JS: sorted by title)."""

SECTION_INTROS = {
    "method": "Metoder är arbetssätt, paketerade för att kopieras: syfte, steg, roller, insats, risker "
    "och en checklista. Varje metod visar i vilka fall den har använts och hur väl den är belagd, "
    "från 0 Idé till 5 Upprepat belagd. De flesta står i dag lågt, eftersom källorna mest är korta "
    "notiser och projektsidor.",
    "case": "Fall är konkreta exempel: vad som gjordes, var, av vem och när, vilken fråga aktörerna "
    "valde och vad källorna säger om resultatet.",
    "factor": "Framgångsfaktorer är lärdomar som källorna lyfter fram, var och en med de fall som stöder "
    "den och med hur väl den är belagd. De flesta är redaktionens slutsatser av korta källor.",
    "recommendation": "Rekommendationer är konkreta råd till bostadsaktörer, byggda på fallen och "
    "framgångsfaktorerna. Råden är redaktionens; varje rekommendation visar vad den bygger på.",
    "organisation": "Aktörer är bostadsföretag, branschorganisationer, föreningar, företag, myndigheter, "
    "forskare och andra som har deltagit i fallen.",
    "playbook": "Färdplaner är metoder i en ordning: vad ni kan göra först, vad som kommer sedan och vad "
    "varje steg lämnar över till nästa. Varje färdplan säger om ordningen beskrivs i en källa eller är "
    "redaktionens sammanställning.",
}


def overview_page(view: SiteView, kind: Kind) -> Rendered:
    """The overview page of one section: every entry with its summary, sortable."""
    current = page_url(index_uri(kind))
    entries = view.library.of_kind(kind.name)
    count = f"{len(entries)} {kind.plural.lower() if len(entries) != 1 else kind.singular.lower()}."
    parts = [f"# {kind.plural}", paragraph(SECTION_INTROS[kind.name])]
    if kind.name == "method":
        parts.append(finder_link(current))
    if view.taxonomy is not None and kind.name in ("method", "case"):
        parts.append(_browse_links(current))
    parts += [paragraph(count), SORT_CONTROLS, view.entry_list(entries, current)]
    return assemble(kind.plural, parts)


def finder_link(current: str) -> Markup:
    """A large link to the method finder, for the methods overview."""
    return Markup(
        '<p><a class="md-button md-button--primary mb-tap" href="{}">'
        "Hitta metod efter tema, målgrupp och insats</a></p>"
    ).format(relative_url(page_url(FINDER_URI), current))


def _browse_links(current: str) -> Markup:
    links = [
        Markup('<a href="{}">{}</a>').format(relative_url(page_url(facet_index_uri(f)), current), f.plural)
        for f in FACETS
    ]
    return Markup("<p>Bläddra efter {}.</p>").format(Markup(" · ").join(links))


def facet_index_page(view: SiteView, facet: Facet) -> Rendered:
    """The list of every value of a facet in use, with how many entries carry it."""
    current = page_url(facet_index_uri(facet))
    taxonomy = view.taxonomy
    rows = [
        Markup('<li><a href="{}">{}</a> ({})</li>').format(
            relative_url(page_url(term_uri(facet, value)), current),
            taxonomy.label(facet, value),
            len(taxonomy.terms[facet.field][value]),
        )
        for value in taxonomy.values(facet)
    ]
    return assemble(
        facet.plural,
        [
            f"# {facet.plural}",
            paragraph(f"Metoder, fall och lärdomar ordnade efter {facet.singular.lower()}."),
            Markup('<ul class="mb-terms">{}</ul>').format(Markup("").join(rows)),
        ],
        OUTSIDE_MENU,
    )


def term_page(view: SiteView, facet: Facet, value: str) -> Rendered:
    """One value's page: its description and its entries, grouped by kind."""
    current = page_url(term_uri(facet, value))
    taxonomy = view.taxonomy
    label = taxonomy.label(facet, value)
    entries = taxonomy.terms[facet.field][value]
    parts = [
        Markup("<h1>{}: {}</h1>").format(facet.singular, label),
        paragraph(taxonomy.description(facet, value)),
    ]
    for kind in KINDS:
        of_kind = sorted((e for e in entries if e.kind is kind), key=lambda e: (e.title.lower(), e.id))
        if of_kind:
            parts += [f"## {kind.plural} ({len(of_kind)})", view.entry_list(of_kind, current)]
    if view.refs is not None:
        listed = {e.id for e in entries}
        methods = view.refs.methods_of_cases([e for e in entries if e.kind.name == "case"])
        methods = [m for m in methods if m.id not in listed]
        heading = (
            "Metoder som använts här" if facet.field == "municipality" else "Metoder som använts i fallen"
        )
        if methods:
            parts += [f"## {heading} ({len(methods)})", view.entry_list(methods, current)]
    return assemble(f"{facet.singular}: {label}", parts, OUTSIDE_MENU)
