"""MkDocs plugin `metodbank-search`: the Whoosh index, related content, the method finder
and the Pagefind browser search. Builds on `metodbank-content` and `metodbank-links`
(list it after them). The logic lives in `search.index`, `search.pagefind` and `site.finder`."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import material
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..search.index import SearchIndex
from ..search.pagefind import mark_body, prepare_theme, run_pagefind
from ..site.finder import CATALOGUE_URI, FINDER_URI, catalogue, finder_page
from .content import content_plugin

log = logging.getLogger("mkdocs.plugins.metodbank.search")


class SearchConfig(Config):
    cache_dir = c.Type(str, default=".cache/search")
    """Where the Whoosh index is kept between builds (relative to mkdocs.yml)."""
    related = c.Type(int, default=3)
    """How many similar entries each case and method page shows."""
    pagefind = c.Type(bool, default=True)
    """Index the built site with Pagefind for the search box."""


class SearchPlugin(BasePlugin[SearchConfig]):
    """Indexes the library at build time and gives readers search, related content and a finder."""

    def on_config(self, config):
        content = content_plugin(config, "metodbank-search")
        self.content = content
        library = content.library
        root = Path(config.config_file_path).parent
        self.index = SearchIndex(library, root / self.config.cache_dir)
        started = time.perf_counter()
        stats = self.index.update()
        library.related = self.index.cached_related(self.config.related)
        log.info(f"{stats} ({time.perf_counter() - started:.2f} s)")
        self.records = catalogue(library, library.crossrefs)
        if self.config.pagefind:
            theme_dir = prepare_theme(
                Path(material.__file__).parent / "templates", root / self.config.cache_dir / "theme"
            )
            config.theme.dirs.insert(0, str(theme_dir))
            config.extra_javascript.append("assets/search.js")
        return config

    def on_files(self, files: Files, *, config) -> Files:
        library = self.content.library
        self.content.add_page(
            files, config, FINDER_URI, finder_page(library, self.records, self.content.site_url(config))
        )
        files.append(
            File.generated(config, CATALOGUE_URI, content=json.dumps(self.records, ensure_ascii=False))
        )
        files.append(
            File.generated(
                config, "assets/finder.js", content=(SITE_ASSETS / "finder.js").read_text(encoding="utf-8")
            )
        )
        if self.config.pagefind:
            files.append(
                File.generated(
                    config,
                    "assets/search.js",
                    content=(SEARCH_ASSETS / "search.js").read_text(encoding="utf-8"),
                )
            )
        return files

    def on_page_content(self, html, *, page, config, files):
        """Mark entry pages and hand-written pages for Pagefind. Generated overviews (themes,
        municipalities, section lists) repeat the entries' summaries, so they are left out:
        results point at the entries, and the index stays small."""
        if not self.config.pagefind:
            return html
        if page.file.generated_by and page.file.src_uri not in self.content.entries_by_uri:
            return html
        return mark_body(html, self.index.known)

    def on_post_build(self, *, config):
        if not self.config.pagefind:
            return
        started = time.perf_counter()
        result = run_pagefind(Path(config.site_dir))
        if result.returncode != 0:
            raise PluginError(f"Pagefind misslyckades:\n{result.stdout}\n{result.stderr}")
        log.info(f"Pagefind indexerade webbplatsen ({time.perf_counter() - started:.2f} s)")


SITE_ASSETS = Path(__file__).parent.parent / "site" / "assets"
SEARCH_ASSETS = Path(__file__).parent.parent / "search" / "assets"
