"""Card, deck and plan PDFs with WeasyPrint: tagged PDF/UA-1 (structure tree, language,
title, headings, the QR code as a figure with alternative text and a link), fonts
embedded, no network.

Every PDF is one WeasyPrint document. Each card is laid out once per run and its pages are
reused by every deck that holds it (WeasyPrint writes pages of several layouts as one
document: one structure tree, each font embedded once). Finished PDFs are cached in
`.cache/cards` by the HTML they come from, so a rebuild renders only what changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from .card import Card, card_html, render_document

VARIANT = "pdf/ua-1"


def _no_network(url: str, *args, **kwargs):
    """WeasyPrint URL fetcher: inline data only; cards are self-contained."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url)
    raise ValueError(f"nätverk används inte i metodkort: {url}")


def html_to_pdf(html: str) -> bytes:
    """One HTML document as a tagged PDF."""
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_network).write_pdf(pdf_variant=VARIANT)


def cached(cache: Path, name: str, source: str, make: Callable[[], bytes]) -> bytes:
    """The PDF called `name` made from `source` (HTML), from `cache` when `source` is
    unchanged; `make` renders it otherwise, and older versions of `name` are removed."""
    digest = hashlib.sha1(f"{VARIANT}\n{source}".encode()).hexdigest()[:16]
    path = cache / f"{name}-{digest}.pdf"
    if path.exists():
        return path.read_bytes()
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.glob(f"{name}-*.pdf"):
        stale.unlink()
    data = make()
    path.write_bytes(data)
    return data


class Renderer:
    """Lays out HTML with one font configuration and writes pages as one tagged PDF."""

    def __init__(self):
        from weasyprint.text.fonts import FontConfiguration

        self.fonts = FontConfiguration()
        self.layouts: dict[str, object] = {}

    def layout(self, html: str):
        """The laid-out document of `html` (each distinct HTML laid out once)."""
        if html not in self.layouts:
            from weasyprint import HTML

            self.layouts[html] = HTML(string=html, url_fetcher=_no_network).render(font_config=self.fonts)
        return self.layouts[html]

    def write(self, documents: list) -> bytes:
        """The pages of `documents` as one PDF, with the first one's title and language."""
        pages = [page for document in documents for page in document.pages]
        return documents[0].copy(pages).write_pdf(pdf_variant=VARIANT)


def card_pdf(card: Card, cache: Path, renderer: Renderer | None = None) -> bytes:
    """One card's PDF (two A5 pages)."""
    renderer = renderer or Renderer()
    html = card_html(card)
    return cached(cache / "kort", card.id, html, lambda: renderer.write([renderer.layout(html)]))


def deck_pdf(
    cards: list[Card],
    cache: Path,
    title: str,
    cover: dict | None,
    layout: str = "a5",
    name: str = "kortlek",
    renderer: Renderer | None = None,
) -> bytes:
    """A deck: cover and contents, then every card in order, as one document. `a4-2up`
    puts two A5 sides on each A4 sheet; `print-shop` is the cards alone with bleed and
    crop marks."""
    renderer = renderer or Renderer()
    if layout == "print-shop":
        cover = None
    whole = render_document(cards, title=title, cover=cover, layout=layout)
    if layout != "a5" or cover is None:  # laid out whole: sheets, or cards without a cover
        return cached(cache / "lekar", name, whole, lambda: renderer.write([renderer.layout(whole)]))

    def compose() -> bytes:
        """Cover and contents, then each card's own layout (shared with the card's PDF)."""
        front = render_document(cards, title=title, cover=cover, with_cards=False)
        parts = [renderer.layout(front)] + [renderer.layout(card_html(card)) for card in cards]
        return renderer.write(parts)

    return cached(cache / "lekar", name, whole, compose)


def write_all_pdfs(
    cards: list[Card], decks: list[dict], cache: Path, out: Path, plans: dict[str, str] | None = None
) -> list[str]:
    """Every card's PDF, every deck (`decks`: file name, title, cover, card ids, layout)
    and every plan (`plans`: method id → printable HTML) into `out`, as paths relative to
    it. A plain function of plain data, so it can run in a worker process while MkDocs
    renders the pages."""
    renderer = Renderer()
    written = []
    for card in cards:
        written.append(_write(out, f"metodkort/{card.id}.pdf", card_pdf(card, cache, renderer)))
    by_id = {card.id: card for card in cards}
    for deck in decks:
        chosen = [by_id[i] for i in deck["ids"]]
        data = deck_pdf(
            chosen,
            cache,
            deck["title"],
            deck["cover"],
            deck["layout"],
            deck["file"].removesuffix(".pdf"),
            renderer,
        )
        written.append(_write(out, f"metodkort/{deck['file']}", data))
    for method_id, html in (plans or {}).items():
        data = cached(cache / "planer", method_id, html, lambda html=html: html_to_pdf(html))
        written.append(_write(out, f"kopiera/{method_id}.pdf", data))
    return written


def _write(out: Path, name: str, data: bytes) -> str:
    (out / name).parent.mkdir(parents=True, exist_ok=True)
    (out / name).write_bytes(data)
    return name
