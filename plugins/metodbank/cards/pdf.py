"""Card PDFs with WeasyPrint (fonts embedded, no network), cached by the card's HTML so a
rebuild renders only cards that changed; decks are the card PDFs joined with pypdf, and
`a4-2up` puts two A5 cards on each A4 sheet with cut marks."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

from .card import Card, card_html, render_document

A4_LANDSCAPE = (841.89, 595.28)
A5 = (419.53, 595.28)


def _no_network(url: str):
    """WeasyPrint URL fetcher that refuses everything: cards are self-contained."""
    raise ValueError(f"nätverk används inte i metodkort: {url}")


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_network).write_pdf()


def card_pdf(card: Card, cache: Path) -> bytes:
    """One card's PDF (two A5 pages), from the cache when its HTML is unchanged."""
    html = card_html(card)
    digest = hashlib.sha1(html.encode("utf-8")).hexdigest()[:16]
    cached = cache / f"{card.id}-{digest}.pdf"
    if cached.exists():
        return cached.read_bytes()
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.glob(f"{card.id}-*.pdf"):
        stale.unlink()
    data = html_to_pdf(html)
    cached.write_bytes(data)
    return data


def deck_pdf(cards: list[Card], cache: Path, title: str, cover: dict, layout: str = "a5") -> bytes:
    """A deck: cover and contents, then every card in order; optionally two-up on A4."""
    front = html_to_pdf(render_document(cards, title=title, cover=cover, with_cards=False))
    writer = PdfWriter()
    for part in [front] + [card_pdf(card, cache) for card in cards]:
        writer.append(PdfReader(io.BytesIO(part)))
    if layout == "a4-2up":
        writer = two_up(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def two_up(deck: PdfWriter) -> PdfWriter:
    """Two A5 pages side by side on A4 landscape, with cut marks. Pages come in front/back
    pairs; sheet backs are mirrored (B's back left of A's) for duplex, flipped on the short edge."""
    pages = list(deck.pages)
    if len(pages) % 2:
        pages.append(PageObject.create_blank_page(width=A5[0], height=A5[1]))
    writer = PdfWriter()
    for start in range(0, len(pages), 4):
        group = pages[start : start + 4]
        while len(group) < 4:
            group.append(PageObject.create_blank_page(width=A5[0], height=A5[1]))
        a_front, a_back, b_front, b_back = group
        for left, right in ((a_front, b_front), (b_back, a_back)):
            sheet = writer.add_blank_page(*A4_LANDSCAPE)
            sheet.merge_transformed_page(left, Transformation().translate(0, 0))
            sheet.merge_transformed_page(right, Transformation().translate(A5[0] + 2.83, 0))
            sheet.merge_page(_cut_marks())
    return writer


_MARKS: PageObject | None = None


def _cut_marks() -> PageObject:
    """A transparent A4 landscape page with cut marks at the fold line and the corners."""
    global _MARKS
    if _MARKS is None:
        html = """<html><head><style>
        @page { size: A4 landscape; margin: 0; }
        body { margin: 0; }
        .m { position: absolute; background: #000; }
        </style></head><body>
        <div class="m" style="left:148.5mm; top:0; width:0.2mm; height:6mm"></div>
        <div class="m" style="left:148.5mm; bottom:0; width:0.2mm; height:6mm"></div>
        <div class="m" style="left:148.5mm; top:102mm; width:0.2mm; height:6mm"></div>
        </body></html>"""
        _MARKS = PdfReader(io.BytesIO(html_to_pdf(html))).pages[0]
    return _MARKS


def write_all_pdfs(cards: list[Card], decks: list[dict], cache: Path, out: Path) -> list[str]:
    """Every card's PDF and every deck (`decks`: file name, title, cover, card ids, layout)
    into `out`. A plain function of plain data, so it can run in a worker process while
    MkDocs renders the pages."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for card in cards:
        (out / f"{card.id}.pdf").write_bytes(card_pdf(card, cache))
        written.append(f"{card.id}.pdf")
    by_id = {card.id: card for card in cards}
    for deck in decks:
        chosen = [by_id[i] for i in deck["ids"]]
        (out / deck["file"]).write_bytes(
            deck_pdf(chosen, cache, deck["title"], deck["cover"], deck["layout"])
        )
        written.append(deck["file"])
    return written
