"""Method cards, decks and the copy + paste kit: real PDFs rendered by WeasyPrint, read back
with pypdf, looked at as PNG (pdftoppm) and QR codes decoded (zbarimg)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, VALID, png_pages, require_tool, write_library
from metodbank.cards.card import Card, card_html
from metodbank.cards.pdf import html_to_pdf
from metodbank.cli import cards as cli_cards
from metodbank.project import load_library
from metodbank.project import site_url as site_url_of
from pypdf import PdfReader

LIBRARY = load_library(ROOT)
METHODS = LIBRARY.of_kind("method")
SITE_URL = "https://metodbanken.example.se/"
A5 = (420, 595)


def text_of(pdf: Path | bytes) -> list[str]:
    """The text of each page, with white space folded."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def ink(png: Path, top: float = 0.0, bottom: float = 1.0) -> float:
    """Share of dark pixels in a horizontal band of the page (0 = blank)."""
    from PIL import Image

    image = Image.open(png).convert("L")
    width, height = image.size
    band = image.crop((0, int(height * top), width, int(height * bottom)))
    dark = sum(band.histogram()[:128])
    return dark / max(1, band.width * band.height)


@pytest.mark.parametrize("method", METHODS, ids=[m.id for m in METHODS])
def test_every_method_has_a_two_sided_a5_card(built_site, method):
    pdf = built_site / "metodkort" / f"{method.id}.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == list(A5)
    front, back = text_of(pdf)
    assert " ".join(method.title.split()) in front
    assert method.item.summary.split()[0] in front
    for step in method.item.steps:
        assert " ".join(step.title.split()) in back, step.title
    assert f"{SITE_URL}metoder/{method.id}/" in back.replace(" ", "")
    assert f"Senast granskad {method.item.last_reviewed.isoformat()}" in back


def test_card_embeds_its_fonts(built_site):
    reader = PdfReader(built_site / "metodkort" / f"{METHODS[0].id}.pdf")
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = (
                font.get_object().get("/FontDescriptor")
                or font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            fonts.append(
                any(key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            )
    assert fonts and all(fonts)


def test_qr_code_opens_the_method_page(built_site, tmp_path):
    zbarimg = require_tool("zbarimg")
    method = METHODS[0]
    back = png_pages(built_site / "metodkort" / f"{method.id}.pdf", tmp_path, resolution=200)[1]
    decoded = subprocess.run([zbarimg, "--raw", "-q", str(back)], capture_output=True, text=True, check=True)
    assert decoded.stdout.strip() == f"{SITE_URL}metoder/{method.id}/"


def test_card_png_is_not_blank_and_nothing_runs_past_the_page(built_site, tmp_path):
    for png in png_pages(built_site / "metodkort" / "strategisk-dialog.pdf", tmp_path):
        assert ink(png) > 0.01, f"{png.name} is blank"
        assert ink(png, top=0.955) == 0, f"{png.name} has content in the bottom margin"


def test_overflow_check_catches_a_card_that_is_too_full(tmp_path):
    """The same check on a card with far too many steps (validation would refuse it)."""
    crowded = Card(
        "full",
        "Ett fullt kort",
        "Sammanfattning.",
        ["Tema"],
        ["Unga"],
        "Låg",
        "",
        [f"Steg {n} " * 6 for n in range(40)],
        ["Kärna"],
        [],
        f"{SITE_URL}metoder/full/",
        "2026-01-01",
    )
    pdf = tmp_path / "full.pdf"
    pdf.write_bytes(html_to_pdf(card_html(crowded)))
    pages = png_pages(pdf, tmp_path)
    assert len(pages) > 2 or ink(pages[1], top=0.955) > 0


def test_deck_is_cover_contents_and_every_card(built_site):
    deck = text_of(built_site / "metodkort" / "metodkort.pdf")
    assert len(deck) == 2 * len(METHODS) + 2
    assert "Metodkort" in deck[0]
    assert all(" ".join(m.title.split())[:30] in deck[1] for m in METHODS)
    for number, method in enumerate(METHODS):
        assert " ".join(method.title.split()) in deck[2 + 2 * number]


def test_theme_decks_hold_the_methods_of_the_theme(built_site):
    for theme in sorted({t for m in METHODS for t in m.item.themes}):
        methods = [m for m in METHODS if theme in m.item.themes]
        pages = text_of(built_site / "metodkort" / f"tema-{theme}.pdf")
        assert len(pages) == 2 * len(methods) + 2, theme


def test_a4_two_up_has_two_cards_per_sheet(built_site):
    reader = PdfReader(built_site / "metodkort" / "metodkort-a4.pdf")
    a5_pages = 2 * len(METHODS) + 2
    assert len(reader.pages) == 2 * -(-a5_pages // 4)
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [842, 595]


def test_invoke_cards_builds_a_course_deck(tmp_path):
    out = io.StringIO()
    target = tmp_path / "kurs.pdf"
    project = tmp_path / "project"
    shutil.copytree(
        ROOT, project, ignore=shutil.ignore_patterns("site", ".cache", ".git", "*.egg-info", "node_modules")
    )
    assert cli_cards(project, themes=["motesplatser"], layout="a5", out=target, stream=out) == 0
    chosen = [m for m in METHODS if "motesplatser" in m.item.themes]
    first, *_, last = out.getvalue().strip().splitlines()
    assert first.startswith("VARNING: webbplatsens adress är platshållaren https://metodbanken.example.se/")
    assert last == f"{len(chosen)} metodkort (a5) skrivna till {target}"
    assert len(PdfReader(target).pages) == 2 * len(chosen) + 2
    picked = ["strategisk-dialog", "koalitionsmodellen"]
    assert cli_cards(project, methods=picked, layout="a4-2up", out=target, stream=out) == 0
    assert len(PdfReader(target).pages) == 4
    assert cli_cards(project, methods=["finns-inte"], out=target, stream=io.StringIO()) == 2


def test_the_published_address_is_one_setting_and_cards_use_it(tmp_path, monkeypatch):
    """METODBANK_SITE_URL sets the address the QR codes and the build use; no placeholder warning then."""
    monkeypatch.setenv("METODBANK_SITE_URL", "https://exempelorg.github.io/metodbanken")
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns("site", ".cache", ".git", "*.egg-info"))
    out = io.StringIO()
    assert cli_cards(project, methods=["strategisk-dialog"], out=tmp_path / "k.pdf", stream=out) == 0
    assert "VARNING" not in out.getvalue()
    assert site_url_of(project) == "https://exempelorg.github.io/metodbanken/"


def test_overlong_step_is_reported_with_file_and_line(library_root):
    long_step = "Öppna " + "lokalen " * 20
    write_library(
        library_root,
        {
            "methods/motesplats.md": VALID["methods/motesplats.md"].replace(
                "title: Öppna", f"title: {long_step.strip()}"
            )
        },
    )
    library = load_library(library_root)
    assert [str(d) for d in library.errors] == [
        f"methods/motesplats.md:13: steg 2 är för långt för kortet: {len(long_step.strip())} tecken, högst 100 — "
        "korta stegets rubrik; detaljerna hör hemma i description"
    ]


def test_metodkort_page_lists_every_card_and_deck(built_site):
    text = (built_site / "metodkort" / "index.html").read_text(encoding="utf-8")
    for method in METHODS:
        assert f'href="{method.id}.pdf"' in text and f'href="{method.id}.html"' in text
    assert 'href="metodkort.pdf"' in text and 'href="metodkort-a4.pdf"' in text
    for href in re.findall(r'href="([a-z0-9-]+\.(?:pdf|html))"', text):
        assert (built_site / "metodkort" / href).exists(), href


def test_copy_kit_has_every_step_as_a_checkbox(built_site):
    for method in METHODS:
        plan = (built_site / "kopiera" / f"{method.id}.md").read_text(encoding="utf-8")
        lines = plan.splitlines()
        for number, step in enumerate(method.item.steps, 1):
            assert any(line.startswith(f"- [ ] {number}. {step.title}") for line in lines), step.title
        assert plan.count("- [ ] Mål ") == 3
        for prerequisite in method.item.prerequisites:
            assert f"- [ ] {prerequisite}" in lines
        assert "| Roll | Ansvar | Namn |" in plan
        html = (built_site / "kopiera" / f"{method.id}.html").read_text(encoding="utf-8")
        assert html.count("<li><strong>") == len(method.item.steps)


def test_method_page_links_card_and_kit(built_site):
    for method in METHODS:
        text = (built_site / "metoder" / method.id / "index.html").read_text(encoding="utf-8")
        for href in (
            f"../../metodkort/{method.id}.pdf",
            f"../../metodkort/{method.id}.html",
            f"../../kopiera/{method.id}.md",
            f"../../kopiera/{method.id}.html",
        ):
            assert f'href="{href}"' in text
            assert (built_site / "metoder" / method.id / href).resolve().exists()


def test_copy_button_copies_the_plan(browser, site_url, built_site):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    tab = context.new_page()
    method = METHODS[0]
    tab.goto(f"{site_url}metoder/{method.id}/")
    button = tab.locator("[data-mb-copy]")
    button.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function("document.querySelector('[data-mb-copy-status]').textContent.length > 0")
    assert "kopierad" in tab.locator("[data-mb-copy-status]").inner_text()
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied == (built_site / "kopiera" / f"{method.id}.md").read_text(encoding="utf-8")
    context.close()


def test_copy_button_falls_back_to_download(browser, site_url):
    context = browser.new_context(accept_downloads=True)
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined });")
    tab = context.new_page()
    method = METHODS[0]
    tab.goto(f"{site_url}metoder/{method.id}/")
    with tab.expect_download() as download:
        tab.locator("[data-mb-copy]").click()
    assert download.value.suggested_filename == f"{method.id}.md"
    assert "laddades ned" in tab.locator("[data-mb-copy-status]").inner_text()
    context.close()


def test_too_many_steps_for_the_card_is_reported_at_the_steps_line(library_root):
    steps = "".join(f"  - title: Steg {n}\n" for n in range(1, 10))
    text = VALID["methods/motesplats.md"]
    start, end = text.index("steps:\n") + len("steps:\n"), text.index("roles:\n  - role")
    write_library(library_root, {"methods/motesplats.md": text[:start] + steps + text[end:]})
    assert [str(d) for d in load_library(library_root).errors] == [
        "methods/motesplats.md:9: metoden har 9 steg, högst 8 får plats på kortet — slå ihop steg som hör ihop"
    ]
