"""The content model: one pydantic model per kind of content file.

Each field carries a docstring; pydantic keeps it as the field's description, so the
contributor guide, the JSON Schema and the validator's hints all come from this file.
The value types (dates, vocabulary terms, references …) live in `types`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .parts import (
    ClaimItem,
    Combination,
    InferredMarkers,
    NotWhen,
    Part,
    Quote,
    ResultItem,
    Source,
    SourceNumbers,
)
from .types import (
    CaseOrMethodRef,
    CaseRef,
    Email,
    FactorRef,
    Hours,
    Kronor,
    MethodRef,
    Municipality,
    OrganisationRef,
    OrganisationType,
    PartialDate,
    PastDate,
    Role,
    ShortText,
    TargetGroup,
    Text,
    Theme,
    Title,
    Unique,
    WebUrl,
)

# --- parts ----------------------------------------------------------------------------------


class Period(Part):
    """When a case ran."""

    start: PartialDate
    """När arbetet startade: år, år-månad eller datum."""
    end: PartialDate | None = None
    """När arbetet slutade; utelämna om det pågår eller om slutet inte är känt."""

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        # Compare at the end's precision: start 2019-05, end 2019 is fine; end 2018 is not.
        if self.end is not None and self.end < self.start[: len(self.end)]:
            raise PydanticCustomError(
                "period_order",
                "perioden slutar ({end}) innan den börjar ({start})",
                {
                    "start": self.start,
                    "end": self.end,
                    "hint": "byt plats på start och end eller rätta årtalen",
                },
            )
        return self


class Contact(Part):
    """Who to ask about a case. Only people named in a public source."""

    name: ShortText | None = None
    """Kontaktpersonens namn, om personen själv har gått ut med det offentligt."""
    organisation: OrganisationRef | None = None
    """Id för kontaktpersonens organisation."""
    email: Email | None = None
    """E-postadress för frågor om fallet."""
    url: WebUrl | None = None
    """Webbsida med kontaktuppgifter."""


class CopiedFrom(Part):
    """Copy + paste lineage: what a case copied and what it changed."""

    id: CaseOrMethodRef
    """Id för det fall eller den metod som kopierades."""
    changes: Text
    """Vad som ändrades jämfört med förlagan (skriv "Inte rapporterat" om källan inte säger det)."""
    source: SourceNumbers | None = None
    """Numret på den källa i sources som säger vad som kopierades och ändrades."""


class Step(Part):
    """One step of a method."""

    title: ShortText
    """Stegets korta rubrik (en rad)."""
    description: Text | None = None
    """Vad som görs i steget."""
    roles: Annotated[list[Role], Unique] = []
    """Roller som bär steget, ur vokabulären (till exempel omradesutvecklare, bovard)."""


class RoleAssignment(Part):
    """A role a method needs and what it is responsible for."""

    role: Role
    """Rollen, ur vokabulären."""
    responsibility: ShortText
    """Vad rollen ansvarar för i metoden."""


class CostRange(Part):
    """A cost range in Swedish kronor."""

    min: Kronor
    """Lägsta kostnad i kronor."""
    max: Kronor
    """Högsta kostnad i kronor."""

    @model_validator(mode="after")
    def _ordered(self) -> CostRange:
        if self.max < self.min:
            raise PydanticCustomError(
                "cost_order",
                "kostnadsintervallet är bakvänt: max {max} är mindre än min {min}",
                {"min": self.min, "max": self.max, "hint": "byt plats på min och max"},
            )
        return self


class Effort(Part):
    """What a method costs to run."""

    level: Literal["låg", "medel", "hög"]
    """Ungefärlig insats: låg, medel eller hög. Används i filtren."""
    time: ShortText
    """Tidsåtgång i ord, till exempel "två kvällar i veckan" eller "4–6 månader"."""
    hours: Hours | None = None
    """Ungefärligt antal arbetstimmar, om det är känt."""
    cost_sek: CostRange | None = None
    """Kostnad i kronor som intervall (min och max), om den är känd."""


# --- the five kinds -------------------------------------------------------------------------


class Content(Part):
    """Fields every kind of content file has."""

    title: Title
    """Rubrik som visas på sidan och i listor."""
    summary: Annotated[str, Field(min_length=10, max_length=300)]
    """En eller två meningar som sammanfattar innehållet; visas i listor och på metodkort."""
    inferred: InferredMarkers = {}
    """Värden som ingen källa anger direkt utan som redaktionen har tolkat: fältets namn och ett kort skäl, till exempel period.start: "Källan säger 'sedan något år tillbaka' (2019)"."""
    sources: list[Source] = Field(min_length=1)
    """Källor som innehållet bygger på: titel, typ, utgivare, webbadress och datum där de finns."""
    last_reviewed: PastDate
    """Datum då innehållet senast granskades mot källorna (ÅÅÅÅ-MM-DD)."""


class Classified(Content):
    """Content that is filtered by theme and target group."""

    themes: Annotated[list[Theme], Unique] = Field(min_length=1)
    """Teman ur vokabulären (data/vocabulary.yml)."""
    target_groups: Annotated[list[TargetGroup], Unique] = Field(min_length=1)
    """Målgrupper ur vokabulären (data/vocabulary.yml)."""
    quotes: list[Quote] = []
    """Ordagranna citat ur källorna, var och ett med vem som säger det och källans nummer."""


class Case(Classified):
    """Ett fall: vad som gjordes, var, av vem och när."""

    scope: Literal["lokal", "nationell"] = "lokal"
    """"lokal" för ett arbete på en ort, "nationell" för ett program över flera orter."""
    municipality: Municipality | None = None
    """Kommunen där arbetet gjordes (en av Sveriges 290). Krävs när scope är lokal."""
    district: ShortText | None = None
    """Stadsdel eller bostadsområde, om källan anger det."""
    organisations: Annotated[list[OrganisationRef], Unique] = Field(min_length=1)
    """Id för de aktörer som deltog."""
    period: Period | None = None
    """När arbetet pågick. Utelämna om källan inte anger det – gissa inte."""
    status: Literal["planerad", "pågår", "avslutad"]
    """Läget enligt källan: planerad, pågår eller avslutad."""
    question: Text | None = None
    """Den specifika fråga aktörerna valde att arbeta med."""
    goals: list[ClaimItem] = []
    """Mätbara mål, som källan anger dem: text, eller text och source (källans nummer)."""
    methods: Annotated[list[MethodRef], Unique] = []
    """Id för de metoder som användes."""
    success_factors: Annotated[list[FactorRef], Unique] = []
    """Id för framgångsfaktorer som syntes i fallet."""
    results: list[ResultItem] = []
    """Resultat som källan redovisar: text, source (källans nummer) och shows (vad resultatet visar). Lämna tomt hellre än att gissa."""
    copied_from: CopiedFrom | None = None
    """Om fallet kopierade ett annat fall eller en metod: vad, och vad som ändrades."""
    contact: Contact | None = None
    """Vem man kan fråga om fallet."""

    @field_validator("status")
    @classmethod
    def _status_fits_period(cls, status: str, info: ValidationInfo) -> str:
        period = info.data.get("period")
        if status == "avslutad" and period is not None:
            last = period.end or period.start
            if last > date.today().isoformat()[: len(last)]:  # same precision: 2031 > 2026
                raise PydanticCustomError(
                    "finished_in_future",
                    "fallet är avslutat men perioden slutar {last}, i framtiden",
                    {"last": last, "hint": "sätt status: pågår eller planerad, eller rätta perioden"},
                )
        return status

    @model_validator(mode="after")
    def _place(self) -> Case:
        if self.scope == "lokal" and self.municipality is None:
            raise PydanticCustomError(
                "municipality_required",
                "ett lokalt fall måste ange kommun",
                {"hint": "lägg till 'municipality: <kommun>' eller sätt 'scope: nationell'"},
            )
        return self


class Method(Classified):
    """En metod: ett återanvändbart arbetssätt, paketerat för att kopieras."""

    purpose: Text
    """Vad metoden ska åstadkomma."""
    when_to_use: list[Text] = Field(min_length=1)
    """Situationer där metoden passar."""
    steps: list[Step] = Field(min_length=2)
    """Metodens steg i ordning."""
    roles: list[RoleAssignment] = Field(min_length=1)
    """Roller metoden behöver och vad de ansvarar för."""
    prerequisites: list[Text] = []
    """Förutsättningar som bör finnas innan man börjar."""
    effort: Effort
    """Insats: nivå, tid, timmar och kostnad där det är känt."""
    risks: list[Text] = []
    """Risker och vanliga fallgropar."""
    checklist: list[ShortText] = []
    """Kontrollpunkter att bocka av."""
    core: list[Text] = Field(min_length=1)
    """Kärnan: det som måste behållas när metoden kopieras."""
    adaptable: list[Text] = []
    """Det som kan anpassas efter lokala förhållanden."""
    not_when: list[NotWhen] = []
    """Situationer där metoden inte passar, var och en med källans nummer eller märkt som redaktionens råd."""
    combine_with: list[Combination] = []
    """Andra metoder som passar ihop med den här, var och en med varför."""


class SuccessFactor(Classified):
    """En framgångsfaktor: en lärdom som källorna lyfter fram om vad som kan få arbetet att fungera."""

    cases: Annotated[list[CaseRef], Unique] = Field(min_length=1)
    """Id för fall som stöder framgångsfaktorn."""
    methods: Annotated[list[MethodRef], Unique] = []
    """Id för metoder som framgångsfaktorn gäller."""


class Recommendation(Classified):
    """En rekommendation: ett konkret råd till bostadsaktörer."""

    cases: Annotated[list[CaseRef], Unique] = Field(min_length=1)
    """Id för fall som stöder rekommendationen."""
    methods: Annotated[list[MethodRef], Unique] = []
    """Id för metoder som rekommendationen gäller."""
    success_factors: Annotated[list[FactorRef], Unique] = []
    """Id för framgångsfaktorer som rekommendationen bygger på."""


class Organisation(Content):
    """En aktör: bostadsföretag, förening, kommun, forskningsaktör med flera."""

    type: OrganisationType
    """Typ av aktör, ur vokabulären (organisation_types)."""
    municipality: Municipality | None = None
    """Kommunen där aktören har sitt säte, om den är lokal."""
    website: WebUrl | None = None
    """Aktörens webbplats."""


# --- playbooks: methods in the order they can be used ---------------------------------------


class PlaybookStep(Part):
    """One step of a playbook: a method, why it comes here and what it hands on."""

    method: MethodRef
    """Id för metoden i det här steget."""
    why: Text
    """Varför metoden kommer just här i ordningen."""
    hands_over: Text | None = None
    """Vad steget lämnar över till nästa steg. Krävs för alla steg utom det sista."""


class Provenance(Part):
    """Where a playbook's order comes from: a source, or the editors' synthesis."""

    basis: Literal["källa", "redaktionen"]
    """"källa" när en källa beskriver ordningen; "redaktionen" när kedjan är redaktionens sammanställning."""
    reason: Text
    """Vad källorna säger om ordningen och vad redaktionen har lagt till, och varför."""


class Playbook(Classified):
    """En färdplan: metoder i den ordning de kan användas, med varför och vad varje steg lämnar över."""

    steps: list[PlaybookStep]
    """Stegen i ordning, minst två. Varje metod får finnas en gång."""
    cases: list[CaseRef] = []
    """Id för fall som visar kedjan eller delar av den."""
    provenance: Provenance
    """Om en källa beskriver ordningen eller om den är redaktionens sammanställning, och varför."""

    @property
    def methods(self) -> list[str]:
        """The methods of the chain, in order (read by the cross references)."""
        return [step.method for step in self.steps]

    @field_validator("steps", mode="after")
    @classmethod
    def _chain(cls, steps: list[PlaybookStep]) -> list[PlaybookStep]:
        if len(steps) < 2:
            raise PydanticCustomError(
                "playbook_too_short",
                "en färdplan behöver minst två steg, den här har {count}",
                {
                    "count": len(steps),
                    "hint": "lägg till metoden som kommer före eller efter, eller beskriv metoden på dess egen sida",
                },
            )
        return steps

    @model_validator(mode="after")
    def _order(self) -> Playbook:
        seen: dict[str, int] = {}
        last = len(self.steps) - 1
        for index, step in enumerate(self.steps):
            if step.method in seen:
                raise _step_error(
                    index,
                    "metoden '{method}' finns redan som steg {first}",
                    "en metod får finnas en gång i kedjan; slå ihop stegen eller välj en annan metod",
                    method=step.method,
                    first=seen[step.method] + 1,
                )
            seen[step.method] = index
            if index < last and not step.hands_over:
                raise _step_error(
                    index,
                    "steg {number} säger inte vad det lämnar över till nästa steg",
                    "fyll i hands_over: vad nästa metod får av den här",
                    number=index + 1,
                )
            if index == last and step.hands_over:
                raise _step_error(
                    index,
                    "det sista steget har hands_over, men inget steg kommer efter",
                    "ta bort hands_over från sista steget eller lägg till ett steg",
                )
        return self


def _step_error(index: int, message: str, hint: str, **values) -> PydanticCustomError:
    """An error on one step of a playbook, located at that step (`steps[index]`)."""
    return PydanticCustomError("playbook_order", message, {**values, "hint": hint, "loc": ("steps", index)})
