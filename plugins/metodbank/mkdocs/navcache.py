"""Material's navigation rendered once per folder, not once per page.

Material renders the whole navigation (the tabs and the sidebar) into every page. Thousands
of case pages are not in the navigation, so nothing in it is marked active for them and
every link in it is relative to the page's folder: the navigation of `fall/a/` and of
`fall/b/` is the same HTML. The theme folder made here wraps Material's `partials/nav.html`
and `partials/tabs.html`: for a page that is not in the navigation, the HTML is looked up
by (partial, folder of the page) and rendered only on a miss; pages in the navigation are
rendered as Material renders them.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

PARTIALS = ("nav.html", "tabs.html")

WRAPPER = """{#- Metodbanken: the navigation, rendered once per folder for pages outside it (mkdocs/navcache.py) -#}
{%- set mb_html = mb_nav_cache.get("NAME", page) -%}
{%- if mb_html is none -%}
{%- set mb_html -%}{% include "partials/mb-material-NAME" %}{%- endset -%}
{{- mb_nav_cache.put("NAME", page, mb_html) -}}
{%- else -%}{{ mb_html }}{%- endif -%}
"""

CACHED_PAGE = "metodbank-cached.html"
"""A template that prints a page's finished HTML from the page cache (`mkdocs/pagecache.py`)."""


def prepare_theme(material_templates: Path, folder: Path) -> Path:
    """A theme folder (to put before Material's) with the wrapped partials."""
    partials = folder / "partials"
    partials.mkdir(parents=True, exist_ok=True)
    for name in PARTIALS:
        shutil.copyfile(material_templates / "partials" / name, partials / f"mb-material-{name}")
        (partials / name).write_text(WRAPPER.replace("NAME", name), encoding="utf-8")
    (folder / CACHED_PAGE).write_text("{{ page.cached_output }}", encoding="utf-8")
    return folder


class NavCache:
    """Rendered navigation partials by (partial, folder) for one build."""

    def __init__(self, nav_pages=()):
        self.in_nav = {id(page) for page in nav_pages}
        self.html: dict[tuple[str, str], str] = {}
        self.hits = 0

    def key(self, name: str, page) -> tuple[str, str] | None:
        if page is None or id(page) in self.in_nav or page.url is None:
            return None
        return name, posixpath.dirname(page.url.rstrip("/"))

    def get(self, name: str, page) -> str | None:
        key = self.key(name, page)
        html = self.html.get(key) if key else None
        self.hits += html is not None
        return html

    def put(self, name: str, page, html: str) -> str:
        key = self.key(name, page)
        if key:
            self.html[key] = html
        return html
