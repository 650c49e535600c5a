"""The value types of the content model: dates, web addresses, plain titles, vocabulary
terms, municipalities and references to other entries by id.

Checks that need the rest of the library (vocabulary, municipalities, references to other
ids) read a `CheckContext` passed as pydantic's validation context, so that every error
keeps the exact location of the offending value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StrictInt,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from .characters import visible
from .suggest import did_you_mean
from .vocabulary import Vocabulary


@dataclass
class CheckContext:
    """What the validators need to know beyond the file they check."""

    vocabulary: Vocabulary
    kinds_by_id: dict[str, str] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)
    """Ids used by more than one file: already reported, so references to them are not."""


def _context(info: ValidationInfo) -> CheckContext | None:
    ctx = info.context
    return ctx if isinstance(ctx, CheckContext) else None


# --- scalar types ---------------------------------------------------------------------------


EARLIEST_YEAR = 1900
"""No case, source or review in this library predates this year; earlier dates are typos."""


def _plausible_year(year: int, value: object) -> None:
    if not EARLIEST_YEAR <= year <= date.today().year + 10:
        raise PydanticCustomError(
            "implausible_year",
            "årtalet i '{value}' är inte rimligt",
            {
                "value": value,
                "hint": f"kontrollera årtalet: det ska ligga mellan {EARLIEST_YEAR} och några år framåt",
            },
        )


def _iso_date(value: object) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            parsed = date.fromisoformat(text)
        except ValueError:
            parsed = None
        if parsed is not None:
            _plausible_year(parsed.year, value)
            return parsed
    raise PydanticCustomError(
        "iso_date",
        "ogiltigt datum '{value}'",
        {"value": value, "hint": "skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-05-31"},
    )


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def _not_in_future(value: date) -> date:
    if value > date.today():
        raise PydanticCustomError(
            "future_date",
            "datumet {value} ligger i framtiden",
            {"value": value.isoformat(), "hint": "skriv det datum då det faktiskt hände, senast i dag"},
        )
    return value


PastDate = Annotated[IsoDate, AfterValidator(_not_in_future)]
"""A date that has happened: a review, a publication."""


def _partial_date(value: object) -> str:
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    patterns = {r"\d{4}": "%Y", r"\d{4}-\d{2}": "%Y-%m", r"\d{4}-\d{2}-\d{2}": "%Y-%m-%d"}
    for pattern in patterns:
        if re.fullmatch(pattern, text):
            year, *rest = (int(part) for part in text.split("-"))
            try:
                date(year, *(rest + [1] * (2 - len(rest))))
            except ValueError:
                break
            _plausible_year(year, value)
            return text
    raise PydanticCustomError(
        "partial_date",
        "ogiltig tidpunkt '{value}'",
        {"value": value, "hint": "skriv år (2019), år och månad (2019-09) eller datum (2019-09-18)"},
    )


PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}, {"type": "integer"}]}
    ),
]


def _web_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise PydanticCustomError(
            "web_url",
            "ogiltig webbadress '{value}'",
            {"value": value, "hint": "ange en fullständig adress som börjar med https:// eller http://"},
        )
    if "@" in parts.netloc or any(c.isspace() for c in value.strip()):
        raise PydanticCustomError(
            "web_url_spoof",
            "webbadressen '{value}' innehåller mellanslag eller ett namn@ före webbplatsen",
            {"value": value, "hint": "skriv adressen som den står i webbläsarens adressfält"},
        )
    return value.strip()


WebUrl = Annotated[str, AfterValidator(_web_url)]


def _plain_title(value: str) -> str:
    if "<" in value or ">" in value:
        raise PydanticCustomError(
            "markup_in_title",
            "rubriken innehåller < eller >",
            {"hint": "skriv rubriken som vanlig text, utan HTML"},
        )
    if len(visible(value)) < 3:
        raise PydanticCustomError(
            "invisible_title",
            "rubriken har för få synliga tecken",
            {"hint": "skriv en rubrik med minst tre bokstäver eller siffror"},
        )
    return value


_EMAIL = re.compile(r"^[^@\s<>\"'()]+@[^@\s<>\"'()]+\.[^@\s<>\"'().]{2,}$")


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value.strip()):
        raise PydanticCustomError(
            "email",
            "'{value}' är ingen e-postadress",
            {"value": value, "hint": "skriv adressen som namn@exempel.se, utan mailto: och utan namn runt"},
        )
    return value.strip()


Email = Annotated[str, Field(max_length=254), AfterValidator(_email)]

Hours = Annotated[StrictInt, Field(ge=0, le=100_000)]
"""Working hours: a whole number (not text, not yes/no), at most 100 000."""
Kronor = Annotated[StrictInt, Field(ge=0, le=1_000_000_000)]
"""An amount in Swedish kronor: a whole number, at most a billion."""


Title = Annotated[str, Field(min_length=3, max_length=120), AfterValidator(_plain_title)]
"""A page title: plain text, because themes and search show it in many places."""

ShortText = Annotated[str, Field(min_length=1, max_length=300)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


def _in_vocabulary(group: str):
    def check(value: str, info: ValidationInfo) -> str:
        ctx = _context(info)
        if ctx is not None:
            ctx.vocabulary.require(group, value)
        return value

    return AfterValidator(check)


def _marked(**marker) -> Field:
    """A marker in the JSON Schema, replaced by `schema.py` (e.g. with the vocabulary's values)."""
    return Field(json_schema_extra={"x-metodbank": marker})


Theme = Annotated[str, _in_vocabulary("themes"), _marked(vocabulary="themes")]
TargetGroup = Annotated[str, _in_vocabulary("target_groups"), _marked(vocabulary="target_groups")]
Role = Annotated[str, _in_vocabulary("roles"), _marked(vocabulary="roles")]
OrganisationType = Annotated[
    str, _in_vocabulary("organisation_types"), _marked(vocabulary="organisation_types")
]
SourceKind = Annotated[str, _in_vocabulary("source_kinds"), _marked(vocabulary="source_kinds")]


def _municipality(value: str, info: ValidationInfo) -> str:
    ctx = _context(info)
    if ctx is not None:
        ctx.vocabulary.require_municipality(value)
    return value


Municipality = Annotated[str, AfterValidator(_municipality), _marked(municipality=True)]


def _reference(*kinds: str):
    """A reference by id to content of one of `kinds`, checked against the library."""

    def check(value: str, info: ValidationInfo) -> str:
        ctx = _context(info)
        if ctx is None or value in ctx.ambiguous:
            return value
        wanted = " eller ".join(KIND_ARTICLES[kind] for kind in kinds)
        found = ctx.kinds_by_id.get(value)
        if found is None:
            candidates = [i for i, k in ctx.kinds_by_id.items() if k in kinds]
            raise PydanticCustomError(
                "unknown_reference",
                "okänt id '{value}' (här ska det stå id:t för {wanted})",
                {
                    "value": value,
                    "wanted": wanted,
                    "hint": did_you_mean(value, candidates, "kontrollera id:t: det är filnamnet utan .md"),
                },
            )
        if found not in kinds:
            raise PydanticCustomError(
                "wrong_kind",
                "'{value}' är {found}, men här ska det stå id:t för {wanted}",
                {
                    "value": value,
                    "found": KIND_ARTICLES[found],
                    "wanted": wanted,
                    "hint": f"ange id:t för {wanted}",
                },
            )
        return value

    return AfterValidator(check)


CaseRef = Annotated[str, _reference("case"), _marked(reference=["case"])]
MethodRef = Annotated[str, _reference("method"), _marked(reference=["method"])]
FactorRef = Annotated[str, _reference("factor"), _marked(reference=["factor"])]
OrganisationRef = Annotated[str, _reference("organisation"), _marked(reference=["organisation"])]
CaseOrMethodRef = Annotated[str, _reference("case", "method"), _marked(reference=["case", "method"])]


KIND_ARTICLES = {
    "case": "ett fall",
    "method": "en metod",
    "factor": "en framgångsfaktor",
    "recommendation": "en rekommendation",
    "organisation": "en aktör",
    "playbook": "en färdplan",
}
"""Each kind with its Swedish indefinite article, for messages."""


def _unique(values: list) -> list:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise PydanticCustomError(
            "repeated",
            "'{value}' står flera gånger i listan",
            {"value": repeated[0], "hint": "skriv varje värde en gång"},
        )
    return values


Unique = AfterValidator(_unique)
"""A list where each value may appear once (references, themes, target groups)."""
