"""Diagrams as inline SVG, drawn at build time (no JavaScript): boxes in layers, top to
bottom, joined by arrows with short labels. Used for playbook chains and for how a method
or a case spread. Every value is escaped; the SVG is named for screen readers and is always
shown beside a text equivalent (`describedby` points at it)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from markupsafe import Markup, escape

BOX_WIDTH = 260
LINE = 19
META_LINE = 17
PAD = 10
GAP_X = 24
GAP_Y = 58
MARGIN = 8
TITLE_CHARS = 28
META_CHARS = 34


@dataclass(frozen=True)
class Node:
    """One box: a title, an optional second line (place, year …), and whether it is the
    entry whose page shows the diagram."""

    key: str
    title: str
    meta: str = ""
    current: bool = False


@dataclass(frozen=True)
class Edge:
    """An arrow from one box to another, with an optional label beside it."""

    source: str
    target: str
    label: str = ""


@dataclass(frozen=True)
class Box:
    node: Node
    x: float
    y: float
    title_lines: tuple[str, ...]
    meta_lines: tuple[str, ...]

    @property
    def height(self) -> float:
        return 2 * PAD + LINE * len(self.title_lines) + META_LINE * len(self.meta_lines)

    @property
    def centre(self) -> float:
        return self.x + BOX_WIDTH / 2


def _wrap(text: str, width: int) -> tuple[str, ...]:
    return tuple(textwrap.wrap(text, width=width, break_long_words=True)) if text else ()


def layout(layers: list[list[Node]]) -> tuple[list[Box], float, float]:
    """Boxes placed layer by layer, each layer centred; returns (boxes, width, height)."""
    widest = max((len(layer) for layer in layers), default=0)
    width = 2 * MARGIN + widest * BOX_WIDTH + max(widest - 1, 0) * GAP_X
    boxes: list[Box] = []
    y = float(MARGIN)
    for layer in layers:
        row = [Box(n, 0, y, _wrap(n.title, TITLE_CHARS), _wrap(n.meta, META_CHARS)) for n in layer]
        used = len(row) * BOX_WIDTH + max(len(row) - 1, 0) * GAP_X
        x = (width - used) / 2
        for box in row:
            boxes.append(Box(box.node, x, y, box.title_lines, box.meta_lines))
            x += BOX_WIDTH + GAP_X
        y += max((b.height for b in row), default=0) + GAP_Y
    return boxes, width, y - GAP_Y + MARGIN


def _box_svg(box: Box) -> Markup:
    css = "mb-diagram__box mb-diagram__box--current" if box.node.current else "mb-diagram__box"
    parts = [
        Markup('<rect class="{}" x="{:.0f}" y="{:.0f}" width="{}" height="{:.0f}" rx="6"/>').format(
            css, box.x, box.y, BOX_WIDTH, box.height
        )
    ]
    y = box.y + PAD + 14
    for line in box.title_lines:
        parts.append(
            Markup('<text class="mb-diagram__title" x="{:.0f}" y="{:.0f}">{}</text>').format(
                box.x + PAD, y, line
            )
        )
        y += LINE
    for line in box.meta_lines:
        parts.append(
            Markup('<text class="mb-diagram__meta" x="{:.0f}" y="{:.0f}">{}</text>').format(
                box.x + PAD, y, line
            )
        )
        y += META_LINE
    return Markup("").join(parts)


def _edge_svg(source: Box, target: Box, label: str, marker: str) -> Markup:
    x1, y1 = source.centre, source.y + source.height
    x2, y2 = target.centre, target.y - 4
    line = Markup(
        '<line class="mb-diagram__arrow" x1="{:.0f}" y1="{:.0f}" x2="{:.0f}" y2="{:.0f}" marker-end="url(#{})"/>'
    ).format(x1, y1, x2, y2, marker)
    if not label:
        return line
    return line + Markup('<text class="mb-diagram__label" x="{:.0f}" y="{:.0f}">{}</text>').format(
        (x1 + x2) / 2 + 8, (y1 + y2) / 2 + 4, label
    )


def diagram_svg(
    layers: list[list[Node]], edges: list[Edge], prefix: str, name: str, describedby: str
) -> Markup:
    """The diagram as one `<svg role="img">`: `name` is its accessible name, and
    `describedby` is the id of the visible text equivalent that the page puts beside it."""
    boxes, width, height = layout(layers)
    by_key = {box.node.key: box for box in boxes}
    marker = f"{prefix}-pil"
    arrows = [
        _edge_svg(by_key[e.source], by_key[e.target], e.label, marker)
        for e in edges
        if e.source in by_key and e.target in by_key
    ]
    return Markup(
        '<svg class="mb-diagram__svg" xmlns="http://www.w3.org/2000/svg" role="img" '
        'viewBox="0 0 {w:.0f} {h:.0f}" width="{w:.0f}" height="{h:.0f}" '
        'aria-labelledby="{p}-namn" aria-describedby="{d}">'
        '<title id="{p}-namn">{name}</title>'
        '<defs><marker id="{m}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="mb-diagram__head"/></marker></defs>'
        "{arrows}{boxes}</svg>"
    ).format(
        w=width,
        h=height,
        p=escape(prefix),
        d=escape(describedby),
        name=name,
        m=escape(marker),
        arrows=Markup("").join(arrows),
        boxes=Markup("").join(_box_svg(b) for b in boxes),
    )
