"""The "copy + paste" kit: a method as a ready-to-fill plan, as Markdown to download or
copy, and as printable HTML. Both come from one `Plan`; the HTML is escaped by Jinja."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace

from ..content.evidence import grade
from ..content.provenance import field_label
from ..content.urls import page_uri, page_url
from .card import ENV

BLANK = "________"


@dataclass
class Plan:
    title: str
    url: str
    reviewed: str
    purpose: str
    prerequisites: list[str]
    roles: list[tuple[str, str]]
    steps: list[tuple[str, str, str]]
    """(title, description, roles) of each step."""
    core: list[str]
    adaptable: list[str]
    risks: list[str]
    checklist: list[str]
    sources: list[tuple[str, str | None]]
    examples: list[tuple[str, str]]
    """(title, web address) of the cases that used the method."""
    evidence: str = ""
    next_step: str = ""
    not_when: list[str] = field(default_factory=list)
    combine_with: list[str] = field(default_factory=list)
    inferred: list[tuple[str, str]] = field(default_factory=list)
    """(field, reason) of every value of the method that the editors inferred."""


def build_plan(entry, library, refs, site_url: str) -> Plan:
    item = entry.item
    label = library.vocabulary.label
    base = site_url.rstrip("/") + "/"
    cases = refs.cases_using(entry.id) if refs is not None else []
    found = grade(entry, refs) if refs is not None else None
    return Plan(
        title=item.title,
        url=base + page_url(page_uri(entry.kind, entry.id)),
        reviewed=item.last_reviewed.isoformat(),
        purpose=item.purpose,
        prerequisites=list(item.prerequisites),
        roles=[(label("roles", r.role), r.responsibility) for r in item.roles],
        steps=[
            (step.title, step.description or "", ", ".join(label("roles", r) for r in step.roles))
            for step in item.steps
        ],
        core=list(item.core),
        adaptable=list(item.adaptable),
        risks=list(item.risks),
        checklist=list(item.checklist),
        sources=[(s.title + (f" ({s.publisher})" if s.publisher else ""), s.url) for s in item.sources],
        examples=[(c.title, base + page_url(page_uri(c.kind, c.id))) for c in cases],
        evidence=found.summary() if found else "",
        next_step=found.next_step if found else "",
        not_when=[n.text + ("" if n.source else " (redaktionens råd)") for n in item.not_when],
        combine_with=[f"{_title(library, c.id)}: {c.why}" for c in item.combine_with],
        inferred=[(field_label(path), reason) for path, reason in item.inferred.items()],
    )


def _title(library, entry_id: str) -> str:
    entry = library.entries.get(entry_id)
    return entry.title if entry else entry_id


_MARKDOWN_SPECIAL = re.compile(r"([\\`<>\[\]|*_#])")


def md(text: str) -> str:
    """Contributed text as literal Markdown: no HTML, links, tables or emphasis of its own."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _escaped(value):
    if isinstance(value, str):
        return md(value)
    if isinstance(value, list | tuple):
        return type(value)(_escaped(v) for v in value)
    return value


def plan_markdown(plan: Plan) -> str:
    """The plan as Markdown with checkboxes and blanks to fill in. Every text from a content
    file is escaped, so a downloaded plan carries no HTML or links that the file did not."""
    plan = replace(plan, **{f.name: _escaped(getattr(plan, f.name)) for f in fields(plan) if f.name != "url"})
    out = [
        f"# Plan: {plan.title}",
        "",
        f"Metod från Metodbanken: {plan.url} (senast granskad {plan.reviewed}).",
        "",
        *([f"Evidens: {plan.evidence}. Nästa steg: {plan.next_step}", ""] if plan.evidence else []),
        "## Vår organisation och ort",
        "",
        f"- Organisation: {BLANK}",
        f"- Ort och område: {BLANK}",
        f"- Start: {BLANK}",
        f"- Ansvarig: {BLANK}",
        "",
        "## Syfte",
        "",
        plan.purpose,
        "",
        "## Mätbara mål",
        "",
    ]
    out += [
        f"- [ ] Mål {n}: {BLANK} (mäts genom: {BLANK}, målvärde: {BLANK}, senast: {BLANK})" for n in (1, 2, 3)
    ]
    out += ["", "## Är vi redo? Förutsättningar", ""]
    out += [f"- [ ] {text}" for text in plan.prerequisites] or [f"- [ ] {BLANK}"]
    out += ["", "## Roller", "", "| Roll | Ansvar | Namn |", "| --- | --- | --- |"]
    out += [f"| {role} | {duty} | {BLANK} |" for role, duty in plan.roles]
    out += ["", "## Steg", ""]
    for number, (title, description, roles) in enumerate(plan.steps, 1):
        line = f"- [ ] {number}. {title}"
        if description:
            line += f" – {description}"
        if roles:
            line += f" (Vem: {roles})"
        out.append(line + f" Ansvarig: {BLANK}. Klart senast: {BLANK}.")
    out += ["", "## Kärnan – behåll när ni kopierar", ""]
    out += [f"- {text}" for text in plan.core]
    if plan.adaptable:
        out += ["", "## Det här kan ni anpassa", ""]
        out += [f"- {text} Vår anpassning: {BLANK}" for text in plan.adaptable]
    if plan.risks:
        out += ["", "## Risker att hålla koll på", ""]
        out += [f"- [ ] {text}" for text in plan.risks]
    if plan.checklist:
        out += ["", "## Checklista", ""]
        out += [f"- [ ] {text}" for text in plan.checklist]
    out += _fit_markdown(plan)
    out += ["", "## Källor och exempel", ""]
    out += [f"- Källa: [{title}]({url})" if url else f"- Källa: {title}" for title, url in plan.sources]
    out += [f"- Exempel: [{title}]({url})" for title, url in plan.examples]
    return "\n".join(out) + "\n"


def _fit_markdown(plan: Plan) -> list[str]:
    """When the method does not fit, what to combine it with, and what the editors inferred."""
    out = []
    if plan.not_when:
        out += ["", "## När passar metoden inte?", ""] + [f"- {text}" for text in plan.not_when]
    if plan.combine_with:
        out += ["", "## Kombinera med", ""] + [f"- {text}" for text in plan.combine_with]
    if plan.inferred:
        out += ["", "## Tolkat av redaktionen", ""]
        out += [f"- {name.capitalize()}: {reason}" for name, reason in plan.inferred]
    return out


def plan_html(plan: Plan) -> str:
    """The same plan as a printable HTML page."""
    return ENV.get_template("plan.html").render(plan=plan)
