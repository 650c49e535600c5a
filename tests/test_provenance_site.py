"""Provenance as readers meet it: an inferred start year is marked in the fact box, the finder
data and the open data, and the evidence panel does not count it; the marker is readable by
hover, keyboard, screen reader and print in a real browser."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import MKDOCS_YML_ALL, ROOT, VALID, make_site_project, serve_folder
from metodbank.build import build_site
from metodbank.project import load_library

REASON = "Källan säger 'sedan i vintras', alltså tidigast vintern 2018–2019."
EFFORT_REASON = "Nivån är redaktionens uppskattning."


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_site_project(tmp_path_factory.mktemp("provenance"), MKDOCS_YML_ALL)
    case = VALID["cases/fallet.md"].replace(
        "last_reviewed:", f'inferred:\n  period.start: "{REASON}"\nlast_reviewed:', 1
    )
    case = case.replace("sources:", "results:\n  - text: Mötesplatsen öppnade.\n    source: 1\nsources:", 1)
    method = (
        VALID["methods/motesplats.md"]
        .replace("effort:", "prerequisites:\n  - En lokal.\neffort:", 1)
        .replace("last_reviewed:", f"inferred:\n  effort.level: {EFFORT_REASON}\nlast_reviewed:", 1)
    )
    (root / "cases" / "fallet.md").write_text(case, encoding="utf-8")
    (root / "methods" / "motesplats.md").write_text(method, encoding="utf-8")
    out = root / "site"
    assert build_site(root, site_dir=out, strict=True) == 0
    return out


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_fact_box_marks_the_inferred_start_year_with_its_reason(site):
    page = read(site, "fall/fallet/index.html")
    box = re.search(r'<section class="mb-facts".*?</section>', page, re.S).group(0)
    period = re.search(r"<dt>Period</dt>\s*<dd>(.*?)</dd>", box, re.S).group(1)
    assert period.startswith("2019-01 <span")
    assert "tolkat" in period and REASON.replace("'", "&#39;") in period
    assert "2020" in period and period.count("mb-inferred__tag") == 1, "only the start is inferred"
    status = re.search(r"<dt>Status</dt>\s*<dd>(.*?)</dd>", box, re.S).group(1)
    assert "mb-inferred" not in status
    assert 'id="kalla-1"' in box and 'href="#kalla-1"' in page, "the result cites source 1"


def test_open_data_says_which_fields_are_inferred(site):
    rows = list(csv.DictReader(io.StringIO(read(site, "oppna-data/fall.csv"))))
    (row,) = rows
    assert row["period.start"] == "2019-01"
    assert row["inferred_fields"] == "period.start"
    assert json.loads(row["inferred"]) == {"period.start": REASON}
    (record,) = json.loads(read(site, "oppna-data/fall.json"))
    assert record["inferred"] == {"period.start": REASON}
    (method,) = json.loads(read(site, "oppna-data/metoder.json"))
    assert method["evidence"]["step"] == 1 and method["evidence"]["years"] == 1


def test_finder_data_carries_the_markers_and_the_grade(site):
    (record,) = json.loads(read(site, "hitta-metod/metoder.json"))
    assert record["inferred"] == {"effort.level": EFFORT_REASON}
    assert record["evidence"]["step"] == 1 and record["evidence"]["label"] == "Beskriven"
    page = read(site, "hitta-metod/index.html")
    meta = re.search(r'<p class="mb-list__meta">(.*?)</p>', page, re.S).group(1)
    assert "Insats: medel <span" in meta and "tolkat" in meta and EFFORT_REASON in meta
    assert "Evidens: steg 1 Beskriven" in meta and "Prövad" not in page


def test_the_evidence_panel_does_not_count_the_inferred_year(site):
    page = read(site, "metoder/motesplats/index.html")
    panel = page.split('id="underlag-och-evidens"', 1)[1].split("<h2", 1)[0]
    assert "Steg 1 av 5: Beskriven." in panel
    assert "1 fall, 1 kommun, 1 organisation, 2020. " in panel, "2019 is inferred and not counted"
    assert "2019" not in panel.split("Underlaget:", 1)[1].split("</p>", 1)[0]
    effort = re.search(r"<dt>Insats</dt>\s*<dd>(.*?)</dd>", page, re.S).group(1)
    assert "tolkat" in effort and EFFORT_REASON in effort


def test_lists_mark_the_inferred_year(site):
    overview = read(site, "fall/index.html")
    meta = re.search(r'<p class="mb-list__meta">(.*?)</p>', overview, re.S).group(1)
    assert meta.startswith("Norrköping · 2019 <span") and "tolkat" in meta


def test_rules_page_prints_the_rule_from_the_code(site):
    from metodbank.content.evidence import CAP_RULE, FLAGS, LADDER

    page = read(site, "om-evidensnivaer/index.html")
    for rung in LADDER:
        assert f"{rung.step} {rung.label}" in page and rung.rule.replace("'", "&#39;") in page
    for name, text in FLAGS.items():
        assert name in page and text in page
    assert CAP_RULE in page


# --- in a browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(site):
    url, server = serve_folder(site)
    yield url
    server.shutdown()


def test_marker_reason_on_focus_for_screen_readers_and_in_print(browser, served):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="sv-SE")
    tab = context.new_page()
    tab.goto(served + "fall/fallet/")
    marker = tab.locator(".mb-facts .mb-inferred").first
    why = marker.locator(".mb-inferred__why")
    assert why.bounding_box()["width"] <= 1, "the reason is folded away on screen until asked for"
    assert REASON in marker.inner_text() or REASON in why.text_content()
    assert tab.evaluate("el => el.tabIndex", marker.element_handle()) == 0
    tab.keyboard.press("Tab")
    for _ in range(60):
        if tab.evaluate("document.activeElement.classList.contains('mb-inferred')"):
            break
        tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.classList.contains('mb-inferred')"), "Tab reaches the marker"
    box = why.bounding_box()
    assert box["width"] > 100 and box["x"] + box["width"] <= 390, "the reason opens within a phone screen"
    tab.keyboard.press("Escape")
    assert why.bounding_box()["width"] <= 1, "Escape closes it"
    name = tab.evaluate(
        "el => el.textContent.replace(/\\s+/g, ' ').trim()",
        tab.locator(".mb-facts dd").nth(1).element_handle(),
    )
    assert "tolkat: " + REASON in name, "screen readers read the reason with the value"
    tab.emulate_media(media="print")
    assert why.bounding_box()["width"] > 100, "the reason is printed"
    context.close()


def test_real_library_marks_every_inferred_value_it_shows(built_site):
    """Every marker in the real library shows up on its entry's page."""
    library = load_library(ROOT)
    for entry in library.entries.values():
        if not entry.item.inferred:
            continue
        page = (built_site / entry.kind.section / entry.id / "index.html").read_text(encoding="utf-8")
        assert "mb-inferred__tag" in page, entry.id


# --- the real library: claims, quotes, fit, cards and plans ---------------------------------


def real(built_site: Path, path: str) -> str:
    return (built_site / path).read_text(encoding="utf-8")


def test_results_and_quotes_refer_to_their_sources(built_site):
    library = load_library(ROOT)
    for entry in library.of_kind("case"):
        page = real(built_site, f"fall/{entry.id}/index.html")
        results = page.split('id="resultat-i-korthet"', 1)[1].split("<h2", 1)[0]
        for result in entry.item.results:
            for number in result.source or []:
                assert f'href="#kalla-{number}"' in results, entry.id
        for quote in entry.item.quotes:
            assert html_text(quote.text) in page and html_text(quote.speaker) in page, entry.id
        for number in range(1, len(entry.item.sources) + 1):
            assert f'id="kalla-{number}"' in page, entry.id
    innovation = real(built_site, "fall/allmannyttans-innovationslabb/index.html")
    assert "Egen bedömning:" in innovation, "a judgement without data is labelled as one"
    assert 'aria-label="Källa 1: Många små steg ger stor nytta tillsammans"' in innovation


def html_text(text: str) -> str:
    import html

    return html.escape(text, quote=True).replace("&#x27;", "&#39;")


def test_methods_say_when_they_do_not_fit_and_what_to_combine_with(built_site):
    library = load_library(ROOT)
    for entry in library.of_kind("method"):
        page = real(built_site, f"metoder/{entry.id}/index.html")
        assert entry.item.not_when, f"{entry.id} has no not_when"
        section = page.split('id="nar-passar-metoden-inte"', 1)[1].split("<h2", 1)[0]
        for item in entry.item.not_when:
            assert ("(redaktionens råd)" in section) if item.editorial else ('href="#kalla-' in section)
        for combination in entry.item.combine_with:
            other = real(built_site, f"metoder/{combination.id}/index.html")
            backlinks = other.split('id="kombineras-med"', 1)[1].split("<h2", 1)[0]
            assert f'href="../{entry.id}/"' in backlinks, (entry.id, combination.id)


def test_copied_status_is_dated_by_its_source(built_site):
    page = real(built_site, "fall/bis-boden/index.html")
    status = re.search(r"<dt>Status</dt>\s*<dd>(.*?)</dd>", page, re.S).group(1)
    assert status.startswith("Pågår (enligt källa från 2019-09-18)") and "tolkat" in status
    vinnova = real(built_site, "fall/coompanion-sodertalje-motesplatser/index.html")
    assert "senast uppdaterad 2016-05-28" in vinnova and "publicerad 2016-05-28" not in vinnova


def test_card_and_plan_carry_the_grade_and_the_editors_inferences(built_site):
    from pypdf import PdfReader

    text = " ".join(
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(built_site / "metodkort" / "kopiera-en-verksamhet.pdf").pages
    )
    assert "Steg 1 av 5: Beskriven" in text and "Nästa steg" in text
    assert "Tolkat av redaktionen" in text.upper() or "TOLKAT AV REDAKTIONEN" in text
    assert "Prövad" not in text
    plan = real(built_site, "kopiera/kopiera-en-verksamhet.md")
    assert "## Tolkat av redaktionen" in plan and "## När passar metoden inte?" in plan
    assert "Evidens: Steg 1 av 5: Beskriven" in plan


def test_overlong_reasons_for_values_on_the_card_are_caught(tmp_path):
    from conftest import write_library

    long = ("Redaktionens uppskattning, eftersom källan inte säger något om tid eller kostnad. " * 3).strip()
    markers = f'inferred:\n  effort.level: "{long}"\n  steps: "{long}!"\n'
    method = VALID["methods/motesplats.md"].replace("last_reviewed:", markers + "last_reviewed:", 1)
    library = load_library(write_library(tmp_path, {**VALID, "methods/motesplats.md": method}))
    (problem,) = [str(d) for d in library.errors]
    line = method.split("\n").index("inferred:") + 1
    assert problem.startswith(f"methods/motesplats.md:{line}: skälen i inferred för värden på kortet")
