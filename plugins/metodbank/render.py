"""Render content entries as Markdown pages for the site: a fact box, the structured
fields and the body. Every value from a content file goes through Jinja's autoescape;
only fixed Swedish headings are written as Markdown."""

from __future__ import annotations

import posixpath
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from .bodylinks import replace_references
from .completeness import completeness
from .kinds import KIND_BY_NAME, KINDS, Kind
from .library import Entry, Library
from .taxonomy import FACET_BY_FIELD, FACETS, Facet, Taxonomy, facet_index_uri, term_uri

if TYPE_CHECKING:
    from .crossrefs import CrossRefs

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=False,
    keep_trailing_newline=True,
)

NOT_REPORTED = "Inte rapporterat i källan."

SORT_CONTROLS = Markup(
    '<div class="mb-sort" data-mb-sort hidden><span id="mb-sort-label">Sortera:</span> '
    '<button type="button" class="md-button" data-sort="title" aria-pressed="true" '
    'aria-describedby="mb-sort-label">Titel</button> '
    '<button type="button" class="md-button" data-sort="reviewed" aria-pressed="false" '
    'aria-describedby="mb-sort-label">Senast granskad</button></div>'
)
"""Sort buttons for overview lists; hidden until the script shows them (no JS: sorted by title)."""

SECTION_INTROS = {
    "method": "Metoder är beprövade arbetssätt, paketerade för att kopieras: syfte, steg, roller, "
    "insats, risker och en checklista. Under varje metod ser du i vilka fall den har prövats.",
    "case": "Fall är konkreta exempel: vad som gjordes, var, av vem och när, vilken fråga aktörerna "
    "valde och vad källorna säger om resultatet.",
    "factor": "Framgångsfaktorer är lärdomar om vad som får arbetet att fungera, var och en med de fall "
    "som stöder den.",
    "recommendation": "Rekommendationer är konkreta råd till bostadsaktörer, byggda på fallen och "
    "framgångsfaktorerna.",
    "organisation": "Aktörer är bostadsföretag, föreningar, kommuner, forskningsaktörer och andra som "
    "har deltagit i fallen.",
}


def page_uri(kind: Kind, entry_id: str) -> str:
    """Source path of an entry's page inside the site, e.g. `fall/portalen-norrkoping.md`."""
    return f"{kind.section}/{entry_id}.md"


def index_uri(kind: Kind) -> str:
    """Source path of a section's overview page, e.g. `metoder/index.md`."""
    return f"{kind.section}/index.md"


def page_url(src_uri: str) -> str:
    """The directory-style URL MkDocs gives a page: `fall/x.md` → `fall/x/`, `fall/index.md` → `fall/`."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def relative_url(target: str, current: str) -> str:
    """A link from the page at URL `current` to the page at URL `target` (both site-relative)."""
    start = posixpath.dirname(current.rstrip("/")) if not current.endswith("/") else current.rstrip("/")
    rel = posixpath.relpath(target.rstrip("/") or ".", start or ".")
    return rel + "/" if target.endswith("/") and rel != "." else (rel if rel != "." else "./")


@dataclass
class Link:
    text: str
    url: str | None = None


@dataclass
class Row:
    label: str
    text: str = ""
    links: list[Link] | None = None
    stacked: bool = False
    """Show the links one per line instead of on one line."""
    badge: int | None = None
    """A percentage shown as a badge before the text."""


class PageRenderer:
    """Renders the pages of one library; knows every entry's URL to make relative links."""

    def __init__(self, library: Library, refs: CrossRefs | None = None, taxonomy: Taxonomy | None = None):
        self.library = library
        self.vocabulary = library.vocabulary
        self.refs = refs
        """Backlinks, evidence and lineage; None when the links plugin is not in use."""
        self.taxonomy = taxonomy
        """Pages per theme, target group and municipality; None when they are not generated."""

    # -- links ---------------------------------------------------------------------------

    def url_of(self, entry_id: str) -> str | None:
        entry = self.library.entries.get(entry_id)
        return page_url(page_uri(entry.kind, entry.id)) if entry else None

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

    # -- pages ---------------------------------------------------------------------------

    def entry_page(self, entry: Entry) -> Rendered:
        """The whole page of one entry."""
        current = page_url(page_uri(entry.kind, entry.id))
        item = entry.item
        parts = [
            Markup("<h1>{}</h1>").format(item.title),
            Markup('<p class="mb-lead">{}</p>').format(item.summary),
            _html("facts.html", kind=entry.kind, rows=self.fact_rows(entry, current)),
        ]
        before, after = getattr(self, f"_{entry.kind.name}_sections")(entry)
        parts.extend(before)
        parts.append(self.body(entry, current))
        parts.extend(after)
        if self.refs is not None:
            parts.extend(self.backlink_sections(entry, current))
        return assemble(item.title, parts)

    def body(self, entry: Entry, current: str) -> str:
        """The Markdown body with each `[[id]]` turned into a link titled like its target."""

        def render(ref) -> str:
            link = self.link(ref.target, current)
            text = ref.text or link.text
            if link.url is None:
                return str(escape(text))
            return str(Markup('<a class="mb-ref" href="{}">{}</a>').format(link.url, text))

        return replace_references(entry.source.body.strip(), render)

    def fact_rows(self, entry: Entry, current: str) -> list[Row]:
        item = entry.item
        rows: list[Row] = []
        kind = entry.kind.name
        if kind == "case":
            place = (
                "Nationellt program"
                if item.scope == "nationell" and not item.municipality
                else ", ".join(p for p in (item.district, item.municipality) if p)
            )
            municipality = FACET_BY_FIELD["municipality"]
            if item.municipality and self.term_url(municipality, item.municipality, current):
                links = [Link(item.district)] if item.district else []
                links.append(Link(item.municipality, self.term_url(municipality, item.municipality, current)))
                rows.append(Row("Plats", links=links))
            else:
                rows.append(Row("Plats", place))
            rows.append(Row("Period", format_period(item.period)))
            rows.append(Row("Status", item.status.capitalize()))
            rows.append(Row("Aktörer", links=self.links(item.organisations, current)))
        if kind == "organisation":
            rows.append(Row("Typ", self.vocabulary.label("organisation_types", item.type)))
            if item.municipality:
                rows.append(Row("Kommun", item.municipality))
            if item.website:
                rows.append(Row("Webbplats", links=[Link(item.website, item.website)]))
        if hasattr(item, "themes"):
            rows.append(Row("Teman", links=self.labels("themes", item.themes, current)))
            rows.append(Row("Målgrupper", links=self.labels("target_groups", item.target_groups, current)))
        if kind == "method":
            if self.refs is not None:
                rows.append(Row("Belägg", self.refs.evidence(entry.id).sentence()))
            effort = item.effort
            rows.append(Row("Insats", f"{effort.level.capitalize()}: {effort.time}"))
            if effort.hours is not None:
                rows.append(Row("Arbetstid", f"cirka {format_number(effort.hours)} timmar"))
            if effort.cost_sek is not None:
                cost = effort.cost_sek
                rows.append(Row("Kostnad", f"{format_number(cost.min)}–{format_number(cost.max)} kr"))
            rows.append(Row("Roller", links=self.labels("roles", [r.role for r in item.roles])))
        if kind == "case":
            if item.methods:
                rows.append(Row("Metoder", links=self.links(item.methods, current)))
            if item.success_factors:
                rows.append(Row("Framgångsfaktorer", links=self.links(item.success_factors, current)))
            if item.copied_from:
                rows.append(Row("Kopierat från", links=[self.link(item.copied_from.id, current)]))
            if item.contact:
                rows.append(Row("Kontakt", links=self._contact_links(item.contact, current)))
            score = completeness(entry)
            rows.append(Row("Fullständighet", badge=score.percent, text=str(score)))
        if kind in ("factor", "recommendation"):
            rows.append(Row("Stöds av fall", links=self.links(item.cases, current)))
            if item.methods:
                rows.append(Row("Gäller metoder", links=self.links(item.methods, current)))
        if kind == "recommendation" and item.success_factors:
            rows.append(Row("Bygger på", links=self.links(item.success_factors, current)))
        rows.append(Row("Källor", links=[self._source_link(s) for s in item.sources], stacked=True))
        rows.append(Row("Senast granskad", item.last_reviewed.isoformat()))
        return rows

    def _contact_links(self, contact, current: str) -> list[Link]:
        links = [Link(contact.name)] if contact.name else []
        if contact.organisation:
            links.append(self.link(contact.organisation, current))
        if contact.email:
            links.append(Link(contact.email, f"mailto:{contact.email}"))
        if contact.url:
            links.append(Link(contact.url, contact.url))
        return links

    @staticmethod
    def _source_link(source) -> Link:
        details = ", ".join(
            p for p in (source.publisher, source.date.isoformat() if source.date else None) if p
        )
        text = f"{source.title} ({details})" if details else source.title
        return Link(text, source.url)

    # -- the structured sections of each kind, before and after the body --------------------

    def _case_sections(self, entry: Entry) -> tuple[list[str], list[str]]:
        item = entry.item
        before = ["## Frågan", _paragraph(item.question or NOT_REPORTED)]
        if item.goals:
            before += ["## Mätbara mål", _items(item.goals)]
        before += [
            "## Resultat i korthet",
            _items(item.results) if item.results else _paragraph(NOT_REPORTED),
        ]
        after = []
        if item.copied_from:
            after += ["## Kopierat från en förlaga", _paragraph(item.copied_from.changes)]
        return before, after

    def _method_sections(self, entry: Entry) -> tuple[list[str], list[str]]:
        """The copyable parts come first (purpose, steps, core, roles …); the body follows."""
        item = entry.item
        roles = [
            Markup("<strong>{}</strong>: {}").format(self.vocabulary.label("roles", r.role), r.responsibility)
            for r in item.roles
        ]
        steps = [
            {
                "title": step.title,
                "description": step.description,
                "roles": [self.vocabulary.label("roles", r) for r in step.roles],
            }
            for step in item.steps
        ]
        before = self._kit_section(entry) + [
            "## Syfte",
            _paragraph(item.purpose),
            "## När passar metoden?",
            _items(item.when_to_use),
            "## Steg för steg",
            _html("steps.html", steps=steps),
            "## Kärnan – behåll när du kopierar",
            _items(item.core),
        ]
        if item.adaptable:
            before += ["## Det här kan du anpassa", _items(item.adaptable)]
        before += ["## Roller", _items(roles)]
        if item.prerequisites:
            before += ["## Förutsättningar", _items(item.prerequisites)]
        if item.risks:
            before += ["## Risker och fallgropar", _items(item.risks)]
        if item.checklist:
            before += ["## Checklista", _items(item.checklist, css="mb-checklist")]
        return before, []

    def _kit_section(self, entry: Entry) -> list:
        """Links to the method's card and its copy + paste plan (when the cards plugin runs)."""
        paths = (self.library.cards or {}).get(entry.id)
        if not paths:
            return []
        current = page_url(page_uri(entry.kind, entry.id))
        urls = {key: relative_url(path, current).rstrip("/") for key, path in paths.items()}
        return ["## Ta med metoden", _html("kit_links.html", urls=urls, id=entry.id)]

    def _factor_sections(self, entry: Entry) -> tuple[list[str], list[str]]:
        return [], []

    _recommendation_sections = _factor_sections
    _organisation_sections = _factor_sections

    def entry_list(self, entries: list[Entry], current: str) -> Markup:
        """A list of entries with links, summaries and key facts."""
        items = [
            {
                "title": e.title,
                "url": relative_url(page_url(page_uri(e.kind, e.id)), current),
                "summary": e.item.summary,
                "reviewed": e.item.last_reviewed.isoformat(),
                "meta": self._list_meta(e),
            }
            for e in entries
        ]
        return _html("list.html", items=items)

    def overview_page(self, kind: Kind) -> Rendered:
        """The overview page of one section: every entry with its summary, sortable."""
        current = page_url(index_uri(kind))
        entries = self.library.of_kind(kind.name)
        count = f"{len(entries)} {kind.plural.lower() if len(entries) != 1 else kind.singular.lower()}."
        parts = [f"# {kind.plural}", _paragraph(SECTION_INTROS[kind.name])]
        if self.taxonomy is not None and kind.name in ("method", "case"):
            parts.append(self._browse_links(current))
        parts += [_paragraph(count), SORT_CONTROLS, self.entry_list(entries, current)]
        return assemble(kind.plural, parts)

    def _browse_links(self, current: str) -> Markup:
        links = [
            Markup('<a href="{}">{}</a>').format(
                relative_url(page_url(facet_index_uri(f)), current), f.plural
            )
            for f in FACETS
        ]
        return Markup("<p>Bläddra efter {}.</p>").format(Markup(" · ").join(links))

    # -- generated pages per theme, target group and municipality ------------------------

    def facet_index_page(self, facet: Facet) -> Rendered:
        """The list of every value of a facet in use, with how many entries carry it."""
        current = page_url(facet_index_uri(facet))
        rows = [
            Markup('<li><a href="{}">{}</a> ({})</li>').format(
                relative_url(page_url(term_uri(facet, value)), current),
                self.taxonomy.label(facet, value),
                len(self.taxonomy.terms[facet.field][value]),
            )
            for value in self.taxonomy.values(facet)
        ]
        return assemble(
            facet.plural,
            [
                f"# {facet.plural}",
                _paragraph(f"Metoder, fall och lärdomar ordnade efter {facet.singular.lower()}."),
                Markup('<ul class="mb-terms">{}</ul>').format(Markup("").join(rows)),
            ],
        )

    def term_page(self, facet: Facet, value: str) -> Rendered:
        """One value's page: its description and its entries, grouped by kind."""
        current = page_url(term_uri(facet, value))
        label = self.taxonomy.label(facet, value)
        entries = self.taxonomy.terms[facet.field][value]
        parts = [
            Markup("<h1>{}: {}</h1>").format(facet.singular, label),
            _paragraph(self.taxonomy.description(facet, value)),
        ]
        for kind in KINDS:
            of_kind = sorted((e for e in entries if e.kind is kind), key=lambda e: e.title.lower())
            if of_kind:
                parts += [f"## {kind.plural} ({len(of_kind)})", self.entry_list(of_kind, current)]
        if facet.field == "municipality" and self.refs is not None:
            cases = [e for e in entries if e.kind.name == "case"]
            methods = self.refs.methods_of_cases(cases)
            if methods:
                parts += [f"## Metoder som använts här ({len(methods)})", self.entry_list(methods, current)]
        return assemble(f"{facet.singular}: {label}", parts)

    # -- backlinks, evidence and lineage --------------------------------------------------

    def backlink_sections(self, entry: Entry, current: str) -> list[str]:
        """What points at this entry, computed from the references written elsewhere."""
        refs = self.refs
        sections: list[tuple[str, list[Entry]]] = []
        kind = entry.kind.name
        if kind == "method":
            sections += [
                ("Använd i fall", refs.cases_using(entry.id)),
                ("Framgångsfaktorer för metoden", refs.referring(entry.id, "factor", "methods")),
                ("Rekommendationer om metoden", refs.referring(entry.id, "recommendation", "methods")),
            ]
        elif kind == "case":
            own = set(entry.item.success_factors)
            sections += [
                (
                    "Framgångsfaktorer som fallet stöder",
                    [f for f in refs.factors_for_case(entry.id) if f.id not in own],
                ),
                (
                    "Rekommendationer som bygger på fallet",
                    refs.referring(entry.id, "recommendation", "cases"),
                ),
            ]
        elif kind == "factor":
            sections += [
                ("Fall som stöder framgångsfaktorn", refs.supporting_cases(entry)),
                (
                    "Rekommendationer som bygger på den",
                    refs.referring(entry.id, "recommendation", "success_factors"),
                ),
            ]
        elif kind == "recommendation":
            sections.append(("Fall som stöder rekommendationen", refs.supporting_cases(entry)))
        elif kind == "organisation":
            cases = refs.cases_of_organisation(entry.id)
            sections += [
                ("Fall där aktören deltog", cases),
                ("Metoder i aktörens fall", refs.methods_of_cases(cases)),
            ]
        parts = []
        for heading, entries in sections:
            if entries:
                parts += [f"## {heading}", self.entry_list(entries, current)]
        if kind in ("method", "case"):
            parts += self.lineage_section(entry, current)
        related = (self.library.related or {}).get(entry.id)
        if related:
            heading = "Liknande metoder" if kind == "method" else "Liknande fall"
            parts += [f"## {heading}", self.entry_list([self.library.entries[i] for i in related], current)]
        return parts

    def lineage_section(self, entry: Entry, current: str) -> list[str]:
        """Copy + paste lineage: each copy with place, year and what it changed."""
        refs = self.refs
        copies = [(copy, None) for copy in refs.copies_of(entry.id)]
        if entry.kind.name == "method":
            for case in refs.cases_using(entry.id):
                copies += [(copy, case) for copy in refs.copies_of(case.id)]
        if not copies:
            return []
        rows = []
        for copy, via in copies:
            item = copy.item
            place = ", ".join(p for p in (item.district, item.municipality) if p) or "Nationellt"
            year = item.period.start[:4] if item.period else "år okänt"
            rows.append(
                {
                    "link": self.link(copy.id, current),
                    "place": place,
                    "year": year,
                    "via": self.link(via.id, current) if via else None,
                    "changes": item.copied_from.changes,
                }
            )
        heading = "Kopior av fallet" if entry.kind.name == "case" else "Kopior och spridning"
        return [f"## {heading}", _html("lineage.html", rows=rows)]

    def _list_meta(self, entry: Entry) -> str:
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


def citation(title: str, publisher: str, url: str, reviewed=None) -> str:
    """ "Så citerar du": title, publisher, address and date, at the end of every page."""
    when = f"Senast granskad {reviewed.isoformat()}" if reviewed else f"Hämtad {date.today().isoformat()}"
    return str(
        Markup(
            '<p class="mb-cite" data-pagefind-ignore><strong>Så citerar du:</strong> {}. {}. '
            '<a href="{}">{}</a>. {}.</p>'
        ).format(title, publisher, url, url, when)
    )


def page_meta(title: str) -> str:
    """Front matter for a generated page. The theme prints `page.title` unescaped in places,
    so it gets the HTML-escaped title (titles cannot hold < or >; validation rejects them)."""
    return "---\n" + yaml.safe_dump({"title": str(escape(title))}, allow_unicode=True) + "---\n\n"


@dataclass
class Rendered:
    """A generated page: Markdown for MkDocs, with each HTML block replaced by a placeholder
    paragraph, and the blocks to put back after Markdown has run (`fill`). Python-Markdown
    parses raw HTML slowly; the fact boxes and lists need no Markdown, so they skip it."""

    markdown: str
    slots: dict[str, str]

    def fill(self, html: str) -> str:
        """The rendered page HTML with every placeholder replaced by its block."""
        for token, block in self.slots.items():
            html = html.replace(f"<p>{token}</p>", block, 1)
        return html


_SLOT_NONCE = secrets.token_hex(4)


def assemble(title: str, parts: list) -> Rendered:
    """Join Markdown parts (str) and HTML blocks (Markup) into one page."""
    chunks, slots = [], {}
    for part in parts:
        if not part:
            continue
        if isinstance(part, Markup):
            token = f"MBSLOT{_SLOT_NONCE}X{len(slots)}"
            slots[token] = str(part)
            chunks.append(token)
        else:
            chunks.append(part)
    return Rendered(page_meta(title) + "\n\n".join(chunks) + "\n", slots)


def _html(template: str, **context) -> Markup:
    return Markup(_ENV.get_template(template).render(**context))


def _paragraph(text: str) -> Markup:
    return Markup("<p>{}</p>").format(text)


def _items(values: list, tag: str = "ul", css: str = "") -> Markup:
    return _html("items.html", values=values, tag=tag, css=css)


def format_period(period) -> str:
    """'2018–2020', 'från 2019', or 'Inte rapporterat i källan' when unknown."""
    if period is None:
        return "Inte rapporterat i källan"
    return f"{period.start}–{period.end}" if period.end else f"från {period.start}"


def format_number(value: int) -> str:
    """Swedish thousands separator: 25000 → '25 000' (with a no-break space)."""
    return f"{value:,}".replace(",", "\u00a0")


__all__ = ["KINDS", "KIND_BY_NAME", "PageRenderer", "index_uri", "page_uri", "page_url", "relative_url"]
