"""Read one content file: UTF-8 text, YAML front matter with the line of every key, and body.

MkDocs' own reader drops YAML errors silently and forgets positions, so this module parses
the front matter itself. Dates are left as text (the timestamp resolver is removed) so that
a bad date reaches the model as a located validation error, not as a crash in YAML.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .diagnostics import Diagnostic

Loc = tuple[str | int, ...]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML (the C parser where available) without implicit dates."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_YAML_PROBLEMS = (
    # (text in the parser's problem, use the mark where the construct started, message, hint)
    (
        "mapping values are not allowed",
        False,
        "ett värde innehåller ': ' där YAML inte väntar sig det",
        'sätt citattecken runt värdet, till exempel title: "Fråga: hur?"',
    ),
    (
        "unexpected end of stream",
        True,
        "ett citattecken avslutas aldrig",
        "avsluta citattecknet på samma rad som det börjar",
    ),
    (
        "could not find expected ':'",
        False,
        "en rad saknar ':' mellan fältnamn och värde",
        "skriv fältet som 'namn: värde', eller avsluta citattecknet på raden ovanför",
    ),
    (
        "expected ',' or ']'",
        True,
        "en lista inom [ ] avslutas aldrig",
        "avsluta listan med ']' på samma rad, eller skriv ett värde per rad med '- '",
    ),
)


def _yaml_problem(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str]:
    """The 0-based line, message and hint for a YAML error (same for the C and Python parsers)."""
    problem = error.problem or ""
    mark = error.problem_mark or error.context_mark
    at_tab = mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"
    if at_tab or (mark is not None and "tab" in problem):
        return mark.line, "raden innehåller en tabb", "använd mellanslag, inte tabb, för indrag"
    for needle, at_start, message, hint in _YAML_PROBLEMS:
        if needle in problem:
            start = error.context_mark if at_start and error.context_mark else mark
            return start.line, message, hint
    return (
        mark.line if mark else -1,
        f"YAML-fel: {problem}",
        "kontrollera indrag, kolon och citattecken på raden",
    )


@dataclass
class SourceFile:
    """A content file after parsing, with the line of every key in its front matter."""

    path: Path
    rel: str
    data: dict
    body: str
    body_line: int
    lines: dict[Loc, int] = field(default_factory=dict)
    digest: str = ""
    """SHA-1 of the file's bytes, so later stages need not read the file again."""

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest key of `loc` that is present (1 when none is)."""
        for end in range(len(loc), 0, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1


def read_source(path: Path, rel: str, raw: bytes | None = None) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Parse `path` (or its bytes `raw`); on failure return None and the located problems."""
    raw = path.read_bytes() if raw is None else raw
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start]
        return None, [
            Diagnostic(
                rel,
                line,
                f"filen är inte sparad som UTF-8 (byte 0x{byte:02x} kan inte läsas)",
                "spara filen med teckenkodningen UTF-8 i din editor",
            )
        ]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, [
            Diagnostic(
                rel,
                1,
                "filen saknar front matter",
                "börja filen med en rad '---', sedan fälten, sedan en rad '---' (se mallen i docs/bidra)",
            )
        ]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return None, [
            Diagnostic(
                rel, 1, "front matter avslutas aldrig", "lägg till en rad '---' efter det sista fältet"
            )
        ]
    front = "\n".join(lines[1:end])
    problems: list[Diagnostic] = []
    try:
        loader = _Loader(front)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        line, message, hint = _yaml_problem(error, front)
        return None, [Diagnostic(rel, line + 2, message, hint)]
    if not isinstance(data, dict):
        return None, [
            Diagnostic(
                rel,
                2,
                "front matter är tom eller ingen lista av fält",
                "skriv ett fält per rad, som 'title: Min rubrik'",
            )
        ]
    positions: dict[Loc, int] = {}
    _walk(node, (), positions, rel, problems)
    body = "\n".join(lines[end + 1 :])
    source = SourceFile(path, rel, data, body, end + 2, positions, hashlib.sha1(raw).hexdigest())
    return source, problems


def _walk(node: yaml.Node, loc: Loc, positions: dict[Loc, int], rel: str, problems: list[Diagnostic]) -> None:
    """Record the file line of every key and list item; report keys written twice."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 2
            if key in seen:
                problems.append(
                    Diagnostic(
                        rel,
                        line,
                        f"fältet {key!r} står två gånger",
                        "ta bort eller slå ihop den ena förekomsten",
                    )
                )
            seen.add(key)
            positions[loc + (key,)] = line
            _walk(value_node, loc + (key,), positions, rel, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            positions[loc + (index,)] = item.start_mark.line + 2
            _walk(item, loc + (index,), positions, rel, problems)
