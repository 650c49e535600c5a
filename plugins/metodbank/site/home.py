"""Blocks for hand-written pages, put in place of a marker comment in their Markdown: the
themes as large tap targets on the start page (`<!-- metodbank:teman -->`), and settings
from `mkdocs.yml` (`extra: metodbank:`) written as `{{ metodbank.namn }}` in the text."""

from __future__ import annotations

import re

from markupsafe import Markup

from .taxonomy import FACETS
from .view import SiteView

THEMES_MARKER = "<!-- metodbank:teman -->"
SETTING = re.compile(r"\{\{\s*metodbank\.([a-z_]+)\s*\}\}")


def theme_tiles(view: SiteView, current: str) -> Markup:
    """Every theme in use as a large link, with how many methods and cases carry it."""
    facet = FACETS[0]
    taxonomy = view.taxonomy
    if taxonomy is None:
        return Markup("")
    tiles = []
    for value in taxonomy.values(facet):
        entries = taxonomy.terms[facet.field][value]
        methods = sum(1 for e in entries if e.kind.name == "method")
        cases = sum(1 for e in entries if e.kind.name == "case")
        counts = ", ".join(
            text
            for number, text in (
                (methods, f"{methods} {'metod' if methods == 1 else 'metoder'}"),
                (cases, f"{cases} fall"),
            )
            if number
        )
        url = view.term_url(facet, value, current)
        tiles.append(
            Markup(
                '<li><a class="mb-tile" href="{}"><span class="mb-tile__title">{}</span>'
                '<span class="mb-tile__meta">{}</span></a></li>'
            ).format(url, taxonomy.label(facet, value), counts)
        )
    return Markup('<ul class="mb-tiles" aria-label="Teman">{}</ul>').format(Markup("").join(tiles))


def fill_settings(markdown: str, settings: dict, where: str) -> str:
    """Replace each `metodbank.name` in double braces with the setting of that name. A line
    that needs a setting with no value (such as an unset repository address) is left out, so
    an address is never guessed; an unknown name is an error naming the page."""
    for name in SETTING.findall(markdown):
        if name not in settings:
            known = ", ".join(sorted(settings)) or "inga"
            raise KeyError(f"{where}: okänd inställning metodbank.{name} (finns i mkdocs.yml: {known})")
    lines = [
        line
        for line in markdown.split("\n")
        if all(settings[name] not in (None, "") for name in SETTING.findall(line))
    ]
    return SETTING.sub(lambda match: str(settings[match.group(1)]), "\n".join(lines))
