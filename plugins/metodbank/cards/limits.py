"""How much fits on a method card, checked by validation so overflow is caught before
print. `card_check` is handed to the content loader (see `metodbank.project`), so the
content package itself knows nothing of cards."""

from __future__ import annotations

from ..content.diagnostics import Diagnostic
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
}
"""What fits on an A5 card side in the card's type sizes (checked by `invoke validate`)."""


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


def card_check(kind: Kind, source: SourceFile, item) -> list[Diagnostic]:
    """The card limits as a content check: methods only."""
    return card_problems(source, item) if kind.name == "method" else []
