"""One small adapter between the pages and what the content model says about a method's
evidence, when not to use it and what to combine it with.

The decision helper and the comparison read these through here only: the evidence is the
derived grade of `content.evidence` (step, label, flags, next step and the documented counts),
`not_when` marks editorial advice as such, and `combine_with` gives each method with why.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.evidence import grade
from ..content.library import Entry


@dataclass(frozen=True)
class EvidenceView:
    """What a reader sees of a method's evidence: a step on the ladder when the model has
    one, a sentence, flags, what would take it a step up, and the plain counts."""

    sentence: str
    cases: int
    municipalities: int
    step: int | None = None
    label: str | None = None
    flags: tuple[str, ...] = ()
    next_step: str | None = None

    def text(self) -> str:
        """One line: 'Steg 1 av 5: Beskriven (Spridd). Använd i 1 fall …' or just the sentence."""
        if self.step is None:
            return self.sentence
        flags = f" ({', '.join(self.flags)})" if self.flags else ""
        return f"Steg {self.step} av 5: {self.label}{flags}. {self.sentence}"


def evidence_of(refs, entry: Entry) -> EvidenceView:
    """The evidence of one method, from the cross references (None: not indexed)."""
    if refs is None:
        return EvidenceView("Belägg räknas fram när webbplatsen byggs.", 0, 0)
    found = grade(entry, refs)
    counted = found.counts
    return EvidenceView(
        counted.sentence(),
        counted.cases,
        counted.municipalities,
        step=found.step,
        label=found.label,
        flags=found.flags,
        next_step=found.next_step,
    )


def _text(value) -> str:
    return str(getattr(value, "text", None) or getattr(value, "situation", None) or value)


def not_when(item) -> list[str]:
    """Situations where the method does not fit; editorial advice says so."""
    return [
        _text(value) + (" (redaktionens råd)" if getattr(value, "editorial", False) else "")
        for value in getattr(item, "not_when", None) or []
    ]


def combine_with(item) -> list[tuple[str, str]]:
    """(method id, why) for each method this one combines with (empty without `combine_with`)."""
    pairs = []
    for value in getattr(item, "combine_with", None) or []:
        target = (
            value if isinstance(value, str) else getattr(value, "method", None) or getattr(value, "id", "")
        )
        why = "" if isinstance(value, str) else str(getattr(value, "why", "") or "")
        if target:
            pairs.append((target, why))
    return pairs
