"""The base of every model, and the parts that carry provenance: sources (with their kind
and what their date means) and claims that cite them (results, goals, quotes).

A claim names the entry's own sources by number (1 is the first source in `sources`), so
the page can print it as a footnote-style reference to the source list. Plain strings stay
valid for results and goals: they become claims without a cited source.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .types import MethodRef, PastDate, ShortText, SourceKind, Text, WebUrl

DATE_KINDS = ("publicerad", "senast uppdaterad", "hämtad")
"""What a source's date means, as contributors write it."""

RESULT_KINDS = ("genomförande", "bedömning", "förändring", "jämförd effekt", "ingen effekt", "negativ effekt")
"""What a result shows: something was done; the actors' own judgement without data; follow-up
or before/after data show a change; an evaluation with a comparison shows an effect; no effect;
a negative effect."""


class Part(BaseModel):
    """Base for every model: unknown keys are errors, and field docstrings are kept."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, str_strip_whitespace=True)


class Source(Part):
    """A publication the content is written from."""

    title: ShortText
    """Källans titel, till exempel rubriken på artikeln eller rapporten."""
    kind: SourceKind
    """Typ av källa ur vokabulären (source_kinds), till exempel kort-notis, projektsida eller utvardering."""
    author: ShortText | None = None
    """Vem som skrev eller talar i källan, med roll, som källan själv anger det."""
    publisher: ShortText | None = None
    """Vem som gav ut källan (organisation eller webbplats)."""
    url: WebUrl | None = None
    """Webbadress till källan, om den finns publicerad på webben."""
    date: PastDate | None = None
    """Källans datum (ÅÅÅÅ-MM-DD), om det är känt. Vad datumet betyder anges i date_kind."""
    date_kind: Literal[DATE_KINDS] = "publicerad"
    """Vad datumet betyder: publicerad, senast uppdaterad eller hämtad (när redaktionen läste källan)."""
    independent: bool = False
    """true om källan kommer från någon utanför dem som genomförde arbetet (till exempel en extern utvärderare)."""
    note: ShortText | None = None
    """Kort anmärkning om källan, till exempel "bara ingressen finns tillgänglig"."""


def _one_or_more(value: object) -> object:
    return [value] if isinstance(value, int | str) and not isinstance(value, bool) else value


SourceNumbers = Annotated[
    list[Annotated[int, Field(ge=1)]],
    BeforeValidator(_one_or_more),
    Field(min_length=1, json_schema_extra={"x-metodbank": {"source_numbers": True}}),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1},
                {"type": "array", "items": {"type": "integer", "minimum": 1}, "minItems": 1},
            ]
        }
    ),
]
"""One source number or a list of them: `source: 2` or `source: [1, 3]`."""


def _text_first(value: object) -> object:
    """A plain string is a claim without a cited source."""
    return {"text": value} if isinstance(value, str) else value


class Claim(Part):
    """A statement that can name which of the entry's sources says it."""

    text: Text
    """Påståendet, med egna ord."""
    source: SourceNumbers | None = None
    """Numret på den källa i sources som säger det (1 är den första), eller en lista av nummer."""


class Result(Claim):
    """A result, with what kind of change it shows."""

    shows: Literal[RESULT_KINDS] = "genomförande"
    """Vad resultatet visar: genomförande (något gjordes), bedömning (aktörernas egen bedömning utan mätning), förändring (uppföljning eller före/efter-mätning visar förändring), jämförd effekt (utvärdering med jämförelse), ingen effekt eller negativ effekt."""


class Quote(Part):
    """A verbatim quote, always with its speaker and source."""

    text: Text
    """Citatet, ordagrant som i källan (utan citattecken)."""
    speaker: ShortText
    """Vem som säger det, med roll, som källan anger det."""
    source: SourceNumbers
    """Numret på den källa i sources där citatet står."""


def _reason(value: object) -> object:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise PydanticCustomError(
            "inferred_reason",
            "markeringen i inferred saknar skäl",
            {
                "hint": "skriv kort varför värdet är tolkat, till exempel: Källan säger 'sedan något år tillbaka'"
            },
        )
    if not isinstance(value, str):
        raise PydanticCustomError(
            "inferred_reason_type",
            "skälet i inferred ska vara en förklaring i text, inte ett värde",
            {"hint": "låt värdet stå på sin vanliga plats och skriv här bara varför det är tolkat"},
        )
    return value


def _mapping(value: object) -> object:
    if isinstance(value, list):
        raise PydanticCustomError(
            "inferred_list",
            "inferred ska ange fält och skäl, inte en lista",
            {
                "hint": 'skriv ett fält per rad med skälet efter kolon, till exempel  period.start: "Källan säger …"'
            },
        )
    return value


Reason = Annotated[ShortText, BeforeValidator(_reason)]
InferredMarkers = Annotated[dict[str, Reason], BeforeValidator(_mapping)]
"""`field path → reason` for the values the editors inferred."""

ClaimItem = Annotated[Claim, BeforeValidator(_text_first, json_schema_input_type=Text | Claim)]
ResultItem = Annotated[Result, BeforeValidator(_text_first, json_schema_input_type=Text | Result)]


class NotWhen(Part):
    """A situation where a method does not fit: from a source, or marked as editorial advice."""

    text: Text
    """Situationen där metoden inte passar."""
    source: SourceNumbers | None = None
    """Numret på den källa i sources som säger det."""
    editorial: bool = False
    """true om det är redaktionens råd och ingen källa säger det."""

    @model_validator(mode="after")
    def _cited_or_editorial(self) -> NotWhen:
        if (self.source is None) == (not self.editorial):
            both = self.source is not None
            raise PydanticCustomError(
                "not_when_basis",
                "not_when anger både källa och redaktionens råd" if both else "not_when saknar underlag",
                {
                    "hint": "ta bort antingen source eller editorial"
                    if both
                    else "ange source (källans nummer) eller editorial: true om det är redaktionens råd"
                },
            )
        return self


class Combination(Part):
    """Another method that goes well with this one, and why."""

    id: MethodRef
    """Id för den andra metoden."""
    why: Text
    """Varför metoderna passar ihop."""
    source: SourceNumbers | None = None
    """Numret på den källa i sources som säger det, om någon gör det."""
