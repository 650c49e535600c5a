"""Card and deck PDFs kept between builds, each under a key of everything printed in it, so a
build renders only the PDFs whose card or deck changed (often none), and starts no PDF
worker at all when nothing is missing.

A card's key is its printed content (the `Card`) plus the code, templates and styles that
print it and the WeasyPrint version; a deck's key is its title, cover, layout and the keys
of its cards in order; a plan's key is its printable HTML. Finished PDFs go into the site as
hard links where possible. The rendering itself is `cards.pdf`'s.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import pickle
import shutil
import sys
from importlib import metadata
from pathlib import Path

from .card import Card
from .pdf import Renderer, cached, card_pdf, deck_pdf, html_to_pdf

CARDS_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha1(metadata.version("weasyprint").encode())
    for path in sorted(p for p in CARDS_PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


class PdfStore:
    """PDFs by key in `folder` (`cards/`, `decks/`, `plans/`), see the module."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.code = _code_digest()

    def card_key(self, card: Card) -> str:
        text = json.dumps(dataclasses.asdict(card), ensure_ascii=False, sort_keys=True)
        return hashlib.sha1(f"{self.code}\0{text}".encode()).hexdigest()[:16]

    def _key(self, value) -> str:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        return hashlib.sha1(f"{self.code}\0{text}".encode()).hexdigest()[:16]

    def plan(
        self,
        cards: list[Card],
        decks: list[dict],
        plans: dict[str, str],
        documents: dict[str, str] | None = None,
    ) -> dict[str, Path]:
        """Where each PDF of the site (its path in the site → stored path) is, or will be, kept.
        `documents` are other pages printed from their HTML (site path → HTML), such as the
        decks' time plans."""
        keys = {card.id: self.card_key(card) for card in cards}
        paths = {f"metodkort/{c.id}.pdf": self.folder / "cards" / f"{c.id}-{keys[c.id]}.pdf" for c in cards}
        for deck in decks:
            key = self._key([deck, [keys[i] for i in deck["ids"]]])
            name = deck["file"].removesuffix(".pdf").replace("/", "--")
            paths[f"metodkort/{deck['file']}"] = self.folder / "decks" / f"{name}-{key}.pdf"
        for method_id, html in plans.items():
            paths[f"kopiera/{method_id}.pdf"] = self.folder / "plans" / f"{method_id}-{self._key(html)}.pdf"
        for name, html in (documents or {}).items():
            stem = name.removesuffix(".pdf").replace("/", "--")
            paths[name] = self.folder / "documents" / f"{stem}-{self._key(html)}.pdf"
        return paths

    @staticmethod
    def missing(paths: dict[str, Path]) -> dict[str, Path]:
        return {name: path for name, path in paths.items() if not path.exists()}

    def publish(self, paths: dict[str, Path], site: Path) -> None:
        """Put every PDF into the site (a hard link, or a copy across file systems); forget
        stored PDFs the site no longer uses. Files already linked there are left alone."""
        for name, path in paths.items():
            if _same_file(site / name, path):
                continue
            out = site / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.unlink(missing_ok=True)  # never write through an old link into the store
            try:
                os.link(path, out)
            except OSError:
                shutil.copyfile(path, out)
        used = set(paths.values())
        for stored in self.folder.glob("*/*.pdf"):
            if stored not in used:
                stored.unlink(missing_ok=True)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def render_missing(
    cards: list[Card],
    decks: list[dict],
    plans: dict[str, str],
    missing: dict[str, Path],
    html_cache: Path,
    documents: dict[str, str] | None = None,
) -> list[str]:
    """Render the PDFs in `missing` (site path → stored path) with one renderer (fonts and
    card layouts shared). A plain function of plain data, run in a worker process (`main`)
    while MkDocs renders the pages."""
    renderer = Renderer()
    by_id = {card.id: card for card in cards}
    jobs = {f"metodkort/{deck['file']}": deck for deck in decks}
    for name, path in missing.items():
        if name in jobs:
            deck = jobs[name]
            chosen = [by_id[i] for i in deck["ids"]]
            stem = deck["file"].removesuffix(".pdf")
            data = deck_pdf(chosen, html_cache, deck["title"], deck["cover"], deck["layout"], stem, renderer)
        elif name in (documents or {}):
            data = html_to_pdf(documents[name])
        elif name.startswith("kopiera/"):
            method_id = name.removeprefix("kopiera/").removesuffix(".pdf")
            html = plans[method_id]
            data = cached(html_cache / "planer", method_id, html, lambda html=html: html_to_pdf(html))
        else:
            data = card_pdf(by_id[name.removeprefix("metodkort/").removesuffix(".pdf")], html_cache, renderer)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
    return sorted(missing)


def main(job: Path) -> None:
    """The PDF worker: `python -m metodbank.cards.pdfstore <job file>` (see `render_missing`)."""
    cards, decks, plans, missing, html_cache, documents = pickle.loads(job.read_bytes())
    render_missing(cards, decks, plans, missing, html_cache, documents)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
