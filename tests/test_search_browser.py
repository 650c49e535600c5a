"""Site search in a real browser: Pagefind in the Material header, Swedish inflections and
compounds finding each other through the search box, and the index loaded in chunks."""

from __future__ import annotations

import pytest
from conftest import MKDOCS_YML_ALL, VALID, make_site_project, serve_folder, write_library
from metodbank.build import build_site

# Each page says one form only; the queries below use other forms.
BODIES = {
    "cases/fallet.md": ("Brödtext om fallet.", "Här finns mötesplatserna för alla."),
    "methods/motesplats.md": ("Om metoden.", "Ungdomarna startade en ungdomsmötesplats."),
    "methods/framgangsfaktorer/innehall.md": ("Text.", "Mötesplatsen var öppen varje kväll."),
    "methods/rekommendationer/borja-smatt.md": ("Text.", "Handledningsmodellen prövades först."),
}


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    root = make_site_project(tmp_path_factory.mktemp("search"), MKDOCS_YML_ALL)
    write_library(root, {rel: VALID[rel].replace(old, new) for rel, (old, new) in BODIES.items()})
    assert build_site(root, site_dir=root / "site", strict=True) == 0
    url, server = serve_folder(root / "site")
    yield url
    server.shutdown()


def search(tab, base: str, query: str, every_page: bool = True) -> list[str]:
    """Type `query` in the header search box and return the result links (site-relative),
    clicking "Visa fler träffar" until all are shown unless `every_page` is false."""
    tab.goto(base)
    box = tab.locator("[data-mb-search-input]")
    box.click()
    box.fill(query)
    tab.wait_for_function(
        "document.querySelector('[data-mb-search-meta]').textContent.match(/träff/)", timeout=15_000
    )
    while every_page and tab.locator(".mb-search-more").is_visible():
        count = tab.locator(".md-search-result__link").count()
        tab.locator(".mb-search-more").click()
        tab.wait_for_function(f"document.querySelectorAll('.md-search-result__link').length > {count}")
    hrefs = tab.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.pathname)")
    return sorted(href.strip("/") for href in hrefs)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mötesplats", {"fall/fallet", "metoder/motesplats", "framgangsfaktorer/innehall"}),
        ("mötesplatserna", {"fall/fallet", "framgangsfaktorer/innehall"}),
        ("mötesplatsen", {"fall/fallet", "framgangsfaktorer/innehall"}),
        ("ungdom", {"metoder/motesplats"}),
        ("ungdomar", {"metoder/motesplats"}),
        ("handledningsmodell", {"rekommendationer/borja-smatt"}),
    ],
)
def test_swedish_forms_find_each_other_in_the_search_box(tab, search_site, query, expected):
    found = set(search(tab, search_site, query))
    assert expected <= found, f"{query!r} found {sorted(found)}"


def test_search_box_is_in_the_header_and_looks_native(tab, search_site):
    tab.goto(search_site)
    assert tab.locator(".md-header [data-mb-search] .md-search__input").count() == 1
    results = search(tab, search_site, "mötesplats")
    assert results
    assert tab.locator(".md-search-result__item mark").count() > 0
    assert tab.locator(".md-search-result__meta").inner_text().endswith("träffar")


def test_real_site_search_finds_example_pairs(tab, site_url):
    """Pairs from the example library: Lina Hage says 'ungdomar' and 'mötesplatsen'."""
    assert "fall/lina-hage-sodertalje" in search(tab, site_url, "ungdom")
    assert "fall/lina-hage-sodertalje" in search(tab, site_url, "mötesplatserna")
    assert "fall/lina-hage-sodertalje" in search(tab, site_url, "mötesplatserna ungdomarnas")


def test_first_query_downloads_only_part_of_the_index(tab, site_url, built_site):
    downloaded = []
    tab.on(
        "response", lambda response: downloaded.append(response.url) if "/pagefind/" in response.url else None
    )
    search(tab, site_url, "mötesplats", every_page=False)
    index_files = [p for p in (built_site / "pagefind").rglob("*") if p.is_file()]
    fetched = {url.split("/pagefind/", 1)[1] for url in downloaded}
    assert any(name.startswith("index/") for name in fetched)
    assert len([n for n in fetched if n.startswith("fragment/")]) <= 10
    assert len(fetched) < len(index_files)


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory):
    """The same pages, indexed in parts of at most two pages (as a large site is)."""
    config = MKDOCS_YML_ALL.replace(
        "  - metodbank-search\n", "  - metodbank-search:\n      pagefind_part: 2\n"
    )
    root = make_site_project(tmp_path_factory.mktemp("parted"), config)
    write_library(root, {rel: VALID[rel].replace(old, new) for rel, (old, new) in BODIES.items()})
    assert build_site(root, site_dir=root / "site", strict=True) == 0
    url, server = serve_folder(root / "site")
    yield root / "site", url
    server.shutdown()


def test_a_search_finds_pages_in_every_part_of_the_index(tab, parted_site):
    import json

    site, url = parted_site
    parts = json.loads((site / "pagefind" / "metodbank-shards.json").read_text(encoding="utf-8"))
    assert len(parts) >= 2 and all(
        (site / "pagefind" / part / "pagefind-entry.json").exists() for part in parts
    )
    found = set(search(tab, url, "mötesplats"))
    assert {"fall/fallet", "metoder/motesplats", "framgangsfaktorer/innehall"} <= found
    assert "rekommendationer/borja-smatt" in set(search(tab, url, "handledningsmodell"))
