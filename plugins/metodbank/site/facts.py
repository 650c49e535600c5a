"""The fact box at the top of every entry page: one row per structured value, linked to
the entries, organisations and vocabulary pages it names."""

from __future__ import annotations

from ..content.completeness import completeness
from ..content.library import Entry
from .html import Link, Row, format_number, format_period
from .taxonomy import FACET_BY_FIELD
from .view import SiteView


def fact_rows(view: SiteView, entry: Entry, current: str) -> list[Row]:
    """Every row of one entry's fact box, in reading order."""
    item = entry.item
    kind = entry.kind.name
    rows: list[Row] = []
    if kind == "case":
        rows += _case_place_rows(view, item, current)
    if kind == "organisation":
        rows += _organisation_rows(view, item)
    if hasattr(item, "themes"):
        rows.append(Row("Teman", links=view.labels("themes", item.themes, current)))
        rows.append(Row("Målgrupper", links=view.labels("target_groups", item.target_groups, current)))
    if kind == "method":
        rows += _method_rows(view, entry)
    if kind == "case":
        rows += _case_link_rows(view, entry, current)
    if kind in ("factor", "recommendation"):
        rows.append(Row("Stöds av fall", links=view.links(item.cases, current)))
        if item.methods:
            rows.append(Row("Gäller metoder", links=view.links(item.methods, current)))
    if kind == "recommendation" and item.success_factors:
        rows.append(Row("Bygger på", links=view.links(item.success_factors, current)))
    rows.append(Row("Källor", links=[source_link(s) for s in item.sources], stacked=True))
    rows.append(Row("Senast granskad", item.last_reviewed.isoformat()))
    return rows


def _case_place_rows(view: SiteView, item, current: str) -> list[Row]:
    rows = []
    municipality = FACET_BY_FIELD["municipality"]
    if item.municipality and view.term_url(municipality, item.municipality, current):
        links = [Link(item.district)] if item.district else []
        links.append(Link(item.municipality, view.term_url(municipality, item.municipality, current)))
        rows.append(Row("Plats", links=links))
    else:
        place = (
            "Nationellt program"
            if item.scope == "nationell" and not item.municipality
            else ", ".join(p for p in (item.district, item.municipality) if p)
        )
        rows.append(Row("Plats", place))
    rows.append(Row("Period", format_period(item.period)))
    rows.append(Row("Status", item.status.capitalize()))
    rows.append(Row("Aktörer", links=view.links(item.organisations, current)))
    return rows


def _organisation_rows(view: SiteView, item) -> list[Row]:
    rows = [Row("Typ", view.vocabulary.label("organisation_types", item.type))]
    if item.municipality:
        rows.append(Row("Kommun", item.municipality))
    if item.website:
        rows.append(Row("Webbplats", links=[Link(item.website, item.website)]))
    return rows


def _method_rows(view: SiteView, entry: Entry) -> list[Row]:
    item = entry.item
    rows = []
    if view.refs is not None:
        rows.append(Row("Belägg", view.refs.evidence(entry.id).sentence()))
    effort = item.effort
    rows.append(Row("Insats", f"{effort.level.capitalize()}: {effort.time}"))
    if effort.hours is not None:
        rows.append(Row("Arbetstid", f"cirka {format_number(effort.hours)} timmar"))
    if effort.cost_sek is not None:
        cost = effort.cost_sek
        rows.append(Row("Kostnad", f"{format_number(cost.min)}–{format_number(cost.max)} kr"))
    rows.append(Row("Roller", links=view.labels("roles", [r.role for r in item.roles])))
    return rows


def _case_link_rows(view: SiteView, entry: Entry, current: str) -> list[Row]:
    item = entry.item
    rows = []
    if item.methods:
        rows.append(Row("Metoder", links=view.links(item.methods, current)))
    if item.success_factors:
        rows.append(Row("Framgångsfaktorer", links=view.links(item.success_factors, current)))
    if item.copied_from:
        rows.append(Row("Kopierat från", links=[view.link(item.copied_from.id, current)]))
    if item.contact:
        rows.append(Row("Kontakt", links=_contact_links(view, item.contact, current)))
    score = completeness(entry)
    rows.append(Row("Fullständighet", badge=score.percent, text=str(score)))
    return rows


def _contact_links(view: SiteView, contact, current: str) -> list[Link]:
    links = [Link(contact.name)] if contact.name else []
    if contact.organisation:
        links.append(view.link(contact.organisation, current))
    if contact.email:
        links.append(Link(contact.email, f"mailto:{contact.email}"))
    if contact.url:
        links.append(Link(contact.url, contact.url))
    return links


def source_link(source) -> Link:
    """A source as a link (or plain text without an address): title (publisher, date)."""
    details = ", ".join(p for p in (source.publisher, source.date.isoformat() if source.date else None) if p)
    text = f"{source.title} ({details})" if details else source.title
    return Link(text, source.url)
