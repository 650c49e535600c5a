"""The site's cards: where each method's card and plan live, the "Metodkort" page, and the
decks the site offers: the whole deck (A5 and A4 two-up), one deck per theme and one per
target group, each with a one-page time plan for a two-hour session and a presentation mode."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..content.library import Library
from ..site.html import Rendered, assemble
from .card import ENV, Card
from .deck import LEAD, cover, select
from .session import session_html, slides_html

OVERVIEW_URI = "metodkort/index.md"

INTRO = (
    "Varje metod finns som ett tvåsidigt metodkort i A5 – framsidan med det viktigaste och ett fall i "
    "korthet, baksidan med steg, kärna, framgångsfaktorer, diskussionsfrågor, en övning och en "
    "QR-kod till metodens sida. Korten är gjorda för att skrivas ut i svartvitt. Till varje kortlek "
    "finns en passplan för två timmar på en A4-sida och ett visningsläge med en metod per skärm för "
    "projektorn. A4-versionen har två kort per ark med skärmärken (skriv ut dubbelsidigt och vänd "
    "längs kortsidan)."
)


@dataclass
class Deck:
    """One of the site's decks: the start of its file names, its title and its cards."""

    slug: str
    title: str
    heading: str
    cards: list[Card]
    a4: bool = False

    def files(self) -> dict[str, str]:
        """File names (in metodkort/) of the deck and what goes with it."""
        names = {
            "pdf": f"{self.slug}.pdf",
            "session_pdf": f"{self.slug}-passplan.pdf",
            "session_html": f"{self.slug}-passplan.html",
            "slides": f"{self.slug}-visning.html",
        }
        if self.a4:
            names["a4"] = f"{self.slug}-a4.pdf"
        return names


def artefacts(method_id: str) -> dict[str, str]:
    """Site paths of one method's card and plan."""
    return {
        "pdf": f"metodkort/{method_id}.pdf",
        "html": f"metodkort/{method_id}.html",
        "plan_md": f"kopiera/{method_id}.md",
        "plan_html": f"kopiera/{method_id}.html",
        "plan_pdf": f"kopiera/{method_id}.pdf",
        "plan_txt": f"kopiera/{method_id}.txt",
        "plan_docx": f"kopiera/{method_id}.docx",
    }


def in_use(library: Library, cards: list[Card], field: str) -> list[str]:
    """The values of `field` (themes or target groups) that some card's method has."""
    return sorted({value for card in cards for value in getattr(library.entries[card.id].item, field)})


def themes_in_use(library: Library, cards: list[Card]) -> list[str]:
    return in_use(library, cards, "themes")


def decks(library: Library, cards: list[Card]) -> list[Deck]:
    """Every deck of the site: the whole deck, then per theme, then per target group."""
    label = library.vocabulary.label
    found = [Deck("metodkort", "Metodkort", "Hela kortleken", cards, a4=True)]
    for theme in themes_in_use(library, cards):
        name = label("themes", theme)
        found.append(
            Deck(
                f"tema-{theme}", f"Metodkort: {name}", f"Tema: {name}", select(library, cards, themes=[theme])
            )
        )
    for group in in_use(library, cards, "target_groups"):
        name = label("target_groups", group)
        chosen = select(library, cards, target_groups=[group])
        found.append(
            Deck(f"malgrupp-{group}", f"Metodkort för målgruppen {name.lower()}", f"Målgrupp: {name}", chosen)
        )
    return found


def overview_page(library: Library, cards: list[Card]) -> Rendered:
    """The "Metodkort" page: every deck with its time plan and presentation, and every card."""
    listed_decks = [{"heading": d.heading, "count": len(d.cards), **d.files()} for d in decks(library, cards)]
    listed = [
        {"title": card.title, "summary": card.summary, "pdf": f"{card.id}.pdf", "html": f"{card.id}.html"}
        for card in cards
    ]
    page = ENV.get_template("cards_page.html").render(decks=listed_decks, cards=listed)
    return assemble("Metodkort", ["# Metodkort", INTRO, Markup(page)])


def deck_jobs(library: Library, cards: list[Card], site_url: str) -> list[dict]:
    """The decks of the site, as jobs for the PDF worker: file, title, cover, ids, layout."""
    jobs = []
    for deck in decks(library, cards):
        front = cover(library, deck.title, LEAD, deck.cards, site_url)
        ids = [card.id for card in deck.cards]
        files = deck.files()
        jobs.append({"file": files["pdf"], "title": deck.title, "cover": front, "ids": ids, "layout": "a5"})
        if deck.a4:
            jobs.append(
                {"file": files["a4"], "title": deck.title, "cover": front, "ids": ids, "layout": "a4-2up"}
            )
    return jobs


def session_files(library: Library, cards: list[Card], site_url: str) -> tuple[dict[str, str], list[dict]]:
    """For every deck: the HTML pages (time plan, presentation) by file name, and the time
    plans as jobs for the PDF worker (file, html)."""
    pages, jobs = {}, []
    for deck in decks(library, cards):
        front = cover(library, deck.title, LEAD, deck.cards, site_url)
        files = deck.files()
        plan = session_html(deck.title, deck.cards, front)
        pages[files["session_html"]] = plan
        pages[files["slides"]] = slides_html(deck.title, deck.cards, front)
        jobs.append({"file": files["session_pdf"], "html": plan})
    return pages, jobs
