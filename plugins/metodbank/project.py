"""The project as its users meet it: the library loaded with every rule (the content
model's and the card limits), and the settings read from `mkdocs.yml`.

The command line, the invoke tasks and the MkDocs adapters all load the library through
here, so `invoke validate`, a build and a card deck apply the same rules.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from .cards.limits import card_check
from .content.cache import ParseCache, code_key
from .content.library import Library, read_library

CHECKS = (card_check,)
"""Rules beyond the content model, from the packages that need them."""


def load_library(root: Path, data_dir: Path | None = None, cache: ParseCache | None = None) -> Library:
    """Read and validate every content file under `root` with every rule of the project
    (files unchanged since the last build come from `cache`, see `parse_cache`)."""
    return read_library(root, data_dir, CHECKS, cache)


def parse_cache(root: Path, data_dir: Path | None = None, folder: Path | None = None) -> ParseCache:
    """The on-disk cache of checked content files for the project at `root`."""
    folder = folder or root / ".cache" / "metodbank"
    return ParseCache(folder / "library.pickle", code_key(data_dir or root / "data", CHECKS))


PLACEHOLDER_URL = "https://metodbanken.example.se/"
"""The address in mkdocs.yml until the real one is set: QR codes made with it lead nowhere."""
SITE_URL_VARIABLE = "METODBANK_SITE_URL"
"""The one setting for the published address (the Pages workflow sets it)."""


def site_url(root: Path) -> str:
    """The published address, ending in '/': $METODBANK_SITE_URL, else `site_url` in
    mkdocs.yml (which reads the same variable), else '/'."""
    from mkdocs.utils.yaml import yaml_load  # reads !ENV like MkDocs does

    try:
        config = yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        config = {}
    return normalise_url(os.environ.get(SITE_URL_VARIABLE) or config.get("site_url") or "/")


def normalise_url(url: str) -> str:
    return url.strip().rstrip("/") + "/"


def is_placeholder(url: str | None) -> bool:
    """Whether `url` is the example address (or none), so printed QR codes would lead nowhere."""
    return not url or normalise_url(url) in (PLACEHOLDER_URL, "/") or "example." in url


def placeholder_warning(url: str | None) -> str | None:
    """A clear Swedish warning when cards are made for the placeholder address, else None."""
    if not is_placeholder(url):
        return None
    return (
        f"VARNING: webbplatsens adress är platshållaren {url or '(ingen)'}, så QR-koderna på metodkorten "
        f"leder ingenstans. Sätt den riktiga adressen med miljövariabeln {SITE_URL_VARIABLE} "
        "(till exempel https://organisation.github.io/metodbanken/) innan korten skrivs ut."
    )
