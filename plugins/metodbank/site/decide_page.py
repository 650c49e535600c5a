"""The decision helper's page and its data: the questions (from the vocabulary), the facts
and rules of every method as JSON for the page's script, and, for readers without
JavaScript, the same questions as links to the finder's pre-filtered views."""

from __future__ import annotations

from dataclasses import asdict
from urllib.parse import urlencode

from ..content.urls import entry_url, relative_url
from .assessment import combine_with, evidence_of, not_when
from .decide import NO_PARTNER, PARTNER_ROLES, Labels, MethodFacts, rules_for
from .html import Rendered, assemble, block
from .view import SiteView

DECIDE_URI = "vilken-metod/index.md"
DECIDE_URL = "vilken-metod/"
DATA_URI = "vilken-metod/metoder.json"
FINDER_URL = "hitta-metod/"
COMPARE_URL = "jamfor/"
DECK_URL = "metodkort/urval.html"
EFFORT_ANSWERS = (
    ("låg", "Lite: låg insats", ("låg",)),
    ("medel", "En del: låg eller medelstor insats", ("låg", "medel")),
    ("hög", "Mycket: alla insatsnivåer", ()),
)
"""(value, label, effort levels the finder should show) for the effort question."""
PARTNER_GROUPS = {
    "kommun": "kommuner",
    "forening": "foreningsliv",
    "forskning": "forskning",
    "foretag": "naringsliv",
}
"""The finder's target group closest to each partner type, for the links without JavaScript."""
CSV_HEADER = ["Plats", "Metod", "Därför passar den", "Tänk på", "Belägg", "Insats", "Adress"]


def labels(view: SiteView) -> Labels:
    groups = {g: {k: t.label for k, t in terms.items()} for g, terms in view.vocabulary.groups.items()}
    groups["methods"] = {e.id: e.title for e in view.library.of_kind("method")}
    return groups


def method_facts(view: SiteView) -> list[MethodFacts]:
    """The facts the rules look at, for every method (playbook order and combinations included)."""
    follows: dict[str, list[tuple[str, str]]] = {}
    for playbook in view.library.of_kind("playbook"):
        chain = playbook.item.methods
        for before, after in zip(chain, chain[1:], strict=False):
            follows.setdefault(after, []).append((before, playbook.title))
    combines: dict[str, set[str]] = {}
    methods = view.library.of_kind("method")
    for entry in methods:
        for other, _why in combine_with(entry.item):
            combines.setdefault(entry.id, set()).add(other)
            combines.setdefault(other, set()).add(entry.id)
    return [
        MethodFacts(
            id=e.id,
            title=e.title,
            themes=tuple(e.item.themes),
            target_groups=tuple(e.item.target_groups),
            effort=e.item.effort.level,
            roles=tuple(r.role for r in e.item.roles),
            cases=evidence_of(view.refs, e).cases,
            follows=tuple(follows.get(e.id, ())),
            combines=tuple(sorted(combines.get(e.id, ()))),
        )
        for e in methods
    ]


def decide_data(view: SiteView, site_url: str) -> dict:
    """The JSON the page's script reads: per method what it shows and its weighted rules."""
    names = labels(view)
    facts = {f.id: f for f in method_facts(view)}
    base = site_url.rstrip("/") + "/"
    records = []
    for order, entry in enumerate(view.library.of_kind("method")):
        item = entry.item
        records.append(
            {
                "id": entry.id,
                "title": entry.title,
                "summary": item.summary,
                "href": relative_url(entry_url(entry), DECIDE_URL),
                "address": base + entry_url(entry),
                "effort": f"{item.effort.level.capitalize()}: {item.effort.time}",
                "evidence": evidence_of(view.refs, entry).text(),
                "cases": facts[entry.id].cases,
                "order": order,
                "not_when": not_when(item),
                "rules": [asdict(rule) for rule in rules_for(facts[entry.id], names)],
            }
        )
    return {"csv_header": CSV_HEADER, "methods": records}


def questions(view: SiteView) -> list[dict]:
    """Each question with its options (only values some method carries) and the finder link of each."""
    names = labels(view)
    methods = view.library.of_kind("method")
    used = {
        field: {v for e in methods for v in getattr(e.item, field)} for field in ("themes", "target_groups")
    }
    roles = {r.role for e in methods for r in e.item.roles}

    def finder(**params) -> str:
        return FINDER_URL + ("?" + urlencode(params, doseq=True) if params else "")

    def options(group: str, param: str) -> list[dict]:
        keys = sorted(used[group], key=lambda k: names[group][k].lower())
        return [{"value": k, "label": names[group][k], "href": finder(**{param: k})} for k in keys]

    partners = [p for p, rs in PARTNER_ROLES.items() if set(rs) & roles]
    return [
        {
            "key": "tema",
            "legend": "Vad vill ni åstadkomma?",
            "type": "checkbox",
            "options": options("themes", "tema"),
        },
        {
            "key": "malgrupp",
            "legend": "Vilka vill ni nå?",
            "type": "checkbox",
            "options": options("target_groups", "malgrupp"),
        },
        {
            "key": "insats",
            "legend": "Hur mycket tid och pengar kan ni lägga?",
            "type": "radio",
            "options": [
                {"value": v, "label": label, "href": finder(insats=list(levels))}
                for v, label, levels in EFFORT_ANSWERS
            ],
        },
        {
            "key": "partner",
            "legend": "Vilka samarbetar ni med?",
            "type": "checkbox",
            "options": [
                {
                    "value": p,
                    "label": names["organisation_types"][p],
                    "href": finder(malgrupp=PARTNER_GROUPS[p]),
                }
                for p in partners
            ]
            + [{"value": NO_PARTNER, "label": "Inga ännu", "href": finder()}],
        },
        {
            "key": "provat",
            "legend": "Vad har ni redan prövat?",
            "type": "checkbox",
            "options": [{"value": e.id, "label": e.title, "href": entry_url(e)} for e in methods],
        },
    ]


def href(target: str, current: str) -> str:
    """A link from `current` to a site-relative `target` that may carry a query."""
    path, _, query = target.partition("?")
    return relative_url(path, current) + ("?" + query if query else "")


def decide_page(view: SiteView) -> Rendered:
    """The page: the questions as links (no JavaScript) and as a form, and the ranked result."""
    current = DECIDE_URL
    asked = questions(view)
    for question in asked:
        for option in question["options"]:
            option["href"] = href(option["href"], current)
    page = block(
        "decide.html",
        questions=asked,
        data=relative_url(DATA_URI, current).rstrip("/"),
        finder=relative_url(FINDER_URL, current),
        compare=relative_url(COMPARE_URL, current) if view.refs is not None else None,
        deck=relative_url(DECK_URL, current).rstrip("/") if view.library.cards is not None else None,
        scripts=[relative_url(f"assets/{name}", current).rstrip("/") for name in ("share.js", "decide.js")],
        csv_header=CSV_HEADER,
        csv_file="vilken-metod.csv",
    )
    intro = (
        "Svara på de frågor som passar er, så visas de metoder i Metodbanken som passar bäst, med skälen. "
        "Svaren sparas i adressen, så att ni kan dela resultatet eller gå tillbaka ett steg."
    )
    return assemble("Vilken metod passar oss?", ["# Vilken metod passar oss?", intro, page])
