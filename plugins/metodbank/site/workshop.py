"""A method for a training session: its discussion questions and exercise (from the method
file), and a case in brief derived from the cases that used the method (never typed twice)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.library import Entry, Library
from .html import format_period

ORIGIN_NOTES = {
    "källan": "Frågorna och övningen bygger på källorna.",
    "redaktionen": "Frågorna och övningen är redaktionens förslag; källorna beskriver inga.",
}


@dataclass(frozen=True)
class CaseBrief:
    """One case that used a method, in a sentence: for the card and the method page."""

    entry: Entry
    place: str
    when: str
    text: str

    @property
    def heading(self) -> str:
        """'Mötesplats för unga i Lina Hage (Södertälje, från 2019)'."""
        return f"{self.entry.title} ({self.place}, {self.when})"


def first_sentence(text: str) -> str:
    """The first sentence of a summary (the whole text when it has one sentence)."""
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip())
    return match.group(1) if match else text.strip()


def case_brief(library: Library, refs, method_id: str) -> CaseBrief | None:
    """The case in brief for a method: of the cases that used it, the one with the most
    reported results (then the earliest, then by title); None when no case used it."""
    if refs is None:
        return None
    cases = refs.cases_using(method_id)
    if not cases:
        return None
    case = min(
        cases,
        key=lambda c: (-len(c.item.results), c.item.period.start if c.item.period else "9999", c.title),
    )
    item = case.item
    place = item.municipality or "flera orter"
    when = format_period(item.period) if item.period else "tid okänd"
    return CaseBrief(case, place, when, first_sentence(item.summary))
