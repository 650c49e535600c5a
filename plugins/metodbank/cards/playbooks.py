"""Playbook decks: the cards of a playbook's methods in the chain's order, behind a cover
that shows the order. Built with the same deck functions as every other deck (`deck.cover`,
`deck.select`, the PDF worker's job format), so nothing here renders PDF itself."""

from __future__ import annotations

from ..content.library import Library
from ..content.urls import entry_url
from .card import Card
from .deck import cover, select


def playbook_deck_path(playbook_id: str) -> str:
    """Where a playbook's deck lives on the site."""
    return f"metodkort/fardplan-{playbook_id}.pdf"


def order_lead(titles: list[str], editors: bool) -> str:
    """The cover's lead: the methods in order, and whether the order is the editors' synthesis."""
    chain = " → ".join(f"{number}. {title}" for number, title in enumerate(titles, 1))
    lead = f"Metoderna i den ordning färdplanen föreslår: {chain}."
    if editors:
        lead += " Ordningen är redaktionens sammanställning av flera källor."
    return lead


def playbook_deck_jobs(library: Library, cards: list[Card], site_url: str) -> list[dict]:
    """One deck job per playbook for the PDF worker (file, title, cover, card ids, layout)."""
    jobs = []
    base = site_url.rstrip("/") + "/"
    for playbook in library.of_kind("playbook"):
        chosen = select(library, cards, methods=playbook.item.methods)
        title = f"Färdplan: {playbook.title}"
        lead = order_lead([card.title for card in chosen], playbook.item.provenance.basis == "redaktionen")
        jobs.append(
            {
                "file": playbook_deck_path(playbook.id).removeprefix("metodkort/"),
                "title": title,
                "cover": cover(library, title, lead, len(chosen), base + entry_url(playbook)),
                "ids": [card.id for card in chosen],
                "layout": "a5",
            }
        )
    return jobs


def playbook_artefacts(library: Library) -> dict[str, dict[str, str]]:
    """Playbook id → its deck's site path, for the playbook pages (`Library.cards`)."""
    return {p.id: {"deck_pdf": playbook_deck_path(p.id)} for p in library.of_kind("playbook")}
