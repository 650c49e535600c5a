"""The evidence rule as data: the ladder, the cap, the review interval, the flags and the
grades of the kunskapsdeklaration, each with the Swedish text that the "Om evidensnivåer"
page prints. `evidence` applies them; the page reads them from here, so they cannot drift."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rung:
    step: int
    label: str
    rule: str
    """When an entry stands on this step (all lower steps' rules hold too)."""
    to_reach: str
    """'Nästa steg' for an entry one step below: what evidence would bring it here."""


LADDER = (
    Rung(0, "Idé", "Beskriven, men ingen dokumenterad användning i Metodbanken.", ""),
    Rung(
        1,
        "Beskriven",
        "Arbetssättet är nedskrivet (för en metod: målgrupp, syfte, steg och förutsättningar) och har "
        "använts i minst ett fall med källa.",
        "ett fall i Metodbanken där arbetssättet används, med källa, och en beskrivning med målgrupp, "
        "syfte, steg och förutsättningar",
    ),
    Rung(
        2,
        "Kunskapsförankrad",
        "En källa av typen forskning förklarar varför arbetssättet fungerar.",
        "en forskningskälla eller kunskapsöversikt som förklarar varför arbetssättet fungerar",
    ),
    Rung(
        3,
        "Tecken på resultat",
        "En uppföljning eller före/efter-mätning i ett fall visar förändring (ett resultat med källa som "
        "visar förändring).",
        "en uppföljning eller före/efter-mätning i ett fall som visar förändring, med källa",
    ),
    Rung(
        4,
        "Belagd effekt",
        "En utvärdering med jämförelse (mot en jämförelsegrupp eller liknande område) visar effekt.",
        "en extern utvärdering som jämför med en jämförelsegrupp eller ett liknande område",
    ),
    Rung(
        5,
        "Upprepat belagd",
        "Två eller fler utvärderingar med jämförelse visar effekt, och minst en av dem är oberoende.",
        "ytterligare en utvärdering med jämförelse, varav minst en gjord av någon oberoende",
    ),
)

CAP = 3
"""The highest step when every source comes from those who ran the work."""
CAP_RULE = (
    "Om alla källor kommer från dem som genomförde arbetet (ingen källa är markerad som oberoende) "
    f"stannar bedömningen på högst steg {CAP}."
)
REVIEW_YEARS = {"low": 3, "high": 5}
REVIEW_RULE = (
    "Underlaget ska granskas igen tre år efter det äldsta granskningsdatumet bland posten och fallen "
    "bakom den (steg 0–2), eller fem år efter (steg 3–5)."
)

FLAGS = {
    "Spridd": "Använt i minst två fall av minst två organisationer, eller kopierat till en ny ort med "
    "dokumenterad förlaga.",
    "Oberoende": "Minst en källa är en utvärdering eller forskning av någon utanför dem som genomförde "
    "arbetet.",
    "Otillräckligt underlag": "Ingen källa säger något om effekten. Det betyder inte att arbetssättet "
    "saknar effekt, bara att det inte går att säga.",
    "Ingen eller negativ effekt": "En källa redovisar att arbetssättet inte gav effekt eller gav en "
    "negativ effekt.",
}

GRADES = {
    "A": "Beskrivet och belagt, och underlaget innehåller utvärdering eller forskning.",
    "B": "Beskrivet och belagt i källor från dem som genomförde arbetet.",
    "C": "Beskrivet, men bara tolkat av redaktionen eller utan källa.",
    "D": "Saknas.",
}

DIMENSIONS = {
    "målgrupp": "Målgrupperna är angivna; belagda när ett fall anger dem utan tolkning.",
    "metod": "Syfte och steg är beskrivna; belagda när stegen inte är redaktionens paketering "
    "(för framgångsfaktorer och rekommendationer: de metoder de gäller).",
    "genomförande": "Arbetssättet är använt i fall; belagt när ett fall med källa använder det utan "
    "tolkning.",
    "effekt": "Resultat om förändring eller effekt; belagt när resultatet anger sin källa. Aktörernas egen "
    "bedömning utan mätning, eller ett resultat utan källa, ger C. A kräver att källan är en utvärdering "
    "eller forskning.",
    "ekonomi": "Timmar eller kostnad i kronor; belagt när värdet inte är redaktionens uppskattning. "
    "Bara nivå och tid i ord ger C.",
}

STRONG_KINDS = frozenset({"utvardering", "forskning"})
EFFECT = frozenset({"förändring", "jämförd effekt", "ingen effekt", "negativ effekt"})
CHANGE = frozenset({"förändring", "jämförd effekt"})
NO_EFFECT = frozenset({"ingen effekt", "negativ effekt"})

KIND_SUPPORT = {
    "forskning": "Kan förankra arbetssättet i kunskap (steg 2) och, med en jämförelse, belägga effekt "
    "(steg 4–5).",
    "utvardering": "Kan visa förändring (steg 3) och, med en jämförelse, belägga effekt (steg 4–5). "
    "Räknas som oberoende när den är gjord av någon utanför dem som genomförde arbetet.",
}
"""What each kind of source can carry on the ladder, beyond describing the work."""
KIND_SUPPORT_DEFAULT = (
    "Beskriver arbetet. Ett resultat som hänvisar till källan kan visa förändring (steg 3)."
)
