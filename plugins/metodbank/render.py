"""Render content entries as Markdown pages for the site: a fact box, the structured
fields and the body. Every value from a content file goes through Jinja's autoescape;
only fixed Swedish headings are written as Markdown."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from .kinds import KIND_BY_NAME, KINDS, Kind
from .library import Entry, Library

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=False,
    keep_trailing_newline=True,
)

NOT_REPORTED = "Inte rapporterat i källan."

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


class PageRenderer:
    """Renders the pages of one library; knows every entry's URL to make relative links."""

    def __init__(self, library: Library):
        self.library = library
        self.vocabulary = library.vocabulary

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

    def labels(self, group: str, keys: list[str]) -> list[Link]:
        return [Link(self.vocabulary.label(group, key)) for key in keys]

    # -- pages ---------------------------------------------------------------------------

    def entry_markdown(self, entry: Entry) -> str:
        """The whole Markdown page of one entry."""
        current = page_url(page_uri(entry.kind, entry.id))
        item = entry.item
        parts = [
            f"<h1>{escape(item.title)}</h1>",
            f'<p class="mb-lead">{escape(item.summary)}</p>',
            _ENV.get_template("facts.html").render(kind=entry.kind, rows=self.fact_rows(entry, current)),
        ]
        before, after = getattr(self, f"_{entry.kind.name}_sections")(entry)
        parts.extend(before)
        parts.append(entry.source.body.strip())
        parts.extend(after)
        return page_meta(item.title) + "\n\n".join(part for part in parts if part) + "\n"

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
            rows.append(Row("Teman", links=self.labels("themes", item.themes)))
            rows.append(Row("Målgrupper", links=self.labels("target_groups", item.target_groups)))
        if kind == "method":
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
        if kind in ("factor", "recommendation"):
            rows.append(Row("Stöds av fall", links=self.links(item.cases, current)))
            if item.methods:
                rows.append(Row("Gäller metoder", links=self.links(item.methods, current)))
        if kind == "recommendation" and item.success_factors:
            rows.append(Row("Bygger på", links=self.links(item.success_factors, current)))
        rows.append(Row("Källor", links=[self._source_link(s) for s in item.sources]))
        rows.append(Row("Senast granskad", item.last_reviewed.isoformat()))
        return rows

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
        before = [
            "## Syfte",
            _paragraph(item.purpose),
            "## När passar metoden?",
            _items(item.when_to_use),
            "## Steg för steg",
            _ENV.get_template("steps.html").render(steps=steps),
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

    def _factor_sections(self, entry: Entry) -> tuple[list[str], list[str]]:
        return [], []

    _recommendation_sections = _factor_sections
    _organisation_sections = _factor_sections

    def overview_markdown(self, kind: Kind) -> str:
        """The overview page of one section: every entry with its summary."""
        current = page_url(index_uri(kind))
        entries = self.library.of_kind(kind.name)
        items = [
            {
                "title": e.title,
                "url": relative_url(page_url(page_uri(kind, e.id)), current),
                "summary": e.item.summary,
                "reviewed": e.item.last_reviewed.isoformat(),
                "meta": self._list_meta(e),
            }
            for e in entries
        ]
        return "\n\n".join(
            [
                f"# {kind.plural}",
                _paragraph(SECTION_INTROS[kind.name]),
                _paragraph(
                    f"{len(entries)} {kind.plural.lower() if len(entries) != 1 else kind.singular.lower()}."
                ),
                _ENV.get_template("list.html").render(items=items),
            ]
        )

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


def page_meta(title: str) -> str:
    """Front matter for a generated page. The theme prints `page.title` unescaped in places,
    so it gets the HTML-escaped title (titles cannot hold < or >; validation rejects them)."""
    return "---\n" + yaml.safe_dump({"title": str(escape(title))}, allow_unicode=True) + "---\n\n"


def _paragraph(text: str) -> str:
    return str(Markup("<p>{}</p>").format(text))


def _items(values: list, tag: str = "ul", css: str = "") -> str:
    return _ENV.get_template("items.html").render(values=values, tag=tag, css=css)


def format_period(period) -> str:
    """'2018–2020', 'från 2019', or 'Inte rapporterat i källan' when unknown."""
    if period is None:
        return "Inte rapporterat i källan"
    return f"{period.start}–{period.end}" if period.end else f"från {period.start}"


def format_number(value: int) -> str:
    """Swedish thousands separator: 25000 → '25 000' (with a no-break space)."""
    return f"{value:,}".replace(",", "\u00a0")


__all__ = ["KINDS", "KIND_BY_NAME", "PageRenderer", "index_uri", "page_uri", "page_url", "relative_url"]
