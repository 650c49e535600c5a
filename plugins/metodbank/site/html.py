"""The building blocks of every generated page: Jinja templates with autoescape, HTML
blocks that skip Markdown, and Swedish formatting of numbers, periods and citations.

Every value from a content file goes through Jinja's autoescape or `Markup.format`; only
fixed Swedish headings are written as Markdown.
"""

from __future__ import annotations

import functools
import json
import re
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from ..content import words
from .marks import inferred_mark

TEMPLATES = Path(__file__).parent / "templates"


def template_env(folder: Path) -> Environment:
    """Jinja templates from `folder`, escaping every value."""
    return Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=False,
        keep_trailing_newline=True,
    )


ENV = template_env(TEMPLATES)
"""The page templates (site/templates)."""
ENV.globals["inferred_mark"] = inferred_mark

NOT_REPORTED = "Inte rapporterat i källan."


@dataclass
class Link:
    text: str
    url: str | None = None
    inferred: str | None = None
    """The editors' reason when the value is inferred (shown as "tolkat")."""
    note: str | None = None
    """A short remark after the link, e.g. "Ingen webbadress i källan"."""


@dataclass
class Row:
    """One row of a fact box."""

    label: str
    text: str = ""
    links: list[Link] | None = None
    stacked: bool = False
    """Show the links one per line instead of on one line."""
    badge: int | None = None
    """A percentage shown as a badge before the text."""
    inferred: str | None = None
    """The editors' reason when the value is inferred (shown as "tolkat")."""
    preview: bool = False
    """Shown only in the preview under `invoke serve`, for contributors (class mb-preview-only)."""


@dataclass
class Rendered:
    """A generated page: Markdown for MkDocs, with each HTML block replaced by a placeholder
    paragraph, and the blocks to put back after Markdown has run (`fill`). Python-Markdown
    parses raw HTML slowly; the fact boxes and lists need no Markdown, so they skip it."""

    markdown: str
    slots: dict[str, str]
    meta: dict | None = None
    """The page's front matter (also at the top of `markdown`), so that it need not be parsed."""

    def fill(self, html: str) -> str:
        """The rendered page HTML with every placeholder replaced by its block."""
        for token, block in self.slots.items():
            html = html.replace(f"<p>{token}</p>", block, 1)
        return html


_SLOT_NONCE = secrets.token_hex(4)


OUTSIDE_MENU = ("navigation",)
"""`hide` for pages that are not in the menu: entries and the pages per theme or place."""


def assemble(title: str, parts: list, hide: tuple[str, ...] = ()) -> Rendered:
    """Join Markdown parts (str) and HTML blocks (Markup) into one page; `hide` names parts
    of the theme to leave out (Material's `hide`: navigation, toc)."""
    chunks, slots = [], {}
    for part in parts:
        if not part:
            continue
        if isinstance(part, Markup):
            token = f"MBSLOT{_SLOT_NONCE}X{len(slots)}"
            slots[token] = str(part)
            chunks.append(token)
        else:
            chunks.append(part)
    meta = {"title": str(escape(title)), **({"hide": list(hide)} if hide else {})}
    return Rendered(page_meta(title, hide) + "\n\n".join(chunks) + "\n", slots, meta)


def page_meta(title: str, hide: tuple[str, ...] = ()) -> str:
    """Front matter for a generated page. The theme prints `page.title` unescaped in places,
    so it gets the HTML-escaped title (titles cannot hold < or >; validation rejects them).
    Written as JSON values, which are valid YAML, because a YAML dump per page is slow."""
    quoted = json.dumps(str(escape(title)), ensure_ascii=False)
    lines = ["title: " + quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")]
    if hide:
        lines.append("hide: " + json.dumps(list(hide)))
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def block(template: str, **context) -> Markup:
    """An HTML block from a template in site/templates."""
    return Markup(ENV.get_template(template).render(**context))


def paragraph(text: str) -> Markup:
    return Markup("<p>{}</p>").format(text)


def items(values: list, tag: str = "ul", css: str = "") -> Markup:
    return block("items.html", values=values, tag=tag, css=css)


def format_period(period) -> str:
    """'nov 2015–aug 2016', 'från 2019', or 'Inte rapporterat i källan' when unknown."""
    if period is None:
        return "Inte rapporterat i källan"
    return words.period(period.start, period.end)


def format_number(value: int) -> str:
    """Swedish thousands separator: 25000 → '25 000' (with a no-break space)."""
    return f"{value:,}".replace(",", "\u00a0")


def citation(title: str, publisher: str, url: str, reviewed=None) -> str:
    """ "Så citerar du": title, publisher, address and date, at the end of every page."""
    when = f"Senast granskad {reviewed.isoformat()}" if reviewed else f"Hämtad {date.today().isoformat()}"
    return str(
        Markup(
            '<p class="mb-cite" data-pagefind-ignore><strong>Så citerar du:</strong> {}. {}. '
            '<a href="{}">{}</a>. {}.</p>'
        ).format(title, publisher, url, url, when)
    )


def drop_asset(html: str, asset: str, used: bool) -> str:
    """The page without its `<link>` or `<script>` for `asset` (a site path such as
    `assets/kit.js`) unless the page `used` it: every page then loads only what it needs."""
    if used or asset not in html:
        return html
    return _asset_tag(asset).sub("", html)


@functools.cache
def _asset_tag(asset: str) -> re.Pattern:
    """The tag that loads `asset`; the pattern starts with a literal, so it is found fast."""
    path = r'"(?:[./]*/)?' + re.escape(asset) + r'"'
    return re.compile(rf'<(?:link rel="stylesheet" href={path}>|script src={path}></script>)\n?')
