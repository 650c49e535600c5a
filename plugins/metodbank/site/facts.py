"""The fact box at the top of every entry page: one row per structured value, linked to
the entries, organisations and vocabulary pages it names."""

from __future__ import annotations

from markupsafe import Markup

from ..content import words
from ..content.completeness import completeness
from ..content.library import Entry
from ..content.provenance import inferred_reason
from .html import Link, Row, block, format_number
from .marks import mark
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
        rows.append(Row("Teman", links=marked(item, "themes", view.labels("themes", item.themes, current))))
        groups = view.labels("target_groups", item.target_groups, current)
        rows.append(Row("Målgrupper", links=marked(item, "target_groups", groups)))
    if kind == "method":
        rows += _method_rows(view, entry)
    if kind == "case":
        rows += _case_link_rows(view, entry, current)
    if kind in ("factor", "recommendation"):
        rows.append(Row("Stöds av fall", links=marked(item, "cases", view.links(item.cases, current))))
        if item.methods:
            rows.append(
                Row("Gäller metoder", links=marked(item, "methods", view.links(item.methods, current)))
            )
    if kind == "playbook":
        rows += _playbook_rows(view, item, current)
    if kind == "recommendation" and item.success_factors:
        factors = view.links(item.success_factors, current)
        rows.append(Row("Bygger på", links=marked(item, "success_factors", factors)))
    if kind in ("method", "factor", "recommendation") and view.refs is not None:
        rows.append(Row("Evidens", links=[Link(view.grade(entry).summary(), "#underlag-och-evidens")]))
    rows.append(Row("Källor", source_list(view, item.sources)))
    if item.further_reading:
        rows.append(Row("Läs mer", links=[reading_link(r) for r in item.further_reading], stacked=True))
    rows.append(Row("Senast granskad", item.last_reviewed.isoformat()))
    return rows


def marked(item, field: str, links: list[Link]) -> list[Link]:
    """`links` for the values of a list field, each with its own inferred reason; a marker on
    the whole list is shown once, after the last value."""
    whole = (getattr(item, "inferred", None) or {}).get(field)
    for index, link in enumerate(links):
        own = inferred_reason(item, f"{field}[{index + 1}]")
        last = index == len(links) - 1
        link.inferred = own if own != whole else (whole if last else None)
    return links


def source_list(view: SiteView, sources) -> Markup:
    """The numbered sources that claims on the page refer to (`#kalla-N`)."""
    label = view.vocabulary.label
    rows = [
        {
            "title": s.title,
            "stop": "" if s.title.rstrip()[-1:] in ".!?…" else ".",
            "url": s.url,
            "author": s.author,
            "publisher": s.publisher,
            "date": f"{s.date_kind} {s.date.isoformat()}" if s.date else "odaterad",
            "kind": label("source_kinds", s.kind),
            "independent": s.independent,
            "note": s.note,
        }
        for s in sources
    ]
    return block("sources.html", sources=rows)


def period_text(item) -> Markup:
    """'från 2018 tolkat: …', 'nov 2015–aug 2016', or 'Inte rapporterat i källan'."""
    period = item.period
    if period is None:
        return Markup("Inte rapporterat i källan")
    start = Markup("{}{}").format(words.partial_date(period.start), mark(item, "period.start"))
    if not period.end:
        return Markup("från {}").format(start)
    return Markup("{}–{}{}").format(start, words.partial_date(period.end), mark(item, "period.end"))


def _playbook_rows(view: SiteView, item, current: str) -> list[Row]:
    basis = {"källa": "Beskriven i en källa", "redaktionen": "Redaktionens sammanställning"}
    steps = [
        Link(f"{n}. {link.text}", link.url) for n, link in enumerate(view.links(item.methods, current), 1)
    ]
    rows = [Row("Steg", links=steps, stacked=True), Row("Ordningen", basis[item.provenance.basis])]
    if item.cases:
        rows.append(Row("Fall", links=view.links(item.cases, current)))
    return rows


def _case_place_rows(view: SiteView, item, current: str) -> list[Row]:
    rows = []
    municipality = FACET_BY_FIELD["municipality"]
    reason = inferred_reason(item, "municipality")
    if item.municipality and view.term_url(municipality, item.municipality, current):
        links = [Link(item.district, inferred=inferred_reason(item, "district"))] if item.district else []
        url = view.term_url(municipality, item.municipality, current)
        links.append(Link(item.municipality, url, inferred=reason))
        rows.append(Row("Plats", links=links))
    elif item.scope == "nationell" and not item.municipality:
        rows.append(Row("Plats", "Nationellt program", inferred=inferred_reason(item, "scope")))
    else:
        place = ", ".join(p for p in (item.district, item.municipality) if p)
        rows.append(Row("Plats", place, inferred=reason or inferred_reason(item, "district")))
    rows.append(Row("Period", period_text(item)))
    rows.append(Row("Status", status_text(item), inferred=inferred_reason(item, "status")))
    orgs = view.links(item.organisations, current)
    rows.append(Row("Aktörer", links=marked(item, "organisations", orgs)))
    return rows


def status_text(item) -> str:
    """The status, dated by the newest source: a status is what the sources said then."""
    dates = [s.date for s in item.sources if s.date]
    text = item.status.capitalize()
    return f"{text} (enligt källa från {max(dates).isoformat()})" if dates else f"{text} (källan är odaterad)"


def _organisation_rows(view: SiteView, item) -> list[Row]:
    kind = view.vocabulary.label("organisation_types", item.type)
    rows = [Row("Typ", kind, inferred=inferred_reason(item, "type"))]
    if item.municipality:
        rows.append(Row("Kommun", item.municipality, inferred=inferred_reason(item, "municipality")))
    if item.website:
        rows.append(
            Row("Webbplats", links=[Link(item.website, item.website, inferred_reason(item, "website"))])
        )
    return rows


def _method_rows(view: SiteView, entry: Entry) -> list[Row]:
    item = entry.item
    rows = []
    effort = item.effort
    level = Markup("{}{}: {}{}").format(
        effort.level.capitalize(), mark(item, "effort.level"), effort.time, mark(item, "effort.time")
    )
    rows.append(Row("Insats", level))
    if effort.hours is not None:
        hours = f"cirka {format_number(effort.hours)} timmar"
        rows.append(Row("Arbetstid", hours, inferred=inferred_reason(item, "effort.hours")))
    if effort.cost_sek is not None:
        cost = effort.cost_sek
        text = f"{format_number(cost.min)}–{format_number(cost.max)} kr"
        rows.append(Row("Kostnad", text, inferred=inferred_reason(item, "effort.cost_sek")))
    roles = view.labels("roles", [r.role for r in item.roles])
    rows.append(Row("Roller", links=marked(item, "roles", roles)))
    return rows


def _case_link_rows(view: SiteView, entry: Entry, current: str) -> list[Row]:
    item = entry.item
    rows = []
    if item.methods:
        rows.append(Row("Metoder", links=marked(item, "methods", view.links(item.methods, current))))
    if item.success_factors:
        factors = view.links(item.success_factors, current)
        rows.append(Row("Framgångsfaktorer", links=marked(item, "success_factors", factors)))
    if item.copied_from:
        origin = view.link(item.copied_from.id, current)
        origin.inferred = inferred_reason(item, "copied_from.id")
        rows.append(Row("Kopierat från", links=[origin]))
    if item.contact:
        contact = contact_links(view, entry, current)
        rows.append(Row("Kontakt", links=contact, inferred=inferred_reason(item, "contact"), stacked=True))
    unknown = [what for field, what in UNKNOWN if not getattr(item, field)]
    if unknown:
        rows.append(Row("Det här vet vi inte än", ", ".join(unknown).capitalize() + "."))
    if view.preview:
        score = completeness(entry)
        rows.append(
            Row(
                "Fullständighet (syns bara i förhandsgranskningen)",
                badge=score.percent,
                text=str(score),
                preview=True,
            )
        )
    return rows


UNKNOWN = (
    ("period", "när arbetet pågick"),
    ("goals", "mätbara mål"),
    ("results", "resultat"),
    ("contact", "vem man kan fråga"),
)
"""Case fields a reader may look for, and how to say that the sources do not give them."""


def contact_links(view: SiteView, entry: Entry, current: str) -> list[Link]:
    """The contact: the person (with the year of the source that names them), the
    organisation's page and its website, and any address the source gives."""
    contact = entry.item.contact
    years = [source.date.year for source in entry.item.sources if source.date]
    links = []
    if contact.name:
        links.append(
            Link(contact.name, note=f"enligt källan från {max(years)}" if years else "enligt källan")
        )
    if contact.organisation:
        links.append(view.link(contact.organisation, current))
        organisation = view.library.entries.get(contact.organisation)
        website = getattr(organisation.item, "website", None) if organisation else None
        if website:
            links.append(Link(website, website, note="aktörens webbplats"))
    if contact.email:
        links.append(Link(contact.email, f"mailto:{contact.email}"))
    if contact.url:
        links.append(Link(contact.url, contact.url))
    return links


def reading_link(reading) -> Link:
    """A further-reading address that a source gives."""
    text = f"{reading.title} ({reading.publisher})" if reading.publisher else reading.title
    return Link(text, reading.url)
