"""Swedish words for numbers and dates in running text: "ett fall i en kommun",
"nov 2015–aug 2016", "11 sep 2019"."""

from __future__ import annotations

from datetime import date

NUMBERS = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")
MONTHS = ("jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec")
"""Short month names as Swedish writes them in running text (no full stop)."""


def number(value: int, neuter: bool = False) -> str:
    """1 → 'en' (or 'ett'), 2 → 'två' … 12 → 'tolv'; larger numbers as digits."""
    if value == 1 and neuter:
        return "ett"
    return NUMBERS[value] if 0 <= value < len(NUMBERS) else str(value)


def count(value: int, singular: str, plural: str, neuter: bool = False) -> str:
    """'ett fall', 'två kommuner', '14 fall'."""
    return f"{number(value, neuter)} {singular if value == 1 else plural}"


def partial_date(text: str) -> str:
    """'2015' → '2015', '2015-11' → 'nov 2015', '2019-09-18' → '18 sep 2019'."""
    parts = text.split("-")
    if len(parts) == 1:
        return text
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def full_date(value: date) -> str:
    """A date in running text: '22 nov 2026'."""
    return partial_date(value.isoformat())


def period(start: str, end: str | None) -> str:
    """'nov 2015–aug 2016', '2018–2020', 'från 2019'."""
    if end is None:
        return f"från {partial_date(start)}"
    return f"{partial_date(start)}–{partial_date(end)}"
