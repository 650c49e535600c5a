"""Evidence, derived, never typed: the ladder, the flags, the cap, the review interval, "nästa
steg" and the kunskapsdeklaration, as table tests over small real libraries."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import VALID, write_library
from metodbank.content.crossrefs import CrossRefs
from metodbank.content.evidence import CAP_RULE, FLAGS, LADDER, grade
from metodbank.project import load_library

CASE = "cases/fallet.md"
METHOD = "methods/motesplats.md"

PREREQUISITES = "prerequisites:\n  - En lokal som går att låna kvällstid.\n"
RESEARCH = "  - title: Studie om mötesplatser\n    kind: forskning\n"
SECOND_CASE = """---
title: Mötesplats i Navestad
summary: En andra mötesplats för unga, driven av en förening.
themes: [motesplatser]
target_groups: [unga]
municipality: Norrköping
organisations: [foreningen]
status: pågår
methods: [motesplats]
sources:
  - title: Föreningens nyhetsbrev
    kind: kort-notis
last_reviewed: 2025-06-01
---
Text.
"""
ASSOCIATION = """---
title: Föreningen
summary: En förening i Navestad som driver mötesplatsen.
type: forening
sources:
  - title: Föreningens nyhetsbrev
    kind: kort-notis
last_reviewed: 2026-01-15
---
"""


def add(rel: str, before: str, text: str, files: dict) -> dict:
    """`text` inserted in `rel` (as modified so far) before the first line starting with `before`."""
    source = files.get(rel, VALID[rel])
    assert f"\n{before}" in source, f"{before!r} is not in {rel}"
    return {**files, rel: source.replace(f"\n{before}", f"\n{text.rstrip()}\n{before}", 1)}


def sources_of(rel: str, text: str, files: dict) -> dict:
    """Another source appended to `rel`'s sources (they end just before last_reviewed)."""
    return add(rel, "last_reviewed:", text, files)


def result(text: str, shows: str, source: int | None = 1) -> str:
    cited = f"\n    source: {source}" if source else ""
    return f"results:\n  - text: {text}{cited}\n    shows: {shows}"


def evaluation(independent: bool, title: str = "Utvärdering av mötesplatsen") -> str:
    return f"  - title: {title}\n    kind: utvardering\n    independent: {str(independent).lower()}\n"


def described(files: dict | None = None) -> dict:
    return add(METHOD, "effort:", PREREQUISITES, files or {})


def build(tmp_path, files: dict):
    library = load_library(write_library(tmp_path, {**VALID, **files}))
    assert [str(d) for d in library.errors] == []
    return library, CrossRefs.build(library)


def graded(tmp_path, files: dict, entry_id: str = "motesplats"):
    library, refs = build(tmp_path, files)
    return grade(library.entries[entry_id], refs)


CASES = [
    # (name, files, step, flags, capped, words in "nästa steg")
    ("undescribed", {}, 0, ("Otillräckligt underlag",), False, ["förutsättningar"]),
    (
        "unused",
        described({CASE: VALID[CASE].replace("methods: [motesplats]\n", "")}),
        0,
        ("Otillräckligt underlag",),
        False,
        ["ett fall i Metodbanken"],
    ),
    ("described", described(), 1, ("Otillräckligt underlag",), False, ["forskningskälla"]),
    (
        "inferred-link-does-not-count",
        add(CASE, "last_reviewed:", "inferred:\n  methods[1]: Källan nämner inte metoden.", described()),
        0,
        ("Otillräckligt underlag",),
        False,
        ["ett fall i Metodbanken"],
    ),
    (
        "knowledge",
        sources_of(METHOD, RESEARCH, described()),
        2,
        ("Otillräckligt underlag",),
        False,
        ["uppföljning"],
    ),
    (
        "signs-of-results",
        add(
            CASE,
            "sources:",
            result("Fler unga kom.", "förändring"),
            sources_of(METHOD, RESEARCH, described()),
        ),
        3,
        (),
        False,
        ["extern utvärdering", "utanför dem som genomförde"],
    ),
    (
        "uncited-result-does-not-count",
        add(
            CASE,
            "sources:",
            result("Fler unga kom.", "förändring", None),
            sources_of(METHOD, RESEARCH, described()),
        ),
        2,
        ("Otillräckligt underlag",),
        False,
        ["uppföljning"],
    ),
    (
        "inferred-result-does-not-count",
        add(
            CASE,
            "last_reviewed:",
            "inferred:\n  results[1]: Redaktionens slutsats.",
            add(
                CASE,
                "sources:",
                result("Fler unga kom.", "förändring"),
                sources_of(METHOD, RESEARCH, described()),
            ),
        ),
        2,
        ("Otillräckligt underlag",),
        False,
        ["uppföljning"],
    ),
    (
        "capped-when-all-sources-are-the-actors-own",
        add(
            CASE,
            "sources:",
            result("Färre konflikter än i jämförelseområdet.", "jämförd effekt", 2),
            sources_of(CASE, evaluation(False), sources_of(METHOD, RESEARCH, described())),
        ),
        3,
        (),
        True,
        ["extern utvärdering", "utanför dem som genomförde"],
    ),
    (
        "effect",
        add(
            CASE,
            "sources:",
            result("Färre konflikter än i jämförelseområdet.", "jämförd effekt", 2),
            sources_of(CASE, evaluation(True), sources_of(METHOD, RESEARCH, described())),
        ),
        4,
        ("Oberoende",),
        False,
        ["ytterligare en utvärdering"],
    ),
    (
        "repeated",
        add(
            CASE,
            "sources:",
            result("Färre konflikter än i jämförelseområdet.", "jämförd effekt", [2, 3]),
            sources_of(
                CASE,
                evaluation(True) + evaluation(False, "Andra utvärderingen"),
                sources_of(METHOD, RESEARCH, described()),
            ),
        ),
        5,
        ("Oberoende",),
        False,
        ["Högsta steget"],
    ),
    (
        "no-effect-is-not-insufficient",
        add(CASE, "sources:", result("Ingen skillnad mot tidigare år.", "ingen effekt"), described()),
        1,
        ("Ingen eller negativ effekt",),
        False,
        ["forskningskälla"],
    ),
    (
        "two-cases-of-one-organisation-are-not-spread",
        {**described(), "cases/navestad.md": SECOND_CASE.replace("[foreningen]", "[bolaget]")},
        1,
        ("Otillräckligt underlag",),
        False,
        ["forskningskälla"],
    ),
    (
        "spread-by-two-organisations",
        {
            **described(),
            "cases/navestad.md": SECOND_CASE,
            "organisations/foreningen.md": ASSOCIATION,
        },
        1,
        ("Spridd", "Otillräckligt underlag"),
        False,
        ["forskningskälla"],
    ),
]


@pytest.mark.parametrize(
    ("name", "files", "step", "flags", "capped", "words"), CASES, ids=[row[0] for row in CASES]
)
def test_ladder_flags_cap_and_next_step(tmp_path, name, files, step, flags, capped, words):
    found = graded(tmp_path, files)
    assert (found.step, found.flags, found.capped) == (step, flags, capped)
    assert found.label == LADDER[step].label
    for word in words:
        assert word.lower() in found.next_step.lower(), found.next_step


def test_a_copy_with_documented_lineage_is_spread_but_an_inferred_one_is_not(tmp_path):
    lineage = "copied_from:\n  id: motesplats\n  changes: Öppet en kväll till.\n  source: 1"
    files = add(CASE, "sources:", lineage, described())
    assert "Spridd" in graded(tmp_path / "a", files).flags
    files = add(
        CASE, "last_reviewed:", "inferred:\n  copied_from: Källan säger inte vem som kopierade vem.", files
    )
    assert "Spridd" not in graded(tmp_path / "b", files).flags


def test_inferred_place_and_years_are_not_counted(tmp_path):
    found = graded(tmp_path / "a", described())
    assert (found.counts.municipalities, found.counts.first_year, found.counts.last_year) == (1, 2019, 2020)
    markers = "inferred:\n  municipality: Tolkat.\n  period.start: Tolkat.\n  organisations[1]: Tolkat."
    found = graded(tmp_path / "b", add(CASE, "last_reviewed:", markers, described()))
    assert (found.counts.municipalities, found.counts.first_year, found.counts.years) == (0, 2020, 1)
    assert found.counts.organisations == 0


DECLARATIONS = [
    # (name, files, grades in order: målgrupp, metod, genomförande, effekt, ekonomi)
    ("described-by-the-actors", described(), "BBBDB"),
    (
        "editorial-steps-and-estimated-cost",
        add(
            METHOD,
            "last_reviewed:",
            "inferred:\n  steps: Redaktionens paketering.\n  effort.hours: Uppskattning.",
            described(),
        ),
        "BCBDC",
    ),
    ("research-behind-it", sources_of(METHOD, RESEARCH, described()), "AAADA"),
    ("cited-change", add(CASE, "sources:", result("Fler unga kom.", "förändring"), described()), "BBBBB"),
    (
        "uncited-change",
        add(CASE, "sources:", result("Fler unga kom.", "förändring", None), described()),
        "BBBCB",
    ),
    (
        "evaluated-change",
        add(
            CASE,
            "sources:",
            result("Fler unga kom.", "förändring", 2),
            sources_of(CASE, evaluation(False), described()),
        ),
        "AAAAA",
    ),
    (
        "target-groups-only-inferred",
        add(CASE, "last_reviewed:", "inferred:\n  target_groups: Källan säger inte vilka.", described()),
        "CBBDB",
    ),
    (
        "unused",
        described({CASE: VALID[CASE].replace("methods: [motesplats]\n", "")}),
        "CBDDB",
    ),
]


@pytest.mark.parametrize(("name", "files", "grades"), DECLARATIONS, ids=[row[0] for row in DECLARATIONS])
def test_kunskapsdeklaration(tmp_path, name, files, grades):
    found = graded(tmp_path, files)
    assert [d.name for d in found.declaration] == ["målgrupp", "metod", "genomförande", "effekt", "ekonomi"]
    assert "".join(d.grade for d in found.declaration) == grades


def test_factor_and_recommendation_are_graded_from_their_cases(tmp_path):
    library, refs = build(tmp_path, {})
    factor = grade(library.entries["innehall"], refs)
    recommendation = grade(library.entries["borja-smatt"], refs)
    assert (factor.step, recommendation.step) == (1, 1)
    assert factor.counts.cases == recommendation.counts.cases == 1
    # The factor names the case and the case names the factor: both links must be inferred.
    files = add(
        "methods/framgangsfaktorer/innehall.md", "last_reviewed:", "inferred:\n  cases: Vår slutsats.", {}
    )
    library, refs = build(tmp_path / "b", files)
    assert grade(library.entries["innehall"], refs).step == 1
    files = add(CASE, "last_reviewed:", "inferred:\n  success_factors: Vår slutsats.", files)
    library, refs = build(tmp_path / "c", files)
    assert grade(library.entries["innehall"], refs).step == 0


@pytest.mark.parametrize(
    ("files", "reviewed", "due"),
    [
        ({}, date(2026, 1, 15), date(2029, 1, 15)),  # step 0: three years
        (
            {CASE: VALID[CASE].replace("last_reviewed: 2026-01-15", "last_reviewed: 2024-02-29")},
            date(2024, 2, 29),
            date(2027, 2, 28),
        ),
        (
            add(
                CASE,
                "sources:",
                result("Fler unga kom.", "förändring"),
                sources_of(METHOD, RESEARCH, described()),
            ),
            date(2026, 1, 15),
            date(2031, 1, 15),  # step 3: five years
        ),
    ],
)
def test_review_is_due_after_three_or_five_years(tmp_path, files, reviewed, due):
    found = graded(tmp_path, files)
    assert (found.as_of, found.review_due) == (reviewed, due)
    assert found.overdue(due.replace(day=1) if due.day > 1 else due) is False
    assert found.overdue(date(due.year + 1, 1, 1)) is True


def test_the_printed_rule_names_every_step_and_flag():
    assert [rung.step for rung in LADDER] == [0, 1, 2, 3, 4, 5]
    assert [rung.label for rung in LADDER] == [
        "Idé",
        "Beskriven",
        "Kunskapsförankrad",
        "Tecken på resultat",
        "Belagd effekt",
        "Upprepat belagd",
    ]
    assert set(FLAGS) == {"Spridd", "Oberoende", "Otillräckligt underlag", "Ingen eller negativ effekt"}
    assert "steg 3" in CAP_RULE
