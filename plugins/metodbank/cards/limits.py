"""How much fits on a method card, checked by validation so overflow is caught before
print. `card_check` is handed to the content loader (see `metodbank.project`), so the
content package itself knows nothing of cards.

Two kinds of limit: the length of each field, and the space of each card side, estimated
in millimetres from the card's type sizes (`side_heights`). The contributor's own fields
must fit; the parts the card derives (success factors, a case in brief) are left out by
`fit` when a side would overflow."""

from __future__ import annotations

import math

from ..content.diagnostics import Diagnostic
from ..content.frontmatter import SourceFile
from ..content.kinds import Kind

LIMITS = {
    "title": 90,
    "summary": 220,
    "step": 100,
    "steps": 8,
    "core_item": 140,
    "core": 5,
    "effort_time": 80,
    "question": 120,
    "exercise_title": 60,
    "exercise_text": 280,
    "brief_text": 160,
    "reading": 2,
    "reading_title": 70,
    "reading_url": 90,
}
"""What fits on an A5 card side in the card's type sizes (checked by `invoke validate`)."""

SIDE_MM = 186.0
"""The height of one card side's text area, with a little room to spare (the page has 188 mm)."""
FOOTER_MM = 32.0
"""The back's footer (QR code and addresses) and its padding."""

# (characters per line, millimetres per line) of each kind of text on the card, measured on
# rendered cards so that the estimate is never lower than the real height (3–30 % higher).
BODY = (60, 4.6)
LIST = (56, 4.8)
TITLE = (30, 7.8)
LEAD = (50, 5.5)
HEADING = 9.0
"""A section heading with its rule and margins."""
ORIGIN = 3.5
"""The line under a workshop heading that says where the questions come from."""


def text_mm(text: str, style: tuple[int, float]) -> float:
    per_line, height = style
    return max(1, math.ceil(len(text) / per_line)) * height


def front_mm(card) -> float:
    """The estimated height of a card's front: title, summary, facts, case in brief, questions."""
    height = 8 + text_mm(card.title, TITLE) + 4 + text_mm(card.summary, LEAD) + 6
    for value in (", ".join(card.themes), ", ".join(card.target_groups), card.effort, card.evidence):
        height += 3.5 + 3.5 + text_mm(value, BODY)
    if card.case_brief:
        brief = card.case_brief["heading"] + ": " + card.case_brief["text"]
        height += 5 + HEADING + text_mm(brief, BODY) + 4
    if card.questions:
        height += 5 + HEADING + ORIGIN + sum(text_mm(q, LIST) + 0.8 for q in card.questions)
    return height + 6  # the "turn over" line


def back_mm(card) -> float:
    """The estimated height of a card's back: steps, core, factors, exercise and footer."""
    height = FOOTER_MM
    height += HEADING + sum(text_mm(step, LIST) + 0.8 for step in card.steps) + 4
    height += HEADING + sum(text_mm(item, LIST) + 0.8 for item in card.core) + 4
    if card.factors:
        height += HEADING + sum(text_mm(f, LIST) + 0.8 for f in card.factors) + 4
    if card.exercise:
        heading = f"Övning: {card.exercise['title']} ({card.exercise['minutes']} min) Redaktionens förslag"
        height += (
            text_mm(heading, (40, HEADING / 2 + 2))
            + ORIGIN
            + text_mm(card.exercise["instructions"], BODY)
            + 4
        )
    height += 7.0 * len(card.reading)
    return height


def fit(card):
    """The card with derived parts left out until both sides fit: the last success factors
    first, then the case in brief."""
    while card.factors and back_mm(card) > SIDE_MM:
        card.factors = card.factors[:-1]
    if card.case_brief and front_mm(card) > SIDE_MM:
        card.case_brief = {**card.case_brief, "text": ""}
        if front_mm(card) > SIDE_MM:
            card.case_brief = None
    return card


def card_problems(source: SourceFile, item) -> list[Diagnostic]:
    """Everything of a method that would not fit on its card, each at its line."""
    return field_problems(source, item) + workshop_problems(source, item) + side_problems(source, item)


def field_problems(source: SourceFile, item) -> list[Diagnostic]:
    """Title, summary, time, steps and core that would not fit on the card, each at its line."""
    problems = []

    def too_long(loc: tuple, what: str, text: str, limit: int, hint: str, long: str = "lång") -> None:
        if len(text) > limit:
            problems.append(
                Diagnostic(
                    source.rel,
                    source.line_of(loc),
                    f"{what} är för {long} för kortet: {len(text)} tecken, högst {limit}",
                    hint,
                )
            )

    def too_many(loc: tuple, what: str, count: int, limit: int, hint: str) -> None:
        if count > limit:
            problems.append(
                Diagnostic(
                    source.rel, source.line_of(loc), f"{what}, högst {limit} får plats på kortet", hint
                )
            )

    too_long(("title",), "titeln", item.title, LIMITS["title"], "korta titeln")
    too_long(
        ("summary",),
        "sammanfattningen",
        item.summary,
        LIMITS["summary"],
        "korta sammanfattningen till en mening",
    )
    too_long(
        ("effort", "time"), "tidsåtgången", item.effort.time, LIMITS["effort_time"], "skriv tiden kortare"
    )
    too_many(
        ("steps",),
        f"metoden har {len(item.steps)} steg",
        len(item.steps),
        LIMITS["steps"],
        "slå ihop steg som hör ihop",
    )
    for number, step in enumerate(item.steps, 1):
        too_long(
            ("steps", number - 1, "title"),
            f"steg {number}",
            step.title,
            LIMITS["step"],
            "korta stegets rubrik; detaljerna hör hemma i description",
            long="långt",
        )
    too_many(
        ("core",),
        f"kärnan har {len(item.core)} punkter",
        len(item.core),
        LIMITS["core"],
        "behåll det viktigaste i core och flytta resten till adaptable eller brödtexten",
    )
    for number, text in enumerate(item.core, 1):
        too_long(("core", number - 1), f"kärnpunkt {number}", text, LIMITS["core_item"], "korta punkten")
    return problems


def _too_long(
    source: SourceFile, loc: tuple, what: str, text: str, limit: int, hint: str
) -> list[Diagnostic]:
    if len(text) <= limit:
        return []
    message = f"{what} är för lång för kortet: {len(text)} tecken, högst {limit}"
    return [Diagnostic(source.rel, source.line_of(loc), message, hint)]


def workshop_problems(source: SourceFile, item) -> list[Diagnostic]:
    """Discussion questions, the exercise and further reading that would not fit on the card."""
    problems = []
    workshop = item.workshop
    if workshop is not None:
        for number, question in enumerate(workshop.questions, 1):
            problems += _too_long(
                source,
                ("workshop", "questions", number - 1),
                f"diskussionsfråga {number}",
                question,
                LIMITS["question"],
                "ställ frågan kortare; en fråga per rad",
            )
        if workshop.exercise is not None:
            exercise = workshop.exercise
            loc = ("workshop", "exercise")
            problems += _too_long(
                source,
                loc + ("title",),
                "övningens namn",
                exercise.title,
                LIMITS["exercise_title"],
                "korta namnet",
            )
            problems += _too_long(
                source,
                loc + ("instructions",),
                "övningens instruktion",
                exercise.instructions,
                LIMITS["exercise_text"],
                "beskriv övningen i två eller tre meningar",
            )
    for number, reading in enumerate(item.further_reading[: LIMITS["reading"]]):
        loc = ("further_reading", number)
        problems += _too_long(
            source,
            loc + ("title",),
            f"läs mer-länk {number + 1}: rubriken",
            reading.title,
            LIMITS["reading_title"],
            "korta rubriken",
        )
        problems += _too_long(
            source,
            loc + ("url",),
            f"läs mer-länk {number + 1}: webbadressen",
            reading.url,
            LIMITS["reading_url"],
            "använd en kortare adress till samma sida om det finns en",
        )
    return problems


class _Draft:
    """The card as validation can see it: the method's own fields, no derived parts."""

    def __init__(self, item):
        self.title, self.summary = item.title, item.summary
        self.themes, self.target_groups = list(item.themes), list(item.target_groups)
        self.effort = f"{item.effort.level}: {item.effort.time}, cirka 1 000 timmar, 10 000–100 000 kr"
        self.evidence = "Prövad i två fall i två kommuner, 2018–2019. Ett av fallen är en kopia."
        self.steps = [step.title for step in item.steps]
        self.core = list(item.core)
        self.factors, self.case_brief = [], None
        workshop = item.workshop
        self.questions = list(workshop.questions) if workshop else []
        self.exercise = workshop.exercise.model_dump() if workshop and workshop.exercise else None
        self.reading = [{"title": r.title, "url": r.url} for r in item.further_reading[: LIMITS["reading"]]]


def side_problems(source: SourceFile, item) -> list[Diagnostic]:
    """A card side that would overflow with the method's own fields, even if each fits alone."""
    draft = _Draft(item)
    problems = []
    for side, height, loc, hint in (
        (
            "framsidan",
            front_mm(draft),
            ("workshop", "questions"),
            "korta sammanfattningen eller diskussionsfrågorna",
        ),
        ("baksidan", back_mm(draft), ("steps",), "korta stegen, kärnan eller övningen"),
    ):
        if height > SIDE_MM:
            problems.append(
                Diagnostic(
                    source.rel,
                    source.line_of(loc),
                    f"{side} av metodkortet blir för full (cirka {round(height)} mm text, {round(SIDE_MM)} mm får plats)",
                    hint,
                )
            )
    return problems


def card_check(kind: Kind, source: SourceFile, item) -> list[Diagnostic]:
    """The card limits as a content check: methods only."""
    return card_problems(source, item) if kind.name == "method" else []
