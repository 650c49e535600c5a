"""Tagged, print-grade PDFs: every card, deck, A4 sheet and plan PDF of the built site is
read back (pypdf) for PDF/UA's structure tree, MarkInfo, language and title; `pdffonts`
shows every font embedded once; QR codes decode (zbarimg) to the right pages and are also
links; the print-shop deck has 3 mm bleed around the trim box."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, png_pages, require_tool
from metodbank.cards.card import BLEED_MM
from metodbank.cards.deck import all_cards
from metodbank.cards.pdf import deck_pdf
from metodbank.project import load_library
from pypdf import PdfReader

LIBRARY = load_library(ROOT)
METHODS = LIBRARY.of_kind("method")
SITE_URL = "https://metodbanken.example.se/"
PT_PER_MM = 72 / 25.4


def site_pdfs(site: Path) -> list[Path]:
    return sorted((site / "metodkort").glob("*.pdf")) + sorted((site / "kopiera").glob("*.pdf"))


def struct_elements(reader: PdfReader) -> list:
    """Every structure element of the tag tree, in reading order."""
    found: list = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif hasattr(node, "get"):
            if "/S" in node:
                found.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def structure_tags(reader: PdfReader) -> list[str]:
    """The structure types in the tree, in reading order."""
    return [str(element["/S"]) for element in struct_elements(reader)]


def figures(reader: PdfReader) -> list[str]:
    """The alternative text of every Figure in the structure tree."""
    return [str(e.get("/Alt", "")) for e in struct_elements(reader) if e["/S"] == "/Figure"]


def links(reader: PdfReader) -> list[tuple[str, float, float]]:
    """(address, width, height) of every link area, in points."""
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/URI" in annotation.get("/A", {}):
                x1, y1, x2, y2 = (float(v) for v in annotation["/Rect"])
                found.append((str(annotation["/A"]["/URI"]), abs(x2 - x1), abs(y2 - y1)))
    return found


def test_site_has_card_deck_sheet_and_plan_pdfs(built_site):
    names = {p.relative_to(built_site).as_posix() for p in site_pdfs(built_site)}
    for method in METHODS:
        assert f"metodkort/{method.id}.pdf" in names and f"kopiera/{method.id}.pdf" in names
    assert {"metodkort/metodkort.pdf", "metodkort/metodkort-a4.pdf"} <= names
    assert any(name.startswith("metodkort/tema-") for name in names)


def test_every_pdf_is_tagged_pdf_ua_in_swedish_with_a_title(built_site):
    for pdf in site_pdfs(built_site):
        reader = PdfReader(pdf)
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root, pdf.name
        assert root["/MarkInfo"]["/Marked"].value is True, pdf.name
        assert root["/Lang"] == "sv", pdf.name
        assert reader.metadata.title and reader.metadata.title.strip(), pdf.name
        assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True, pdf.name
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert re.search(r"pdfuaid:part[^0-9]*1", xmp), pdf.name


def test_card_structure_has_headings_lists_and_the_qr_figure_front_then_back(built_site):
    method = METHODS[0]
    reader = PdfReader(built_site / "metodkort" / f"{method.id}.pdf")
    tags = structure_tags(reader)
    assert tags.index("/H1") < tags.index("/H2"), "the front's title comes before the back's headings"
    assert tags.count("/H2") >= 2 and "/L" in tags and "/LI" in tags and "/Link" in tags
    address = f"{SITE_URL}metoder/{method.id}/"
    assert figures(reader) == [f"QR-kod till {address}"]
    areas = [(round(w), round(h)) for url, w, h in links(reader) if url == address]
    qr = round(24 * PT_PER_MM)
    assert (qr, qr) in areas, f"the QR code (24 mm) is a link: {areas}"
    assert any(h < 15 for _, h in areas), f"the printed address is a link: {areas}"


def test_deck_is_one_document_with_the_deck_title_and_each_font_once(built_site):
    pdffonts = require_tool("pdffonts")
    for name in ("metodkort.pdf", "metodkort-a4.pdf"):
        pdf = built_site / "metodkort" / name
        reader = PdfReader(pdf)
        assert reader.metadata.title == "Metodkort"
        h1 = structure_tags(reader).count("/H1")
        assert h1 == len(METHODS) + 1, "the cover's title and each card's title"
        rows = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True).stdout
        fonts = [line.split() for line in rows.splitlines()[2:] if line.strip()]
        assert fonts, name
        assert all(row[-5] == "yes" for row in fonts), rows  # the `emb` column
        names = [row[0] for row in fonts]
        assert len(names) == len(set(names)), f"a font is embedded more than once: {names}"


def test_every_pdf_embeds_all_its_fonts(built_site):
    pdffonts = require_tool("pdffonts")
    for pdf in site_pdfs(built_site):
        rows = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True).stdout
        fonts = [line.split() for line in rows.splitlines()[2:] if line.strip()]
        assert fonts and all(row[-5] == "yes" for row in fonts), f"{pdf.name}:\n{rows}"


def test_qr_codes_in_the_deck_decode_to_each_method_page(built_site, tmp_path):
    zbarimg = require_tool("zbarimg")
    pages = png_pages(built_site / "metodkort" / "metodkort.pdf", tmp_path, resolution=150)
    decoded = []
    for back in pages[3::2]:  # cover, contents, then front and back of each card
        result = subprocess.run([zbarimg, "--raw", "-q", str(back)], capture_output=True, text=True)
        decoded.append(result.stdout.strip())
    assert decoded == [f"{SITE_URL}metoder/{m.id}/" for m in METHODS]


@pytest.fixture(scope="module")
def print_shop(tmp_path_factory) -> Path:
    cards = all_cards(LIBRARY, LIBRARY.crossrefs, SITE_URL)[:2]
    out = tmp_path_factory.mktemp("tryck") / "tryck.pdf"
    out.write_bytes(deck_pdf(cards, out.parent / "cache", "Metodkort", None, layout="print-shop"))
    return out


def test_print_shop_pages_have_bleed_around_the_a5_trim(print_shop):
    reader = PdfReader(print_shop)
    assert len(reader.pages) == 4, "the cards alone: front and back of two cards"
    bleed = BLEED_MM * PT_PER_MM
    for page in reader.pages:
        media, trim = page.mediabox, page.trimbox
        assert round(float(trim.width)) == 420 and round(float(trim.height)) == 595
        for side in ("left", "bottom"):
            assert float(getattr(trim, side)) - float(getattr(media, side)) == pytest.approx(bleed, abs=0.01)
        for side in ("right", "top"):
            assert float(getattr(media, side)) - float(getattr(trim, side)) == pytest.approx(bleed, abs=0.01)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv" and "/StructTreeRoot" in root


def test_print_shop_has_crop_marks_outside_the_trim(print_shop, tmp_path):
    """Ink in the corners outside the trim box: the crop marks."""
    from PIL import Image

    first = png_pages(print_shop, tmp_path, resolution=100)[0]
    image = Image.open(first).convert("L")
    edge = int((BLEED_MM + 1) / 25.4 * 100)  # the bleed and 1 mm in: the card's margin is 11 mm
    corner = image.crop((0, 0, edge, edge))
    assert corner.getextrema()[0] < 128, "no crop mark in the top left corner"
