"""Untrusted content: cases arrive from outside by pull request, so nothing in a content
file may put script on the site. Front-matter values are escaped where rendered (Jinja
autoescape); the rendered body is cleaned with an allow-list (nh3); and validation rejects
`javascript:`, `data:` and `vbscript:` addresses in links, naming file and line, and warns
about raw HTML that the cleaning will remove."""

from __future__ import annotations

import copy
import html
import re

import nh3

from .bodylinks import CODE_SPAN, FENCE
from .diagnostics import Diagnostic
from .frontmatter import SourceFile

ATTRIBUTES = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
for _tag in ATTRIBUTES:
    ATTRIBUTES[_tag] = set(ATTRIBUTES[_tag])
ATTRIBUTES["*"] = {"id", "class", "title", "lang"}
ATTRIBUTES["a"] = {"href", "hreflang", "title"}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(fragment: str) -> str:
    """The fragment with everything outside the allow-list removed (scripts, event
    handlers, styles, iframes, objects, and links that are not http(s), mailto or relative)."""
    return nh3.clean(fragment, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None)


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
