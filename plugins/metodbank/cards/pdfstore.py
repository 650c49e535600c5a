"""Card and deck PDFs kept between builds, each under a key of everything printed in it, so a
build renders only the PDFs whose card or deck changed (often none), and starts no PDF
worker at all when nothing is missing.

A card's key is its printed content (the `Card`) plus the code, templates and styles that
print it and the WeasyPrint version; a deck's key is its title, cover, layout and the keys
of its cards in order. Finished PDFs go into the site as hard links where possible.
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
from .pdf import card_pdf, deck_pdf

CARDS_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha1(metadata.version("weasyprint").encode())
    for path in sorted(p for p in CARDS_PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


class PdfStore:
    """PDFs by key in `folder` (`cards/` and `decks/`), see the module."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.code = _code_digest()

    def card_key(self, card: Card) -> str:
        text = json.dumps(dataclasses.asdict(card), ensure_ascii=False, sort_keys=True)
        return hashlib.sha1(f"{self.code}\0{text}".encode()).hexdigest()[:16]

    def plan(self, cards: list[Card], decks: list[dict]) -> dict[str, Path]:
        """Where each PDF of the site (file name → stored path) is, or will be, kept."""
        keys = {card.id: self.card_key(card) for card in cards}
        paths = {f"{card.id}.pdf": self.folder / "cards" / f"{card.id}-{keys[card.id]}.pdf" for card in cards}
        for deck in decks:
            text = json.dumps([deck, [keys[i] for i in deck["ids"]]], ensure_ascii=False, sort_keys=True)
            key = hashlib.sha1(text.encode()).hexdigest()[:16]
            paths[deck["file"]] = self.folder / "decks" / f"{Path(deck['file']).stem}-{key}.pdf"
        return paths

    @staticmethod
    def missing(paths: dict[str, Path]) -> dict[str, Path]:
        return {name: path for name, path in paths.items() if not path.exists()}

    def publish(self, paths: dict[str, Path], target: Path) -> None:
        """Put every PDF into `target` (a hard link, or a copy across file systems); forget
        stored PDFs the site no longer uses."""
        target.mkdir(parents=True, exist_ok=True)
        for name, path in paths.items():
            out = target / name
            out.unlink(missing_ok=True)  # never write through an old link into the store
            try:
                os.link(path, out)
            except OSError:
                shutil.copyfile(path, out)
        used = set(paths.values())
        for stored in list(self.folder.glob("cards/*.pdf")) + list(self.folder.glob("decks/*.pdf")):
            if stored not in used:
                stored.unlink(missing_ok=True)


def render_missing(
    cards: list[Card], decks: list[dict], missing: dict[str, Path], html_cache: Path
) -> list[str]:
    """Render the PDFs in `missing` (file name → stored path). A plain function of plain
    data, run in a worker process (`main`) while MkDocs renders the pages."""
    by_id = {card.id: card for card in cards}
    jobs = {deck["file"]: deck for deck in decks}
    for name, path in missing.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if name in jobs:
            deck = jobs[name]
            chosen = [by_id[i] for i in deck["ids"]]
            data = deck_pdf(chosen, html_cache, deck["title"], deck["cover"], deck["layout"])
        else:
            data = card_pdf(by_id[name.removesuffix(".pdf")], html_cache)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
    return sorted(missing)


def main(job: Path) -> None:
    """The PDF worker: `python -m metodbank.cards.pdfstore <job file>` (see `render_missing`)."""
    cards, decks, missing, html_cache = pickle.loads(job.read_bytes())
    render_missing(cards, decks, missing, html_cache)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
