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
from ..content.evidence import LADDER
from ..content.frontmatter import SourceFile
from ..content.kinds import Kind
from ..content.provenance import field_label, inferred_reason

LIMITS = {
    "title": 90,
    "summary": 220,
    "step": 100,
    "steps": 8,
    "core_item": 140,
    "core": 5,
    "effort_time": 80,
    "inferred": 320,
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

# (characters per line, millimetres per line) of each kind of text on the card, measured on
# rendered cards so that the estimate is never lower than the real height (3–30 % higher).
BODY = (60, 4.6)
PARAGRAPH = (64, 4.6)
"""The exercise, a paragraph across the card (10 pt); about 70 characters a line rendered."""
LIST = (60, 4.6)
"""List items (10 pt): on the seed cards 65 characters was the shortest item that took two lines."""
TITLE = (30, 7.8)
LEAD = (50, 5.5)
SMALL = (60, 4.3)
"""The next step under the evidence (9 pt)."""
NOTE = (62, 4.0)
"""The editors' reasons for inferred values (8.5 pt, in a box)."""
HEADING = 8.0
"""A section heading with its rule and margins (7.7 mm rendered)."""
HEADING_LINE = 4.8
"""Each further line of a heading that wraps (10.5 pt capitals, about 40 to a line)."""
ORIGIN = 3.2
"""The line under a workshop heading that says where the questions come from."""
FOOTER = (27.0, 3.0)
"""The back's footer: at least the QR code with its rule (26.4 mm rendered), or the lines of
addresses beside it and the rule, whichever is higher."""
FOOTER_LINE = (58, 3.8)
"""A line of the addresses beside the QR code (8 pt)."""


def text_mm(text: str, style: tuple[int, float]) -> float:
    per_line, height = style
    return max(1, math.ceil(len(text) / per_line)) * height


def front_mm(card) -> float:
    """The estimated height of a card's front: title, summary, facts, inferred values, case in brief."""
    height = 8 + text_mm(card.title, TITLE) + 4 + text_mm(card.summary, LEAD) + 6
    for value in (", ".join(card.themes), ", ".join(card.target_groups), card.effort, card.evidence):
        height += 3.5 + 3.5 + text_mm(value, BODY)
    if getattr(card, "next_step", ""):
        height += text_mm("Nästa steg: " + card.next_step, SMALL)
    if getattr(card, "inferred", None):
        height += 4 + 4 + sum(text_mm(f"{name}: {reason}", NOTE) for name, reason in card.inferred) + 3
    if card.case_brief:
        brief = card.case_brief["heading"] + ": " + card.case_brief["text"]
        height += 5 + HEADING + text_mm(brief, BODY) + 4
    return height + 6  # the "turn over" line


def footer_mm(card) -> float:
    """The back's footer: the QR code, or the method's address and the further reading beside it."""
    least, rule = FOOTER
    lines = (
        3
        + sum(
            text_mm("Läs mer: " + reading["title"], FOOTER_LINE) + text_mm(reading["url"], FOOTER_LINE)
            for reading in card.reading
        )
        / FOOTER_LINE[1]
    )
    return max(least, rule + lines * FOOTER_LINE[1])


def _list_mm(items) -> float:
    return sum(text_mm(item, LIST) + 0.8 for item in items) + 4


def back_mm(card) -> float:
    """The estimated height of a card's back: steps, core, factors, discussion questions,
    exercise and footer."""
    height = footer_mm(card) + HEADING + _list_mm(card.steps) + HEADING + _list_mm(card.core)
    if card.factors:
        height += HEADING + _list_mm(card.factors)
    if card.questions:
        height += HEADING + ORIGIN + _list_mm(card.questions)
    if card.exercise:
        heading = f"Övning: {card.exercise['title']} ({card.exercise['minutes']} min)"
        height += HEADING + (text_mm(heading, (40, HEADING_LINE)) - HEADING_LINE)
        height += (0 if card.questions else ORIGIN) + text_mm(card.exercise["instructions"], PARAGRAPH) + 4
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


ON_CARD = (
    "themes", "target_groups", "effort", "effort.level", "effort.time", "effort.hours", "effort.cost_sek",
    "steps", "core",
)  # fmt: skip
"""Fields printed on a card whose inferred markers the card prints too."""


def inferred_on_card(item) -> list[tuple[str, str]]:
    """(Swedish field names, reason) for the inferred values the card shows; fields that share
    a reason share a line ("Steg och kärnan: …")."""
    names: dict[str, list[str]] = {}
    for path in ON_CARD:
        reason = inferred_reason(item, path)
        covered = "." in path and inferred_reason(item, path.split(".")[0]) == reason
        if reason and not covered and field_label(path) not in names.setdefault(reason, []):
            names[reason].append(field_label(path))
    return [(" och ".join(labels), reason) for reason, labels in names.items()]


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
    return problems + _notes_problems(source, item)


def _notes_problems(source: SourceFile, item) -> list[Diagnostic]:
    """The reasons for inferred values that the card prints must fit beside them."""
    notes = " ".join(reason for _, reason in inferred_on_card(item))
    if len(notes) <= LIMITS["inferred"]:
        return []
    return [
        Diagnostic(
            source.rel,
            source.line_of(("inferred",)),
            f"skälen i inferred för värden på kortet är för långa för kortet: {len(notes)} tecken, "
            f"högst {LIMITS['inferred']}",
            "korta skälen; längre resonemang hör hemma under Källor och osäkerheter i brödtexten",
        )
    ]


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
        self.evidence = "Steg 1 av 5: Beskriven · Spridd · Bara källor från dem som genomförde arbetet"
        self.next_step = "x" * max(len(rung.to_reach) for rung in LADDER)
        self.inferred = inferred_on_card(item)
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
            ("summary",),
            "korta sammanfattningen eller skälen under inferred",
        ),
        (
            "baksidan",
            back_mm(draft),
            ("workshop",) if item.workshop else ("steps",),
            "korta stegen, kärnan, diskussionsfrågorna eller övningen",
        ),
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
