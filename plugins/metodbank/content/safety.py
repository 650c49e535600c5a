"""Untrusted content: cases arrive from outside by pull request. Validation refuses every
link address that is not http(s), mailto or relative (`javascript:`, `data:`, `vbscript:`,
`file:` …, also entity-encoded or in reference definitions), naming file and line, and
warns about raw HTML (`<script>`, `on…=` handlers …) that the page cleaning
(`site.sanitize`) removes before anything is published."""

from __future__ import annotations

import html
import re

import nh3

from .bodylinks import CODE_SPAN, FENCE
from .diagnostics import Diagnostic
from .frontmatter import SourceFile

SAFE_SCHEMES = {"http", "https", "mailto"}
"""The only schemes a body link may use; everything else (javascript:, data:, file: …) is refused."""
SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:")
MARKDOWN_TARGET = re.compile(r"!?\[[^\[\]\n]*\]\(\s*<?([^)\s>]+)")
REFERENCE_TARGET = re.compile(r"^[ ]{0,3}\[[^\[\]\n]+\]:[ ]*<?(\S+?)>?(?:\s|$)", re.M)
AUTOLINK_TARGET = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^<>\s]*)>")
ATTRIBUTE_TARGET = re.compile(
    r"\b(?:href|src|action|data|formaction|xlink:href|poster|background)\s*=\s*"
    r"(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))",
    re.I,
)
"""An address in an HTML attribute; a quoted value may run over several lines."""
ENCODED_WHITESPACE = re.compile(r"&(#0*(9|10|13|32);|#x0*(9|a|d|20);|Tab;|NewLine;)", re.I)
RAW_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>")
FOREIGN_ATTRIBUTE = re.compile(r"\b(?:id|class|name)\s*=", re.I)
ATTR_LIST = re.compile(r"\{:?\s*[#.][^{}\n]*\}")
EVENT_ATTRIBUTE = re.compile(r"\bon[a-z]+\s*=", re.I)


def outside_code(body: str) -> str:
    """The body with fenced blocks and code spans blanked out (same length, same lines)."""
    lines, in_fence = [], False
    for line in body.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
            lines.append("")
        elif in_fence:
            lines.append("")
        else:
            lines.append(CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return "\n".join(lines)


def link_targets(text: str) -> list[tuple[int, str]]:
    """(0-based line, address) of every link or loaded address in Markdown or HTML text,
    entities decoded and tabs dropped, as browsers drop them inside addresses."""
    # Whitespace written as an entity (&#10;, &#x09;, &Tab; …) is dropped before decoding: a
    # browser drops it inside an address, and dropping it here keeps the line numbers.
    decoded = html.unescape(ENCODED_WHITESPACE.sub("", text)).replace("\t", "")
    found = []
    for pattern in (MARKDOWN_TARGET, REFERENCE_TARGET, AUTOLINK_TARGET, ATTRIBUTE_TARGET):
        for match in pattern.finditer(decoded):
            target = next(group for group in match.groups() if group is not None) if match.groups() else ""
            found.append((decoded.count("\n", 0, match.start()), target))
    return found


def unsafe_scheme(target: str) -> str | None:
    """The scheme of `target` when it is not http(s) or mailto; None for relative links."""
    match = SCHEME.match("".join(c for c in target if c.isprintable() and not c.isspace()))
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return match.group(1).lower()
    return None


def check_body_safety(source: SourceFile) -> list[Diagnostic]:
    """Errors for links that are not web or e-mail addresses; warnings (printed as such) for
    raw HTML that the cleaning removes."""
    text = outside_code(source.body)
    problems = []
    for line, target in link_targets(text):
        scheme = unsafe_scheme(target)
        if scheme:
            problems.append(
                Diagnostic(
                    source.rel,
                    source.body_line + line,
                    f"länken använder {scheme}:, som inte är tillåtet",
                    "länka bara till webbadresser som börjar med https:// eller till andra sidor med [[id]]",
                )
            )
    for number, line in enumerate(html.unescape(text).split("\n")):
        problems += _raw_html(source.rel, source.body_line + number, line)
    return sorted(set(problems))


def _raw_html(rel: str, where: int, line: str) -> list[Diagnostic]:
    """One warning per raw HTML tag on a line that the page cleaning will remove or change."""
    problems, seen = [], set()
    for closing, tag, attributes in RAW_TAG.findall(line):
        name = tag.lower()
        if closing or name in seen:
            continue
        removed = (
            name not in nh3.ALLOWED_TAGS
            or EVENT_ATTRIBUTE.search(attributes)
            or "style" in attributes.lower()
        )
        if removed or FOREIGN_ATTRIBUTE.search(attributes):
            seen.add(name)
            problems.append(
                _warning(rel, where, f"HTML-taggen <{name}> eller dess attribut tas bort när sidan byggs")
            )
    if ATTR_LIST.search(line):
        problems.append(_warning(rel, where, "id och klasser ({: #… .…}) i texten tas bort när sidan byggs"))
    return problems


def _warning(rel: str, where: int, message: str) -> Diagnostic:
    return Diagnostic(
        rel,
        where,
        message,
        "skriv texten i Markdown; skript, iframes, stilar och händelseattribut publiceras aldrig",
        severity="warning",
    )
