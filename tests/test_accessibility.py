"""WCAG 2.1 AA in a real browser: axe-core (shipped in the axe-playwright-python package)
run in headless Chromium on every page type, including the finder with a filter applied
and a search with results open. Zero violations of the WCAG 2.0/2.1 A and AA rules."""

from __future__ import annotations

from importlib.resources import files

import pytest

AXE = files("axe_playwright_python") / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PAGES = {
    "start": "",
    "metoder": "metoder/",
    "fall": "fall/",
    "framgangsfaktorer": "framgangsfaktorer/",
    "rekommendationer": "rekommendationer/",
    "aktorer": "aktorer/",
    "fall-sida": "fall/bis-boden/",
    "metod-sida": "metoder/motesplats-for-unga/",
    "framgangsfaktor": "framgangsfaktorer/valj-en-specifik-fraga/",
    "rekommendation": "rekommendationer/kopiera-det-som-fungerar/",
    "aktor": "aktorer/telge-bostader/",
    "tema": "teman/motesplatser/",
    "kommun": "kommuner/norrkoping/",
    "hitta-metod": "hitta-metod/",
    "hitta-metod-filtrerad": "hitta-metod/?tema=motesplatser&insats=medel",
    "metodkort": "metodkort/",
    "vilken-metod": "vilken-metod/",
    "vilken-metod-besvarad": "vilken-metod/?tema=samverkan&malgrupp=boende&insats=medel&partner=inga&provat=strategisk-dialog",
    "jamfor": "jamfor/",
    "jamfor-fyra": "jamfor/?metod=innovationslabb&metod=koalitionsmodellen&metod=strategisk-dialog&metod=omradesforetag",
    "fardplaner": "fardplaner/",
    "fardplan": "fardplaner/fran-dialog-till-motesplats/",
    "spridning": "spridning/",
    "fall-med-kopior": "fall/portalen-norrkoping/",
    "bidra": "bidra/",
    "faltreferens": "bidra/falt/",
    "oppna-data": "oppna-data/",
    "api": "utvecklare/api/",
    "om-evidensnivaer": "om-evidensnivaer/",
    "fall-med-tolkade-varden": "fall/portalen-norrkoping/",
}


def violations(tab) -> list[str]:
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "tags => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })",
        TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_page_has_no_wcag_violations(tab, site_url, path):
    tab.goto(site_url + path)
    tab.wait_for_load_state("networkidle")
    if path.startswith(("hitta-metod", "vilken-metod", "jamfor")):
        tab.wait_for_selector("form[data-mb-ready]", state="attached")
    assert violations(tab) == []


def test_search_with_results_open_has_no_wcag_violations(tab, site_url):
    tab.goto(site_url)
    box = tab.locator("[data-mb-search-input]")
    box.click()
    box.fill("mötesplats")
    tab.wait_for_function("document.querySelector('[data-mb-search-meta]').textContent.match(/träff/)")
    assert tab.locator(".md-search-result__item").count() > 0
    assert violations(tab) == []


def test_card_and_plan_pages_have_no_wcag_violations(tab, site_url):
    for path in ("metodkort/motesplats-for-unga.html", "kopiera/motesplats-for-unga.html"):
        tab.goto(site_url + path)
        assert violations(tab) == [], path


def test_printable_deck_of_a_selection_has_no_wcag_violations(tab, site_url):
    tab.goto(site_url + "metodkort/urval.html?metod=strategisk-dialog&metod=innovationslabb")
    tab.wait_for_selector("[data-mb-deck][data-mb-ready]", state="attached")
    assert violations(tab) == []


@pytest.mark.parametrize(
    "path",
    [
        "vilken-metod/?tema=motesplatser&malgrupp=unga",
        "jamfor/?metod=innovationslabb&metod=koalitionsmodellen",
    ],
)
def test_phone_width_tools_have_no_wcag_violations(browser, site_url, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    tab.goto(site_url + path)
    tab.wait_for_selector("form[data-mb-ready]", state="attached")
    assert violations(tab) == []
    context.close()


def test_phone_width_case_page_has_no_wcag_violations(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    tab = context.new_page()
    tab.goto(site_url + "fall/bis-boden/")
    assert violations(tab) == []
    context.close()


def test_open_inferred_marker_and_evidence_panel_have_no_wcag_violations(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    tab = context.new_page()
    tab.goto(site_url + "fall/portalen-norrkoping/")
    tab.locator(".mb-inferred").first.focus()
    assert violations(tab) == []
    tab.goto(site_url + "metoder/kopiera-en-verksamhet/")
    assert tab.locator(".mb-evidence .mb-declaration").count() == 1
    assert violations(tab) == []
    context.close()
