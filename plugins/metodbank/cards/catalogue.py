"""The site's cards: where each method's card and plan live, the "Metodkort" page, and the
decks the site offers (the whole deck in A5 and A4 two-up, one deck per theme)."""

from __future__ import annotations

from markupsafe import Markup

from ..content.library import Library
from ..site.html import Rendered, assemble
from .card import ENV, Card
from .deck import LEAD, cover, select

OVERVIEW_URI = "metodkort/index.md"

INTRO = (
    "Varje metod finns som ett tvåsidigt metodkort i A5 – framsida med det viktigaste, baksida med steg, "
    "kärna, framgångsfaktorer och en QR-kod till metodens sida. Korten är gjorda för att skrivas ut i "
    "svartvitt. Ladda ned ett kort, hela kortleken eller korten för ett tema; A4-versionen har två kort per "
    "ark med skärmärken (skriv ut dubbelsidigt och vänd längs kortsidan)."
)


def artefacts(method_id: str) -> dict[str, str]:
    """Site paths of one method's card and plan."""
    return {
        "pdf": f"metodkort/{method_id}.pdf",
        "html": f"metodkort/{method_id}.html",
        "plan_md": f"kopiera/{method_id}.md",
        "plan_html": f"kopiera/{method_id}.html",
        "plan_pdf": f"kopiera/{method_id}.pdf",
    }


def themes_in_use(library: Library, cards: list[Card]) -> list[str]:
    return sorted({t for card in cards for t in library.entries[card.id].item.themes})


def overview_page(library: Library, cards: list[Card]) -> Rendered:
    """The "Metodkort" page: every card, the whole deck and a deck per theme."""
    vocabulary = library.vocabulary
    decks = [
        {"title": "Hela kortleken", "pdf": "metodkort.pdf", "a4": "metodkort-a4.pdf", "count": len(cards)}
    ]
    for theme in themes_in_use(library, cards):
        decks.append(
            {
                "title": f"Tema: {vocabulary.label('themes', theme)}",
                "pdf": f"tema-{theme}.pdf",
                "count": len(select(library, cards, themes=[theme])),
            }
        )
    listed = [
        {"title": card.title, "summary": card.summary, "pdf": f"{card.id}.pdf", "html": f"{card.id}.html"}
        for card in cards
    ]
    page = ENV.get_template("cards_page.html").render(decks=decks, cards=listed)
    return assemble("Metodkort", ["# Metodkort", INTRO, Markup(page)])


def deck_jobs(library: Library, cards: list[Card], site_url: str) -> list[dict]:
    """The decks of the site, as jobs for the PDF worker: file, title, cover, ids, layout."""

    def job(file, title, chosen, layout="a5"):
        return {
            "file": file,
            "title": title,
            "cover": cover(library, title, LEAD, len(chosen), site_url),
            "ids": [card.id for card in chosen],
            "layout": layout,
        }

    jobs = [job("metodkort.pdf", "Metodkort", cards), job("metodkort-a4.pdf", "Metodkort", cards, "a4-2up")]
    for theme in themes_in_use(library, cards):
        label = library.vocabulary.label("themes", theme)
        jobs.append(job(f"tema-{theme}.pdf", f"Metodkort: {label}", select(library, cards, themes=[theme])))
    return jobs
