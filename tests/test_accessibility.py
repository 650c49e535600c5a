"""WCAG 2.1 AA in a real browser: axe-core (shipped in the axe-playwright-python package)
run in headless Chromium on every page type, including the finder with a filter applied
and a search with results open. Zero violations of the WCAG 2.0/2.1 A and AA rules."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml
from conftest import AXE, ROOT
from metodbank.site.accessibility import Statement, review_warning

CONFIG = yaml.safe_load((ROOT / "data" / "accessibility.yml").read_text(encoding="utf-8"))
TAGS = CONFIG["axe"]["tags"]
"""The WCAG rule sets, from the file that also fills the accessibility statement."""

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
    "om": "om/",
    "tipsa": "bidra/tipsa/",
    "saknas": "404.html",
    "passplan": "metodkort/metodkort-passplan.html",
    "visning": "metodkort/metodkort-visning.html",
    "plan": "kopiera/motesplats-for-unga.html",
    "om-evidensnivaer": "om-evidensnivaer/",
    "fall-med-tolkade-varden": "fall/portalen-norrkoping/",
    "tillganglighet": "tillganglighet/",
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


def test_search_with_the_help_open_has_no_wcag_violations(tab, site_url):
    tab.goto(site_url)
    box = tab.locator("[data-mb-search-input]")
    box.click()
    box.fill("trygghet")
    tab.wait_for_selector("[data-mb-search-help]:not([hidden])")
    assert violations(tab) == []


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


def test_card_and_plan_pages_have_a_main_landmark(built_site):
    for path in ("metodkort/motesplats-for-unga.html", "kopiera/motesplats-for-unga.html"):
        html = (built_site / path).read_text(encoding="utf-8")
        assert html.count("<main>") == 1 and html.count("</main>") == 1, path


def test_pages_load_only_the_assets_they_use(built_site):
    def assets(path: str) -> set[str]:
        html = (built_site / path).read_text(encoding="utf-8")
        return {a.rsplit("/", 1)[-1] for a in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html)}

    for page in ("index.html", "fall/bis-boden/index.html", "hitta-metod/index.html"):
        assert not assets(page) & {"_mkdocstrings.css", "kit.js"}, page
    assert "kit.js" in assets("metoder/motesplats-for-unga/index.html")
    assert "_mkdocstrings.css" in assets("utvecklare/api/index.html")


def test_every_page_links_the_statement_in_its_footer(built_site):
    pages = [p for p in built_site.rglob("index.html") if 'class="md-footer' in p.read_text(encoding="utf-8")]
    assert len(pages) > 50
    for page in pages:
        footer = page.read_text(encoding="utf-8").split('class="md-footer', 1)[1]
        link = re.search(r'<a href="([^"]*)">Tillgänglighetsredogörelse</a>', footer)
        assert link, page
        assert (
            page.parent / link.group(1) / "index.html"
        ).resolve() == built_site / "tillganglighet" / "index.html"


def test_statement_follows_diggs_structure_and_the_test_configuration(built_site):
    html = (built_site / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    for heading in (
        "Hur tillgänglig är webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Teknisk information om webbplatsens tillgänglighet",
        "Innehåll som inte är tillgängligt",
        "Så har vi testat webbplatsen",
    ):
        assert f">{heading}<" in html.replace('<a class="headerlink"', "<"), heading
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    assert "delvis förenlig med lagen om tillgänglighet till digital offentlig service" in text
    assert "WCAG 2.1 nivå AA" in text and "Nu Html Checker" in text and "PDF/UA-1" in text
    for entry in CONFIG["html"]["allow"]:
        assert " ".join(entry["reason"].split()) in text
    for item in CONFIG["manual"]:
        assert item in text
    assert f"Den här versionen av webbplatsen byggdes {date.today().isoformat()}" in text
    assert "Redogörelsen granskades senast 2026-" in text
    assert "<!-- mb:" not in html
    assert 'href="../bidra/"' in html, "the feedback route links the contributor guide"


def test_statement_sections_follow_the_configuration():
    config = {**CONFIG, "compliance": "full", "axe": {"tags": ["wcag2a"]}}
    page = Statement(config).fill(
        "<!-- mb:forenlighet -->\n<!-- mb:bedomning -->", date(2027, 1, 2), date(2027, 1, 1)
    )
    assert page.startswith("Webbplatsen är helt förenlig")
    assert "reglerna för WCAG 2.0 nivå A." in page and "2.1 nivå AA" not in page
    assert "byggdes 2027-01-02" in page


def test_report_warns_when_the_statement_is_over_a_year_old(tmp_path):
    page = tmp_path / "tillganglighet.md"
    page.write_text("---\ntitle: T\nlast_reviewed: 2025-03-01\n---\n# T\n", encoding="utf-8")
    assert review_warning(page, date(2026, 3, 1)) is None
    warning = review_warning(page, date(2026, 3, 2))
    assert warning.startswith(
        "varning: tillgänglighetsredogörelsen granskades senast 2025-03-01 (366 dagar sedan)"
    )
    assert review_warning(ROOT / "docs" / "tillganglighet.md", date.today()) is None
