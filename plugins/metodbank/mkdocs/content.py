"""MkDocs plugin `metodbank-content`: validate the library and add its pages to the site.

A thin adapter: loading and validation are plain functions in `content` (through
`metodbank.project`), the pages come from `site`. Validation runs in `on_config`, before MkDocs cleans `site/`, so a build with
content errors stops with every error listed and leaves the last good site in place.
Under `mkdocs serve` the errors are logged and shown on a page, and serving goes on.

Speed (see docs/utvecklare): files unchanged since the last build are not parsed again
(`content.cache`); generated pages render when MkDocs reads them (`pages`), through one
Markdown converter per build, with Material's navigation rendered once per folder
(`navcache`) and finished pages reused between full builds (`pagecache`). Under
`mkdocs serve --dirtyreload` the plugin lives across rebuilds and marks only the pages a
change affects (`incremental`).
"""

from __future__ import annotations

import json
import logging
import os
from datetime import date
from functools import partial
from pathlib import Path

import material
from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from ..content.deps import Memo
from ..content.ids import is_valid_id
from ..content.kinds import KIND_BY_NAME, KINDS
from ..content.library import Library
from ..content.urls import index_uri, page_uri, page_url, relative_url
from ..project import load_library, parse_cache
from ..site.accessibility import STATEMENT_URI, Statement
from ..site.entries import entry_page
from ..site.errors import ERROR_PAGE, error_banner, error_page, file_error_banner, file_error_page
from ..site.evidence import RULES_URI, rules_page
from ..site.feed import FEED_URI, atom_feed, git_history
from ..site.home import THEMES_MARKER, fill_settings, theme_tiles
from ..site.html import Rendered, citation, drop_asset
from ..site.ogimage import image_path, share_image
from ..site.opendata import export
from ..site.overviews import overview_page
from ..site.performance import performance_section
from ..site.reference import (
    FIELDS_URI,
    OPEN_DATA_URI,
    VOCABULARY_URI,
    fields_page,
    open_data_page,
    vocabulary_page,
)
from ..site.sanitize import clean_html
from ..site.share import edit_links, report_url, share_meta, source_edit_uri
from ..site.view import SiteView
from .incremental import Changes, Later, force_rebuild, keep_last_good, settings_digest, write_files
from .navcache import NavCache, prepare_theme
from .pagecache import PageCache, build_key
from .pages import PageRegistry, Source, nav_titles

log = logging.getLogger("mkdocs.plugins.metodbank")

ASSETS = Path(__file__).parent.parent / "site" / "assets"
THEME = Path(__file__).parent.parent / "site" / "theme"
"""Templates put before Material's: the Swedish 404 page."""
PERFORMANCE_MARKER = "<!-- metodbank-performance -->"
NO_CITATION = {"index.md"}
"""Pages that do not end with "Så citerar du": the start page only points onwards."""


class ContentConfig(Config):
    root = c.Optional(c.Dir(exists=True))
    """The repository root that holds cases/, methods/, organisations/ and data/ (default: beside mkdocs.yml)."""
    cache_dir = c.Type(str, default=".cache/metodbank")
    """Where parsed files, finished pages and theme parts are kept between builds (beside mkdocs.yml)."""
    page_cache = c.Type(bool, default=True)
    """Reuse the finished HTML of generated pages whose content did not change."""
    performance_page = c.Type(str, default="prestanda.md")
    """The page whose `<!-- metodbank-performance -->` is replaced by the measured results."""
    performance_results = c.Optional(c.Type(str))
    """The bench's JSON results (beside mkdocs.yml) shown on that page."""


class ContentPlugin(BasePlugin[ContentConfig]):
    """Validates every content file and publishes it as a page with a fact box."""

    supports_multiple_instances = False

    def __init__(self):
        self.serving = self.dirty = False
        self.library: Library | None = None
        self.previous: Library | None = None
        self.pages = PageRegistry()
        self.changes = Changes()
        self.changed: set | None = None
        """The dependency keys that changed since the last build (None: rebuild every page)."""
        self.entries_by_uri: dict = {}
        self.parsed = None
        self.page_cache: PageCache | None = None
        self.settings: dict = {}
        self.error_uris: set[str] = set()
        """Pages that list content errors: no "Så citerar du" on them."""
        self.later = Later()
        self.memo = Memo(SiteView.REFRESHABLE)
        self.edit_uris: dict[str, str] = {}
        """Evidence grades and list facts, kept across serve's rebuilds until what they read changes."""

    def on_startup(self, *, command, dirty):
        """Kept alive across the rebuilds of `mkdocs serve` (MkDocs keeps plugins with on_startup)."""
        self.serving, self.dirty = command == "serve", dirty

    def on_config(self, config):
        if not config.repo_url:  # no repository address set: no edit links (never a guessed address)
            config.edit_uri = None
        root = Path(self.config.root or Path(config.config_file_path).parent)
        self.cache_dir = Path(config.config_file_path).parent / self.config.cache_dir
        if self.parsed is None or self.parsed.path.parent != self.cache_dir:
            self.parsed = parse_cache(root, folder=self.cache_dir)
        library = load_library(root, cache=self.parsed)
        self._report(library)
        kept = keep_last_good(library, self.library) if self.serving and self.library else set()
        if kept:
            log.warning(f"visar den senaste fungerande versionen av {len(kept)} fil(er) med fel")
        self.previous, self.library = self.library, library
        incremental = self.serving and self.dirty
        settings = settings_digest(root, config.config_file_path)
        self.changed = self.changes.keys(self.previous if incremental else None, library, settings)
        # Cards and plans are remembered in on_config; grades and list facts are refreshed in
        # on_files, with the keys other plugins add.
        self.memo.forget(self.changed, keep_refreshable=True)
        config.extra_css.append("assets/metodbank.css")
        config.extra_css.append("assets/tools.css")
        config.extra_javascript.append("assets/metodbank.js")
        (self.cache_dir / "jinja").mkdir(parents=True, exist_ok=True)
        theme = prepare_theme(Path(material.__file__).parent / "templates", self.cache_dir / "theme")
        config.theme.dirs.insert(0, str(theme))
        config.theme.dirs.insert(0, str(THEME))
        # Settings for the hand-written pages; the repository comes from `repo_url` (unset: the
        # lines that need it are left out, never a guessed address).
        self.settings = {**((config.extra or {}).get("metodbank") or {}), "repo_url": config.repo_url or ""}
        return config

    def _report(self, library: Library) -> None:
        for problem in library.diagnostics:
            # Warnings (e.g. raw HTML that the cleaning removes) do not stop a strict build.
            if problem.severity == "error":
                log.error(str(problem))
            else:
                log.info(f"varning: {problem}")
        if library.errors and not self.serving:
            raise PluginError(
                f"{len(library.errors)} fel i innehållet (se listan ovan) — rätta dem och bygg igen; "
                "den förra webbplatsen i site/ är orörd."
            )

    def on_files(self, files: Files, *, config) -> Files:
        self.pages.start(self.changed)
        self.titles = nav_titles(config.nav)
        self.memo.forget(self.changed, keep_refreshable=True)
        view = self.view()
        self.memo.refresh(self.changed, view.recompute)
        self.entries_by_uri = {}
        docs = os.path.relpath(config.docs_dir, self.library.root)
        for entry in dict.values(self.library.entries):
            uri = page_uri(entry.kind, entry.id)
            self.entries_by_uri[uri] = entry
            # "Föreslå en ändring" opens the entry's real file, not a generated page.
            edit = self.edit_uris.get(entry.source.rel) or source_edit_uri(entry.source.rel, docs)
            self.edit_uris[entry.source.rel] = edit
            self.add_page(files, config, uri, partial(entry_page, view, entry), edit_uri=edit)
        self.pages.entry_pages = set(self.entries_by_uri)
        self.error_uris = {ERROR_PAGE}
        if self.serving:
            self.add_error_pages(files, config)
        for kind in KINDS:
            self.add_page(files, config, index_uri(kind), partial(overview_page, view, kind))
        vocabulary = self.library.vocabulary
        for src_uri, render in (
            (FIELDS_URI, fields_page),
            (VOCABULARY_URI, vocabulary_page),
            (OPEN_DATA_URI, open_data_page),
        ):
            self.add_page(files, config, src_uri, partial(render, vocabulary))
        self.add_page(files, config, RULES_URI, partial(rules_page, view))
        if self.changed is None:  # a rebuild under serve writes these after the pages (see on_post_build)
            for src_uri, text in self.data_files(config).items():
                files.append(File.generated(config, src_uri, content=text))
        for asset in ("metodbank.css", "metodbank.js", "tools.css"):
            content = (ASSETS / asset).read_text(encoding="utf-8")
            files.append(File.generated(config, f"assets/{asset}", content=content))
        for kind in KINDS:
            files.append(File.generated(config, image_path(kind.section), content=share_image(kind.singular)))
        if self.library.errors or self.changed is not None:
            self.add_page(files, config, ERROR_PAGE, _markdown_page(error_page(self.library)))
        if self.changed is not None and self.changes.flagged:  # the start page shows the banner
            force_rebuild(str(Path(config.site_dir) / "index.html"))
        return files

    def add_error_pages(self, files: Files, config) -> None:
        """Under `invoke serve`, a file with errors that has no working version to show (see
        `keep_last_good`) gets its own page at its usual address, with its errors in Swedish,
        line by line, instead of a missing page."""
        for rel, kind_name in self.library.invalid.items():
            stem = Path(rel).stem
            uri = page_uri(KIND_BY_NAME[kind_name], stem)
            if not is_valid_id(stem) or uri in self.pages.sources or files.get_file_from_path(uri):
                continue
            link = relative_url(page_url(ERROR_PAGE), page_url(uri))
            self.add_page(files, config, uri, file_error_page(rel, self.library, link))
            self.error_uris.add(uri)

    def add_page(
        self, files: Files, config, src_uri: str, source: Source, edit_uri: str | None = None
    ) -> File:
        """Add a generated page: its `Rendered` content, or a function that renders it (called
        when MkDocs reads the page, so that a rebuild under serve can skip it; see `pages`)."""
        return self.pages.add(files, config, src_uri, source, self.titles.get(src_uri), edit_uri)

    def view(self) -> SiteView:
        """The library as the pages see it, sharing the answers remembered across builds."""
        return SiteView(
            self.library, self.library.crossrefs, self.library.taxonomy, preview=self.serving, memo=self.memo
        )

    def data_files(self, config, library: Library | None = None) -> dict[str, str]:
        """The files made from the whole library: open data (JSON and CSV per kind) and the
        Atom feed of new and updated entries."""
        library = library or self.library
        author = config.site_author or config.site_name
        files = export(library, self.site_url(config))
        files[FEED_URI] = atom_feed(library, self.site_url(config), author, git_history(library.root))
        return files

    def on_nav(self, nav, *, config, files):
        self.nav_cache = NavCache(nav.pages)
        self.doc_files = files.documentation_pages()
        self.page_cache = None
        if self.config.page_cache and not self.serving and not self.dirty:
            digest = "|".join(f"{p.file.src_uri}={p.title}" for p in nav.pages)
            pages = "|".join(sorted(f.src_uri for f in files.documentation_pages()))
            self.page_cache = PageCache(self.cache_dir / "pages", build_key(config, digest), pages, config)
            self.pages.cache = self.page_cache
        return nav

    def on_env(self, env, *, config, files):
        env.globals["mb_nav_cache"] = self.nav_cache
        # The theme's templates compiled once, not in every build (Jinja checks their source).
        env.bytecode_cache = FileSystemBytecodeCache(str(self.cache_dir / "jinja"))
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        """Hand-written pages get the settings from `mkdocs.yml` (`metodbank.namn` in double
        braces). Entry pages get their share preview (read by overrides/main.html), and the
        accessibility statement its sections from the test configuration. While serving with
        content errors, every page built starts with a link to the error list; the page of a
        file with errors starts with that file's errors, line by line."""
        if not page.file.generated_by:
            try:
                markdown = fill_settings(markdown, self.settings, page.file.src_uri)
            except KeyError as error:
                raise PluginError(error.args[0]) from error
        if page.file.src_uri == STATEMENT_URI:
            statement = Statement.load(self.library.root)
            markdown = statement.fill(markdown, date.today(), page.meta["last_reviewed"])
        entry = self.entries_by_uri.get(page.file.src_uri)
        if entry is not None:
            page.meta["mb_share"] = share_meta(
                entry.title,
                entry.item.summary,
                self.site_url(config) + page.url,
                self.site_url(config) + image_path(entry.kind.section),
                entry.kind.singular,
            )
        if not (self.serving and self.library.errors) or page.file.src_uri in self.error_uris:
            return markdown
        if self._broken(entry):  # its own errors go above the page (`on_page_content`)
            return markdown
        link = relative_url(page_url(ERROR_PAGE), page.url)
        return error_banner(len(self.library.errors), link) + markdown

    def _broken(self, entry) -> bool:
        """Whether `entry` is shown in its last working version while its file has errors."""
        return (
            self.serving
            and entry is not None
            and any(p.path == entry.source.rel for p in self.library.errors)
        )

    def _on_page_content(self, html, *, page, config, files):
        """Put the HTML blocks of generated pages back in place of their placeholders, and
        end every page with how to cite it."""
        if getattr(page, "cached", None) is not None:
            return html
        entry = self.entries_by_uri.get(page.file.src_uri)
        if entry is not None:  # a contribution: clean its body before our own blocks go back in
            html = clean_html(html)
        html = self.pages.fill(page.file.src_uri, html)
        if self._broken(entry):
            link = relative_url(page_url(ERROR_PAGE), page.url)
            html = file_error_banner(entry.source.rel, self.library, link) + html
        if page.file.src_uri == self.config.performance_page:
            html = self._performance(html, config)
        if THEMES_MARKER in html:
            view = SiteView(self.library, self.library.crossrefs, self.library.taxonomy)
            html = html.replace(THEMES_MARKER, theme_tiles(view, page.url))
        if page.file.src_uri in NO_CITATION or page.file.src_uri in self.error_uris:
            return html
        reviewed = entry.item.last_reviewed if entry else None
        title = entry.title if entry else Markup(page.title or config.site_name).striptags()
        if entry is not None:
            report = (
                report_url(config.repo_url, entry.title, self.site_url(config) + page.url, entry.source.rel)
                if config.repo_url
                else None
            )
            html += edit_links(page.edit_url, report)
        return html + citation(
            title, config.site_author or config.site_name, self.site_url(config) + page.url, reviewed
        )

    def _performance(self, html: str, config) -> str:
        """The Prestanda page: the measured results as a table and a plot, made at build time."""
        if PERFORMANCE_MARKER not in html or not self.config.performance_results:
            return html
        path = Path(config.config_file_path).parent / self.config.performance_results
        results = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        return html.replace(PERFORMANCE_MARKER, str(performance_section(results)))

    @event_priority(-100)
    def _hold_content(self, html, *, page, config, files):
        """Last of all plugins: keep the page's HTML compressed until its template is
        rendered (MkDocs converts every page before it renders any template)."""
        return self.pages.hold(page, html)

    on_page_content = CombinedEvent(_on_page_content, _hold_content)

    @event_priority(100)
    def on_page_context(self, context, *, page, config, nav):
        """First of all plugins: the page's HTML back, for the templates."""
        self.pages.release(page)
        return context

    def on_post_page(self, output, *, page, config):
        """Only the API reference uses mkdocstrings' stylesheet; other pages skip the request."""
        page.content = None  # written; let the page's HTML go (thousands of pages)
        return drop_asset(output, "assets/_mkdocstrings.css", used='class="doc doc-' in output)

    def on_post_build(self, *, config):
        if self.changed is not None:  # a dirty rebuild: remove the pages of deleted entries
            for src_uri in self.pages.removed():
                page = Path(config.site_dir) / page_url(src_uri) / "index.html"
                page.unlink(missing_ok=True)
            # Open data and the feed cover the whole library: written after the pages are served.
            make = partial(self.data_files, config, self.library)
            self.later.run(write_files, Path(config.site_dir), make)
        if self.page_cache is not None:
            stored = self.page_cache.store(Path(config.site_dir), self.doc_files)
            log.debug(f"sidcache: {len(self.page_cache.hits)} återanvända, {stored} nya")
        if not self.serving:
            self.parsed.save(keep={e.source.rel for e in dict.values(self.library.entries)})

    def on_shutdown(self):
        self.later.wait()
        if self.parsed is not None and self.library is not None:
            self.parsed.save(keep={e.source.rel for e in dict.values(self.library.entries)})

    @staticmethod
    def site_url(config) -> str:
        return (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"

    def on_serve(self, server, *, config, builder):
        root = self.library.root
        for folder in {kind.folder.split("/")[0] for kind in KINDS} | {"data"}:
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server


def _markdown_page(text: str) -> Rendered:
    return Rendered(text, {})


def content_plugin(config, name: str, needs_links: bool = True) -> ContentPlugin:
    """The `metodbank-content` plugin that `name` builds on, with its library loaded (and
    indexed by `metodbank-links` when `needs_links`); a clear error when the order is wrong."""
    content = config.plugins.get("metodbank-content")
    library = getattr(content, "library", None)
    if library is None or (needs_links and library.crossrefs is None):
        before = "metodbank-content och metodbank-links" if needs_links else "metodbank-content"
        raise PluginError(f"{name} behöver {before}, listade före det i mkdocs.yml")
    return content
