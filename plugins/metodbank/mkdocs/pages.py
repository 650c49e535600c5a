"""Generated pages inside MkDocs: rendered when MkDocs reads them, one Markdown converter per
build instead of one per page, and, under `mkdocs serve --dirtyreload`, rebuilt only when
something they show changed.

A plugin adds a page with `PageRegistry.add` and either its `Rendered` content or a function
that renders it. A function is called only when MkDocs reads the page, inside a
`content.deps.recording()`, so the registry knows which entries and which questions about
the library the page depends on. On a rebuild under serve, a page rendered by a function is
marked modified only when those dependencies meet the keys that changed
(`site.dependencies`); a page given as `Rendered` is marked modified when its content
differs from the last build's. MkDocs' dirty reload skips every page not marked.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from pathlib import Path

import markdown as python_markdown
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta

from ..content.deps import recording
from ..site.html import _SLOT_NONCE as SLOT_NONCE
from ..site.html import Rendered

try:  # MkDocs' own per-page Markdown steps (links, anchors, title); private, so optional
    from mkdocs.structure.pages import (
        _ExtractAnchorsTreeprocessor,
        _ExtractTitleTreeprocessor,
        _RawHTMLPreprocessor,
        _RelativePathTreeprocessor,
    )
except ImportError:  # pragma: no cover - another engine: MkDocs renders each page itself
    _RawHTMLPreprocessor = None

Source = Rendered | Callable[[], Rendered]
HELD = "<!-- metodbank: held until the template -->"


def rendered_digest(rendered: Rendered) -> str:
    """A digest of the page's content that is the same in every build (without the
    placeholders' per-process nonce)."""
    digest = hashlib.sha1(rendered.markdown.replace(SLOT_NONCE, "").encode("utf-8"))
    for block in rendered.slots.values():
        digest.update(b"\0" + block.encode("utf-8"))
    return digest.hexdigest()


class GeneratedFile(File):
    """A generated page whose Markdown is rendered when MkDocs first reads it."""

    registry: PageRegistry

    @property
    def content_string(self) -> str:
        return self.registry.markdown(self.src_uri)

    @property
    def content_bytes(self) -> bytes:
        return self.content_string.encode("utf-8")

    def is_modified(self) -> bool:
        return self.registry.is_modified(self.src_uri)


class GeneratedPage(Page):
    """A generated page: its title comes with its content (no YAML to parse), its Markdown
    goes through the build's shared converter, and a page from the page cache skips both."""

    registry: PageRegistry
    cached: Path | None = None
    """The stored HTML of this page, when the page cache has it."""

    @property
    def cached_output(self) -> str:
        """The stored HTML (read when the template prints it, so it is not held in memory)."""
        return self.cached.read_text(encoding="utf-8")

    def read_source(self, config) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        text = self.file.content_string if source is None else source
        rendered = self.registry.rendered.get(self.file.src_uri)
        if source is None and rendered is not None and rendered.meta is not None:
            self.markdown, self.meta = text.split("\n---\n\n", 1)[1], dict(rendered.meta)
        else:
            self.markdown, self.meta = meta.get_data(text)
        self.cached = self.registry.cached(self)
        if self.cached is not None:
            self.markdown = ""
            self.meta["template"] = self.registry.cached_template

    def render(self, config, files) -> None:
        if self.cached is not None:
            self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()
            return
        converter = self.registry.converter(config)
        if converter is None:
            return super().render(config, files)
        converter.reset()
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(converter)
        anchors = _ExtractAnchorsTreeprocessor(self.file, files, config)
        anchors._register(converter)
        relative = _RelativePathTreeprocessor(self.file, files, config)
        relative._register(converter)
        title = _ExtractTitleTreeprocessor()
        title._register(converter)
        self.content = converter.convert(self.markdown)
        self.toc = get_toc(getattr(converter, "toc_tokens", []))
        self._title_from_render = title.title
        self.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        self.links_to_anchors = relative.links_to_anchors


class PageRegistry:
    """Every generated page, across the builds of one `mkdocs serve` (see the module)."""

    cached_template = "metodbank-cached.html"

    def __init__(self):
        self.sources: dict[str, Source] = {}
        self.rendered: dict[str, Rendered] = {}
        """Pages rendered in this build whose HTML blocks are not yet filled in."""
        self.deps: dict[str, set] = {}
        self.digests: dict[str, str] = {}
        self.changed: set | None = None
        self.decided: dict[str, bool] = {}
        self.cache = None
        """A `pagecache.PageCache` for full builds, or None."""
        self._converter = None
        self.previous: set[str] = set()
        self.entry_pages: set[str] = set()
        self.held: dict[str, bytes] = {}
        """Pages that end with the entry's review date rather than today's date."""

    def start(self, changed: set | None, cache=None) -> None:
        """A new build: `changed` holds the keys that changed since the last (None: all)."""
        self.previous = set(self.sources)
        self.sources, self.rendered, self.decided, self.held = {}, {}, {}, {}
        self.changed, self.cache, self._converter = changed, cache, None

    def add(
        self, files: Files, config, src_uri: str, source: Source, title: str | None = None, edit_uri=None
    ) -> File:
        """Add a generated page: its `Rendered` content, or a function that renders it."""
        file = GeneratedFile.generated(config, src_uri, content="")
        file.registry = self
        if edit_uri is not None:
            file.edit_uri = edit_uri
        self.sources[src_uri] = source
        page = GeneratedPage(title, file, config)
        page.registry = self
        files.append(file)
        return file

    def removed(self) -> set[str]:
        """Pages of the last build that this build no longer has (their entry was deleted)."""
        return self.previous - set(self.sources)

    def is_modified(self, src_uri: str) -> bool:
        """Whether the page must be built again in a dirty rebuild (decided once per build)."""
        if src_uri not in self.decided:
            self.decided[src_uri] = self._modified(src_uri)
        return self.decided[src_uri]

    def _modified(self, src_uri: str) -> bool:
        if self.changed is None or src_uri not in self.digests:
            return True
        source = self.sources[src_uri]
        if callable(source):
            # No recorded dependencies: the page was given as content last time (a file's
            # error page that now renders as the entry), so it is built again.
            deps = self.deps.get(src_uri)
            return deps is None or not deps.isdisjoint(self.changed)
        return rendered_digest(source) != self.digests[src_uri]

    def markdown(self, src_uri: str) -> str:
        """The page's Markdown, rendering it (and recording what it reads) on first use."""
        rendered = self.rendered.get(src_uri)
        if rendered is None:
            self.is_modified(src_uri)  # decide against the last build before it is replaced
            source = self.sources[src_uri]
            if callable(source):
                with recording() as deps:
                    rendered = source()
                self.deps[src_uri] = deps
            else:
                rendered = source
                self.deps.pop(src_uri, None)
            self.rendered[src_uri] = rendered
            self.digests[src_uri] = rendered_digest(rendered)
        return rendered.markdown

    def fill(self, src_uri: str, html: str) -> str:
        """Put the page's HTML blocks back (once; the page's blocks are then let go)."""
        rendered = self.rendered.pop(src_uri, None)
        return rendered.fill(html) if rendered is not None else html

    def hold(self, page: Page, html: str) -> str:
        """Keep a page's HTML compressed between MkDocs' two passes (all pages are converted
        before any is rendered into its template); the Markdown source is let go."""
        if getattr(page, "cached", None) is not None or not html:
            return html
        self.held[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        if isinstance(page, GeneratedPage):
            page.markdown = ""
        return HELD

    def release(self, page: Page) -> None:
        held = self.held.pop(page.file.src_uri, None)
        if held is not None and page.content == HELD:
            page.content = zlib.decompress(held).decode("utf-8")

    def cached(self, page: Page) -> Path | None:
        """The page's stored HTML in the page cache, if any."""
        if self.cache is None:
            return None
        uri = page.file.src_uri
        return self.cache.lookup(page, self.digests[uri], uri in self.entry_pages)

    def converter(self, config):
        """One Markdown converter for the build (MkDocs makes one per page, at ~1 ms each)."""
        if _RawHTMLPreprocessor is None:
            return None
        if self._converter is None:
            self._converter = python_markdown.Markdown(
                extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
            )
        return self._converter


def nav_titles(nav) -> dict[str, str]:
    """The titles that `mkdocs.yml`'s nav gives to pages, by source path."""
    titles: dict[str, str] = {}

    def walk(items) -> None:
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, str):
                        titles[value] = title
                    else:
                        walk(value)
            elif isinstance(item, list):
                walk(item)

    walk(nav)
    return titles
