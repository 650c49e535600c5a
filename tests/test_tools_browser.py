"""From browsing to doing, in a real browser (Chromium): the decision helper from an address
and with the back button, its questions without JavaScript, CSV downloads that match the
visible results with formula cells neutralised, the printable deck of a result, the
comparison (a real table that prints on one A4 page) and the playbook diagram's text."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import FORMULA_CELLS, ROOT
from metodbank.content.crossrefs import CrossRefs
from metodbank.project import load_library
from metodbank.site.decide import rank
from metodbank.site.decide_page import labels, method_facts
from metodbank.site.taxonomy import Taxonomy
from metodbank.site.view import SiteView
from playwright.sync_api import Page, expect
from pypdf import PdfReader

DECIDE = "vilken-metod/"
COMPARE = "jamfor/"
LIBRARY = load_library(ROOT)
LIBRARY.crossrefs = CrossRefs.build(LIBRARY)
VIEW = SiteView(LIBRARY, LIBRARY.crossrefs, Taxonomy.build(LIBRARY))
RESULT_IDS = "() => Array.from(document.querySelectorAll('[data-mb-results] li[data-id]')).filter((li) => !li.hidden && li.getClientRects().length).map((li) => li.dataset.id)"


def expected(answers: dict) -> list:
    return rank(method_facts(VIEW), answers, labels(VIEW))


def open_decide(tab: Page, base: str, query: str = "") -> None:
    tab.goto(base + DECIDE + query)
    tab.wait_for_selector("form[data-mb-decide][data-mb-ready]", state="attached", timeout=5000)


def shown(tab: Page) -> list[str]:
    return tab.evaluate(RESULT_IDS)


def reasons(tab: Page, index: int) -> list[str]:
    item = tab.locator("[data-mb-results] > li").nth(index)
    return (
        item.locator("p.mb-decide__label", has_text="Därför passar den:")
        .locator("xpath=following-sibling::ul[1]/li")
        .all_inner_texts()
    )


def test_answers_in_the_address_give_the_top_method_and_its_reasons(tab, site_url):
    answers = {"tema": ["motesplatser"], "malgrupp": ["unga"], "insats": ["medel"]}
    open_decide(tab, site_url, "?tema=motesplatser&malgrupp=unga&insats=medel")
    want = expected(answers)
    assert want[0].id == "motesplats-for-unga"
    assert shown(tab) == [m.id for m in want]
    first = tab.locator("[data-mb-results] > li").first
    expect(first.locator("h3 a")).to_have_text(LIBRARY.entries["motesplats-for-unga"].title)
    assert (
        reasons(tab, 0)
        == want[0].reasons
        == ["Passar ert mål: Mötesplatser", "Når unga", "Insatsen (medel) ryms i det ni har"]
    )
    expect(first).to_contain_text("Belägg: Steg 1 av 5: Beskriven (Otillräckligt underlag). Använd i 1 fall")
    # The controls say what the address says.
    assert tab.locator('input[name="tema"][value="motesplatser"]').is_checked()
    assert tab.locator('input[name="insats"][value="medel"]').is_checked()
    expect(tab.locator("[data-mb-decide-count]")).to_have_text(
        f"{len(want)} {'metod passar' if len(want) == 1 else 'metoder passar'}."
    )


def test_each_answer_is_a_step_back(tab, site_url):
    open_decide(tab, site_url, "?tema=samverkan")
    first = [m.id for m in expected({"tema": ["samverkan"]})]
    assert shown(tab) == first
    tab.locator('input[name="provat"][value="strategisk-dialog"]').check()
    after = [m.id for m in expected({"tema": ["samverkan"], "provat": ["strategisk-dialog"]})]
    assert after != first
    expect(tab.locator("[data-mb-results] > li").first).to_have_attribute("data-id", after[0])
    assert parse_qs(urlsplit(tab.url).query) == {"tema": ["samverkan"], "provat": ["strategisk-dialog"]}
    assert "Nästa steg efter ”Strategisk dialog med visualisering”" in " ".join(reasons(tab, 0))

    tab.go_back()
    expect(tab.locator('input[name="provat"][value="strategisk-dialog"]')).not_to_be_checked()
    assert parse_qs(urlsplit(tab.url).query) == {"tema": ["samverkan"]}
    assert shown(tab) == first
    tab.go_forward()
    expect(tab.locator('input[name="provat"][value="strategisk-dialog"]')).to_be_checked()
    assert shown(tab) == after


def test_without_javascript_the_questions_link_to_the_finder(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    try:
        page = context.new_page()
        page.goto(site_url + DECIDE)
        expect(page.locator("form[data-mb-decide]")).to_be_hidden()
        links = page.locator("[data-mb-decide-nojs] a")
        expect(page.get_by_role("heading", name="Vad vill ni åstadkomma?")).to_be_visible()
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert "../hitta-metod/?tema=motesplatser" in hrefs
        assert "../hitta-metod/?malgrupp=unga" in hrefs
        assert "../hitta-metod/?insats=l%C3%A5g" in hrefs
    finally:
        context.close()


def test_a_question_link_opens_the_finder_filtered(tab, site_url):
    tab.goto(site_url + "hitta-metod/?tema=motesplatser")
    tab.wait_for_selector("form[data-mb-finder][data-mb-ready]", state="attached")
    assert shown(tab) == [r for r in tab.evaluate(RESULT_IDS)]
    assert set(shown(tab)) == {e.id for e in LIBRARY.of_kind("method") if "motesplatser" in e.item.themes}


def read_download(tab: Page, button: str) -> tuple[bytes, list[list[str]]]:
    with tab.expect_download() as info:
        tab.click(button)
    data = Path(info.value.path()).read_bytes()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    return data, rows


def test_decision_helper_csv_matches_the_visible_result_and_is_formula_safe(tab, tools_url):
    open_decide(tab, tools_url, "?tema=motesplatser")
    visible = tab.locator("[data-mb-results] > li h3").all_inner_texts()
    assert len(visible) == 2
    data, rows = read_download(tab, "[data-mb-csv]")
    assert data.startswith(b"\xef\xbb\xbf")
    assert rows[0] == ["Plats", "Metod", "Därför passar den", "Tänk på", "Belägg", "Insats", "Adress"]
    assert [row[0] for row in rows[1:]] == ["1", "2"]
    titles = [row[1].removeprefix("'") if row[1].startswith("'=") else row[1] for row in rows[1:]]
    assert titles == visible
    hostile = next(row for row in rows[1:] if "HYPERLINK" in row[1])
    assert hostile[1] == '\'=HYPERLINK("http://angripare.example";"Klicka")'
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    assert hostile[6].startswith("https://test.example.se/metoder/formel/")
    expect(tab.locator("[data-mb-share-status]")).to_have_text("2 rader sparades som CSV.")


def test_finder_csv_matches_the_filtered_list_and_is_formula_safe(tab, tools_url):
    tab.goto(tools_url + "hitta-metod/?insats=l%C3%A5g")
    tab.wait_for_selector("form[data-mb-finder][data-mb-ready]", state="attached")
    expect(tab.locator("[data-mb-count]")).to_have_text("1 metod.")
    visible = [t for t in tab.locator("[data-mb-results] li:not([hidden]) .mb-list__title").all_inner_texts()]
    data, rows = read_download(tab, "[data-mb-csv]")
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert rows[0] == [
        "Metod",
        "Sammanfattning",
        "Teman",
        "Målgrupper",
        "Insats",
        "Använd i antal fall",
        "Adress",
    ]
    assert len(rows) == 1 + len(visible) == 2
    assert rows[1][0] == "'" + visible[0]
    assert rows[1][1] == '\'+46 70 123 45 67 <script>alert("sammanfattning")</script> & "citat"'
    # Without a filter: every method, in the page's order.
    tab.click("[data-mb-reset]")
    expect(tab.locator("[data-mb-count]")).to_have_text("2 metoder.")
    _, rows = read_download(tab, "[data-mb-csv]")
    assert len(rows) == 3


def test_neutralising_is_the_same_rule_in_the_browser(tab, tools_url):
    tab.goto(tools_url + "hitta-metod/")
    tab.wait_for_function("window.MetodbankShare !== undefined")
    for value, want in FORMULA_CELLS:
        assert tab.evaluate("(v) => window.MetodbankShare.neutralise(v)", value) == want


def test_printable_deck_of_the_finders_result(tab, site_url):
    tab.goto(site_url + "hitta-metod/?tema=motesplatser")
    tab.wait_for_selector("form[data-mb-finder][data-mb-ready]", state="attached")
    ids = shown(tab)
    link = tab.locator("[data-mb-deck-link]")
    expect(link).to_have_text(f"Skriv ut korten i listan ({len(ids)})")
    assert parse_qs(urlsplit(link.get_attribute("href")).query) == {"metod": ids}
    link.click()
    tab.wait_for_selector("[data-mb-deck][data-mb-ready]", state="attached")
    titles = tab.locator(".cover ol li").all_inner_texts()
    assert titles == [LIBRARY.entries[i].title for i in ids]
    assert tab.locator("[data-mb-deck] section.card-front").count() == len(ids)
    fronts = tab.locator("[data-mb-deck] section.card-front h1").all_inner_texts()
    assert fronts == titles


def test_compare_from_the_finder(tab, site_url):
    tab.goto(site_url + "hitta-metod/")
    tab.wait_for_selector("form[data-mb-finder][data-mb-ready]", state="attached")
    picks = ["strategisk-dialog", "koalitionsmodellen"]
    for method in picks:
        tab.locator(f'input[data-mb-compare][value="{method}"]').check()
    link = tab.locator("[data-mb-compare-link]")
    expect(link).to_have_text("Jämför valda metoder (2)")
    link.click()
    tab.wait_for_selector("form[data-mb-compare-form][data-mb-ready]", state="attached")
    headers = tab.locator("table.mb-compare__table thead th[scope=col]").all_inner_texts()
    # In the finder's order (titles), not the order of the clicks.
    assert headers[1:] == sorted((LIBRARY.entries[m].title for m in picks), key=str.lower)


FOUR = ["innovationslabb", "koalitionsmodellen", "strategisk-dialog", "omradesforetag"]


def open_compare(tab: Page, base: str, ids: list[str]) -> None:
    tab.goto(base + COMPARE + "?" + "&".join(f"metod={i}" for i in ids))
    tab.wait_for_selector("form[data-mb-compare-form][data-mb-ready]", state="attached")


def test_comparison_is_a_real_table(tab, site_url):
    open_compare(tab, site_url, FOUR)
    table = tab.get_by_role("table")
    expect(table).to_have_count(1)
    expect(table.locator("caption")).to_contain_text("Jämförelse av 4 metoder")
    columns = table.get_by_role("columnheader").all_inner_texts()
    assert columns == ["Egenskap"] + [LIBRARY.entries[i].title for i in FOUR]
    rows = table.get_by_role("rowheader").all_inner_texts()
    assert (
        rows[:3] == ["Syfte", "Belägg", "Insats"]
        and "Använd inte när" in rows
        and rows[-1] == "Antal kommuner"
    )
    assert all(
        c == "true"
        for c in tab.eval_on_selector_all(
            "input[name=metod]", "bs => bs.filter(b => b.checked).map(() => 'true')"
        )
    )
    assert len(tab.eval_on_selector_all("input[name=metod]:checked", "bs => bs")) == 4
    purpose = table.locator("tbody tr").first.locator("td").first
    expect(purpose).to_have_text(LIBRARY.entries["innovationslabb"].item.purpose)


def test_comparison_fits_one_a4_page_in_print(tab, site_url):
    # The four methods with the most text in the table.
    def size(entry) -> int:
        item = entry.item
        return (
            len(item.purpose)
            + sum(map(len, item.prerequisites + item.core))
            + sum(len(r.responsibility) for r in item.roles)
        )

    longest = [e.id for e in sorted(LIBRARY.of_kind("method"), key=size, reverse=True)[:4]]
    open_compare(tab, site_url, longest)
    tab.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(tab.pdf(format="A4", print_background=False, prefer_css_page_size=True)))
    assert len(reader.pages) == 1, f"{len(reader.pages)} sidor"
    text = reader.pages[0].extract_text()
    assert "Jämförelse av 4 metoder" in " ".join(text.split())
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)


def test_comparison_selection_lives_in_the_address(tab, site_url):
    open_compare(tab, site_url, FOUR[:2])
    tab.locator(f'input[name="metod"][value="{FOUR[2]}"]').check()
    expect(tab.get_by_role("columnheader")).to_have_count(4)
    assert parse_qs(urlsplit(tab.url).query) == {"metod": FOUR[:3]}
    tab.go_back()
    expect(tab.get_by_role("columnheader")).to_have_count(3)
    open_compare(tab, site_url, FOUR[:1])
    expect(tab.locator("[data-mb-compare-status]")).to_have_text("Välj minst två metoder att jämföra.")
    expect(tab.get_by_role("table")).to_have_count(0)
    open_compare(tab, site_url, FOUR + ["motesplats-for-unga"])
    expect(tab.locator("[data-mb-compare-status]")).to_contain_text("högst fyra")
    expect(tab.get_by_role("columnheader")).to_have_count(5)


def test_method_page_and_playbook_link_to_the_comparison(tab, site_url):
    tab.goto(site_url + "metoder/strategisk-dialog/")
    tab.get_by_role("link", name="Jämför metoden med andra").click()
    tab.wait_for_selector("form[data-mb-compare-form][data-mb-ready]", state="attached")
    assert tab.locator('input[name="metod"]:checked').evaluate_all("bs => bs.map((b) => b.value)") == [
        "strategisk-dialog"
    ]
    expect(tab.locator("[data-mb-compare-status]")).to_have_text("Välj minst två metoder att jämföra.")
    tab.locator('input[name="metod"][value="koalitionsmodellen"]').check()
    expect(tab.get_by_role("columnheader")).to_have_count(3)

    playbook = LIBRARY.of_kind("playbook")[0]
    tab.goto(site_url + f"fardplaner/{playbook.id}/")
    tab.get_by_role("link", name="Jämför metoderna sida vid sida").click()
    tab.wait_for_selector("form[data-mb-compare-form][data-mb-ready]", state="attached")
    headers = tab.get_by_role("columnheader").all_inner_texts()[1:]
    assert headers == [LIBRARY.entries[m].title for m in playbook.item.methods]


@pytest.mark.parametrize("playbook", [p.id for p in LIBRARY.of_kind("playbook")])
def test_playbook_diagram_has_a_text_equivalent(tab, site_url, playbook):
    entry = LIBRARY.entries[playbook]
    titles = [LIBRARY.entries[s.method].title for s in entry.item.steps]
    tab.goto(site_url + f"fardplaner/{playbook}/")
    diagram = tab.get_by_role("img", name=re.compile(rf"^Färdplanen i {len(titles)} steg: "))
    expect(diagram).to_have_count(1)
    expect(diagram).to_be_visible()
    described = diagram.get_attribute("aria-describedby")
    text = tab.locator(f"#{described}")
    expect(text).to_be_visible()
    steps = text.locator(":scope > li .mb-chain__title a").all_inner_texts()
    assert steps == titles
    name = tab.evaluate(
        "(id) => document.getElementById(id).textContent", diagram.get_attribute("aria-labelledby")
    )
    assert name == f"Färdplanen i {len(titles)} steg: " + ", sedan ".join(titles) + "."
