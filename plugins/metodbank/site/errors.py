"""What a contributor sees under `invoke serve` while the content has errors: a banner on
every page and a page that lists every error."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..content.library import Library
from .html import Rendered, page_meta

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


def file_error_page(
    rel: str, library: Library, errors_link: str, last_good: Rendered | None = None
) -> Rendered:
    """The page of a file with errors, shown under `invoke serve` at the address the page will
    have: what is wrong, line by line in Swedish, how to fix it, and the last version that
    worked (from earlier in the same session) below."""
    problems = [p for p in library.diagnostics if p.path == rel]
    rows = "\n".join(
        str(
            Markup("<li><strong>Rad {}:</strong> {}{}</li>").format(
                p.line, p.message, Markup(" — <em>{}</em>").format(p.hint) if p.hint else ""
            )
        )
        for p in problems
    )
    count = len([p for p in problems if p.severity == "error"])
    text = (
        page_meta(f"Fel i {rel}")
        + f"# Fel i {escape(rel)}\n\n"
        + f'<div class="admonition failure"><p class="admonition-title">{count} fel gör att sidan inte kan visas</p>\n'
        + f"<p>Rätta felen i <code>{escape(rel)}</code> och spara filen; sidan laddas om av sig själv.</p>\n"
        + f'<ul class="mb-errors">\n{rows}\n</ul></div>\n\n'
        + f'<p><a href="{escape(errors_link)}">Alla fel i innehållet</a></p>\n\n'
    )
    if last_good is None:
        return Rendered(
            text + "<p>Sidan har inte fungerat tidigare under den här förhandsgranskningen.</p>\n", {}
        )
    body = last_good.markdown.split("---\n", 2)[-1]
    return Rendered(text + "## Senast fungerande version\n\n" + body, dict(last_good.slots))
