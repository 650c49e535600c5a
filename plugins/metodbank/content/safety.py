"""Untrusted content: cases arrive from outside by pull request. Validation rejects
`javascript:`, `data:` and `vbscript:` addresses in body links, naming file and line, and
warns about raw HTML that the page cleaning (`site.sanitize`) will remove."""

from __future__ import annotations

import html
import re

import nh3

from .bodylinks import CODE_SPAN, FENCE
from .diagnostics import Diagnostic
from .frontmatter import SourceFile

BAD_SCHEME = re.compile(r"^\s*(javascript|data|vbscript)\s*:", re.I)
MARKDOWN_TARGET = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)")
ATTRIBUTE_TARGET = re.compile(
    r"\b(?:href|src|action|data|formaction|xlink:href)\s*=\s*[\"']?([^\"'\s>]+)", re.I
)
RAW_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
EVENT_ATTRIBUTE = re.compile(r"\bon[a-z]+\s*=", re.I)


def _lines_outside_code(body: str):
    in_fence = False
    for number, line in enumerate(body.split("\n")):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield number, CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def check_body_safety(source: SourceFile) -> list[Diagnostic]:
    """Errors for dangerous link addresses; warnings for raw HTML that will be removed."""
    problems = []
    for number, line in _lines_outside_code(source.body):
        where = source.body_line + number
        decoded = html.unescape(line)
        targets = MARKDOWN_TARGET.findall(decoded) + ATTRIBUTE_TARGET.findall(decoded)
        for target in targets:
            scheme = BAD_SCHEME.match(target)
            if scheme:
                problems.append(
                    Diagnostic(
                        source.rel,
                        where,
                        f"länken använder {scheme.group(1).lower()}:, som inte är tillåtet",
                        "länka bara till webbadresser som börjar med https:// eller till andra sidor med [[id]]",
                    )
                )
        for tag, attributes in RAW_TAG.findall(decoded):
            allowed = tag.lower() in nh3.ALLOWED_TAGS and not EVENT_ATTRIBUTE.search(attributes)
            if not allowed or "style" in attributes.lower():
                problems.append(
                    Diagnostic(
                        source.rel,
                        where,
                        f"HTML-taggen <{tag.lower()}> eller dess attribut tas bort när sidan byggs",
                        "skriv texten i Markdown; skript, iframes, stilar och händelseattribut publiceras aldrig",
                        severity="warning",
                    )
                )
    return problems
