"""The reader on a phone (390 px wide, real Chromium): a search never dead-ends, every hit
says what it is, pages for contributors come last, the finder shows and announces its count
where the reader sees it with tap targets of at least 24 × 24 px, every theme reaches a
method from the start page in three taps, the 404 page is Swedish, and "Kopiera planen"
puts formatted HTML on the clipboard."""

from __future__ import annotations

import re

import pytest
from conftest import AXE, ROOT, checked_tab
from metodbank.project import load_library
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
LIBRARY = load_library(ROOT)


@pytest.fixture
def phone(browser):
    """A fresh phone-sized page that fails the test on any JavaScript error."""
    yield from checked_tab(browser, viewport=PHONE, locale="sv-SE", has_touch=True, is_mobile=True)


def search(tab, site_url: str, query: str) -> None:
    """Open the header search on the start page and type `query`; wait for the answer."""
    tab.goto(site_url)
    tab.locator("label.md-header__button[for=__search]").click()
    tab.locator("[data-mb-search-input]").fill(query)
    tab.wait_for_function(
        "document.querySelector('[data-mb-search-meta]').textContent.match(/träff/)", timeout=15_000
    )
    tab.wait_for_function(
        "document.querySelectorAll('.md-search-result__item').length > 0 || "
        "!document.querySelector('[data-mb-search-help]').hidden",
        timeout=5_000,
    )


def hits(tab) -> list[tuple[str, str]]:
    """(kind label, title) of every hit shown."""
    kinds = tab.locator(".md-search-result__item [data-mb-kind]").all_inner_texts()
    titles = tab.locator(".md-search-result__article h1").all_inner_texts()
    return list(zip(kinds, titles, strict=True))


# --- search ----------------------------------------------------------------------------------


def test_zero_hit_search_offers_the_theme_the_finder_and_a_tip(phone, site_url):
    search(phone, site_url, "trygghet")
    help_box = phone.locator("[data-mb-search-help]")
    expect(help_box).to_be_visible()
    text = help_box.inner_text()
    # "Trygghet" is a theme nobody has used yet: said so, never a link to an empty page.
    assert "Tema: Trygghet – finns inget om det här än" in text
    assert help_box.locator("a", has_text="Hitta metod efter tema, målgrupp och insats").count() == 1
    assert "Saknas något?" in text
    tip = help_box.locator("a", has_text="Tipsa oss")
    assert tip.get_attribute("href").endswith("/bidra/tipsa/")


@pytest.mark.parametrize(
    ("query", "theme"),
    [("fritidsgård", "Tema: Mötesplatser"), ("läxhjälp", "Tema: Unga")],
)
def test_everyday_words_lead_to_a_theme_page_with_methods(phone, site_url, query, theme):
    search(phone, site_url, query)
    link = phone.locator("[data-mb-search-help] a", has_text=theme)
    expect(link).to_be_visible()
    link.click()
    phone.wait_for_load_state()
    assert phone.locator("h1").inner_text().startswith(theme)
    assert phone.locator("a[href*='/metoder/']").count() > 0


def test_every_hit_says_what_it_is(phone, site_url):
    search(phone, site_url, "mötesplats")
    found = hits(phone)
    assert len(found) >= 5
    kinds = {kind.lower() for kind, _ in found}
    assert {"metod", "fall", "framgångsfaktor"} <= kinds, kinds
    assert all(kind.strip() for kind, _ in found)
    assert phone.locator("[data-mb-search-help]").is_hidden()  # enough hits: no help box


def test_pages_for_contributors_come_after_everything_else(phone, site_url):
    search(phone, site_url, "källor")
    while phone.locator(".mb-search-more").is_visible():
        count = len(hits(phone))
        phone.locator(".mb-search-more").click()
        phone.wait_for_function(f"document.querySelectorAll('.md-search-result__item').length > {count}")
    kinds = [kind.lower() for kind, _ in hits(phone)]
    inner = [i for i, kind in enumerate(kinds) if kind.startswith("för ")]
    assert inner, "the guides mention sources, so they should be found"
    assert inner == list(range(len(kinds) - len(inner), len(kinds))), kinds


def test_the_start_page_search_field_opens_the_search(phone, site_url):
    phone.goto(site_url)
    phone.fill("#mb-start-q", "dialog")
    phone.locator("form[data-mb-search-start] button").click()
    phone.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0", timeout=15_000)
    assert phone.locator("[data-mb-search-input]").input_value() == "dialog"


# --- from the start page to a method -----------------------------------------------------------


def themes_in_use() -> list[str]:
    return sorted({t for e in LIBRARY.entries.values() for t in getattr(e.item, "themes", [])})


@pytest.mark.parametrize("theme", themes_in_use())
def test_every_theme_reaches_a_method_in_three_taps(phone, site_url, theme):
    label = LIBRARY.vocabulary.label("themes", theme)
    phone.goto(site_url)
    tile = phone.locator("ul.mb-tiles a.mb-tile", has_text=label)  # tap 1
    box = tile.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, box
    with phone.expect_navigation():
        tile.tap()
    assert phone.locator("h1").inner_text() == f"Tema: {label}"
    method = phone.locator("article a[href*='/metoder/']").first  # tap 2
    expect(method).to_be_visible()
    with phone.expect_navigation():
        method.tap()
    # Two taps: the reader is on a method (the third tap is left to spare).
    assert re.search(r"/metoder/[a-z0-9-]+/$", phone.url), phone.url
    assert phone.locator("#steg-for-steg").count() == 1


# --- the finder ------------------------------------------------------------------------------


def test_finder_count_is_announced_and_in_sight_while_ticking(phone, site_url):
    phone.goto(site_url + "hitta-metod/")
    phone.wait_for_selector("form[data-mb-ready]", state="attached")
    count = phone.locator("[data-mb-count]")
    assert count.get_attribute("aria-live") == "polite"
    box = phone.locator('input[name="tema"]').first
    box.scroll_into_view_if_needed()
    before = count.inner_text()
    box.tap()
    expect(count).not_to_have_text(before)
    rect = count.evaluate("el => el.getBoundingClientRect().toJSON()")
    assert rect["top"] >= 0 and rect["bottom"] <= PHONE["height"], rect


def test_finder_controls_are_at_least_24_px(phone, site_url):
    phone.goto(site_url + "hitta-metod/")
    phone.wait_for_selector("form[data-mb-ready]", state="attached")
    sizes = phone.eval_on_selector_all(
        "form[data-mb-finder] input, form[data-mb-finder] select, form[data-mb-finder] button, "
        "form[data-mb-finder] a",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [e.name || e.textContent, r.width, r.height]; })",
    )
    small = [s for s in sizes if s[1] < 24 or s[2] < 24]
    assert sizes and small == []
    phone.add_script_tag(path=str(AXE))
    result = phone.evaluate("() => axe.run(document, { runOnly: { type: 'rule', values: ['target-size'] } })")
    assert [v["id"] for v in result["violations"]] == []


def test_finder_evidence_options_all_match_something(phone, site_url, built_site):
    import json

    records = json.loads((built_site / "hitta-metod" / "metoder.json").read_text(encoding="utf-8"))
    phone.goto(site_url + "hitta-metod/")
    values = phone.eval_on_selector_all("#mb-finder-belagg option", "os => os.map(o => +o.value)")
    assert values[0] == 0
    for minimum in values[1:]:
        assert any(record["cases"] >= minimum for record in records), minimum


def test_finder_with_no_match_offers_themes_and_a_tip(phone, site_url):
    phone.goto(site_url + "hitta-metod/?q=l%C3%A4xhj%C3%A4lp")
    phone.wait_for_selector("form[data-mb-ready]", state="attached")
    empty = phone.locator("[data-mb-empty]")
    expect(empty).to_be_visible()
    expect(empty.locator("a", has_text="Tema: Unga")).to_be_visible()
    expect(empty.locator("a", has_text="Tipsa oss om ett fall")).to_be_visible()


def test_methods_overview_links_the_finder(phone, site_url):
    phone.goto(site_url + "metoder/")
    link = phone.locator("a.mb-tap", has_text="Hitta metod")
    with phone.expect_navigation():
        link.tap()
    assert phone.url.endswith("/hitta-metod/")


# --- Swedish everywhere ----------------------------------------------------------------------


def test_missing_page_is_swedish_with_ways_on(phone, site_url):
    # Web hosts (GitHub Pages, `mkdocs serve`) answer a missing address with 404.html.
    phone.goto(site_url + "404.html")
    assert phone.locator("h1").inner_text() == "Sidan finns inte"
    body = phone.locator("body").inner_text()
    assert "Not found" not in body and "Made with" not in body
    assert phone.locator("a", has_text="Hitta metod efter tema").count() == 1


# --- taking the plan home -------------------------------------------------------------------


def test_plan_copy_puts_formatted_html_on_the_clipboard(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    tab = context.new_page()
    method = LIBRARY.of_kind("method")[0]
    tab.goto(f"{site_url}metoder/{method.id}/")
    tab.locator("[data-mb-copy]").click()
    tab.wait_for_function("document.querySelector('[data-mb-copy-status]').textContent.length > 0")
    assert "kopierad" in tab.locator("[data-mb-copy-status]").inner_text()
    copied = tab.evaluate(
        """async () => {
            const [item] = await navigator.clipboard.read();
            const out = {};
            for (const type of item.types) out[type] = await (await item.getType(type)).text();
            return out;
        }"""
    )
    html, text = copied["text/html"], copied["text/plain"]
    assert "<h2>Steg</h2>" in html and "<table>" in html and "##" not in html
    assert f"<strong>1. {method.item.steps[0].title}</strong>" in html
    assert text.startswith(f"PLAN: {method.title.upper()}")
    assert "- [ ]" not in text and "| Roll |" not in text
    context.close()
