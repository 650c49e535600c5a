"""The project as its users meet it: the library loaded with every rule (the content
model's and the card limits), and the settings read from `mkdocs.yml`.

The command line, the invoke tasks and the MkDocs adapters all load the library through
here, so `invoke validate`, a build and a card deck apply the same rules.
"""

from __future__ import annotations

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


def site_url(root: Path) -> str:
    """The published address from `mkdocs.yml`, ending in '/' ('/' when none is set)."""
    try:
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return "/"
    return (config.get("site_url") or "/").rstrip("/") + "/"
