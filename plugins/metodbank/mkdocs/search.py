"""MkDocs plugin `metodbank-search`: related content, the method finder and the Pagefind
browser search. Builds on `metodbank-content` and `metodbank-links` (list it after them).
The logic lives in `search.related`, `search.pagefind` and `site.finder`.

The Whoosh index behind `invoke search` is not built here: the command updates it before
each query (`search.index`), so the site build does not pay for it.
"""

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

from ..content.deps import RecordingMap
from ..search.pagefind import mark_body, page_kind, prepare_theme
from ..search.related import Related
from ..search.swedish import known_stems
from ..search.text import vocabulary_terms
from ..site.finder import CATALOGUE_URI, FINDER_URI, catalogue, finder_page
from ..site.suggest import SUGGESTIONS_URI, suggestions_json
from .content import content_plugin
from .searchindex import ShardIndexer

log = logging.getLogger("mkdocs.plugins.metodbank.search")


class SearchConfig(Config):
    cache_dir = c.Type(str, default=".cache/search")
    """Where related content (and the Whoosh index of `invoke search`) is kept (beside mkdocs.yml)."""
    related = c.Type(int, default=3)
    """How many similar entries each case and method page shows."""
    pagefind = c.Type(bool, default=True)
    """Index the built site with Pagefind for the search box."""
    pagefind_part = c.Type(int, default=1000)
    """The most pages in one part of the Pagefind index (Pagefind needs ~160 MiB per thousand)."""


class SearchPlugin(BasePlugin[SearchConfig]):
    """Gives readers search, related content and a finder."""

    def __init__(self):
        self.related: Related | None = None
        self.related_changed = False
        self.serving = False
        self.indexer: ShardIndexer | None = None

    def on_startup(self, *, command, dirty):
        """Kept alive across the rebuilds of `mkdocs serve`: related lists update entry by entry."""
        self.serving = command == "serve"

    def on_config(self, config):
        content = content_plugin(config, "metodbank-search")
        self.content = content
        library = content.library
        root = Path(config.config_file_path).parent
        self.cache_file = root / self.config.cache_dir / "related.pickle"
        self.known = known_stems(vocabulary_terms(library))
        started = time.perf_counter()
        if self.related is None or self.related.known != self.known:
            self.related = Related.load(self.cache_file, self.known, self.config.related)
        changed = self.related.update(library)
        self.related_changed = bool(changed) or self.related_changed
        library.related = RecordingMap("related", self.related.lists)
        if content.changed is not None:
            content.changed.update(("related", entry_id) for entry_id in changed)
        log.info(
            f"liknande innehåll: {len(changed)} listor nya eller ändrade ({time.perf_counter() - started:.2f} s)"
        )
        self.records = catalogue(library, library.crossrefs)
        if self.config.pagefind:
            if self.indexer is None:
                cache = root / self.config.cache_dir
                self.indexer = ShardIndexer(cache / "pagefind", cache / "pagefind-work")
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
            File.generated(config, SUGGESTIONS_URI, content=suggestions_json(library, library.taxonomy))
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
        results point at the entries, and the index stays small. Each page says what kind of
        page it is (shown on the hit), and pages for contributors and developers are marked so
        that search shows them last. The start page is left out: it only points onwards."""
        if not self.config.pagefind or getattr(page, "cached", None) is not None:
            return html
        if not self._indexed(page.file):
            return html
        entry = self.content.entries_by_uri.get(page.file.src_uri)
        if entry is not None:
            return mark_body(html, self.known, entry.kind.singular, public=True)
        return mark_body(html, self.known, *page_kind(page.file.src_uri))

    def on_env(self, env, *, config, files):
        """Plan the Pagefind parts over the pages to index, in the order MkDocs builds them."""
        if self.config.pagefind:
            pages = [(f.src_uri, f.abs_dest_path) for f in files.documentation_pages() if self._indexed(f)]
            self.indexer.start(pages, Path(config.site_dir), self.config.pagefind_part)
        return env

    def _indexed(self, file) -> bool:
        """Entry pages and hand-written pages but the start page (see `on_page_content`)."""
        if file.src_uri in UNINDEXED:
            return False
        return not file.generated_by or file.src_uri in self.content.entries_by_uri

    def on_post_page(self, output, *, page, config):
        if self.config.pagefind:
            self.indexer.page(page.file.src_uri, page.url, output)
        return output

    def on_post_build(self, *, config):
        if self.related_changed and not self.serving:
            self.related.save(self.cache_file)
        if not self.config.pagefind:
            return
        started = time.perf_counter()
        try:
            self.indexer.finish(wait=not self.serving)
        except RuntimeError as error:
            raise PluginError(str(error)) from error
        if not self.serving:
            log.info(
                f"Pagefind: {len(self.indexer.build.shards)} delar ({time.perf_counter() - started:.2f} s)"
            )

    def on_build_error(self, *, error):
        if self.indexer is not None:
            self.indexer.stop()

    def on_shutdown(self):
        if self.indexer is not None:
            self.indexer.stop()
        if self.related is not None and self.serving:
            self.related.save(self.cache_file)


UNINDEXED = {"index.md"}
"""Hand-written pages left out of search: the start page only points onwards."""
SITE_ASSETS = Path(__file__).parent.parent / "site" / "assets"
SEARCH_ASSETS = Path(__file__).parent.parent / "search" / "assets"
