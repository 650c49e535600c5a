"""The method finder ("Hitta metod") in a real browser: filters, text box, shareable address,
reset, keyboard use, and the page without JavaScript or without its catalogue.

Expectations are computed from the built catalogue (`hitta-metod/metoder.json`) with a
Python mirror of the filter rules, so the tests follow the library as it grows."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

FINDER = "hitta-metod/"
READY = "form[data-mb-finder][data-mb-ready]"
VISIBLE_IDS = """() => Array.from(document.querySelectorAll("[data-mb-results] li[data-id]"))
    .filter((li) => !li.hidden && li.getClientRects().length > 0)
    .map((li) => li.dataset.id)"""
ALL_IDS = """() => Array.from(document.querySelectorAll("[data-mb-results] li[data-id]"))
    .map((li) => li.dataset.id)"""


# --- expectations from the catalogue on disk --------------------------------------------------


@pytest.fixture(scope="module")
def records(built_site: Path) -> list[dict]:
    data = json.loads((built_site / "hitta-metod" / "metoder.json").read_text(encoding="utf-8"))
    assert isinstance(data, list) and len(data) > 1, "the example library should have several methods"
    return data


def expected_ids(records, *, tema=(), malgrupp=(), insats=(), belagg=0, q="") -> list[str]:
    """The filter rules, in Python: OR within a group, AND between groups and words."""
    terms = q.lower().split()
    found = []
    for record in records:
        if tema and not set(tema) & set(record["themes"]):
            continue
        if malgrupp and not set(malgrupp) & set(record["target_groups"]):
            continue
        if insats and record["effort"] not in insats:
            continue
        if record["cases"] < belagg:
            continue
        text = " ".join([record["title"], record["summary"], record["text"]]).lower()
        if not all(term in text for term in terms):
            continue
        found.append(record["id"])
    return found


def count_text(n: int) -> str:
    return "1 metod." if n == 1 else f"{n} metoder."


# --- browser helpers ---------------------------------------------------------------------------


def open_finder(tab: Page, site_url: str, query: str = "") -> None:
    """Open the finder and wait until the script has loaded the catalogue and applied the filters."""
    tab.goto(site_url + FINDER + query)
    tab.wait_for_selector(READY, state="attached", timeout=5000)


def visible_ids(tab: Page) -> list[str]:
    return tab.evaluate(VISIBLE_IDS)


def in_page_order(tab: Page, ids) -> list[str]:
    wanted = set(ids)
    listed = tab.evaluate(ALL_IDS)
    assert wanted <= set(listed), f"not on the page: {sorted(wanted - set(listed))}"
    return [id_ for id_ in listed if id_ in wanted]


def assert_shows(tab: Page, ids) -> None:
    """Wait (for the debounce) until exactly `ids` are visible, in page order, with the right count."""
    wanted = in_page_order(tab, ids)
    # On a timeout, the assertion below reports the difference.
    with contextlib.suppress(PlaywrightTimeout):
        tab.wait_for_function(
            f"(wanted) => JSON.stringify(({VISIBLE_IDS})()) === JSON.stringify(wanted)",
            arg=wanted,
            timeout=3000,
        )
    assert visible_ids(tab) == wanted
    expect(tab.locator("[data-mb-count]")).to_have_text(count_text(len(wanted)))
    if wanted:
        expect(tab.locator("[data-mb-empty]")).to_be_hidden()
    else:
        expect(tab.locator("[data-mb-empty]")).to_be_visible()


def url_params(tab: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(tab.url).query)


def box(tab: Page, name: str, value: str):
    return tab.locator(f'input[type="checkbox"][name="{name}"][value="{value}"]')


def checked_values(tab: Page, name: str) -> list[str]:
    return tab.eval_on_selector_all(
        f'input[type="checkbox"][name="{name}"]',
        "boxes => boxes.filter((b) => b.checked).map((b) => b.value)",
    )


def narrowing_effort(records, theme: str) -> str:
    """An effort level that keeps some, but not all, of the methods with `theme`."""
    with_theme = expected_ids(records, tema=[theme])
    for level in ("låg", "medel", "hög"):
        if 0 < len(expected_ids(records, tema=[theme], insats=[level])) < len(with_theme):
            return level
    raise AssertionError(f"no effort level splits the methods with the theme {theme}")


def unique_word(records) -> tuple[str, str]:
    """A word (of four letters or more) from a title that only one method contains."""
    for record in records:
        for word in record["title"].lower().split():
            word = word.strip(".,:;()–-+")
            if len(word) >= 4 and len(expected_ids(records, q=word)) == 1:
                return word, record["id"]
    raise AssertionError("no title word is unique to one method")


# --- tests -------------------------------------------------------------------------------------


def test_without_filters_every_method_is_visible(tab, site_url, records):
    open_finder(tab, site_url)
    all_ids = [record["id"] for record in records]
    assert sorted(tab.evaluate(ALL_IDS)) == sorted(all_ids)
    assert_shows(tab, all_ids)
    expect(tab.locator("[data-mb-count]")).to_have_text(f"{len(records)} metoder.")
    assert urlsplit(tab.url).query == ""
    assert (
        checked_values(tab, "tema") == checked_values(tab, "malgrupp") == checked_values(tab, "insats") == []
    )
    assert tab.locator("#mb-finder-belagg").input_value() == "0"


def test_theme_checkbox_narrows_the_list_and_the_address(tab, site_url, records):
    open_finder(tab, site_url)
    order_before = tab.evaluate(ALL_IDS)
    wanted = expected_ids(records, tema=["motesplatser"])
    # The example library: the meeting-place methods, and fewer than all.
    assert "motesplats-for-unga" in wanted
    assert 0 < len(wanted) < len(records)
    assert all("motesplatser" in r["themes"] for r in records if r["id"] in wanted)

    box(tab, "tema", "motesplatser").check()
    assert_shows(tab, wanted)
    assert url_params(tab) == {"tema": ["motesplatser"]}
    # Items are hidden, never removed or reordered.
    assert tab.evaluate(ALL_IDS) == order_before

    # A second theme widens the list: checked values within a group are OR-ed.
    box(tab, "tema", "kunskapsspridning").check()
    both = expected_ids(records, tema=["motesplatser", "kunskapsspridning"])
    assert len(both) > len(wanted)
    assert_shows(tab, both)
    assert sorted(url_params(tab)["tema"]) == ["kunskapsspridning", "motesplatser"]

    box(tab, "tema", "kunskapsspridning").uncheck()
    box(tab, "tema", "motesplatser").uncheck()
    assert_shows(tab, [r["id"] for r in records])
    assert urlsplit(tab.url).query == ""


def test_theme_effort_and_evidence_combine(tab, site_url, records):
    open_finder(tab, site_url)
    theme = "motesplatser"
    level = narrowing_effort(records, theme)
    with_theme = expected_ids(records, tema=[theme])
    wanted = expected_ids(records, tema=[theme], insats=[level], belagg=1)
    assert 0 < len(wanted) < len(with_theme)

    box(tab, "tema", theme).check()
    box(tab, "insats", level).check()
    tab.select_option("#mb-finder-belagg", "1")
    assert_shows(tab, wanted)
    assert url_params(tab) == {"tema": [theme], "insats": [level], "belagg": ["1"]}

    # A target group narrows too (AND between groups), computed from the catalogue.
    group = next(g for r in records if r["id"] in wanted for g in r["target_groups"])
    box(tab, "malgrupp", group).check()
    assert_shows(tab, expected_ids(records, tema=[theme], insats=[level], malgrupp=[group], belagg=1))
    assert url_params(tab)["malgrupp"] == [group]

    # A minimum above every method's number of cases leaves nothing.
    steps = [
        int(v) for v in tab.eval_on_selector_all("#mb-finder-belagg option", "os => os.map((o) => o.value)")
    ]
    above = [step for step in steps if step > max(r["cases"] for r in records)]
    assert above, f"no step in {steps} is above every method's number of cases: test another way"
    tab.select_option("#mb-finder-belagg", str(above[0]))
    assert_shows(tab, [])
    assert url_params(tab)["belagg"] == [str(above[0])]

    # belagg=0 is left out of the address.
    tab.select_option("#mb-finder-belagg", "0")
    assert_shows(tab, expected_ids(records, tema=[theme], insats=[level], malgrupp=[group]))
    assert "belagg" not in url_params(tab)


def test_address_restores_the_controls_and_the_list(tab, site_url, records):
    theme = "motesplatser"
    level = narrowing_effort(records, theme)
    open_finder(tab, site_url, f"?tema={theme}&insats={quote(level)}&belagg=1")

    assert checked_values(tab, "tema") == [theme]
    assert checked_values(tab, "insats") == [level]
    assert checked_values(tab, "malgrupp") == []
    assert tab.locator("#mb-finder-belagg").input_value() == "1"
    wanted = expected_ids(records, tema=[theme], insats=[level], belagg=1)
    assert 0 < len(wanted) < len(records)
    assert_shows(tab, wanted)


def test_address_written_by_the_page_round_trips(tab, site_url, records):
    open_finder(tab, site_url)
    tab.fill("#mb-finder-q", "mötesplats")
    box(tab, "tema", "motesplatser").check()
    box(tab, "insats", "hög").check()
    box(tab, "insats", "medel").check()
    wanted = expected_ids(records, q="mötesplats", tema=["motesplatser"], insats=["hög", "medel"])
    assert_shows(tab, wanted)
    # The address follows the form as the page gets to it (slow under load): wait for it.
    tab.wait_for_function(
        "() => new URL(location.href).searchParams.get('q') === 'mötesplats'", timeout=10000
    )
    shared = tab.url
    params = url_params(tab)
    assert params["q"] == ["mötesplats"]
    assert sorted(params["insats"]) == ["hög", "medel"]

    tab.goto("about:blank")
    tab.goto(shared)
    tab.wait_for_selector(READY, state="attached", timeout=5000)
    assert tab.locator("#mb-finder-q").input_value() == "mötesplats"
    assert checked_values(tab, "tema") == ["motesplatser"]
    assert sorted(checked_values(tab, "insats")) == ["hög", "medel"]
    assert_shows(tab, wanted)
    # Loading a shared address does not rewrite it.
    assert tab.url == shared


def test_address_with_an_unlisted_minimum_and_unknown_values(tab, site_url, records):
    open_finder(tab, site_url, "?belagg=4&tema=finns-inte&insats=jättehög")
    assert tab.locator("#mb-finder-belagg").input_value() == "4"
    assert checked_values(tab, "tema") == checked_values(tab, "insats") == []
    assert_shows(tab, expected_ids(records, belagg=4))

    open_finder(tab, site_url, "?belagg=inte-ett-tal")
    assert tab.locator("#mb-finder-belagg").input_value() == "0"
    assert_shows(tab, [r["id"] for r in records])


def test_text_box_finds_words_as_substrings(tab, site_url, records):
    open_finder(tab, site_url)
    wanted = expected_ids(records, q="mötesplats")
    assert 0 < len(wanted) < len(records)
    # `mötesplats` also finds methods that only say `mötesplatser` (a substring, not a whole word).
    texts = {r["id"]: " ".join([r["title"], r["summary"], r["text"]]).lower() for r in records}
    assert any(
        re.search(r"mötesplats\w", texts[id_]) and not re.search(r"\bmötesplats\b", texts[id_])
        for id_ in wanted
    )

    search = tab.locator("#mb-finder-q")
    search.focus()
    search.press_sequentially("mötesplats", delay=20)
    assert_shows(tab, wanted)
    assert url_params(tab) == {"q": ["mötesplats"]}
    # Typing does not move the focus.
    assert tab.evaluate("document.activeElement.id") == "mb-finder-q"

    # Case does not matter, but ö is not o.
    search.fill("MÖTESPLATS")
    assert_shows(tab, wanted)
    without_diacritics = expected_ids(records, q="motesplats")
    assert without_diacritics != wanted
    search.fill("motesplats")
    assert_shows(tab, without_diacritics)

    # Every word must be found.
    search.fill("mötesplats unga")
    both = expected_ids(records, q="mötesplats unga")
    assert set(both) <= set(wanted)
    assert_shows(tab, both)


def test_one_match_says_metod_and_none_says_empty(tab, site_url, records):
    open_finder(tab, site_url)
    word, only = unique_word(records)
    tab.fill("#mb-finder-q", word)
    assert_shows(tab, [only])
    expect(tab.locator("[data-mb-count]")).to_have_text("1 metod.")

    tab.fill("#mb-finder-q", "qzxqzx")
    assert_shows(tab, [])
    expect(tab.locator("[data-mb-count]")).to_have_text("0 metoder.")
    expect(tab.locator("[data-mb-empty]")).to_be_visible()
    assert visible_ids(tab) == []


def test_enter_in_the_text_box_does_not_reload_the_page(tab, site_url, records):
    open_finder(tab, site_url)
    tab.evaluate("window.__stillHere = true")
    search = tab.locator("#mb-finder-q")
    search.fill("mötesplats")
    search.press("Enter")
    assert_shows(tab, expected_ids(records, q="mötesplats"))
    assert tab.evaluate("window.__stillHere") is True


def test_reset_shows_everything_and_clears_the_address(tab, site_url, records):
    theme = "motesplatser"
    open_finder(tab, site_url, f"?tema={theme}&belagg=1&q=m%C3%B6tesplats")
    assert_shows(tab, expected_ids(records, tema=[theme], belagg=1, q="mötesplats"))
    box(tab, "insats", narrowing_effort(records, theme)).check()

    tab.click("[data-mb-reset]")
    assert_shows(tab, [r["id"] for r in records])
    assert urlsplit(tab.url).query == ""
    assert checked_values(tab, "tema") == checked_values(tab, "insats") == []
    assert tab.locator("#mb-finder-belagg").input_value() == "0"
    assert tab.locator("#mb-finder-q").input_value() == ""


def test_keyboard_only(tab, site_url, records):
    open_finder(tab, site_url)
    tab.locator("#mb-finder-q").focus()
    tab.keyboard.press("Tab")
    first = tab.evaluate(
        "() => { const el = document.activeElement; return el.name === 'tema' && el.type === 'checkbox' ? el.value : null; }"
    )
    assert first == tab.locator('input[name="tema"]').first.get_attribute("value")
    wanted = expected_ids(records, tema=[first])
    assert len(wanted) < len(records)

    tab.keyboard.press("Space")
    assert_shows(tab, wanted)
    assert url_params(tab) == {"tema": [first]}
    assert tab.evaluate("document.activeElement.name + ':' + document.activeElement.value") == f"tema:{first}"

    tab.keyboard.press("Space")
    assert_shows(tab, [r["id"] for r in records])
    assert urlsplit(tab.url).query == ""


NO_SCRIPT_MESSAGE = "Filtren kräver JavaScript. Här nedanför listas alla metoder."
NO_SCRIPT = "form[data-mb-finder] noscript p"
"""(Playwright's text selectors skip <noscript>, so the message is found by its place.)"""


def test_without_javascript_every_method_is_listed(browser_without_javascript, tab, site_url, records):
    query = "?tema=motesplatser"
    all_ids = [r["id"] for r in records]
    context = browser_without_javascript.new_context(locale="sv-SE")
    try:
        page = context.new_page()
        page.goto(site_url + FINDER + query)
        assert page.locator(READY).count() == 0, "the finder script ran: JavaScript is not off"
        expect(page.locator(NO_SCRIPT)).to_be_visible()
        expect(page.locator(NO_SCRIPT)).to_have_text(NO_SCRIPT_MESSAGE)
        shown = [
            li.get_attribute("data-id")
            for li in page.locator("[data-mb-results] li[data-id]").all()
            if li.is_visible()
        ]
        assert sorted(shown) == sorted(all_ids)
        expect(page.locator("[data-mb-count]")).to_have_text(f"{len(records)} metoder.")
        # The form sends its values to the same page, which still lists every method.
        page.fill("#mb-finder-q", "mötesplats")
        page.press("#mb-finder-q", "Enter")
        page.wait_for_url("**/hitta-metod/?*q=*")
        assert page.locator("[data-mb-results] li[data-id]").count() == len(all_ids)
        expect(page.locator(NO_SCRIPT)).to_have_text(NO_SCRIPT_MESSAGE)
    finally:
        context.close()

    # The same address with JavaScript narrows the list, and the message is not shown.
    open_finder(tab, site_url, query)
    wanted = expected_ids(records, tema=["motesplatser"])
    assert len(wanted) < len(records)
    assert_shows(tab, wanted)
    expect(tab.locator(NO_SCRIPT)).to_have_count(0)
    assert NO_SCRIPT_MESSAGE not in tab.locator("form[data-mb-finder]").inner_text()


@pytest.mark.parametrize("failure", ["status", "not-json", "abort"])
def test_without_the_catalogue_the_full_list_stays(tab, site_url, records, failure):
    def broken(route):
        if failure == "status":
            route.fulfill(status=500, body="fel")
        elif failure == "not-json":
            route.fulfill(status=200, content_type="application/json", body="{inte json")
        else:
            route.abort()

    tab.route("**/hitta-metod/metoder.json", broken)
    tab.goto(site_url + FINDER + "?tema=motesplatser")
    tab.wait_for_selector("form[data-mb-finder][data-mb-unavailable]", state="attached", timeout=5000)
    assert tab.locator(READY).count() == 0
    assert sorted(visible_ids(tab)) == sorted(r["id"] for r in records)
    expect(tab.locator("[data-mb-empty]")).to_be_hidden()
    # Changing a filter neither throws nor reloads (the tab fixture fails on any JS error).
    tab.evaluate("window.__stillHere = true")
    box(tab, "tema", "unga").check()
    tab.locator("#mb-finder-q").fill("mötesplats")
    tab.locator("#mb-finder-q").press("Enter")
    assert tab.evaluate("window.__stillHere") is True
    assert sorted(visible_ids(tab)) == sorted(r["id"] for r in records)
