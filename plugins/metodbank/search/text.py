"""Text of the library for search: Markdown bodies as plain words, and the vocabulary words
whose stems are looked for inside compounds."""

from __future__ import annotations

import re

from ..content.library import Library

_MARKDOWN = (
    (re.compile(r"\[\[([^\]|]+)\|([^\]]+)\]\]"), r"\2"),  # [[id|text]] → text
    (re.compile(r"\[\[([^\]]+)\]\]"), r"\1"),  # [[id]] → id
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url) → text
    (re.compile(r"^\s{0,3}(#{1,6}|[-*+]|\d+\.|>)\s+", re.M), ""),  # heading, list and quote markers
    (re.compile(r"[*_`]+"), ""),  # emphasis and code marks
    (re.compile(r"<[^>]+>"), " "),  # inline HTML tags
)


def plain_text(markdown: str) -> str:
    """The words of a Markdown body without its syntax, for indexing and snippets."""
    for pattern, replacement in _MARKDOWN:
        markdown = pattern.sub(replacement, markdown)
    return markdown


def vocabulary_terms(library: Library) -> list[str]:
    """Words whose stems are looked for inside compounds: labels plus the search terms."""
    vocabulary = library.vocabulary
    labels = [term.label for group in vocabulary.groups.values() for term in group.values()]
    return labels + list(vocabulary.search_terms)
