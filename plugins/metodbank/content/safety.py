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
MARKDOWN_TARGET = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)")
REFERENCE_TARGET = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
AUTOLINK_TARGET = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>")
ATTRIBUTE_TARGET = re.compile(
    r"\b(?:href|src|action|data|formaction|xlink:href|poster|background)\s*=\s*[\"']?([^\"'\s>]+)", re.I
)
RAW_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
EVENT_ATTRIBUTE = re.compile(r"\bon[a-z]+\s*=", re.I)


def _lines_outside_code(body: str):
    in_fence = False
    for number, line in enumerate(body.split("\n")):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield number, CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def link_targets(line: str) -> list[str]:
    """Every address a line of Markdown or HTML links to or loads (entities decoded)."""
    decoded = html.unescape(line)
    return [
        target
        for pattern in (MARKDOWN_TARGET, REFERENCE_TARGET, AUTOLINK_TARGET, ATTRIBUTE_TARGET)
        for target in pattern.findall(decoded)
    ]


def unsafe_scheme(target: str) -> str | None:
    """The scheme of `target` when it is not http(s) or mailto; None for relative links."""
    match = SCHEME.match("".join(c for c in target if c.isprintable() and not c.isspace()))
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return match.group(1).lower()
    return None


def check_body_safety(source: SourceFile) -> list[Diagnostic]:
    """Errors for links that are not web or e-mail addresses; warnings (printed as such) for
    raw HTML that the cleaning removes."""
    problems = []
    for number, line in _lines_outside_code(source.body):
        where = source.body_line + number
        for target in link_targets(line):
            scheme = unsafe_scheme(target)
            if scheme:
                problems.append(
                    Diagnostic(
                        source.rel,
                        where,
                        f"länken använder {scheme}:, som inte är tillåtet",
                        "länka bara till webbadresser som börjar med https:// eller till andra sidor med [[id]]",
                    )
                )
        problems += _raw_html(source.rel, where, html.unescape(line))
    return problems


def _raw_html(rel: str, where: int, line: str) -> list[Diagnostic]:
    """One warning per raw HTML tag on a line that the page cleaning will remove."""
    problems, seen = [], set()
    for closing, tag, attributes in RAW_TAG.findall(line):
        name = tag.lower()
        if closing or name in seen:
            continue
        if (
            name not in nh3.ALLOWED_TAGS
            or EVENT_ATTRIBUTE.search(attributes)
            or "style" in attributes.lower()
        ):
            seen.add(name)
            problems.append(
                Diagnostic(
                    rel,
                    where,
                    f"HTML-taggen <{name}> eller dess attribut tas bort när sidan byggs",
                    "skriv texten i Markdown; skript, iframes, stilar och händelseattribut publiceras aldrig",
                    severity="warning",
                )
            )
    return problems
