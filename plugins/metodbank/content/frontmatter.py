"""Read one content file: UTF-8 text, YAML front matter with the line of every key, and body.

MkDocs' own reader drops YAML errors silently and forgets positions, so this module parses
the front matter itself. Dates are left as text (the timestamp resolver is removed) so that
a bad date reaches the model as a located validation error, not as a crash in YAML.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .characters import bad_characters, describe
from .diagnostics import Diagnostic
from .labels import field_label

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
        mark.line if mark else 0,
        "raden kan inte läsas som fält och värden (fel indrag, kolon eller citattecken)",
        _YAML_HINT,
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


MAX_FILE_BYTES = 512 * 1024
"""A content file larger than this is refused: a case is a few kilobytes of text."""
MAX_FRONT_EVENTS = 20_000
MAX_DEPTH = 12


def read_source(path: Path, rel: str, raw: bytes | None = None) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Parse `path` (or its bytes `raw`); on failure return None and the located problems."""
    if raw is None:
        raw, problem = _read_bytes(path, rel)
        if raw is None:
            return None, [problem]
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
    # One form for å, ä, ö (NFC): a file typed with combining marks compares equal to the vocabulary.
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    bad = [
        Diagnostic(
            rel,
            line + 1,
            f"raden innehåller ett osynligt tecken som inte får finnas i en innehållsfil ({describe(char)})",
            "ta bort tecknet (det följer ofta med när text kopieras från ett annat program)",
        )
        for line, char in bad_characters(text)
    ]
    if bad:
        return None, bad
    lines = text.split("\n")
    end, problem = _front_matter_end(lines, rel)
    if problem is not None:
        return None, [problem]
    front = "\n".join(lines[1:end])
    node, data, problems = _parse_yaml(front, rel)
    if problems:
        return None, problems
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


def _front_matter_end(lines: list[str], rel: str) -> tuple[int, Diagnostic | None]:
    """The index of the line that closes the front matter, or a diagnostic."""
    if not lines or lines[0].rstrip() != "---":
        return 0, Diagnostic(
            rel,
            1,
            "filen saknar front matter",
            "börja filen med en rad '---', sedan fälten, sedan en rad '---' (se mallen i docs/bidra)",
        )
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return 0, Diagnostic(
            rel, 1, "front matter avslutas aldrig", "lägg till en rad '---' efter det sista fältet"
        )
    return end, None


def _read_bytes(path: Path, rel: str) -> tuple[bytes | None, Diagnostic | None]:
    """The file's bytes, or a diagnostic when it cannot or should not be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, Diagnostic(
                rel,
                1,
                f"filen är för stor: {size // 1024} kB, högst {MAX_FILE_BYTES // 1024} kB",
                "korta texten; bilagor och långa rapporter länkas som källor i stället",
            )
        return path.read_bytes(), None
    except OSError as error:
        return None, Diagnostic(
            rel,
            1,
            f"filen kan inte läsas ({error.strerror or error})",
            "kontrollera att det är en vanlig fil som du har rätt att läsa",
        )


def _parse_yaml(front: str, rel: str) -> tuple[yaml.Node | None, object, list[Diagnostic]]:
    """The node tree and the data of the front matter, after checking its events: no anchors,
    aliases or tags (an alias bomb never gets constructed), bounded size and depth."""
    try:
        problem = _check_events(front)
        if problem is not None:
            line, message, hint = problem
            return None, None, [Diagnostic(rel, line + 2, message, hint)]
        loader = _Loader(front)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        line, message, hint = _yaml_problem(error, front)
        return None, None, [Diagnostic(rel, line + 2, message, hint)]
    except yaml.YAMLError as error:
        return None, None, [Diagnostic(rel, 2, f"front matter kan inte läsas ({error})", _YAML_HINT)]
    return node, data, []


_YAML_HINT = "kontrollera indrag, kolon och citattecken på raden"


def _check_events(front: str) -> tuple[int, str, str] | None:
    """The first structural problem as (0-based line, message, hint), or None."""
    depth = 0
    for count, event in enumerate(yaml.parse(front, Loader=_Loader)):
        line = event.start_mark.line if event.start_mark else 0
        if count > MAX_FRONT_EVENTS:
            return line, "front matter har för många värden", "dela upp innehållet; en fil beskriver ett fall"
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return (
                line,
                "YAML-ankare och alias (& och *) används inte i innehållsfiler",
                "skriv ut värdet på varje ställe där det behövs",
            )
        if isinstance(event, yaml.ScalarEvent) and event.value == "<<" and not event.style:
            return line, "sammanslagning med << används inte i innehållsfiler", "skriv ut varje fält för sig"
        tag = getattr(event, "tag", None)
        if tag and tag != "!" and not _implicit(event):
            return (
                line,
                f"YAML-taggen {tag!r} används inte i innehållsfiler",
                "ta bort taggen (det som börjar med !) och skriv bara värdet",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return (
                    line,
                    "front matter är för djupt nästlad",
                    "skriv fälten som i mallen, med högst några nivåer",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _implicit(event) -> bool:
    """Whether an event's tag was resolved by YAML itself rather than written in the file."""
    implicit = getattr(event, "implicit", False)
    return any(implicit) if isinstance(implicit, tuple) else bool(implicit)


_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")


def _scalar_problem(node: yaml.ScalarNode) -> tuple[str, str] | None:
    """A value YAML would read differently from how it looks, or one carrying control
    characters written as escapes ("\\e", "\\x07" …): (message, hint), or None."""
    if node.tag == "tag:yaml.org,2002:int" and not _DECIMAL.fullmatch(node.value):
        return (
            f"talet {node.value!r} läses inte som det ser ut (inledande nolla, kolon eller understreck)",
            "skriv talet med bara siffror, till exempel 12, eller sätt citattecken runt texten",
        )
    if node.tag == "tag:yaml.org,2002:float" and node.value.lower().lstrip("+-") in (".nan", ".inf"):
        return f"värdet {node.value!r} är inget tal som går att använda", "skriv ett heltal, till exempel 12"
    bad = bad_characters(node.value)
    if bad:
        return (
            f"värdet innehåller ett osynligt tecken som inte får finnas i en innehållsfil ({describe(bad[0][1])})",
            "ta bort escape-koden (till exempel \\e eller \\x07) ur värdet",
        )
    return None


def _walk(node: yaml.Node, loc: Loc, positions: dict[Loc, int], rel: str, problems: list[Diagnostic]) -> None:
    """Record the file line of every key and list item; report keys written twice."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 2
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag != "tag:yaml.org,2002:str"
                or key == "<<"
            ):
                shown = key if isinstance(key, str) else "[…]"
                problems.append(
                    Diagnostic(
                        rel,
                        line,
                        f"fältnamnet {shown!r} är inget giltigt fältnamn",
                        "fältnamn är ord som title och summary, skrivna som i mallen",
                    )
                )
                continue
            if key in seen:
                problems.append(
                    Diagnostic(
                        rel,
                        line,
                        f"fältet {field_label(loc + (key,))} står två gånger",
                        "ta bort eller slå ihop den ena förekomsten",
                    )
                )
            seen.add(key)
            positions[loc + (key,)] = line
            _walk(value_node, loc + (key,), positions, rel, problems)
    elif isinstance(node, yaml.ScalarNode):
        problem = _scalar_problem(node)
        if problem is not None:
            problems.append(Diagnostic(rel, node.start_mark.line + 2, *problem))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            positions[loc + (index,)] = item.start_mark.line + 2
            _walk(item, loc + (index,), positions, rel, problems)
