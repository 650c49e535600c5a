"""What a contributor sees under `invoke serve` while the content has errors: a banner on
every page and a page that lists every error."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..content.library import Library

ERROR_PAGE = "innehallsfel.md"
"""Source path of the error list inside the site."""


def error_page(library: Library) -> str:
    """A page listing the content errors, shown while serving so the contributor sees them."""
    lines = "\n".join(f"<li><code>{escape(str(p))}</code></li>" for p in library.errors)
    return (
        "# Fel i innehållet\n\n"
        f"<p>{len(library.errors)} fel hindrar en riktig byggnad. Filerna med fel visas inte på webbplatsen "
        "förrän felen är rättade.</p>\n\n"
        f'<ul class="mb-errors">\n{lines}\n</ul>\n'
    )


def error_banner(count: int, link: str) -> str:
    """The banner at the top of every page while serving with `count` content errors."""
    return str(
        Markup(
            '<div class="admonition failure"><p class="admonition-title">'
            '{} fel i innehållet – <a href="{}">se listan</a></p></div>\n\n'
        ).format(count, link)
    )
