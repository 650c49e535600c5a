"""Method cards, decks and the copy + paste kit: real PDFs rendered by WeasyPrint, read back
with pypdf, looked at as PNG (pdftoppm) and QR codes decoded (zbarimg)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
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
    lines = out.getvalue().strip().splitlines()
    assert any(
        line.startswith("VARNING: webbplatsens adress är platshållaren https://metodbanken.example.se/")
        for line in lines
    )
    assert f"{len(chosen)} metodkort (a5) skrivna till {target}" in lines
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
        assert html.count("<li>☐ <strong>") == len(method.item.steps)
        text = (built_site / "kopiera" / f"{method.id}.txt").read_text(encoding="utf-8")
        for number, step in enumerate(method.item.steps, 1):
            assert f"☐ {number}. {step.title}" in text


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
    assert copied == (built_site / "kopiera" / f"{method.id}.txt").read_text(encoding="utf-8")
    context.close()


def test_copy_button_falls_back_to_download(browser, site_url):
    context = browser.new_context(accept_downloads=True)
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined });")
    tab = context.new_page()
    method = METHODS[0]
    tab.goto(f"{site_url}metoder/{method.id}/")
    with tab.expect_download() as download:
        tab.locator("[data-mb-copy]").click()
    assert download.value.suggested_filename == f"{method.id}.docx"
    assert "laddades ned" in tab.locator("[data-mb-copy-status]").inner_text()
    context.close()


def test_too_many_steps_for_the_card_is_reported_at_the_steps_line(library_root):
    steps = "".join(f"  - title: Steg {n}\n" for n in range(1, 10))
    text = VALID["methods/motesplats.md"]
    start, end = text.index("steps:\n") + len("steps:\n"), text.index("roles: [{role")
    write_library(library_root, {"methods/motesplats.md": text[:start] + steps + text[end:]})
    assert [str(d) for d in load_library(library_root).errors] == [
        "methods/motesplats.md:9: metoden har 9 steg, högst 8 får plats på kortet — slå ihop steg som hör ihop"
    ]


# --- the trainer: workshop fields, time plan, presentation, decks by name and target group ----

WORKSHOP = """workshop:
  origin: redaktionen
  questions:
    - {q1}
    - {q2}
    - {q3}
    - {q4}
  exercise:
    title: {title}
    minutes: 25
    instructions: {instructions}
"""


def _words(length: int, word: str = "samtal") -> str:
    text = ""
    while len(text) < length:
        text += word + " "
    return text[:length].strip()


def workshop_method(questions: int, exercise: int, steps: int = 5) -> str:
    """The fixture method with workshop fields of the given lengths and longer steps."""
    fields = WORKSHOP.format(
        q1=_words(questions) + "?",
        q2=_words(questions, "boende") + "?",
        q3=_words(questions, "lokal") + "?",
        q4=_words(questions, "unga") + "?",
        title=_words(55, "övning"),
        instructions=_words(exercise, "deltagarna"),
    )
    text = VALID["methods/motesplats.md"].replace("sources:\n", fields + "sources:\n", 1)
    start, end = text.index("steps:\n") + len("steps:\n"), text.index("roles: [{role")
    step_lines = "".join(
        f"  - title: {_words(90, f'steg{n}')}\n    roles: [omradesutvecklare]\n" for n in range(steps)
    )
    return text[:start] + step_lines + text[end:]


def test_workshop_fields_render_within_the_card_limits(library_root, tmp_path):
    """The fullest back that validation lets through (four long questions, a long exercise and
    as many long steps as fit; one step more is refused) renders without running into the
    footer or the margin."""
    from metodbank.cards.deck import all_cards
    from metodbank.content.crossrefs import CrossRefs
    from weasyprint import HTML

    write_library(library_root, {"methods/motesplats.md": workshop_method(110, 270, steps=4)})
    assert any("baksidan av metodkortet blir för full" in str(d) for d in load_library(library_root).errors)
    write_library(library_root, {"methods/motesplats.md": workshop_method(110, 270, steps=3)})
    library = load_library(library_root)
    assert library.diagnostics == []
    card = next(c for c in all_cards(library, CrossRefs.build(library), SITE_URL) if c.id == "motesplats")
    assert len(card.questions) == 4 and card.exercise["minutes"] == 25
    html = card_html(card)
    document = HTML(string=html).render()
    assert len(document.pages) == 2
    px = 25.4 / 96
    for page in document.pages:
        text_bottom, footer_top = 0.0, None

        def walk(box, inside_footer=False):
            nonlocal text_bottom, footer_top
            element = getattr(box, "element", None)
            classes = (element.get("class") or "") if element is not None else ""
            if "card__footer" in classes or "card__turn" in classes:  # what sits at the bottom
                footer_top = box.position_y * px if footer_top is None else footer_top
                inside_footer = True
            content = element is not None and element.tag not in ("html", "body", "main", "section")
            if content and not inside_footer:
                text_bottom = max(text_bottom, (box.position_y + box.margin_height()) * px)
            for child in getattr(box, "children", []) or []:
                walk(child, inside_footer)

        walk(page._page_box)
        limit = footer_top
        assert text_bottom <= limit, f"text ends at {text_bottom:.0f} mm, room until {limit:.0f} mm"
    pdf = tmp_path / "kort.pdf"
    pdf.write_bytes(html_to_pdf(html))
    front, back = text_of(pdf)
    assert "DISKUSSIONSFRÅGOR" in back.upper() and "Redaktionens förslag" in back
    assert "ÖVNING:" in back.upper() and "(25 MIN)" in back.upper()
    assert back.count("Redaktionens förslag") == 1, "one origin line for questions and exercise"
    for png in png_pages(pdf, tmp_path):
        assert ink(png, top=0.955) == 0


def test_an_overfull_card_side_is_reported_before_print(library_root):
    write_library(library_root, {"methods/motesplats.md": workshop_method(118, 280, steps=8)})
    problems = [str(d) for d in load_library(library_root).errors]
    assert any("baksidan av metodkortet blir för full" in p for p in problems), problems
    assert all(p.startswith("methods/motesplats.md:") for p in problems)


def test_seed_methods_have_workshop_material_marked_as_the_editors(built_site):
    for method in METHODS:
        workshop = method.item.workshop
        assert workshop is not None and 2 <= len(workshop.questions) <= 4, method.id
        assert workshop.origin == "redaktionen"  # the sources describe no questions or exercises
        front, back = text_of(built_site / "metodkort" / f"{method.id}.pdf")
        assert "Redaktionens förslag" in back
        assert " ".join(workshop.questions[0].split())[:40] in back
        assert "utbildningspass" in front, "the front says the workshop material is on the back"


def test_deck_cover_shows_themes_methods_and_date(built_site):
    from metodbank.content.words import full_date

    cover = text_of(built_site / "metodkort" / "tema-motesplatser.pdf")[0]
    methods = [m for m in METHODS if "motesplatser" in m.item.themes]
    assert "TEMAN" in cover and "Mötesplatser" in cover and "MÅLGRUPPER" in cover
    for method in methods:
        assert " ".join(method.title.split())[:30] in cover
    assert f"sammanställd {full_date(date.today())}" in cover


def test_decks_by_target_group_with_time_plan_and_presentation(built_site):
    groups = sorted({g for m in METHODS for g in m.item.target_groups})
    text = (built_site / "metodkort" / "index.html").read_text(encoding="utf-8")
    for group in groups:
        methods = [m for m in METHODS if group in m.item.target_groups]
        deck = built_site / "metodkort" / f"malgrupp-{group}.pdf"
        assert len(PdfReader(deck).pages) == 2 * len(methods) + 2, group
        assert f'href="malgrupp-{group}.pdf"' in text
    for slug in ["metodkort", "tema-motesplatser", f"malgrupp-{groups[0]}"]:
        plan = PdfReader(built_site / "metodkort" / f"{slug}-passplan.pdf")
        assert len(plan.pages) == 1, slug  # one A4 page
        assert [round(float(v)) for v in plan.pages[0].mediabox[2:]] == [595, 842]
        assert f'href="{slug}-visning.html"' in text


def test_time_plan_fills_two_hours_from_the_methods_fields(built_site):
    from metodbank.cards.deck import all_cards
    from metodbank.cards.session import SESSION_MINUTES, session_plan
    from metodbank.content.crossrefs import CrossRefs

    cards = all_cards(LIBRARY, CrossRefs.build(LIBRARY), SITE_URL)
    blocks, later = session_plan(cards)
    assert sum(b.minutes for b in blocks) == SESSION_MINUTES
    assert [b.title for b in blocks][0] == "Välkommen" and blocks[-1].title == "Avslutning"
    assert sum(1 for b in blocks if b.title == "Paus") == 1
    starts = [b.start for b in blocks]
    assert starts == sorted(starts) and all(
        a.start + a.minutes == b.start for a, b in zip(blocks, blocks[1:], strict=False)
    )
    assert [b.card.id for b in blocks if b.card] + [c.id for c in later] == [c.id for c in cards]
    fitted = [b for b in blocks if b.card and b.card.exercise and "Övning:" in b.what]
    assert fitted, "at least one exercise fits in two hours"
    text = " ".join(text_of(built_site / "metodkort" / "metodkort-passplan.pdf"))
    assert "9.00–9.10" in text and "Välkommen" in text and "Avslutning" in text


def test_presentation_mode_shows_one_method_per_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    tab.goto(site_url + "metodkort/tema-motesplatser-visning.html")
    slides = tab.locator("section.slide")
    methods = [m for m in METHODS if "motesplatser" in m.item.themes]
    assert slides.count() == len(methods) + 2
    first = slides.nth(1)
    assert first.evaluate("el => el.getBoundingClientRect().height") == 720
    size = tab.eval_on_selector("section.slide h1", "el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 48, size
    cut = tab.eval_on_selector_all(
        "section.slide", "els => els.filter(el => el.scrollHeight > el.clientHeight + 1).map(el => el.id)"
    )
    assert cut == []  # nothing on any screen is cut off
    smallest = tab.eval_on_selector_all(
        "section.slide h1", "els => Math.min(...els.map(el => parseFloat(getComputedStyle(el).fontSize)))"
    )
    assert smallest >= 36, smallest
    tab.keyboard.press("ArrowRight")
    tab.wait_for_function("location.hash === '#bild-2'")
    top = slides.nth(1).evaluate("el => Math.round(el.getBoundingClientRect().top)")
    assert top == 0
    assert slides.nth(1).locator("h1").inner_text() == methods[0].title
    context.close()


@pytest.mark.parametrize("theme", ["Mötesplatser", "mötesplatser", "MOTESPLATSER", "motesplatser"])
def test_invoke_cards_takes_theme_names_as_well_as_ids(tmp_path, theme):
    out = io.StringIO()
    target = tmp_path / "kurs.pdf"
    assert cli_cards(ROOT, themes=[theme], out=target, stream=out) == 0
    chosen = [m for m in METHODS if "motesplatser" in m.item.themes]
    assert "Urval: metoder med tema Mötesplatser." in out.getvalue()
    assert len(PdfReader(target).pages) == 2 * len(chosen) + 2
    assert (tmp_path / "kurs-passplan.pdf").exists() and (tmp_path / "kurs-visning.html").exists()


def test_invoke_cards_says_what_it_meant_and_how_themes_combine(tmp_path):
    out = io.StringIO()
    assert cli_cards(ROOT, themes=["mötesplaster"], out=tmp_path / "x.pdf", stream=out) == 2
    assert out.getvalue().strip() == "okänt tema 'mötesplaster' — menade du 'Mötesplatser' (motesplatser)?"
    out = io.StringIO()
    assert (
        cli_cards(
            ROOT,
            themes=["Unga", "Samverkan och partnerskap"],
            target_groups=["boende"],
            out=tmp_path / "y.pdf",
            stream=out,
        )
        == 0
    )
    assert (
        "Urval: metoder med tema Unga eller Samverkan och partnerskap, och målgrupp Boende." in out.getvalue()
    )
    wanted = [
        m for m in METHODS if {"unga", "samverkan"} & set(m.item.themes) and "boende" in m.item.target_groups
    ]
    assert f"{len(wanted)} metodkort" in out.getvalue()


def test_plan_as_word_document(built_site):
    from docx import Document

    method = METHODS[0]
    document = Document(str(built_site / "kopiera" / f"{method.id}.docx"))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == f"Plan: {method.title}"
    for number, step in enumerate(method.item.steps, 1):
        assert any(t.startswith(f"☐ {number}. {step.title}") for t in texts), step.title
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Roll", "Ansvar", "Namn"]
    assert len(table.rows) == len(method.item.roles) + 1
    assert document.core_properties.language == "sv-SE"
