"""The decision helper ("Vilken metod passar oss?"): a few questions, and the methods that
fit ranked with the reasons why.

The ranking is plain data: `rules_for` gives each method a list of weighted rules ("when
the reader picks the theme Samverkan: +3, because …"), and `rank` adds up the rules that the
answers switch on. The page's script gets the same rules as JSON at build time and only
adds them up, so the rules live here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

EFFORT_ORDER = {"låg": 0, "medel": 1, "hög": 2}
WEIGHTS = {"theme": 3, "no_theme": -2, "group": 2, "no_group": -2, "effort_fits": 1, "effort_over": -4}
WEIGHTS |= {"partner": 1, "partner_missing": -1, "next_step": 2, "combines": 1}

PARTNER_ROLES: dict[str, tuple[str, ...]] = {
    "kommun": ("kommun",),
    "forening": ("forening", "hyresgastforening"),
    "forskning": ("forskare",),
    "foretag": ("naringsliv",),
}
"""Which roles in a method a partner of each organisation type can fill."""
NO_PARTNER = "inga"
"""The answer "no partners yet": the question is answered, with no type chosen."""

Answers = Mapping[str, list[str]]
"""Question key (tema, malgrupp, insats, partner, provat) → the values picked."""


@dataclass(frozen=True)
class Rule:
    """One weight of one method: switched on when any of `values` is picked for `question`
    (`when="picked"`), or when the question is answered with none of them (`"not_picked"`)."""

    question: str
    values: tuple[str, ...]
    points: int
    reason: str
    when: Literal["picked", "not_picked"] = "picked"
    exclude: bool = False
    """Switched on, it takes the method out of the result (e.g. already tried)."""

    def active(self, answers: Answers) -> bool:
        picked = answers.get(self.question) or []
        hit = any(value in picked for value in self.values)
        return hit if self.when == "picked" else bool(picked) and not hit


@dataclass(frozen=True)
class MethodFacts:
    """What the rules look at in one method."""

    id: str
    title: str
    themes: tuple[str, ...]
    target_groups: tuple[str, ...]
    effort: str
    roles: tuple[str, ...]
    cases: int = 0
    follows: tuple[tuple[str, str], ...] = ()
    """(method id, playbook title) for each method this one comes right after in a playbook."""
    combines: tuple[str, ...] = ()
    """Ids of methods it is combined with (`combine_with`, either direction)."""


@dataclass
class Match:
    id: str
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    excluded: bool = False


Labels = Mapping[str, Mapping[str, str]]
"""Vocabulary group (and "methods") → id → label."""


def _effort_rules(method: MethodFacts) -> list[Rule]:
    rules = []
    for level, rank in EFFORT_ORDER.items():
        if EFFORT_ORDER[method.effort] <= rank:
            reason, points = f"Insatsen ({method.effort}) ryms i det ni har", WEIGHTS["effort_fits"]
        else:
            reason = f"Kräver mer tid och pengar än ni har angett (insatsen är {method.effort})"
            points = WEIGHTS["effort_over"]
        rules.append(Rule("insats", (level,), points, reason))
    return rules


def _partner_rules(method: MethodFacts, labels: Labels) -> list[Rule]:
    rules = []
    for partner, roles in PARTNER_ROLES.items():
        needed = [r for r in roles if r in method.roles]
        if not needed:
            continue
        names = " och ".join(labels["roles"].get(r, r).lower() for r in needed)
        role = "rollerna" if len(needed) > 1 else "rollen"
        fits = f"Behöver {role} {names}, och den partnern har ni"
        rules.append(Rule("partner", (partner,), WEIGHTS["partner"], fits))
        missing = f"Behöver {role} {names} som partner, vilket ni inte har angett"
        rules.append(Rule("partner", (partner,), WEIGHTS["partner_missing"], missing, when="not_picked"))
    return rules


def _tried_rules(method: MethodFacts, labels: Labels) -> list[Rule]:
    titles = labels["methods"]
    rules = [Rule("provat", (method.id,), 0, "Ni har redan prövat den", exclude=True)]
    for before, playbook in method.follows:
        reason = f"Nästa steg efter ”{titles.get(before, before)}” i färdplanen ”{playbook}”"
        rules.append(Rule("provat", (before,), WEIGHTS["next_step"], reason))
    for other in method.combines:
        reason = f"Kombineras med ”{titles.get(other, other)}”, som ni redan har prövat"
        rules.append(Rule("provat", (other,), WEIGHTS["combines"], reason))
    return rules


def rules_for(method: MethodFacts, labels: Labels) -> list[Rule]:
    """Every rule of one method, in the order its reasons are shown."""
    themes, groups = labels["themes"], labels["target_groups"]
    rules = [
        Rule("tema", (t,), WEIGHTS["theme"], f"Passar ert mål: {themes.get(t, t)}") for t in method.themes
    ]
    rules.append(
        Rule(
            "tema", method.themes, WEIGHTS["no_theme"], "Handlar inte om det ni vill åstadkomma", "not_picked"
        )
    )
    rules += [
        Rule("malgrupp", (g,), WEIGHTS["group"], f"Når {groups.get(g, g).lower()}")
        for g in method.target_groups
    ]
    rules.append(
        Rule("malgrupp", method.target_groups, WEIGHTS["no_group"], "Når inte dem ni vill nå", "not_picked")
    )
    return rules + _effort_rules(method) + _partner_rules(method, labels) + _tried_rules(method, labels)


def apply_rules(method_id: str, rules: list[Rule], answers: Answers) -> Match:
    """The score, reasons (positive rules) and warnings (negative rules) the answers switch on."""
    match = Match(method_id)
    for rule in rules:
        if not rule.active(answers):
            continue
        if rule.exclude:
            match.excluded = True
        match.score += rule.points
        if rule.points > 0:
            match.reasons.append(rule.reason)
        elif rule.points < 0:
            match.warnings.append(rule.reason)
    return match


def rank(methods: list[MethodFacts], answers: Answers, labels: Labels) -> list[Match]:
    """The methods that fit: score above zero and not excluded, best first; ties go to the
    method tried in more cases, then to the title."""
    order = {m.id: i for i, m in enumerate(sorted(methods, key=lambda m: m.title.lower()))}
    cases = {m.id: m.cases for m in methods}
    matches = [apply_rules(m.id, rules_for(m, labels), answers) for m in methods]
    fitting = [m for m in matches if m.score > 0 and not m.excluded]
    return sorted(fitting, key=lambda m: (-m.score, -cases[m.id], order[m.id]))
