"""The content-error page and banner shown while serving with content errors."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..content.library import Library

ERROR_PAGE = "innehallsfel.md"


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
    """The banner at the top of every page while content errors remain."""
    return str(
        Markup(
            '<div class="admonition failure"><p class="admonition-title">'
            '{} fel i innehållet – <a href="{}">se listan</a></p></div>\n\n'
        ).format(count, link)
    )
