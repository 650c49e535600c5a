"""The connected library: every reference written once, read both ways.

One pass over the entries turns each reference field into an edge; backlinks, evidence
for methods and copy + paste lineage are then plain look-ups in that index, never a scan
of all files per page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .deps import record
from .evidence import Counts, counts
from .library import Entry, Library

Evidence = Counts
"""Kept for callers of `CrossRefs.evidence`: the documented counts behind a method."""

# (kind of the referring entry, its field) for every reference field in the model.
REFERENCE_FIELDS: dict[str, tuple[str, ...]] = {
    "case": ("organisations", "methods", "success_factors"),
    "factor": ("cases", "methods"),
    "recommendation": ("cases", "methods", "success_factors"),
    "playbook": ("cases", "methods"),
}


@dataclass
class CrossRefs:
    """Reverse edges of every reference: `incoming[target][(kind, field)]` → referring ids."""

    library: Library
    incoming: dict[str, dict[tuple[str, str], list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    copies: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Ids of the cases that copied each case or method."""

    @classmethod
    def build(cls, library: Library) -> CrossRefs:
        refs = cls(library)
        for entry in dict.values(library.entries):
            for name in REFERENCE_FIELDS.get(entry.kind.name, ()):
                for target in getattr(entry.item, name):
                    refs.incoming[target][(entry.kind.name, name)].append(entry.id)
            for combination in getattr(entry.item, "combine_with", None) or []:
                refs.incoming[combination.id][(entry.kind.name, "combine_with")].append(entry.id)
            copied = getattr(entry.item, "copied_from", None)
            if copied is not None:
                refs.copies[copied.id].append(entry.id)
        return refs

    def referring(self, target: str, kind: str, name: str) -> list[Entry]:
        """Entries of `kind` whose field `name` points at `target`, sorted by title."""
        record(("in", target))
        ids = self.incoming.get(target, {}).get((kind, name), [])
        return self._entries(ids)

    def _entries(self, ids) -> list[Entry]:
        entries = self.library.entries
        return sorted((entries[i] for i in set(ids) if i in entries), key=lambda e: (e.title.lower(), e.id))

    # -- what each page shows ------------------------------------------------------------

    def cases_using(self, method_id: str) -> list[Entry]:
        return self.referring(method_id, "case", "methods")

    def cases_of_organisation(self, org_id: str) -> list[Entry]:
        return self.referring(org_id, "case", "organisations")

    def methods_of_cases(self, cases: list[Entry]) -> list[Entry]:
        """The methods used in any of `cases`."""
        return self._entries(m for case in cases for m in case.item.methods)

    def supporting_cases(self, entry: Entry) -> list[Entry]:
        """Cases behind a success factor: the ones it names and the ones that name it."""
        named = list(entry.item.cases)
        if entry.kind.name == "factor":
            named += [e.id for e in self.referring(entry.id, "case", "success_factors")]
        return self._entries(named)

    def factors_for_case(self, case_id: str) -> list[Entry]:
        """Success factors that name the case as support (beyond those the case names)."""
        return self.referring(case_id, "factor", "cases")

    def copies_of(self, entry_id: str) -> list[Entry]:
        """Cases that copied this case or method, sorted by start year then title."""
        record(("in", entry_id))
        cases = self._entries(self.copies.get(entry_id, []))
        return sorted(
            cases, key=lambda e: (e.item.period.start if e.item.period else "9999", e.title.lower())
        )

    def evidence(self, method_id: str) -> Counts:
        """Cases, municipalities and years behind a method, counting only what a source states
        (the full derived grade is `content.evidence.grade`)."""
        return counts(self.library.entries[method_id], self)
