"""The finished HTML of generated pages, reused by the next full build when nothing that
goes into it has changed.

A page's key covers everything its HTML is made from: the page's own content (its Markdown
and HTML blocks, as rendered from the library), its address, and what every page shares
(`build_key`: the package's code and templates, the versions of MkDocs, Material and
Python-Markdown, `mkdocs.yml`, the navigation and the site's CSS and scripts). Pages whose
Markdown links to other files also depend on which files exist, and pages that end with
`"Hämtad <date>"` on the date. On a hit, MkDocs neither converts the Markdown nor renders
Material's templates: the page prints the stored HTML.

Only pages built without a warning are stored, so a strict build cannot pass on a page it
did not check. Stored pages are hard links to the built files where the file system allows
(no copy); the next clean build deletes the built files, never writes into them. Under
`mkdocs serve` nothing is stored (its dirty rebuilds write pages in place).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from datetime import date
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
DISTRIBUTIONS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "nh3")


def code_digest() -> str:
    """Our package's code, templates and assets, and the versions of what renders pages."""
    digest = hashlib.sha1()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    for name in DISTRIBUTIONS:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    return digest.hexdigest()


def build_key(config, nav_digest: str) -> str:
    """What every generated page shares (see the module): also the settings that come from
    the environment (`!ENV` in mkdocs.yml) and the project's own theme overrides."""
    digest = hashlib.sha1(code_digest().encode())
    root = Path(config.config_file_path).parent if config.config_file_path else None
    if root is not None and os.path.exists(config.config_file_path):
        digest.update(Path(config.config_file_path).read_bytes())
    settings = (config.site_url, config.site_name, config.site_author, config.repo_url, config.edit_uri)
    for part in (*settings, *config.extra_css, *map(str, config.extra_javascript), nav_digest):
        digest.update(f"\0{part}".encode())
    for folder in map(Path, config.theme.dirs):
        if root is not None and folder.is_relative_to(root):  # overrides/ (ours in .cache are code)
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


class _Warnings(logging.Handler):
    """Notes the page being built whenever MkDocs or a plugin logs a warning."""

    def __init__(self, config, pages: set[str]):
        super().__init__(logging.WARNING)
        self.config, self.pages = config, pages

    def emit(self, record) -> None:
        page = getattr(self.config, "_current_page", None)
        self.pages.add(page.file.src_uri if page is not None else "*")


class PageCache:
    """Finished pages by key, in `folder` (see the module)."""

    def __init__(self, folder: Path, key: str, files_digest: str, config):
        self.folder, self.key, self.files_digest = folder, key, files_digest
        self.keys: dict[str, str] = {}
        self.hits: set[str] = set()
        self.warned: set[str] = set()
        self.handler = _Warnings(config, self.warned)
        logging.getLogger("mkdocs").addHandler(self.handler)

    def page_key(self, page, digest: str, entry_page: bool) -> str:
        parts = [self.key, page.file.src_uri, page.url, digest]
        if "](" in (page.markdown or ""):
            parts.append(self.files_digest)
        if not entry_page:  # "Hämtad <today>" at the end of the page
            parts.append(date.today().isoformat())
        return hashlib.sha1("\0".join(parts).encode()).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    def lookup(self, page, digest: str, entry_page: bool) -> Path | None:
        """The stored page, or None (the page is then built and stored by `store`)."""
        key = self.page_key(page, digest, entry_page)
        self.keys[page.file.src_uri] = key
        path = self.path(key)
        if path.exists():
            self.hits.add(page.file.src_uri)
            return path
        return None

    def store(self, site_dir: Path, files) -> int:
        """Keep the pages built without warnings; forget pages no longer in the site."""
        logging.getLogger("mkdocs").removeHandler(self.handler)
        if "*" in self.warned:
            return 0
        stored = 0
        for file in files:
            key = self.keys.get(file.src_uri)
            if key is None or file.src_uri in self.hits or file.src_uri in self.warned:
                continue
            built, target = Path(file.abs_dest_path), self.path(key)
            if not built.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(built, target)
            except OSError:
                shutil.copyfile(built, target)
            stored += 1
        self._prune(set(self.keys.values()))
        return stored

    def _prune(self, keep: set[str]) -> None:
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*.html"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
