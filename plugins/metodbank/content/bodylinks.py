"""References inside body text: `[[id]]` or `[[id|own link text]]` becomes a link to that
entry, titled with the entry's title. Code spans and fenced code blocks are left alone."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

REFERENCE = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")


@dataclass(frozen=True)
class BodyReference:
    """One `[[id]]` in a body: its line (counted from the body's first line, 0-based)."""

    line: int
    target: str
    text: str | None
    start: int
    end: int


def _masked(line: str) -> str:
    """The line with code spans blanked out, so references inside them are not seen."""
    return CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def find_references(body: str) -> Iterator[BodyReference]:
    """Every reference in `body` outside code, in order."""
    in_fence = False
    for number, line in enumerate(body.split("\n")):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for match in REFERENCE.finditer(_masked(line)):
            text = match.group(2).strip() if match.group(2) else None
            yield BodyReference(number, match.group(1).strip(), text, match.start(), match.end())


def replace_references(body: str, render: Callable[[BodyReference], str]) -> str:
    """`body` with each reference replaced by `render(reference)`."""
    lines = body.split("\n")
    by_line: dict[int, list[BodyReference]] = {}
    for ref in find_references(body):
        by_line.setdefault(ref.line, []).append(ref)
    for number, refs in by_line.items():
        line = lines[number]
        for ref in reversed(refs):
            line = line[: ref.start] + render(ref) + line[ref.end :]
        lines[number] = line
    return "\n".join(lines)
