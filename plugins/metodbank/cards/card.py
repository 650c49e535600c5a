"""Printable method cards: what goes on a card, the limits that keep it on one A5 side,
and the card as standalone HTML (the same HTML is printed by the browser and by WeasyPrint).

Front: title, summary, themes, target groups, effort, evidence. Back: the steps in short
form, the core that must be kept, up to three key success factors, and a QR code to the
method's page with the date the content was last reviewed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import segno
from markupsafe import Markup

from ..content.evidence import grade
from ..content.provenance import inferred_reason
from ..content.urls import page_uri, page_url
from ..site.html import format_number, template_env
from ..site.workshop import case_brief
from .limits import LIMITS, fit, inferred_on_card

CARD_CSS = Path(__file__).parent / "assets" / "card.css"
ENV = template_env(Path(__file__).parent / "templates")
"""The card, deck and plan templates (cards/templates), escaping every value."""


@dataclass
class Card:
    """Everything printed on one method's card."""

    id: str
    title: str
    summary: str
    themes: list[str]
    target_groups: list[str]
    effort: str
    evidence: str
    steps: list[str]
    core: list[str]
    factors: list[str]
    url: str
    reviewed: str
    next_step: str = ""
    inferred: list[tuple[str, str]] = field(default_factory=list)
    """(field, reason) of every value on the card that the editors inferred."""
    questions: list[str] = field(default_factory=list)
    """Discussion questions for a training session (from the method file)."""
    exercise: dict | None = None
    """The exercise: title, minutes, instructions (from the method file)."""
    workshop_note: str = ""
    """Where the questions and the exercise come from ("Redaktionens förslag" or the sources)."""
    case_brief: dict | None = None
    """One case that used the method: heading and a sentence (derived from the cases)."""
    reading: list[dict] = field(default_factory=list)
    """Further reading that the sources give: title and url."""

    def qr_svg(self) -> Markup:
        """The QR code of the method's web address, as inline SVG (black on white), an image
        whose name (its `<title>`; the alternative text in tagged PDF) gives the address."""
        return qr_code_svg(self.url)


@functools.lru_cache(maxsize=4096)
def qr_code_svg(url: str) -> Markup:
    """`Card.qr_svg`, once per address and process (a card is printed in several decks, and
    encoding is some 6 ms)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=3, dark="#000", light="#fff", border=2, title=f"QR-kod till {url}"
    )
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))


def effort_text(effort, inferred: bool = False) -> str:
    """'Hög (tolkat): …' — the card says where an estimate is the editors' (reason in the box)."""
    text = f"{effort.level.capitalize()}{' (tolkat)' if inferred else ''}: {effort.time}"
    if effort.hours is not None:
        text += f", cirka {format_number(effort.hours)} timmar"
    if effort.cost_sek is not None:
        text += f", {format_number(effort.cost_sek.min)}–{format_number(effort.cost_sek.max)} kr"
    return text


def _factors(entry, library, refs) -> list:
    """Up to three key success factors: the method's own, else those seen in its cases."""
    if refs is None:
        return []
    factors = refs.referring(entry.id, "factor", "methods")
    if not factors:
        seen = {f for case in refs.cases_using(entry.id) for f in case.item.success_factors}
        factors = [library.entries[f] for f in sorted(seen) if f in library.entries]
    return sorted(factors, key=lambda f: (-len(refs.supporting_cases(f)), f.title.lower()))[:3]


def _workshop(item) -> dict:
    workshop = item.workshop
    if workshop is None:
        return {}
    exercise = workshop.exercise
    return {
        "questions": list(workshop.questions),
        "exercise": exercise.model_dump() if exercise else None,
        "workshop_note": WORKSHOP_NOTES[workshop.origin],
    }


WORKSHOP_NOTES = {"källan": "Ur källorna", "redaktionen": "Redaktionens förslag"}


def _brief(library, refs, method_id: str) -> dict | None:
    brief = case_brief(library, refs, method_id)
    if brief is None:
        return None
    text = brief.text if len(brief.text) <= LIMITS["brief_text"] else ""
    return {"heading": brief.heading, "text": text}


def build_card(entry, library, refs, site_url: str) -> Card:
    """The card of one method entry. Derived parts (success factors, the case in brief) are
    shortened or left out when the side would overflow; the contributor's own fields are
    held to the limits by validation."""
    item = entry.item
    vocabulary = library.vocabulary
    factors = _factors(entry, library, refs)
    found = grade(entry, refs) if refs is not None else None
    card = Card(
        id=entry.id,
        title=item.title,
        summary=item.summary,
        themes=[vocabulary.label("themes", t) for t in item.themes],
        target_groups=[vocabulary.label("target_groups", t) for t in item.target_groups],
        effort=effort_text(item.effort, inferred_reason(item, "effort.level") is not None),
        evidence=found.summary() if found else "",
        next_step=found.next_step if found else "",
        steps=[step.title for step in item.steps],
        core=list(item.core),
        factors=[f.title for f in factors],
        url=site_url.rstrip("/") + "/" + page_url(page_uri(entry.kind, entry.id)),
        reviewed=item.last_reviewed.isoformat(),
        inferred=inferred_on_card(item),
        case_brief=_brief(library, refs, entry.id),
        reading=[{"title": r.title, "url": r.url} for r in item.further_reading[: LIMITS["reading"]]],
        **_workshop(item),
    )
    return fit(card)


LAYOUTS = ("a5", "a4-2up", "print-shop")
"""A5 sides (cover, contents, cards), two A5 sides per A4 sheet, or the print shop's cards:
one side per page at A5 trim size with bleed and crop marks."""
BLEED_MM = 3


def card_html(card: Card, layout: str = "a5") -> str:
    """A standalone, printable HTML document of one card (front and back)."""
    return render_document([card], title=f"Metodkort: {card.title}", layout=layout)


def deck_sides(cards: list[Card], cover: dict | None, with_cards: bool = True) -> list[tuple]:
    """What a deck prints, in reading order: cover and contents (with a cover), then each
    card's front and back."""
    sides: list[tuple] = [("cover", None), ("contents", None)] if cover else []
    return sides + [(kind, card) for card in (cards if with_cards else []) for kind in ("front", "back")]


def two_up_sheets(sides: list[tuple]) -> list[list[tuple]]:
    """Sides four at a time onto two A4 sheets: A and B fronts on the first, and on the
    second B's back left of A's (for duplex printing flipped on the short edge). Each
    sheet lists (kind, card, place) in reading order."""
    sides = sides + [("blank", None)] * (-len(sides) % 4)
    sheets = []
    for start in range(0, len(sides), 4):
        a_front, a_back, b_front, b_back = sides[start : start + 4]
        sheets.append([(*a_front, "left"), (*b_front, "right")])
        sheets.append([(*a_back, "right"), (*b_back, "left")])
    return sheets


def render_document(
    cards: list[Card], title: str, cover: dict | None = None, with_cards: bool = True, layout: str = "a5"
) -> str:
    """A standalone HTML document: an optional cover and contents, then (unless not
    `with_cards`) the cards, laid out for `layout`."""
    sides = deck_sides(cards, cover, with_cards)
    return ENV.get_template("card.html").render(
        cards=cards,
        sides=sides,
        sheets=two_up_sheets(sides) if layout == "a4-2up" else None,
        title=title,
        cover=cover,
        layout=layout,
        bleed=BLEED_MM,
        css=Markup(CARD_CSS.read_text(encoding="utf-8")),
    )
