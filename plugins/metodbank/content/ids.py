"""Content ids: the file name's stem, lowercase a–z, 0–9 and hyphens."""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_valid_id(text: str) -> bool:
    """Whether `text` can be an id (and so a file name and a URL segment)."""
    return bool(ID_PATTERN.fullmatch(text))


def slugify(text: str) -> str:
    """An id made from a title: 'Läxhjälp i Gottsunda' → 'laxhjalp-i-gottsunda'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
