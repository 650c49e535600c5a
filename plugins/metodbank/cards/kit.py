"""The "copy + paste" kit: a method as a ready-to-fill plan. One `Plan` is laid out once as
sections (`plan_sections`) and written four ways: printable HTML (also what "Kopiera planen"
puts on the clipboard, formatted), plain text (the clipboard's fallback), a Word document
(`plandoc`) and Markdown. The HTML is escaped by Jinja."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


class Blank:
    """A line to fill in."""


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Link:
    text: str
    url: str | None


Part = str | Blank | Strong | Link


@dataclass
class Section:
    """One part of the plan: a heading and its items, shown as text, a bulleted list, boxes
    to tick or a table; each item is a list of parts (text, blanks, bold text, links)."""

    heading: str
    style: str
    """"text", "bullets", "boxes" or "table"."""
    items: list[list[Part]] = field(default_factory=list)
    columns: tuple[str, ...] = ()


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


def _step(number: int, title: str, description: str, roles: str) -> list[Part]:
    parts: list[Part] = [Strong(f"{number}. {title}")]
    if description:
        parts.append(f" – {description}")
    if roles:
        parts.append(f" (Vem: {roles})")
    return parts + [" Ansvarig: ", Blank(), ". Klart senast: ", Blank(), "."]


def plan_sections(plan: Plan) -> list[Section]:
    """The plan's sections in order, each with what there is to fill in."""
    blank = Blank()
    goals = [
        [f"Mål {n}: ", blank, " (mäts genom: ", blank, ", målvärde: ", blank, ", senast: ", blank, ")"]
        for n in (1, 2, 3)
    ]
    sections = [
        Section(
            "Vår organisation och ort",
            "bullets",
            [[f"{what}: ", blank] for what in ("Organisation", "Ort och område", "Start", "Ansvarig")],
        ),
        Section("Syfte", "text", [[plan.purpose]]),
        Section("Mätbara mål", "boxes", goals),
        Section("Är vi redo? Förutsättningar", "boxes", [[text] for text in plan.prerequisites] or [[blank]]),
        Section(
            "Roller", "table", [[role, duty, blank] for role, duty in plan.roles], ("Roll", "Ansvar", "Namn")
        ),
        Section("Steg", "boxes", [_step(n, *step) for n, step in enumerate(plan.steps, 1)]),
        Section("Kärnan – behåll när ni kopierar", "bullets", [[text] for text in plan.core]),
    ]
    if plan.adaptable:
        items = [[f"{text} Vår anpassning: ", blank] for text in plan.adaptable]
        sections.append(Section("Det här kan ni anpassa", "bullets", items))
    if plan.risks:
        sections.append(Section("Risker att hålla koll på", "boxes", [[text] for text in plan.risks]))
    if plan.checklist:
        sections.append(Section("Checklista", "boxes", [[text] for text in plan.checklist]))
    if plan.not_when:
        sections.append(Section("När passar metoden inte?", "bullets", [[text] for text in plan.not_when]))
    if plan.combine_with:
        sections.append(Section("Kombinera med", "bullets", [[text] for text in plan.combine_with]))
    if plan.inferred:
        inferred = [[f"{name.capitalize()}: {reason}"] for name, reason in plan.inferred]
        sections.append(Section("Tolkat av redaktionen", "bullets", inferred))
    references = [["Källa: ", Link(title, url)] for title, url in plan.sources]
    references += [["Exempel: ", Link(title, url)] for title, url in plan.examples]
    sections.append(Section("Källor och exempel", "bullets", references))
    return sections


_MARKDOWN_SPECIAL = re.compile(r"([\\`<>\[\]|*_#])")


def md(text: str) -> str:
    """Contributed text as literal Markdown: no HTML, links, tables or emphasis of its own."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_part(text: str) -> str:
    """Like `md`, but a part keeps its single spaces at the edges ("Organisation: " + blank)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def _text(parts: list[Part], markdown: bool) -> str:
    """One item as text; in Markdown every text is escaped, so a downloaded plan carries no
    HTML or links that the content file did not have as data."""
    literal = _md_part if markdown else (lambda text: text)
    out = ""
    for part in parts:
        if isinstance(part, Blank):
            out += BLANK
        elif isinstance(part, Strong):
            out += literal(part.text)
        elif isinstance(part, Link):
            out += f"[{literal(part.text)}]({part.url})" if markdown and part.url else literal(part.text)
            out += f" <{part.url}>" if part.url and not markdown else ""
        else:
            out += literal(part)
    return out


PREFIXES = {
    True: {"text": "", "bullets": "- ", "boxes": "- [ ] "},
    False: {"text": "", "bullets": "• ", "boxes": "☐ "},
}
"""What starts an item of each style, in Markdown (True) and in plain text (False)."""


def _plan_lines(plan: Plan, markdown: bool) -> str:
    title = f"# Plan: {md(plan.title)}" if markdown else f"PLAN: {plan.title.upper()}"
    out = [title, "", f"Metod från Metodbanken: {plan.url} (senast granskad {plan.reviewed})."]
    if plan.evidence:
        out += ["", _text([f"Evidens: {plan.evidence}. Nästa steg: {plan.next_step}"], markdown)]
    for section in plan_sections(plan):
        out += ["", f"## {section.heading}" if markdown else section.heading.upper(), ""]
        if section.style == "table" and markdown:
            out += ["| " + " | ".join(section.columns) + " |", "|" + " --- |" * len(section.columns)]
            out += ["| " + " | ".join(_text([p], True) for p in row) + " |" for row in section.items]
        elif section.style == "table":
            out += [" – ".join(_text([p], False) for p in row) for row in section.items]
        else:
            out += [PREFIXES[markdown][section.style] + _text(parts, markdown) for parts in section.items]
    return "\n".join(out) + "\n"


def plan_markdown(plan: Plan) -> str:
    """The plan as Markdown with checkboxes and blanks to fill in."""
    return _plan_lines(plan, markdown=True)


def plan_text(plan: Plan) -> str:
    """The plan as plain text, for pasting where formatting is lost: boxes as ☐, lines to fill."""
    return _plan_lines(plan, markdown=False)


def plan_html(plan: Plan) -> str:
    """The same plan as a printable HTML page (print it or save it as PDF from the browser)."""
    return ENV.get_template("plan.html").render(plan=plan, sections=plan_sections(plan))


ENV.tests.update(
    blank=lambda part: isinstance(part, Blank),
    strong=lambda part: isinstance(part, Strong),
    link=lambda part: isinstance(part, Link),
)
