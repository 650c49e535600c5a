"""'Did you mean …' hints, shared by every check that compares a value with known ones."""

from __future__ import annotations

import difflib
import unicodedata


def fold(text: str) -> str:
    """Lowercase and strip accents, so 'Mötesplatser' and 'motesplatser' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def closest(value: str, candidates: list[str] | set[str] | dict) -> str | None:
    """The candidate most like `value`, or None when nothing is close."""
    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(fold(candidate), candidate)
    key = fold(str(value))
    if key in by_fold:
        return by_fold[key]
    match = difflib.get_close_matches(key, list(by_fold), n=1, cutoff=0.6)
    return by_fold[match[0]] if match else None


def did_you_mean(value: str, candidates, otherwise: str) -> str:
    """A hint naming the closest candidate, or `otherwise` when there is none."""
    best = closest(value, candidates)
    return f"menade du {best!r}?" if best is not None else otherwise


def close_matches(value: str, candidates, count: int = 3) -> list[str]:
    """Up to `count` candidates that look like `value`, closest first."""
    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(fold(candidate), candidate)
    key = fold(str(value))
    if key in by_fold:
        return [by_fold[key]]
    return [by_fold[m] for m in difflib.get_close_matches(key, list(by_fold), n=count, cutoff=0.6)]
