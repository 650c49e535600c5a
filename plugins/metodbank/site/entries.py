"""The page of one entry: title, lead, fact box, the kind's structured sections, the
body with its `[[id]]` references as links, and the backlinks."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..content.bodylinks import replace_references
from ..content.library import Entry
from ..content.urls import entry_url
from .backlinks import backlink_sections
from .evidence import evidence_section
from .facts import fact_rows
from .html import Rendered, assemble, block
from .sections import kind_sections
from .view import SiteView


def entry_page(view: SiteView, entry: Entry) -> Rendered:
    """The whole page of one entry."""
    current = entry_url(entry)
    item = entry.item
    parts = [
        Markup("<h1>{}</h1>").format(item.title),
        Markup('<p class="mb-lead">{}</p>').format(item.summary),
        block("facts.html", kind=entry.kind, rows=fact_rows(view, entry, current)),
        *evidence_section(view, entry),
    ]
    before, after = kind_sections(view, entry)
    parts += before
    parts.append(body(view, entry, current))
    parts += after
    if view.refs is not None:
        parts += backlink_sections(view, entry, current)
    return assemble(item.title, parts)


def body(view: SiteView, entry: Entry, current: str) -> str:
    """The Markdown body with each `[[id]]` turned into a link titled like its target."""

    def render(ref) -> str:
        link = view.link(ref.target, current)
        text = ref.text or link.text
        if link.url is None:
            return str(escape(text))
        return str(Markup('<a class="mb-ref" href="{}">{}</a>').format(link.url, text))

    return replace_references(entry.source.body.strip(), render)
