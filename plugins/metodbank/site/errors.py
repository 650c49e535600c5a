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


def _problem_rows(rel: str, library: Library) -> tuple[str, int]:
    """The file's problems as list items ("Rad 12: … — how to fix it"), and how many are errors."""
    problems = [p for p in library.diagnostics if p.path == rel]
    rows = "\n".join(
        str(
            Markup("<li><strong>Rad {}:</strong> {}{}</li>").format(
                p.line, p.message, Markup(" — <em>{}</em>").format(p.hint) if p.hint else ""
            )
        )
        for p in problems
    )
    return rows, len([p for p in problems if p.severity == "error"])


def file_error_banner(rel: str, library: Library, errors_link: str) -> str:
    """Under `invoke serve`, at the top of the page of a file that stopped validating (the page
    shows its last working version): what is wrong, line by line in Swedish."""
    rows, count = _problem_rows(rel, library)
    return (
        f'<div class="admonition failure"><p class="admonition-title">Fel i {escape(rel)}: sidan nedan är '
        "den senast fungerande versionen</p>\n"
        f"<p>{count} fel i filen. Rätta {'det' if count == 1 else 'dem'} och spara filen; sidan laddas "
        "om av sig själv.</p>\n"
        f'<ul class="mb-errors">\n{rows}\n</ul>\n'
        f'<p><a href="{escape(errors_link)}">Alla {len(library.errors)} fel i innehållet</a></p></div>\n\n'
    )


def file_error_page(rel: str, library: Library, errors_link: str) -> Rendered:
    """Under `invoke serve`, the page of a file with errors that has not worked yet in this
    session, at the address its page will have: what is wrong, line by line in Swedish, and
    how to fix it (never a missing page)."""
    rows, count = _problem_rows(rel, library)
    text = (
        page_meta(f"Fel i {rel}")
        + f"# Fel i {escape(rel)}\n\n"
        + f'<div class="admonition failure"><p class="admonition-title">{count} fel gör att sidan inte kan visas</p>\n'
        + f"<p>Rätta felen i <code>{escape(rel)}</code> och spara filen; sidan laddas om av sig själv.</p>\n"
        + f'<ul class="mb-errors">\n{rows}\n</ul></div>\n\n'
        + f'<p><a href="{escape(errors_link)}">Alla fel i innehållet</a></p>\n'
    )
    return Rendered(text, {})
