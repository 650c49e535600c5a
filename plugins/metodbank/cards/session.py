"""A training session on a deck: the two-hour time plan (passplan) derived from the methods'
own workshop fields, printable on one A4 page, and the presentation mode (visning): one
method per screen in large type, for a projector, that also prints as one slide per page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .card import ENV, Card

SESSION_MINUTES = 120
OPENING, BREAK, CLOSING = 10, 10, 10
PRESENT, TALK, MORE_TALK = 5, 5, 5
"""Minutes to present a card, for a short talk, and added when there is time for its questions."""
START = (9, 0)
"""The plan's clock starts at 9.00; the trainer moves it to the real start."""
SESSION_CSS = Path(__file__).parent / "assets" / "session.css"


@dataclass
class Block:
    """One row of the time plan."""

    start: int
    minutes: int
    title: str
    what: str
    card: Card | None = None

    @property
    def clock(self) -> str:
        """'9.10–9.30', Swedish style."""

        def at(minute: int) -> str:
            total = START[0] * 60 + START[1] + minute
            return f"{total // 60}.{total % 60:02d}"

        return f"{at(self.start)}–{at(self.start + self.minutes)}"


def _allot(cards: list[Card]) -> tuple[dict[str, int], dict[str, bool], int]:
    """Minutes per method (and whether its exercise fits), and minutes left over, for the
    methods that fit at all: each gets a presentation and a talk, then exercises in deck
    order while there is time, then longer talks about the discussion questions."""
    left = SESSION_MINUTES - OPENING - BREAK - CLOSING - (PRESENT + TALK) * len(cards)
    minutes = {card.id: PRESENT + TALK for card in cards}
    exercise = {card.id: False for card in cards}
    for card in cards:
        if card.exercise and card.exercise["minutes"] <= left:
            minutes[card.id] += card.exercise["minutes"]
            exercise[card.id] = True
            left -= card.exercise["minutes"]
    for card in cards:
        if card.questions and left >= MORE_TALK:
            minutes[card.id] += MORE_TALK
            left -= MORE_TALK
    return minutes, exercise, left


def session_plan(cards: list[Card]) -> tuple[list[Block], list[Card]]:
    """The blocks of a two-hour session on `cards`, and the cards that do not fit in it: a
    welcome, the methods with a break after the first half, time to choose and plan when
    minutes are left, and a closing."""
    room = (SESSION_MINUTES - OPENING - BREAK - CLOSING) // (PRESENT + TALK)
    fitting, later = cards[:room], cards[room:]
    minutes, exercise, left = _allot(fitting)
    blocks = [Block(0, OPENING, "Välkommen", "Syftet med passet, vilka metoder ni går igenom och hur.")]
    clock = OPENING
    for number, card in enumerate(fitting):
        if number == (len(fitting) + 1) // 2:
            blocks.append(Block(clock, BREAK, "Paus", ""))
            clock += BREAK
        blocks.append(Block(clock, minutes[card.id], card.title, _what(card, exercise[card.id]), card))
        clock += minutes[card.id]
    if len(fitting) < 2:
        blocks.append(Block(clock, BREAK, "Paus", ""))
        clock += BREAK
    if left >= PLAN_AT_LEAST:
        blocks.append(Block(clock, left, "Välj och planera", PLAN_TEXT))
        clock, left = clock + left, 0
    blocks.append(
        Block(clock, CLOSING + left, "Avslutning", "Vad tar vi med oss? Vem gör vad, och när ses vi igen?")
    )
    return blocks, later


PLAN_AT_LEAST = 15
"""Minutes left over from this many on become time to choose a method and start its plan."""
PLAN_TEXT = (
    "I grupper: vilken metod passar oss, och vad är första steget? Börja fylla i planen för den "
    "(Word-dokumentet eller utskriften på metodens sida)."
)


def _what(card: Card, with_exercise: bool) -> str:
    what = ["Gå igenom kortets framsida och stegen på baksidan."]
    if card.questions:
        what.append(f"Samtal om diskussionsfrågorna ({len(card.questions)} på kortet).")
    else:
        what.append("Samtal: passar metoden hos oss, och vad skulle vi ändra?")
    if with_exercise:
        what.append(f"Övning: {card.exercise['title']} ({card.exercise['minutes']} min).")
    return " ".join(what)


def session_html(title: str, cards: list[Card], cover: dict) -> str:
    """The one-page time plan as a standalone, printable HTML document (A4)."""
    blocks, later = session_plan(cards)
    return ENV.get_template("session.html").render(
        title=title,
        cover=cover,
        blocks=blocks,
        later=later,
        minutes=SESSION_MINUTES,
        css=Markup(SESSION_CSS.read_text(encoding="utf-8")),
    )


def slides_html(title: str, cards: list[Card], cover: dict) -> str:
    """The presentation mode: a title screen, one screen per method, and a closing screen."""
    return ENV.get_template("slides.html").render(title=title, cover=cover, cards=cards)
