"""The printable deck of any selection of methods (`metodkort/urval.html?metod=a&metod=b`):
a page with the card styles whose script takes each chosen card from its own card page, in
the order given. The finder and the decision helper link to it with their current result."""

from __future__ import annotations

from markupsafe import Markup

from .card import CARD_CSS, ENV

SELECTION_PATH = "metodkort/urval.html"
SCRIPT_PATH = "assets/selection.js"


def selection_html() -> str:
    """The page (the same for every selection; the address says which cards)."""
    return ENV.get_template("selection.html").render(
        css=Markup(CARD_CSS.read_text(encoding="utf-8")), site="../"
    )
