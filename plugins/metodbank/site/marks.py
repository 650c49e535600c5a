"""Provenance on the page: the "tolkat" marker beside an inferred value, and footnote-style
references from a claim to the numbered source list in the fact box.

The marker is text, not a `title` attribute: "tolkat" is always visible, the reason is
read by screen readers, shown on hover and keyboard focus, and printed in full.
"""

from __future__ import annotations

from markupsafe import Markup

from ..content.provenance import inferred_reason

SOURCE_ANCHOR = "kalla-{}"
"""The id of source number N in the fact box's source list."""


def inferred_mark(reason: str | None) -> Markup:
    """' tolkat' with its reason (empty when `reason` is None)."""
    if not reason:
        return Markup("")
    return Markup(
        ' <span class="mb-inferred" tabindex="0">'
        '<span class="mb-inferred__tag">tolkat</span>'
        '<span class="mb-inferred__why">: {}</span></span>'
    ).format(reason)


def mark(item, path: str) -> Markup:
    """The marker for the value at `path` of `item`, if the editors inferred it."""
    return inferred_mark(inferred_reason(item, path))


def plain_mark(item, path: str) -> str:
    """The same marker as plain text, for places without HTML: ' (tolkat: reason)'."""
    reason = inferred_reason(item, path)
    return f" (tolkat: {reason})" if reason else ""


def with_mark(value, item, path: str) -> Markup:
    """A value followed by its marker."""
    return Markup("{}{}").format(value, mark(item, path))


def cite(numbers: list[int] | None, sources=None) -> Markup:
    """Footnote-style references to the fact box's sources, such as `[1][3]`."""
    if not numbers:
        return Markup("")
    refs = []
    for number in numbers:
        title = sources[number - 1].title if sources and number <= len(sources) else ""
        label = f"Källa {number}" + (f": {title}" if title else "")
        refs.append(
            Markup('<a class="mb-cite-ref" href="#{}" aria-label="{}">[{}]</a>').format(
                SOURCE_ANCHOR.format(number), label, number
            )
        )
    return Markup('<sup class="mb-cite-refs">{}</sup>').format(Markup("").join(refs))
