"""How complete a case is: the share of recommended fields that are filled, and which are
missing. Shown as a badge on the case page and listed by `invoke report`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .library import Entry, Library
from .provenance import provenance_lines

STALE_AFTER = timedelta(days=730)
"""Content not reviewed for two years is listed for review."""

RECOMMENDED = (
    ("district", "stadsdel"),
    ("period", "period"),
    ("question", "fråga"),
    ("goals", "mätbara mål"),
    ("methods", "metoder"),
    ("success_factors", "framgångsfaktorer"),
    ("results", "resultat"),
    ("contact", "kontakt"),
    ("source_url", "källans webbadress"),
    ("source_date", "källans datum"),
)
"""(field, Swedish name) of the fields a case should have beyond the required ones."""


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.percent} %" + (f" (saknas: {', '.join(self.missing)})" if self.missing else "")


def _filled(item, field: str) -> bool | None:
    """Whether a recommended field is filled; None when it does not apply to this case."""
    if field == "district" and item.scope == "nationell":
        return None
    if field == "source_url":
        return any(source.url for source in item.sources)
    if field == "source_date":
        return any(source.date for source in item.sources)
    return bool(getattr(item, field))


def completeness(entry: Entry) -> Completeness:
    checks = [(name, _filled(entry.item, field)) for field, name in RECOMMENDED]
    applicable = [(name, filled) for name, filled in checks if filled is not None]
    done = sum(1 for _, filled in applicable if filled)
    return Completeness(
        round(100 * done / len(applicable)), tuple(name for name, filled in applicable if not filled)
    )


def stale(library: Library, today: date | None = None) -> list[Entry]:
    """Entries last reviewed more than two years ago, oldest first."""
    limit = (today or date.today()) - STALE_AFTER
    old = [e for e in library.entries.values() if e.item.last_reviewed < limit]
    return sorted(old, key=lambda e: (e.item.last_reviewed, e.source.rel))


def report(library: Library, today: date | None = None) -> str:
    """The text of `invoke report`: completeness of every case, inferred values and uncited
    claims per entry, then stale content."""
    lines = ["Fullständighet per fall (lägst först):", ""]
    scored = sorted(
        ((completeness(e), e) for e in library.of_kind("case")), key=lambda p: (p[0].percent, p[1].id)
    )
    for score, entry in scored:
        lines.append(
            f"  {score.percent:>3} %  {entry.source.rel}"
            + (f"  saknas: {', '.join(score.missing)}" if score.missing else "")
        )
    lines += [
        "",
        "Tolkade värden och påståenden utan källa per post (flest först):",
        "",
        *provenance_lines(sorted(library.entries.values(), key=lambda e: e.source.rel)),
    ]
    lines += ["", "Innehåll som inte granskats på över två år (äldst först):", ""]
    old = stale(library, today)
    lines += [f"  {e.item.last_reviewed.isoformat()}  {e.source.rel}" for e in old] or [
        "  Inget – allt är granskat de senaste två åren."
    ]
    return "\n".join(lines)
