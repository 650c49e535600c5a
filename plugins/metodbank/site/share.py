"""Sharing and reuse around every page: formula-safe CSV cells, "Föreslå en ändring" and
"Rapportera ett fel" links to the repository, and the Open Graph and Twitter card metadata
that give a shared link a proper preview."""

from __future__ import annotations

import posixpath
from urllib.parse import urlencode

from markupsafe import Markup

from .opendata import safe_cell


def neutralise(value) -> str:
    """A CSV cell that no spreadsheet runs as a formula: a leading = + - @, tab or CR gets a
    leading apostrophe (`opendata.safe_cell`; the browser export in assets/share.js applies
    the same rule, and a test checks that they agree)."""
    return safe_cell("" if value is None else str(value))


def source_edit_uri(source_rel: str, docs_dir_rel: str) -> str:
    """The path MkDocs appends to `edit_uri` for a generated entry page, so that it points at
    the entry's real file: `cases/x.md` seen from `docs/` is `../cases/x.md`."""
    return posixpath.relpath(source_rel, docs_dir_rel or ".")


def report_url(repo_url: str, title: str, page_url: str, source_rel: str) -> str:
    """A new issue in the repository, with the page and its file filled in."""
    body = (
        f"Sida: {page_url}\nFil: {source_rel}\n\n"
        "Vad är fel? Ange gärna en källa som visar hur det ska vara.\n"
    )
    return (
        repo_url.rstrip("/") + "/issues/new?" + urlencode({"title": f"Fel på sidan: {title}", "body": body})
    )


def edit_links(edit_url: str | None, report: str | None) -> str:
    """The block at the end of an entry page: suggest a change, report an error."""
    links = []
    if edit_url:
        links.append(Markup('<a href="{}">Föreslå en ändring</a>').format(edit_url))
    if report:
        links.append(Markup('<a href="{}">Rapportera ett fel</a>').format(report))
    if not links:
        return ""
    return str(
        Markup(
            '<p class="mb-edit" data-pagefind-ignore>{} <span class="mb-edit__help">Ändringar granskas av redaktionen innan de publiceras.</span></p>'
        ).format(Markup(" · ").join(links))
    )


def share_meta(title: str, summary: str, url: str, image: str, kind: str) -> dict[str, str]:
    """The values of an entry page's Open Graph and Twitter card tags (escaped by the template)."""
    return {
        "title": title,
        "description": summary,
        "url": url,
        "image": image,
        "image_alt": f"{kind} i Metodbanken",
    }
