"""The structured sections of an entry page, before and after its body: the question,
goals and results of a case; the copyable parts of a method (purpose, steps, core, roles …)."""

from __future__ import annotations

from markupsafe import Markup

from ..content.library import Entry
from ..content.urls import entry_url, relative_url
from .compare import compare_url
from .html import NOT_REPORTED, block, items, paragraph
from .marks import cite, mark
from .playbooks import playbook_sections
from .view import SiteView

Sections = tuple[list, list]
"""Parts shown before the body, and parts shown after it."""


def kind_sections(view: SiteView, entry: Entry) -> Sections:
    """The structured sections of one entry, by kind (none for factors, recommendations, organisations)."""
    if entry.kind.name == "case":
        before, after = case_sections(entry)
    elif entry.kind.name == "method":
        before, after = method_sections(view, entry)
    elif entry.kind.name == "playbook":
        before, after = playbook_sections(view, entry)
    else:
        before, after = [], []
    return before + quote_section(entry), after


RESULT_TAGS = {
    "bedömning": "Egen bedömning",
    "förändring": "Visar förändring",
    "jämförd effekt": "Effekt i jämförelse",
    "ingen effekt": "Ingen effekt",
    "negativ effekt": "Negativ effekt",
}
"""What a result shows, printed before it (results that only say what was done get no tag)."""


def claim(item, field: str, index: int, value) -> Markup:
    """One claim with its source references and its marker if the editors inferred it."""
    tag = RESULT_TAGS.get(getattr(value, "shows", ""), "")
    lead = Markup('<strong class="mb-claim-tag">{}:</strong> ').format(tag) if tag else Markup("")
    return Markup("{}{}{}{}").format(
        lead, value.text, cite(value.source, item.sources), mark(item, f"{field}[{index + 1}]")
    )


def claims(item, field: str) -> Markup:
    return items([claim(item, field, i, value) for i, value in enumerate(getattr(item, field))])


def case_sections(entry: Entry) -> Sections:
    item = entry.item
    before = [
        "## Frågan",
        paragraph(Markup("{}{}").format(item.question or NOT_REPORTED, mark(item, "question"))),
    ]
    if item.goals:
        before += ["## Mätbara mål", claims(item, "goals")]
    before += [
        "## Resultat i korthet",
        claims(item, "results") if item.results else paragraph(NOT_REPORTED),
    ]
    after = []
    if item.copied_from:
        copied = item.copied_from
        text = Markup("{}{}{}").format(
            copied.changes, cite(copied.source, item.sources), mark(item, "copied_from")
        )
        after += ["## Kopierat från en förlaga", paragraph(text)]
    return before, after


def quote_section(entry: Entry) -> list:
    """Verbatim quotes, each with its speaker and a reference to its source."""
    item = entry.item
    quotes = [
        {"text": q.text, "speaker": q.speaker, "refs": cite(q.source, item.sources)}
        for q in getattr(item, "quotes", [])
    ]
    return ["## Citat ur källorna", block("quotes.html", quotes=quotes)] if quotes else []


def method_sections(view: SiteView, entry: Entry) -> Sections:
    """The copyable parts come first (purpose, steps, core, roles …); the body follows."""
    item = entry.item
    label = view.vocabulary.label
    roles = [
        Markup("<strong>{}</strong>: {}").format(label("roles", r.role), r.responsibility) for r in item.roles
    ]
    steps = [
        {
            "title": step.title,
            "description": step.description,
            "roles": [label("roles", r) for r in step.roles],
        }
        for step in item.steps
    ]
    before = (
        kit_section(view, entry)
        + compare_link(view, entry)
        + [
            "## Syfte",
            paragraph(item.purpose),
            "## När passar metoden?",
            items(item.when_to_use),
            "## Steg för steg",
            block("steps.html", steps=steps),
            "## Kärnan – behåll när du kopierar",
            items(item.core),
        ]
    )
    if item.adaptable:
        before += ["## Det här kan du anpassa", items(item.adaptable)]
    before += fit_sections(view, entry)
    before += ["## Roller", items(roles)]
    if item.prerequisites:
        before += ["## Förutsättningar", items(item.prerequisites)]
    if item.risks:
        before += ["## Risker och fallgropar", items(item.risks)]
    if item.checklist:
        before += ["## Checklista", items(item.checklist, css="mb-checklist")]
    return before, []


def compare_link(view: SiteView, entry: Entry) -> list:
    """A link to the comparison with this method picked (when the links plugin runs)."""
    if view.refs is None:
        return []
    url = compare_url([entry.id], entry_url(entry))
    return [Markup('<p class="mb-actions"><a href="{}">Jämför metoden med andra</a></p>').format(url)]


def kit_section(view: SiteView, entry: Entry) -> list:
    """Links to the method's card and its copy + paste plan (when the cards plugin runs)."""
    paths = (view.library.cards or {}).get(entry.id)
    if not paths:
        return []
    current = entry_url(entry)
    urls = {key: relative_url(path, current).rstrip("/") for key, path in paths.items()}
    return ["## Ta med metoden", block("kit_links.html", urls=urls, id=entry.id)]


def fit_sections(view: SiteView, entry: Entry) -> list:
    """When the method does not fit (sourced or marked as editorial advice), and the methods
    to combine it with, each with why."""
    item = entry.item
    current = entry_url(entry)
    parts = []
    if item.not_when:
        rows = [
            Markup("{}{}").format(n.text, cite(n.source, item.sources))
            if n.source
            else Markup('{} <em class="mb-editorial">(redaktionens råd)</em>').format(n.text)
            for n in item.not_when
        ]
        parts += ["## När passar metoden inte?", items(rows)]
    if item.combine_with:
        rows = []
        for index, combination in enumerate(item.combine_with):
            link = view.link(combination.id, current)
            name = Markup('<a href="{}">{}</a>').format(link.url, link.text) if link.url else link.text
            rows.append(
                Markup("{}{}: {}{}").format(
                    name,
                    mark(item, f"combine_with[{index + 1}]"),
                    combination.why,
                    cite(combination.source, item.sources),
                )
            )
        parts += ["## Kombinera med", items(rows)]
    return parts
