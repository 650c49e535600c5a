"""The structured sections of an entry page, before and after its body: the question,
goals and results of a case; the copyable parts of a method (purpose, steps, core, roles …)."""

from __future__ import annotations

from markupsafe import Markup

from ..content.library import Entry
from ..content.urls import entry_url, relative_url
from .html import NOT_REPORTED, block, items, paragraph
from .view import SiteView

Sections = tuple[list, list]
"""Parts shown before the body, and parts shown after it."""


def kind_sections(view: SiteView, entry: Entry) -> Sections:
    """The structured sections of one entry, by kind (none for factors, recommendations, organisations)."""
    if entry.kind.name == "case":
        return case_sections(entry)
    if entry.kind.name == "method":
        return method_sections(view, entry)
    return [], []


def case_sections(entry: Entry) -> Sections:
    item = entry.item
    before = ["## Frågan", paragraph(item.question or NOT_REPORTED)]
    if item.goals:
        before += ["## Mätbara mål", items(item.goals)]
    before += [
        "## Resultat i korthet",
        items(item.results) if item.results else paragraph(NOT_REPORTED),
    ]
    after = []
    if item.copied_from:
        after += ["## Kopierat från en förlaga", paragraph(item.copied_from.changes)]
    return before, after


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
    before = kit_section(view, entry) + [
        "## Syfte",
        paragraph(item.purpose),
        "## När passar metoden?",
        items(item.when_to_use),
        "## Steg för steg",
        block("steps.html", steps=steps),
        "## Kärnan – behåll när du kopierar",
        items(item.core),
    ]
    if item.adaptable:
        before += ["## Det här kan du anpassa", items(item.adaptable)]
    before += ["## Roller", items(roles)]
    if item.prerequisites:
        before += ["## Förutsättningar", items(item.prerequisites)]
    if item.risks:
        before += ["## Risker och fallgropar", items(item.risks)]
    if item.checklist:
        before += ["## Checklista", items(item.checklist, css="mb-checklist")]
    return before, []


def kit_section(view: SiteView, entry: Entry) -> list:
    """Links to the method's card and its copy + paste plan (when the cards plugin runs)."""
    paths = (view.library.cards or {}).get(entry.id)
    if not paths:
        return []
    current = entry_url(entry)
    urls = {key: relative_url(path, current).rstrip("/") for key, path in paths.items()}
    return ["## Ta med metoden", block("kit_links.html", urls=urls, id=entry.id)]
