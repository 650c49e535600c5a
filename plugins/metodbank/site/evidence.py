"""The evidence panel on every method, success factor and recommendation page, and the
"Om evidensnivåer" page that prints the rule from the same tables the panel is computed with."""

from __future__ import annotations

from collections import Counter

from ..content import evidence_rules as rules
from ..content.evidence import Grade
from ..content.library import Entry
from ..content.urls import entry_url, page_url, relative_url
from .html import Rendered, assemble, block
from .view import SiteView

RULES_URI = "om-evidensnivaer.md"
HEADING = "Underlag och evidens"
ANCHOR = "underlag-och-evidens"
"""The id the Markdown heading gets, which the fact box links to."""
BAR = {"A": 4, "B": 3, "C": 2, "D": 1}
"""Bar length (of 4) per grade in the kunskapsdeklaration's chart."""


def counts_text(grade: Grade, vocabulary) -> str:
    """'1 fall, 1 kommun, 2 organisationer, 2019. Källor: kort notis eller blogginlägg (2).'"""
    c = grade.counts

    def n(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}"

    bits = [
        n(c.cases, "fall", "fall"),
        n(c.municipalities, "kommun", "kommuner"),
        n(c.organisations, "organisation", "organisationer"),
    ]
    if c.first_year is not None:
        bits.append(str(c.first_year) if c.years == 1 else f"{c.first_year}–{c.last_year} ({c.years} år)")
    else:
        bits.append("inga belagda årtal")
    kinds = ", ".join(
        f"{vocabulary.label('source_kinds', k).lower()} ({count})" for k, count in c.source_kinds
    )
    return ", ".join(bits) + f". Källor: {kinds}."


def evidence_section(view: SiteView, entry: Entry) -> list:
    """The heading and panel for one entry (nothing without cross-references)."""
    if view.refs is None or entry.kind.name not in ("method", "factor", "recommendation"):
        return []
    grade = view.grade(entry)
    current = entry_url(entry)
    panel = block(
        "evidence.html",
        grade=grade,
        rule=rules.LADDER[grade.step].rule,
        ladder=rules.LADDER,
        flags=[(name, rules.FLAGS[name]) for name in grade.flags],
        cap=rules.CAP,
        counts=counts_text(grade, view.vocabulary),
        dimensions=[(d, BAR[d.grade]) for d in grade.declaration],
        overdue=grade.overdue(),
        rules_url=relative_url(page_url(RULES_URI), current),
    )
    return [f"## {HEADING}", panel]


def rules_page(view: SiteView) -> Rendered:
    """'Om evidensnivåer': the rule, printed from `content.evidence_rules`, and where the
    library stands today."""
    vocabulary = view.vocabulary
    kinds = vocabulary.groups.get("source_kinds", {})
    standing = Counter()
    if view.refs is not None:
        for kind in ("method", "factor", "recommendation"):
            for entry in view.library.of_kind(kind):
                standing[view.grade(entry).step] += 1
    parts = [
        "# Om evidensnivåer",
        block(
            "evidence_rules.html",
            ladder_rows=[(f"{r.step} {r.label}", r.rule) for r in rules.LADDER],
            cap_rule=rules.CAP_RULE,
            review_rule=rules.REVIEW_RULE,
            flags=list(rules.FLAGS.items()),
            grades=list(rules.GRADES.items()),
            dimensions=[(name.capitalize(), text) for name, text in rules.DIMENSIONS.items()],
            kinds=[
                (t.label, t.description, rules.KIND_SUPPORT.get(t.id, rules.KIND_SUPPORT_DEFAULT))
                for t in kinds.values()
            ],
            standing_rows=[(f"{r.step} {r.label}", standing.get(r.step, 0)) for r in rules.LADDER],
            total=sum(standing.values()),
        ),
    ]
    return assemble("Om evidensnivåer", parts)
