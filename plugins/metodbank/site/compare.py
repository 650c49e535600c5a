""" "Jämför metoder": two to four methods side by side in one table (purpose, evidence,
effort, roles, prerequisites, core, when not to use, cases and places). The cells are
written here at build time as plain text; the page's script only picks the columns named in
the address (`?metod=a&metod=b`) and lays them out as a real table."""

from __future__ import annotations

from ..content.library import Entry
from ..content.provenance import is_inferred
from ..content.urls import entry_url, relative_url
from .assessment import evidence_of, not_when
from .html import Rendered, assemble, block, format_number
from .view import SiteView

COMPARE_URI = "jamfor/index.md"
COMPARE_URL = "jamfor/"
DATA_URI = "jamfor/metoder.json"
MIN_METHODS, MAX_METHODS = 2, 4
ASPECTS = (
    ("purpose", "Syfte"),
    ("evidence", "Belägg"),
    ("effort", "Insats"),
    ("hours", "Arbetstid"),
    ("cost", "Kostnad"),
    ("roles", "Roller"),
    ("prerequisites", "Förutsättningar"),
    ("core", "Kärnan – behåll när ni kopierar"),
    ("not_when", "Använd inte när"),
    ("cases", "Antal fall"),
    ("municipalities", "Antal kommuner"),
)
"""(key, row heading) of each row of the table, in order."""
NOT_GIVEN = "Inte angivet"


def cells(view: SiteView, entry: Entry) -> dict[str, list[str]]:
    """Each aspect of one method as lines of plain text."""
    item = entry.item
    effort = item.effort
    evidence = evidence_of(view.refs, entry)
    label = view.vocabulary.label
    return {
        "purpose": [item.purpose],
        "evidence": [evidence.text()],
        "effort": [
            f"{effort.level.capitalize()}{' (tolkat)' if is_inferred(item, 'effort.level') else ''}: {effort.time}"
        ],
        "hours": [f"cirka {format_number(effort.hours)} timmar"] if effort.hours is not None else [NOT_GIVEN],
        "cost": (
            [f"{format_number(effort.cost_sek.min)}–{format_number(effort.cost_sek.max)} kr"]
            if effort.cost_sek is not None
            else [NOT_GIVEN]
        ),
        "roles": [f"{label('roles', r.role)}: {r.responsibility}" for r in item.roles],
        "prerequisites": list(item.prerequisites) or [NOT_GIVEN],
        "core": list(item.core),
        "not_when": not_when(item) or [NOT_GIVEN],
        "cases": [str(evidence.cases)],
        "municipalities": [str(evidence.municipalities)],
    }


def compare_data(view: SiteView) -> dict:
    """The JSON the page's script reads: the row headings and every method's cells."""
    methods = [
        {
            "id": e.id,
            "title": e.title,
            "href": relative_url(entry_url(e), COMPARE_URL),
            "cells": cells(view, e),
        }
        for e in view.library.of_kind("method")
    ]
    return {"aspects": [{"key": k, "label": v} for k, v in ASPECTS], "methods": methods}


def compare_url(ids: list[str], current: str) -> str:
    """A link from `current` to the comparison of `ids` (the first four)."""
    query = "&".join(f"metod={i}" for i in ids[:MAX_METHODS])
    return relative_url(COMPARE_URL, current) + ("?" + query if query else "")


def compare_page(view: SiteView) -> Rendered:
    """The page: a form to pick methods (GET, so the choice is the address) and the table."""
    current = COMPARE_URL
    methods = [
        {"id": e.id, "title": e.title, "href": relative_url(entry_url(e), current)}
        for e in view.library.of_kind("method")
    ]
    page = block(
        "compare.html",
        methods=methods,
        data=relative_url(DATA_URI, current).rstrip("/"),
        script=relative_url("assets/compare.js", current).rstrip("/"),
        share=relative_url("assets/share.js", current).rstrip("/"),
        low=MIN_METHODS,
        high=MAX_METHODS,
    )
    intro = (
        "Välj två till fyra metoder och se dem sida vid sida: syfte, belägg, insats, roller, förutsättningar, "
        "kärnan och när metoden inte passar. Urvalet sparas i adressen, och tabellen ryms på ett A4-ark när du skriver ut den."
    )
    return assemble("Jämför metoder", ["# Jämför metoder", intro, page], hide=("navigation", "toc"))
