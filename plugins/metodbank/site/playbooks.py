"""A playbook's page: the chain as a diagram with its text equivalent, where the order
comes from (a source or the editors' synthesis), the printable deck of its methods' cards,
and the cases that show the chain."""

from __future__ import annotations

from markupsafe import Markup

from ..content.library import Entry
from ..content.urls import entry_url, relative_url
from .compare import compare_url
from .diagram import Edge, Node, diagram_svg
from .html import block
from .view import SiteView

BASIS = {
    "källa": ("Ordningen beskrivs i en källa", "mb-provenance--source"),
    "redaktionen": ("Ordningen är redaktionens sammanställning", "mb-provenance--editors"),
}


def chain_steps(view: SiteView, entry: Entry, current: str) -> list[dict]:
    """Each step with its method's title and link, why it comes here and what it hands on."""
    steps = []
    for number, step in enumerate(entry.item.steps, 1):
        link = view.link(step.method, current)
        steps.append(
            {
                "number": number,
                "link": link,
                "why": step.why,
                "hands_over": step.hands_over,
                "id": step.method,
            }
        )
    return steps


def chain_figure(entry: Entry, steps: list[dict]) -> Markup:
    """The chain as an SVG diagram followed by its text equivalent (an ordered list)."""
    prefix = f"fp-{entry.id}"
    nodes = [[Node(s["id"], s["link"].text, f"Steg {s['number']}")] for s in steps]
    edges = [Edge(a["id"], b["id"], "lämnar över till") for a, b in zip(steps, steps[1:], strict=False)]
    name = f"Färdplanen i {len(steps)} steg: " + ", sedan ".join(s["link"].text for s in steps) + "."
    svg = diagram_svg(nodes, edges, prefix, name, f"{prefix}-text")
    return block("playbook_chain.html", svg=svg, steps=steps, text_id=f"{prefix}-text")


def provenance_note(entry: Entry) -> Markup:
    """Whether a source describes the order or the editors put it together, and why."""
    provenance = entry.item.provenance
    heading, css = BASIS[provenance.basis]
    return Markup('<div class="mb-provenance {}"><p><strong>{}.</strong> {}</p></div>').format(
        css, heading, provenance.reason
    )


def take_along(view: SiteView, entry: Entry, current: str) -> Markup | None:
    """Links to the deck of the chain's cards (when the cards plugin runs) and to the comparison."""
    paths = (view.library.cards or {}).get(entry.id) or {}
    methods = [m for m in entry.item.methods if m in view.library.entries]
    compare = compare_url(methods, current) if view.refs is not None and len(methods) >= 2 else None
    deck = relative_url(paths["deck_pdf"], current).rstrip("/") if "deck_pdf" in paths else None
    if deck is None and compare is None:
        return None
    return block("playbook_take.html", deck=deck, compare=compare, count=len(methods))


def playbook_sections(view: SiteView, entry: Entry) -> tuple[list, list]:
    """(parts before the body, parts after it) of a playbook's page."""
    current = entry_url(entry)
    steps = chain_steps(view, entry, current)
    before: list = ["## Kedjan", chain_figure(entry, steps), provenance_note(entry)]
    along = take_along(view, entry, current)
    if along is not None:
        before += ["## Ta med färdplanen", along]
    after: list = []
    cases = [view.library.entries[c] for c in entry.item.cases if c in view.library.entries]
    if cases:
        after += ["## Fall som visar kedjan eller delar av den", view.entry_list(cases, current)]
    return before, after
