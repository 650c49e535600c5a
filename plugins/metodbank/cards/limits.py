"""How much fits on a method card, checked by validation so overflow is caught before
print. `card_check` is handed to the content loader (see `metodbank.project`), so the
content package itself knows nothing of cards."""

from __future__ import annotations

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
}
"""What fits on an A5 card side in the card's type sizes (checked by `invoke validate`)."""


def card_problems(source: SourceFile, item) -> list[Diagnostic]:
    """Fields of a method that would not fit on its card, each at its line."""
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


def card_check(kind: Kind, source: SourceFile, item) -> list[Diagnostic]:
    """The card limits as a content check: methods only."""
    return card_problems(source, item) if kind.name == "method" else []
