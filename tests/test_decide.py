"""The decision helper's ranking as a plain function: table tests over small, made-up
methods, the same rules as the JSON the page's script applies, and the real library."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
from conftest import ROOT
from metodbank.content.crossrefs import CrossRefs
from metodbank.project import load_library
from metodbank.site.decide import MethodFacts, Rule, apply_rules, rank, rules_for
from metodbank.site.decide_page import decide_data, labels, method_facts
from metodbank.site.taxonomy import Taxonomy
from metodbank.site.view import SiteView

LABELS = {
    "themes": {"motesplatser": "Mötesplatser", "samverkan": "Samverkan", "unga": "Unga"},
    "target_groups": {"unga": "Unga", "boende": "Boende", "kommuner": "Kommuner"},
    "roles": {"kommun": "Kommun", "forening": "Förening", "forskare": "Följeforskare"},
    "organisation_types": {"kommun": "Kommun"},
    "methods": {"a": "Mötesplats", "b": "Dialog", "c": "Labb", "d": "Kopiera"},
}
METHODS = [
    MethodFacts("a", "Mötesplats", ("motesplatser", "unga"), ("unga",), "medel", ("forening",), cases=2),
    MethodFacts("b", "Dialog", ("samverkan",), ("boende", "kommuner"), "medel", ("kommun",), cases=1),
    MethodFacts(
        "c",
        "Labb",
        ("samverkan", "motesplatser"),
        ("boende",),
        "hög",
        ("forskare",),
        cases=1,
        follows=(("b", "Från dialog till labb"),),
    ),
    MethodFacts("d", "Kopiera", ("samverkan",), ("kommuner",), "låg", (), cases=0, combines=("a",)),
]


def ids(answers: dict) -> list[str]:
    return [match.id for match in rank(METHODS, answers, LABELS)]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        # Nothing answered: nothing is ranked.
        ({}, []),
        # A theme: every method with it; ties go to more cases, then the title.
        ({"tema": ["samverkan"]}, ["b", "c", "d"]),
        # Theme and target group add up; reaching none of the groups costs 2, no theme costs 2.
        ({"tema": ["motesplatser"], "malgrupp": ["unga"]}, ["a", "c"]),
        ({"tema": ["samverkan"], "malgrupp": ["kommuner"]}, ["b", "d", "c"]),
        # Effort: a method over budget gets -4 and falls out; within budget +1.
        ({"tema": ["samverkan"], "insats": ["låg"]}, ["d"]),
        ({"tema": ["samverkan"], "insats": ["hög"]}, ["b", "c", "d"]),
        ({"insats": ["medel"]}, ["a", "b", "d"]),
        # Partners: a method built on a partner you have gains; one that needs a partner you lack loses.
        ({"tema": ["samverkan"], "partner": ["kommun"]}, ["b", "d", "c"]),
        ({"tema": ["samverkan"], "partner": ["inga"]}, ["d", "b", "c"]),
        # Already tried: the method itself drops out, the next step in a playbook moves up.
        ({"tema": ["samverkan"], "provat": ["b"]}, ["c", "d"]),
        ({"tema": ["motesplatser", "samverkan"], "provat": ["a"]}, ["c", "d", "b"]),
    ],
)
def test_rank_table(answers, expected):
    assert ids(answers) == expected


def test_reasons_and_warnings_say_why():
    answers = {"tema": ["samverkan", "motesplatser"], "provat": ["b"], "insats": ["medel"]}
    ranked = rank(METHODS, answers, LABELS)
    assert [m.id for m in ranked] == ["a", "c", "d"]
    top = ranked[1]
    assert top.score == 3 + 3 + 2 - 4
    assert top.reasons == [
        "Passar ert mål: Samverkan",
        "Passar ert mål: Mötesplatser",
        "Nästa steg efter ”Dialog” i färdplanen ”Från dialog till labb”",
    ]
    assert top.warnings == ["Kräver mer tid och pengar än ni har angett (insatsen är hög)"]

    dialog = next(
        m for m in rank(METHODS, {"tema": ["samverkan"], "partner": ["inga"]}, LABELS) if m.id == "b"
    )
    assert dialog.warnings == ["Behöver rollen kommun som partner, vilket ni inte har angett"]
    with_partner = next(
        m for m in rank(METHODS, {"tema": ["samverkan"], "partner": ["kommun"]}, LABELS) if m.id == "b"
    )
    assert "Behöver rollen kommun, och den partnern har ni" in with_partner.reasons

    combined = next(m for m in rank(METHODS, {"tema": ["samverkan"], "provat": ["a"]}, LABELS) if m.id == "d")
    assert "Kombineras med ”Mötesplats”, som ni redan har prövat" in combined.reasons


def test_partner_question_unanswered_costs_nothing():
    before = {m.id: m.score for m in rank(METHODS, {"tema": ["samverkan"]}, LABELS)}
    assert before["b"] == 3


def test_rule_switches_on_picked_and_not_picked():
    rule = Rule("tema", ("a", "b"), 3, "x")
    assert rule.active({"tema": ["b"]}) and not rule.active({"tema": ["c"]}) and not rule.active({})
    absent = Rule("tema", ("a", "b"), -2, "y", when="not_picked")
    assert (
        absent.active({"tema": ["c"]})
        and not absent.active({"tema": ["a"]})
        and not absent.active({"tema": []})
    )


def _library_view():
    library = load_library(ROOT)
    library.crossrefs = CrossRefs.build(library)
    return SiteView(library, library.crossrefs, Taxonomy.build(library))


def test_the_page_data_carries_exactly_the_rules_of_the_function():
    """The script gets the rules as JSON; applied in Python they give the same ranking."""
    view = _library_view()
    data = json.loads(json.dumps(decide_data(view, "https://metodbanken.example.se/"), ensure_ascii=False))
    facts = method_facts(view)
    names = labels(view)
    for fact in facts:
        record = next(r for r in data["methods"] if r["id"] == fact.id)
        assert record["rules"] == [json.loads(json.dumps(asdict(r))) for r in rules_for(fact, names)]
    answers = {"tema": ["samverkan"], "provat": ["strategisk-dialog"], "insats": ["hög"]}
    from_json = []
    for record in data["methods"]:
        rules = [Rule(**{**r, "values": tuple(r["values"])}) for r in record["rules"]]
        match = apply_rules(record["id"], rules, answers)
        if match.score > 0 and not match.excluded:
            from_json.append((-match.score, -record["cases"], record["order"], record["id"]))
    assert [row[-1] for row in sorted(from_json)] == [m.id for m in rank(facts, answers, names)]


def test_real_library_meeting_place_for_young_people():
    view = _library_view()
    matches = rank(
        method_facts(view),
        {"tema": ["motesplatser"], "malgrupp": ["unga"], "insats": ["medel"]},
        labels(view),
    )
    assert matches[0].id == "motesplats-for-unga"
    assert matches[0].reasons == [
        "Passar ert mål: Mötesplatser",
        "Når unga",
        "Insatsen (medel) ryms i det ni har",
    ]


def test_real_library_playbooks_suggest_the_next_step():
    view = _library_view()
    matches = rank(method_facts(view), {"provat": ["studiebesok-mellan-bostadsforetag"]}, labels(view))
    assert [m.id for m in matches] == ["kopiera-en-verksamhet"]
    assert matches[0].reasons == [
        "Nästa steg efter ”Studiebesök mellan bostadsföretag” i färdplanen ”Från studiebesök till att kopiera en hel verksamhet”",
        "Kombineras med ”Studiebesök mellan bostadsföretag”, som ni redan har prövat",
    ]
