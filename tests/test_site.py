"""Real MkDocs builds: the real library in strict mode, a small library with hostile values,
and a broken library that must fail without touching the last good site."""

from __future__ import annotations

import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, VALID, run_engine, write_library
from metodbank.build import STAGING_PREFIX, build_site
from metodbank.content.kinds import KINDS
from metodbank.project import load_library


@pytest.fixture
def real_site(built_site) -> Path:
    return built_site


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def fact_box(page_html: str) -> str:
    match = re.search(r'<section class="mb-facts".*?</section>', page_html, re.S)
    assert match, "page has no fact box"
    return match.group(0)


def test_real_library_validates_clean():
    library = load_library(ROOT)
    assert library.diagnostics == []
    counts = {kind.name: len(library.of_kind(kind.name)) for kind in KINDS}
    assert counts["case"] >= 6
    assert counts["method"] >= 6
    assert counts["factor"] >= 5
    assert counts["recommendation"] >= 4
    assert counts["organisation"] >= 1


def test_real_site_has_a_page_per_entry_and_an_overview_per_section(real_site):
    library = load_library(ROOT)
    for entry in library.entries.values():
        text = page(real_site, f"{entry.kind.section}/{entry.id}")
        assert f"<h1>{html.escape(entry.title, quote=False)}</h1>" in text
    for kind in KINDS:
        overview = page(real_site, kind.section)
        for entry in library.of_kind(kind.name):
            assert f'href="{entry.id}/"' in overview


EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*:)?//", re.I)
"""An address on another host: `https://…`, `http://…` or protocol-relative `//…`."""
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]*)|@import\s+['"]([^'"]*)""", re.I)
LOADED = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "source": ("src", "srcset"),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "input": ("src",),
    "link": ("href", "imagesrcset"),
}
"""Attributes whose address the browser fetches when the page loads."""
NOT_FETCHED = {"canonical", "alternate", "prev", "next", "author", "license"}


class Fetches(HTMLParser):
    """Every address a page makes the browser load: elements, inline styles and <style>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.addresses: list[str] = []
        self.lang = None
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "link" and set(attributes.get("rel", "").lower().split()) & NOT_FETCHED:
            return
        for name in LOADED.get(tag, ()):
            value = attributes.get(name, "")
            self.addresses += (
                [part.strip().split(" ")[0] for part in value.split(",")] if "srcset" in name else [value]
            )
        self.addresses += css_addresses(attributes.get("style", ""))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.addresses += css_addresses(data)


def css_addresses(css: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(css)]


def test_every_page_is_swedish_and_loads_nothing_from_the_network(real_site):
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 100
    external, not_swedish, loads = [], [], 0
    for path in pages:
        parser = Fetches()
        parser.feed(path.read_text(encoding="utf-8"))
        loads += len(parser.addresses)
        external += [f"{path.relative_to(real_site)}: {a}" for a in parser.addresses if EXTERNAL.match(a)]
        if parser.lang != "sv":
            not_swedish.append(str(path.relative_to(real_site)))
    assert loads > 5 * len(pages), "the parser no longer sees the pages' scripts and styles"
    assert external == []
    assert not_swedish == []


def test_no_stylesheet_loads_anything_from_the_network(real_site):
    sheets = sorted(real_site.rglob("*.css"))
    assert len(sheets) >= 4 and (real_site / "assets" / "metodbank.css") in sheets
    external = [
        f"{path.relative_to(real_site)}: {address}"
        for path in sheets
        for address in css_addresses(path.read_text(encoding="utf-8"))
        if EXTERNAL.match(address)
    ]
    assert external == []


OFFLINE_PAGES = [
    "",
    "fall/bis-boden/",
    "metoder/motesplats-for-unga/",
    "hitta-metod/",
    "metodkort/motesplats-for-unga.html",
    "kopiera/motesplats-for-unga.html",
    "utvecklare/api/",
    "404.html",
]


def test_pages_in_chromium_request_nothing_from_another_host(tab, site_url):
    """What the browser really asks for, scripts and the search included: only this site."""
    host = urlsplit(site_url).netloc
    requested, foreign = [], []

    def watch(route):
        url = route.request.url
        requested.append(url)
        if urlsplit(url).netloc == host:
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    tab.route("**/*", watch)
    for address in OFFLINE_PAGES:
        tab.goto(site_url + address)
        tab.wait_for_load_state("networkidle")
    tab.goto(site_url)
    box = tab.locator("[data-mb-search-input]")
    box.click()
    box.fill("mötesplats")
    tab.wait_for_function("document.querySelector('[data-mb-search-meta]').textContent.match(/träff/)")
    tab.wait_for_load_state("networkidle")
    assert foreign == []
    assert any("/pagefind/" in url for url in requested), "the search loaded nothing"
    assert len(requested) > 3 * len(OFFLINE_PAGES)


def test_case_page_shows_fact_box_above_the_body(real_site):
    text = page(real_site, "fall/bis-boden")
    facts = fact_box(text)
    for label in ("Plats", "Period", "Status", "Aktörer", "Teman", "Målgrupper", "Källor", "Senast granskad"):
        assert f"<dt>{label}</dt>" in facts
    assert "Boden" in facts
    assert text.index('class="mb-facts"') < text.index("<h2")
    # References render as links with the target's title, never a bare id.
    assert re.search(r'<a href="\.\./\.\./aktorer/[a-z0-9-]+/">[^<]+</a>', facts)


def test_method_page_shows_fact_box_and_steps(real_site):
    library = load_library(ROOT)
    method = library.of_kind("method")[0]
    text = page(real_site, f"metoder/{method.id}")
    facts = fact_box(text)
    for label in ("Teman", "Målgrupper", "Insats", "Roller", "Källor"):
        assert f"<dt>{label}</dt>" in facts
    assert 'id="steg-for-steg"' in text
    for step in method.item.steps:
        assert html.escape(step.title) in text


def test_nav_holds_sections_not_entries(real_site):
    """A page that mentions no entry links to none: the navigation lists only sections."""
    library = load_library(ROOT)
    text = page(real_site, "bidra")
    for entry in library.entries.values():
        assert f"/{entry.id}/" not in text
    for kind in KINDS:
        assert f'href="../{kind.section}/"' in text


def test_values_are_escaped_in_pages(site_project):
    files = {
        "cases/fallet.md": VALID["cases/fallet.md"]
        .replace("title: Mötesplats i Hageby", "title: Hageby & Co")
        .replace("district: Hageby", 'district: "<img src=x onerror=alert(1)>"'),
        "organisations/bolaget.md": VALID["organisations/bolaget.md"].replace(
            "summary: Ett", "summary: <b>fet</b> Ett"
        ),
    }
    write_library(site_project, files)
    site = site_project / "site"
    assert build_site(site_project, site_dir=site, strict=True) == 0
    text = page(site, "fall/fallet")
    assert "<script>alert" not in text
    assert "<img src=x" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in fact_box(text)
    assert "<h1>Hageby &amp; Co</h1>" in text
    assert "<title>Hageby &amp; Co - Testbanken</title>" in text
    overview = page(site, "aktorer")
    assert "&lt;b&gt;fet&lt;/b&gt; Ett" in overview


def fingerprint(site: Path) -> dict[str, str]:
    """Every file under `site` (relative path) with the SHA-256 of its bytes."""
    return {
        str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


BROKEN_LINK_PAGE = "# Trasig länk\n\nSe [sidan som inte finns](finns-inte.md).\n"
"""A hand-written page whose only fault is a link to a missing page: MkDocs warns about it
while it writes the pages, and strict mode turns the warning into a failure at the end."""


def break_late(project: Path) -> None:
    """Change the start page and add a page with a broken link: a build that wrote straight
    into `site/` would change `site/index.html` before strict mode stops it."""
    (project / "docs" / "index.md").write_text("# Start\n\nNy text på startsidan.\n", encoding="utf-8")
    (project / "docs" / "trasig.md").write_text(BROKEN_LINK_PAGE, encoding="utf-8")


def test_late_strict_failure_leaves_the_site_byte_identical(site_project):
    """The safe build's promise where it matters: the engine fails AFTER it wrote pages."""
    site = site_project / "site"
    assert build_site(site_project, site_dir=site, strict=True) == 0
    before = fingerprint(site)
    assert "index.html" in before and len(before) > 20
    break_late(site_project)

    assert build_site(site_project, site_dir=site, strict=True) != 0
    assert fingerprint(site) == before
    assert not list(site_project.glob(f"{STAGING_PREFIX}*")), "a staging folder was left behind"
    assert not (site_project / "site.previous").exists()

    # The premise: the engine itself fails only after it has written the new pages.
    direct = site_project / "direct"
    result = run_engine(site_project, "mkdocs", "build", "--strict", "--site-dir", str(direct))
    assert result.returncode != 0
    assert "finns-inte.md" in result.stderr
    assert "Ny text på startsidan." in (direct / "index.html").read_text(encoding="utf-8")


def test_build_site_honours_strict(site_project):
    """A project with a warning and no error: strict fails, not strict builds."""
    site = site_project / "site"
    (site_project / "docs" / "trasig.md").write_text(BROKEN_LINK_PAGE, encoding="utf-8")
    assert build_site(site_project, site_dir=site, strict=True) != 0
    assert not site.exists()
    assert build_site(site_project, site_dir=site, strict=False) == 0
    assert "Trasig länk" in page(site, "trasig")
    assert not list(site_project.glob(f"{STAGING_PREFIX}*"))


def test_failed_build_keeps_the_last_good_site(site_project):
    site = site_project / "site"
    assert build_site(site_project, site_dir=site, strict=True) == 0
    before = (site / "fall" / "fallet" / "index.html").read_text(encoding="utf-8")
    write_library(
        site_project, {"cases/fallet.md": VALID["cases/fallet.md"].replace("status: avslutad", "status: x")}
    )
    assert build_site(site_project, site_dir=site, strict=True) != 0
    assert (site / "fall" / "fallet" / "index.html").read_text(encoding="utf-8") == before
    assert not list(site_project.glob(".site-build-*"))


@pytest.mark.parametrize("strict", [True, False])
def test_mkdocs_build_fails_on_content_errors_with_every_error(site_project, strict):
    write_library(
        site_project,
        {
            "cases/fallet.md": VALID["cases/fallet.md"].replace("status: avslutad", "status: x"),
            "methods/motesplats.md": VALID["methods/motesplats.md"].replace("level: medel", "level: enorm"),
        },
    )
    options = ["--site-dir", str(site_project / "out"), *(["--strict"] if strict else [])]
    result = run_engine(site_project, "mkdocs", "build", *options)
    assert result.returncode != 0
    assert "cases/fallet.md:12: ogiltigt värde 'x' i 'status'" in result.stderr
    assert "methods/motesplats.md:19: ogiltigt värde 'enorm' i 'effort.level'" in result.stderr
    assert "2 fel i innehållet" in result.stderr
    assert not (site_project / "out").exists()
