"""MkDocs plugin `metodbank-content`: validate the library and add its pages to the site.

A thin adapter: loading and validation are plain functions in `content` (through
`metodbank.project`), the pages come from `site`. Validation runs in `on_config`, before MkDocs cleans `site/`, so a build with
content errors stops with every error listed and leaves the last good site in place.
Under `mkdocs serve` the errors are logged and shown on a page, and serving goes on.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..content.ids import is_valid_id
from ..content.kinds import KIND_BY_NAME, KINDS
from ..content.library import Library
from ..content.urls import index_uri, page_uri, page_url, relative_url
from ..project import load_library
from ..site.accessibility import STATEMENT_URI, Statement
from ..site.entries import entry_page
from ..site.errors import ERROR_PAGE, error_banner, error_page, file_error_page
from ..site.evidence import RULES_URI, rules_page
from ..site.feed import FEED_URI, atom_feed, git_history
from ..site.home import THEMES_MARKER, fill_settings, theme_tiles
from ..site.html import Rendered, citation, drop_asset
from ..site.ogimage import image_path, share_image
from ..site.opendata import export
from ..site.overviews import overview_page
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

log = logging.getLogger("mkdocs.plugins.metodbank")

ASSETS = Path(__file__).parent.parent / "site" / "assets"
THEME = Path(__file__).parent.parent / "site" / "theme"
"""Templates put before Material's: the Swedish 404 page."""

LAST_GOOD: dict[str, Rendered] = {}
"""Under `invoke serve`: the last version of each entry's page that worked, kept across
rebuilds (the module outlives the plugin objects), shown below a broken file's errors."""


class ContentConfig(Config):
    root = c.Optional(c.Dir(exists=True))
    """The repository root that holds cases/, methods/, organisations/ and data/ (default: beside mkdocs.yml)."""


class ContentPlugin(BasePlugin[ContentConfig]):
    """Validates every content file and publishes it as a page with a fact box."""

    supports_multiple_instances = False

    def __init__(self):
        self.serving = False
        self.library: Library | None = None
        self.generated: dict[str, Rendered] = {}
        """Generated pages of the current build by source path."""
        self.entries_by_uri: dict = {}
        self.settings: dict = {}
        self.error_uris: set[str] = set()
        """Pages that list content errors: no "Så citerar du" on them."""

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        if not config.repo_url:  # no repository address set: no edit links (never a guessed address)
            config.edit_uri = None
        self.generated = {}
        root = Path(self.config.root or Path(config.config_file_path).parent)
        self.library = load_library(root)
        for problem in self.library.diagnostics:
            # Warnings (e.g. raw HTML that the cleaning removes) do not stop a strict build.
            if problem.severity == "error":
                log.error(str(problem))
            else:
                log.info(f"varning: {problem}")
        errors = self.library.errors
        if errors and not self.serving:
            raise PluginError(
                f"{len(errors)} fel i innehållet (se listan ovan) — rätta dem och bygg igen; "
                "den förra webbplatsen i site/ är orörd."
            )
        config.extra_css.append("assets/metodbank.css")
        config.extra_css.append("assets/tools.css")
        config.extra_javascript.append("assets/metodbank.js")
        config.theme.dirs.insert(0, str(THEME))
        # Settings for the hand-written pages; the repository comes from `repo_url` (unset: the
        # lines that need it are left out, never a guessed address).
        self.settings = {**((config.extra or {}).get("metodbank") or {}), "repo_url": config.repo_url or ""}
        return config

    def on_files(self, files: Files, *, config) -> Files:
        view = SiteView(self.library, self.library.crossrefs, self.library.taxonomy, preview=self.serving)
        self.entries_by_uri = {}
        docs = os.path.relpath(config.docs_dir, self.library.root)
        for entry in self.library.entries.values():
            uri = page_uri(entry.kind, entry.id)
            self.entries_by_uri[uri] = entry
            rendered = entry_page(view, entry)
            if self.serving:
                LAST_GOOD[uri] = rendered
            file = self.add_page(files, config, uri, rendered)
            # "Föreslå en ändring" opens the entry's real file, not a generated page.
            file.edit_uri = source_edit_uri(entry.source.rel, docs)
        self.error_uris: set[str] = {ERROR_PAGE}
        if self.serving:
            self.add_error_pages(files, config)
        for kind in KINDS:
            self.add_page(files, config, index_uri(kind), overview_page(view, kind))
        for src_uri, rendered in (
            (FIELDS_URI, fields_page(self.library.vocabulary)),
            (VOCABULARY_URI, vocabulary_page(self.library.vocabulary)),
            (OPEN_DATA_URI, open_data_page(self.library.vocabulary)),
            (RULES_URI, rules_page(view)),
        ):
            self.add_page(files, config, src_uri, rendered)
        for src_uri, text in export(self.library, self.site_url(config)).items():
            files.append(File.generated(config, src_uri, content=text))
        for asset in ("metodbank.css", "metodbank.js", "tools.css"):
            content = (ASSETS / asset).read_text(encoding="utf-8")
            files.append(File.generated(config, f"assets/{asset}", content=content))
        self.add_sharing(files, config)
        if self.library.errors:
            files.append(File.generated(config, ERROR_PAGE, content=error_page(self.library)))
        return files

    def add_error_pages(self, files: Files, config) -> None:
        """Under `invoke serve`, a file with errors gets its own page at its usual address,
        with its errors in Swedish (and the last version that worked), not a 404."""
        for rel, kind_name in self.library.invalid.items():
            stem = Path(rel).stem
            uri = page_uri(KIND_BY_NAME[kind_name], stem)
            if not is_valid_id(stem) or uri in self.generated or files.get_file_from_path(uri):
                continue
            link = relative_url(page_url(ERROR_PAGE), page_url(uri))
            self.add_page(files, config, uri, file_error_page(rel, self.library, link, LAST_GOOD.get(uri)))
            self.error_uris.add(uri)

    def add_page(self, files: Files, config, src_uri: str, rendered: Rendered) -> File:
        """Add a generated page to the build and remember its HTML blocks for `on_page_content`."""
        self.generated[src_uri] = rendered
        file = File.generated(config, src_uri, content=rendered.markdown)
        files.append(file)
        return file

    def add_sharing(self, files: Files, config) -> None:
        """The Atom feed of new and updated entries, and the preview picture of each kind."""
        author = config.site_author or config.site_name
        feed = atom_feed(self.library, self.site_url(config), author, git_history(self.library.root))
        files.append(File.generated(config, FEED_URI, content=feed))
        for kind in KINDS:
            files.append(File.generated(config, image_path(kind.section), content=share_image(kind.singular)))

    def on_page_content(self, html, *, page, config, files):
        """Put the HTML blocks of generated pages back in place of their placeholders, and
        end every page with how to cite it."""
        rendered = self.generated.pop(page.file.src_uri, None)  # filled once; frees memory
        entry = self.entries_by_uri.get(page.file.src_uri)
        if entry is not None:  # a contribution: clean its body before our own blocks go back in
            html = clean_html(html)
        if rendered is not None:
            html = rendered.fill(html)
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

    @staticmethod
    def site_url(config) -> str:
        return (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"

    def on_page_markdown(self, markdown, *, page, config, files):
        """Hand-written pages get the settings from `mkdocs.yml` (`metodbank.namn` in double
        braces). Entry pages get their share preview (read by overrides/main.html), and the
        accessibility statement its sections from the test configuration. While serving with
        content errors, every page starts with a link to the error list."""
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
        if not (self.serving and self.library.errors) or page.file.src_uri == ERROR_PAGE:
            return markdown
        link = relative_url(page_url(ERROR_PAGE), page.url)
        return error_banner(len(self.library.errors), link) + markdown

    def on_post_page(self, output, *, page, config):
        """Only the API reference uses mkdocstrings' stylesheet; other pages skip the request."""
        return drop_asset(output, "assets/_mkdocstrings.css", used='class="doc doc-' in output)

    def on_serve(self, server, *, config, builder):
        root = self.library.root
        for folder in {kind.folder.split("/")[0] for kind in KINDS} | {"data"}:
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server


NO_CITATION = {"index.md"}
"""Pages that do not end with "Så citerar du": the start page only points onwards."""


def content_plugin(config, name: str, needs_links: bool = True) -> ContentPlugin:
    """The `metodbank-content` plugin that `name` builds on, with its library loaded (and
    indexed by `metodbank-links` when `needs_links`); a clear error when the order is wrong."""
    content = config.plugins.get("metodbank-content")
    library = getattr(content, "library", None)
    if library is None or (needs_links and library.crossrefs is None):
        before = "metodbank-content och metodbank-links" if needs_links else "metodbank-content"
        raise PluginError(f"{name} behöver {before}, listade före det i mkdocs.yml")
    return content
