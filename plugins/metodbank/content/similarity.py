"""Near-duplicate warnings: a new or changed case that reads very much like an existing one
is probably the same case submitted twice. Compared by shared word sequences (shingles)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from .diagnostics import Diagnostic
from .library import Entry, Library

SHINGLE = 4
THRESHOLD = 0.5


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return frozenset(tuple(words[i : i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1)))


def _text(entry: Entry) -> str:
    item = entry.item
    return " ".join([item.title, item.summary, getattr(item, "question", None) or "", entry.source.body])


def changed_files(root: Path) -> set[str]:
    """Content files changed in the work tree, plus those changed since `METODBANK_BASE` (a git
    ref, e.g. the pull request's base branch) when it is set. Empty outside git."""

    def git(*args: str) -> list[str]:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        return result.stdout.splitlines() if result.returncode == 0 else []

    changed = {line[3:].strip() for line in git("status", "--porcelain", "--untracked-files=all")}
    base = os.environ.get("METODBANK_BASE")
    if base:
        changed |= set(git("diff", "--name-only", f"{base}...HEAD"))
    return {path for path in changed if path.endswith(".md")}


def near_duplicates(library: Library, changed: set[str]) -> list[Diagnostic]:
    """A warning for each changed case whose text overlaps an existing case's by THRESHOLD or more."""
    cases = library.of_kind("case")
    prints = {entry.id: shingles(_text(entry)) for entry in cases}
    warnings = []
    for entry in cases:
        if entry.source.rel not in changed or not prints[entry.id]:
            continue
        for other in cases:
            if other.id == entry.id or not prints[other.id]:
                continue
            a, b = prints[entry.id], prints[other.id]
            overlap = len(a & b) / len(a | b)
            if overlap >= THRESHOLD:
                warnings.append(
                    Diagnostic(
                        entry.source.rel,
                        1,
                        f"fallet liknar {other.source.rel} mycket ({round(overlap * 100)} % samma formuleringar)",
                        "kontrollera att det inte är samma fall; slå i så fall ihop filerna, annars beskriv skillnaden",
                        severity="warning",
                    )
                )
    return warnings
