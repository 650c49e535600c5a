"""Copy + paste lineage as a graph: a case may copy another case or a method, but never
itself, and copies may not go round in a circle (A copied B, B copied A)."""

from __future__ import annotations

from .diagnostics import Diagnostic


def lineage_problems(entries: dict) -> list[Diagnostic]:
    """An error at the `copied_from` line of every case that copies itself or sits in a cycle."""
    parent = {
        entry_id: entry.item.copied_from.id
        for entry_id, entry in entries.items()
        if entry.kind.name == "case" and entry.item.copied_from is not None
    }
    problems = []
    for entry_id, target in sorted(parent.items()):
        seen = [entry_id]
        while target in parent and target not in seen:
            seen.append(target)
            target = parent[target]
        if target != entry_id:
            continue
        source = entries[entry_id].source
        if len(seen) == 1:
            message = "fallet anger sig självt som förlaga"
            hint = "ange det fall eller den metod som kopierades, eller ta bort copied_from"
        else:
            circle = " → ".join([*seen, entry_id])
            message = f"kopieringen går runt i en cirkel: {circle}"
            hint = "en förlaga måste vara äldre än kopian: rätta copied_from i ett av fallen"
        problems.append(Diagnostic(source.rel, source.line_of(("copied_from", "id")), message, hint))
    return problems
