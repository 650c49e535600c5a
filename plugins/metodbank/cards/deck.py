"""Decks of method cards: which cards, in which order, and the whole deck as one PDF.
Used by the cards plugin (the site's decks) and by `invoke cards` (a course's own deck)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..content.crossrefs import CrossRefs
from ..content.library import Library
from .card import Card, build_card
from .pdf import deck_pdf

LEAD = "Metoder mot segregation – beskrivna, med sina källor, och redo att kopiera."
"""The line under a deck's title on its cover."""


def all_cards(library: Library, refs: CrossRefs, site_url: str) -> list[Card]:
    """Every method's card, in title order."""
    return [build_card(entry, library, refs, site_url) for entry in library.of_kind("method")]


def select(library: Library, cards: list[Card], themes=(), methods=()) -> list[Card]:
    """The cards of the named methods (in the order given), or of the methods with any of
    `themes`, or all cards; unknown ids and themes raise ValueError with a Swedish message."""
    by_id = {card.id: card for card in cards}
    if methods:
        unknown = [m for m in methods if m not in by_id]
        if unknown:
            raise ValueError(f"okänd metod: {', '.join(unknown)} (finns: {', '.join(sorted(by_id))})")
        return [by_id[m] for m in methods]
    if themes:
        known = library.vocabulary.groups["themes"]
        unknown = [t for t in themes if t not in known]
        if unknown:
            raise ValueError(f"okänt tema: {', '.join(unknown)} (se data/vocabulary.yml)")
        wanted = set(themes)
        return [card for card in cards if wanted & set(library.entries[card.id].item.themes)]
    return cards


def cover(library: Library, title: str, lead: str, count: int, site_url: str) -> dict:
    return {"title": title, "lead": lead, "count": count, "date": date.today().isoformat(), "url": site_url}


def write_deck(
    library: Library, cards: list[Card], out: Path, cache: Path, title: str, site_url: str, layout: str = "a5"
) -> Path:
    """Write the deck PDF of `cards` to `out`."""
    data = deck_pdf(
        cards,
        cache,
        title,
        cover(library, title, LEAD, len(cards), site_url),
        layout=layout,
        name=f"kurs-{layout}",
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out
