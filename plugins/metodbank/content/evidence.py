"""Evidence, derived, never typed: how well a method, success factor or recommendation is
backed, computed from the kinds of the sources behind it and from the cases that used it.

The anchors: Nesta's standards of evidence, the Dutch recognition system (goed beschreven →
goed onderbouwd → effectief), the explicit "no effect" and "inconclusive" categories of EIF
and CrimeSolutions, and the Danish vidensdeklaration (a grade per dimension, not one number).

Only what a source states counts: a value marked `inferred`, a result that cites no source
and a case linked by inference are left out of every step, flag, grade and count. The rule
texts below are printed on the "Om evidensnivåer" page, so the page and the code cannot drift.

    grade(entry, refs) -> Grade   # .step, .label, .flags, .next_step, .declaration, .counts …
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from .evidence_rules import (
    CAP,
    CAP_RULE,
    CHANGE,
    DIMENSIONS,
    EFFECT,
    FLAGS,
    GRADES,
    LADDER,
    NO_EFFECT,
    REVIEW_RULE,
    REVIEW_YEARS,
    STRONG_KINDS,
    Rung,
)
from .provenance import is_inferred

__all__ = [
    "CAP_RULE", "DIMENSIONS", "FLAGS", "GRADES", "LADDER", "REVIEW_RULE", "Counts", "Dimension", "Grade",
    "Rung", "counts", "evidence_cases", "grade",
]  # fmt: skip

# --- the result -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """What lies behind a grade, counting only documented, uninferred values."""

    cases: int
    municipalities: int
    organisations: int
    first_year: int | None
    last_year: int | None
    source_kinds: tuple[tuple[str, int], ...]
    copies: int = 0
    """How many of the cases copied another case or a method (by a documented lineage)."""

    @property
    def years(self) -> int:
        return 0 if self.first_year is None else self.last_year - self.first_year + 1

    def sentence(self) -> str:
        """'Använd i 3 fall i 2 kommuner, 2018–2019.' (never 'prövad': use is not a test)."""
        if self.cases == 0:
            return "Ännu inte dokumenterad i något fall i Metodbanken."
        text = f"Använd i {self.cases} fall"
        if self.municipalities:
            text += f" i {self.municipalities} {'kommun' if self.municipalities == 1 else 'kommuner'}"
        if self.first_year is not None:
            span = self.first_year == self.last_year
            text += f", {self.first_year}" + ("" if span else f"–{self.last_year}")
        text += "."
        if self.copies:
            text += f" {self.copies} av fallen är {'en kopia' if self.copies == 1 else 'kopior'} med förlaga."
        return text


@dataclass(frozen=True)
class Dimension:
    name: str
    grade: str
    why: str


@dataclass(frozen=True)
class Grade:
    """The derived evidence of one entry. Stable API: `.step`, `.label`, `.flags`, `.next_step`."""

    step: int
    label: str
    flags: tuple[str, ...]
    next_step: str
    self_reported: bool
    """Every source comes from those who ran the work (so the step is at most `CAP`)."""
    capped: bool
    """The cap lowered the step."""
    declaration: tuple[Dimension, ...]
    counts: Counts
    as_of: date
    """The oldest review date among the entry and the cases behind it."""
    review_due: date

    def overdue(self, today: date | None = None) -> bool:
        return (today or date.today()) > self.review_due

    def summary(self) -> str:
        """'Steg 1 av 5: Beskriven · Otillräckligt underlag'."""
        return " · ".join((f"Steg {self.step} av 5: {self.label}", *self.flags))

    def as_dict(self) -> dict:
        """Plain data for the finder catalogue and open data."""
        return {
            "step": self.step,
            "label": self.label,
            "flags": list(self.flags),
            "next_step": self.next_step,
            "self_reported": self.self_reported,
            "declaration": {d.name: d.grade for d in self.declaration},
            "cases": self.counts.cases,
            "municipalities": self.counts.municipalities,
            "organisations": self.counts.organisations,
            "years": self.counts.years,
            "source_kinds": dict(self.counts.source_kinds),
            "as_of": self.as_of.isoformat(),
            "review_due": self.review_due.isoformat(),
        }


# --- what counts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """A cited, uninferred result of a case: what it shows and the kinds of its sources."""

    shows: str
    kinds: frozenset[str]
    independent: bool
    sources: frozenset[tuple[str, str]]


def _linked(case, field: str, target: str) -> bool:
    """Whether `case` names `target` in `field` without an inferred marker on that link."""
    values = getattr(case.item, field, None) or []
    return any(v == target and not is_inferred(case.item, f"{field}[{i + 1}]") for i, v in enumerate(values))


def evidence_cases(entry, refs) -> list:
    """The cases whose link to `entry` a source states (inferred links never count)."""
    lib = refs.library.entries
    if entry.kind.name == "method":
        found = [c for c in refs.cases_using(entry.id) if _linked(c, "methods", entry.id)]
    else:
        found = [lib[c] for c in dict.fromkeys(entry.item.cases) if c in lib and _linked(entry, "cases", c)]
        if entry.kind.name == "factor":
            found += [
                c
                for c in refs.referring(entry.id, "case", "success_factors")
                if _linked(c, "success_factors", entry.id)
            ]
    unique = {c.id: c for c in found}
    return sorted(unique.values(), key=lambda c: c.title.lower())


def findings(cases) -> list[Finding]:
    out = []
    for case in cases:
        for index, result in enumerate(case.item.results):
            if not result.source or is_inferred(case.item, f"results[{index + 1}]"):
                continue
            cited = [case.item.sources[n - 1] for n in result.source if n <= len(case.item.sources)]
            out.append(
                Finding(
                    result.shows,
                    frozenset(s.kind for s in cited),
                    any(s.independent for s in cited),
                    frozenset((s.title, str(s.date)) for s in cited),
                )
            )
    return out


def _years(cases) -> list[int]:
    years = []
    for case in cases:
        period = case.item.period
        for part in ("start", "end"):
            value = getattr(period, part, None) if period else None
            if value and not is_inferred(case.item, f"period.{part}"):
                years.append(int(value[:4]))
    return years


def _sources(entry, cases) -> list:
    """The sources behind a grade, each once (by title and date)."""
    seen = {}
    for holder in [entry, *cases]:
        for source in holder.item.sources:
            seen.setdefault((source.title, str(source.date)), source)
    return list(seen.values())


def _copies(cases, entry, refs) -> int:
    copied = [c for c in cases if c.item.copied_from and not is_inferred(c.item, "copied_from.id")]
    direct = [
        c
        for c in refs.copies_of(entry.id)
        if not is_inferred(c.item, "copied_from.id") and c.id not in {x.id for x in copied}
    ]
    return len(copied) + len(direct)


def counts(entry, refs, cases=None) -> Counts:
    cases = evidence_cases(entry, refs) if cases is None else cases
    places = {
        c.item.municipality for c in cases if c.item.municipality and not is_inferred(c.item, "municipality")
    }
    organisations = {
        org for c in cases for i, org in enumerate(c.item.organisations) if _linked(c, "organisations", org)
    }
    years = _years(cases)
    kinds = Counter(s.kind for s in _sources(entry, cases))
    return Counts(
        cases=len(cases),
        municipalities=len(places),
        organisations=len(organisations),
        first_year=min(years) if years else None,
        last_year=max(years) if years else None,
        source_kinds=tuple(sorted(kinds.items())),
        copies=_copies(cases, entry, refs),
    )


# --- the rule, as code ------------------------------------------------------------------------


def missing_description(entry) -> list[str]:
    """What must be written down before step 1 (in Swedish), empty when nothing is missing."""
    item = entry.item
    wanted = {"målgrupp": item.target_groups}
    if entry.kind.name == "method":
        wanted |= {"syfte": item.purpose, "steg": item.steps, "förutsättningar": item.prerequisites}
    else:
        wanted["beskrivning"] = entry.source.body.strip()
    return [name for name, value in wanted.items() if not value]


def ladder_step(entry, cases, found: list[Finding], sources) -> int:
    """The step before the cap: each step needs every lower step's rule too."""
    if missing_description(entry) or not cases:
        return 0
    if not any(s.kind == "forskning" for s in sources):
        return 1
    if not any(f.shows in CHANGE for f in found):
        return 2
    evaluations = {
        src for f in found if f.shows == "jämförd effekt" and f.kinds & STRONG_KINDS for src in f.sources
    }
    if not evaluations:
        return 3
    independent = any(f.independent for f in found if f.shows == "jämförd effekt" and f.kinds & STRONG_KINDS)
    return 5 if len(evaluations) >= 2 and independent else 4


def flags(cases, found: list[Finding], sources, copies: int, organisations: int) -> tuple[str, ...]:
    out = []
    if (len(cases) >= 2 and organisations >= 2) or copies:
        out.append("Spridd")
    if any(s.independent and s.kind in STRONG_KINDS for s in sources):
        out.append("Oberoende")
    if any(f.shows in NO_EFFECT for f in found):
        out.append("Ingen eller negativ effekt")
    elif not any(f.shows in EFFECT for f in found):
        out.append("Otillräckligt underlag")
    return tuple(out)


USE_WANTED = {
    "method": "ett fall i Metodbanken där metoden används, med källa",
    "factor": "ett fall i Metodbanken där källan visar framgångsfaktorn, utan tolkning",
    "recommendation": "ett fall i Metodbanken som rekommendationen bygger på, utan tolkning",
}
"""'Nästa steg' at step 0 when nothing documented supports the entry yet."""


def next_step(entry, step: int, used: bool, capped_at_cap: bool) -> str:
    """What evidence would move the entry one step up."""
    if step == 0:
        missing = missing_description(entry)
        parts = ["en beskrivning av " + _join(missing)] if missing else []
        if not used:
            parts.append(USE_WANTED.get(entry.kind.name, USE_WANTED["method"]))
        return _capital(" och ".join(parts)) + "."
    if step >= len(LADDER) - 1:
        return "Högsta steget: håll underlaget aktuellt och granska det igen i tid."
    text = _capital(LADDER[step + 1].to_reach)
    if capped_at_cap:
        text += ", och en källa från någon utanför dem som genomförde arbetet"
    return text + "."


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " och " + words[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _graded(written: bool, backed: bool, strong: bool) -> str:
    return "D" if not written else "C" if not backed else "A" if strong else "B"


def declaration(entry, cases, found: list[Finding], sources) -> tuple[Dimension, ...]:
    """Kunskapsdeklaration: A–D on målgrupp, metod, genomförande, effekt and ekonomi."""
    item = entry.item
    strong = any(s.kind in STRONG_KINDS for s in sources)
    is_method = entry.kind.name == "method"
    effects = [f for f in found if f.shows in EFFECT]
    said = any(r.shows in EFFECT or r.shows == "bedömning" for c in cases for r in c.item.results)
    effort = getattr(item, "effort", None)
    cost = effort is not None and (effort.hours is not None or effort.cost_sek is not None)
    cost_backed = cost and not any(
        is_inferred(item, f"effort.{f}") for f in ("hours", "cost_sek") if getattr(effort, f) is not None
    )
    method_written = bool(item.steps) if is_method else bool(item.methods)
    method_backed = not is_inferred(item, "steps" if is_method else "methods")
    grades = {
        "målgrupp": _graded(
            bool(item.target_groups),
            any(not is_inferred(c.item, "target_groups") for c in cases)
            and not is_inferred(item, "target_groups"),
            strong,
        ),
        "metod": _graded(method_written, method_backed, strong),
        "genomförande": _graded(bool(cases) or bool(getattr(item, "cases", None)), bool(cases), strong),
        "effekt": _graded(bool(effects) or said, bool(effects), any(f.kinds & STRONG_KINDS for f in effects)),
        "ekonomi": "D" if effort is None else _graded(True, cost_backed, strong),
    }
    return tuple(Dimension(name, grade, GRADES[grade]) for name, grade in grades.items())


def grade(entry, refs, today: date | None = None) -> Grade:
    """The derived evidence of a method, success factor or recommendation."""
    cases = evidence_cases(entry, refs)
    found = findings(cases)
    sources = _sources(entry, cases)
    tally = counts(entry, refs, cases)
    raw = ladder_step(entry, cases, found, sources)
    self_reported = not any(s.independent for s in sources)
    step = min(raw, CAP) if self_reported else raw
    as_of = min([entry.item.last_reviewed, *(c.item.last_reviewed for c in cases)])
    years = REVIEW_YEARS["high" if step >= CAP else "low"]
    return Grade(
        step=step,
        label=LADDER[step].label,
        flags=flags(cases, found, sources, tally.copies, tally.organisations),
        next_step=next_step(entry, step, bool(cases), self_reported and step == CAP),
        self_reported=self_reported,
        capped=step < raw,
        declaration=declaration(entry, cases, found, sources),
        counts=tally,
        as_of=as_of,
        review_due=_add_years(as_of, years),
    )


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
