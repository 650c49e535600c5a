"""Optional parts of content beyond the core model: further reading that a source gives,
and material for a training session on a method (questions and an exercise)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .parts import Part
from .types import ShortText, Text, WebUrl


class FurtherReading(Part):
    """An address for further reading that a source itself gives (never a guessed one)."""

    title: ShortText
    """Vad sidan handlar om, med källans ord, till exempel "Koalitionsmodellen"."""
    url: WebUrl
    """Webbadressen exakt som källan anger den."""
    publisher: ShortText | None = None
    """Vem som står bakom sidan, om det framgår."""


class Exercise(Part):
    """An exercise for a training session on a method."""

    title: ShortText
    """Övningens namn, till exempel "Rita er egen karta"."""
    minutes: int = Field(ge=5, le=90)
    """Hur många minuter övningen tar (5–90)."""
    instructions: Text
    """Vad deltagarna gör, i ett par meningar."""


class Workshop(Part):
    """Material for a training session (utbildningspass) on a method: questions and an exercise."""

    questions: list[ShortText] = Field(min_length=2, max_length=4)
    """Två till fyra diskussionsfrågor för gruppen."""
    exercise: Exercise | None = None
    """En övning med tidsåtgång."""
    origin: Literal["källan", "redaktionen"]
    """Varifrån frågorna och övningen kommer: "källan" om källorna beskriver dem, annars "redaktionen" (visas som redaktionens förslag)."""
