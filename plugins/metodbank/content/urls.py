"""Where each entry's page lives on the site: source paths and directory-style URLs.

Plain string functions over a kind's `section`, shared by every package that links to a
page (pages, search results, cards, open data) so that no package needs the renderer.
"""

from __future__ import annotations

import posixpath

from .kinds import Kind


def page_uri(kind: Kind, entry_id: str) -> str:
    """Source path of an entry's page inside the site, e.g. `fall/portalen-norrkoping.md`."""
    return f"{kind.section}/{entry_id}.md"


def index_uri(kind: Kind) -> str:
    """Source path of a section's overview page, e.g. `metoder/index.md`."""
    return f"{kind.section}/index.md"


def page_url(src_uri: str) -> str:
    """The directory-style URL MkDocs gives a page: `fall/x.md` → `fall/x/`, `fall/index.md` → `fall/`."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def entry_url(entry) -> str:
    """The site-relative URL of an entry's page, e.g. `metoder/strategisk-dialog/`."""
    return page_url(page_uri(entry.kind, entry.id))


def relative_url(target: str, current: str) -> str:
    """A link from the page at URL `current` to the page at URL `target` (both site-relative).
    (What `posixpath.relpath` gives, without its two `getcwd` calls: thousands per build.)"""
    start = current.rstrip("/") if current.endswith("/") else posixpath.dirname(current.rstrip("/"))
    here = [part for part in start.split("/") if part and part != "."]
    there = [part for part in (target.rstrip("/") or ".").split("/") if part and part != "."]
    shared = 0
    while shared < len(here) and shared < len(there) and here[shared] == there[shared]:
        shared += 1
    rel = "/".join([".."] * (len(here) - shared) + there[shared:]) or "."
    return rel + "/" if target.endswith("/") and rel != "." else (rel if rel != "." else "./")
