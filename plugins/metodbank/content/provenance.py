"""Where each value comes from: the editors' `inferred` markers and the source numbers that
claims cite, checked against the file they sit in, and read by every page that shows them.

A marker names a field by its path, as the error messages do: `period.start`, `status`,
`organisations[2]` (list items count from 1), `effort.level`. A marker on a group or a list
covers everything in it. Each problem is a `path:line` diagnostic at the marker's own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel

from .diagnostics import Diagnostic
from .fieldinfo import nested_model
from .frontmatter import SourceFile
from .suggest import did_you_mean

NOT_MARKABLE = frozenset({"title", "summary", "sources", "last_reviewed", "inferred", "quotes"})
"""Fields that are never a structured value of their own (the sources are the provenance)."""

SEGMENT = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?$")

FIELD_LABELS = {
    "scope": "omfattning", "municipality": "kommun", "district": "stadsdel", "organisations": "aktörer",
    "period": "period", "period.start": "startår", "period.end": "slutår", "status": "status",
    "question": "fråga", "goals": "mål", "methods": "metoder", "success_factors": "framgångsfaktorer",
    "results": "resultat", "copied_from": "förlaga", "copied_from.id": "förlaga",
    "copied_from.changes": "ändringar mot förlagan", "contact": "kontakt", "contact.name": "kontaktperson",
    "themes": "teman", "target_groups": "målgrupper", "purpose": "syfte", "when_to_use": "när den passar",
    "steps": "steg", "roles": "roller", "prerequisites": "förutsättningar", "effort": "insats",
    "effort.level": "insatsnivå", "effort.time": "tidsåtgång", "effort.hours": "arbetstimmar",
    "effort.cost_sek": "kostnad", "risks": "risker", "checklist": "checklista", "core": "kärnan",
    "adaptable": "det som kan anpassas", "not_when": "när den inte passar", "combine_with": "kombinationer",
    "cases": "fall", "type": "aktörstyp", "website": "webbplats",
}  # fmt: skip
"""Swedish names of the fields a marker can name, for cards, plans and reports."""


def field_label(path: str) -> str:
    """'organisations[2]' → 'aktörer (nr 2)', 'period.start' → 'startår'."""
    match = re.fullmatch(r"(.*?)\[(\d+)\](.*)", path)
    if match and not match.group(3):
        return f"{FIELD_LABELS.get(match.group(1), match.group(1))} (nr {match.group(2)})"
    bare = re.sub(r"\[\d+\]", "", path)
    return FIELD_LABELS.get(bare) or FIELD_LABELS.get(bare.split(".")[0], bare)


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


@dataclass(frozen=True)
class MarkerProblem:
    message: str
    hint: str


def markable_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every path a marker may name (without list indexes), for 'did you mean' hints."""
    paths = []
    for name, field in model.model_fields.items():
        if not prefix and name in NOT_MARKABLE:
            continue
        paths.append(prefix + name)
        inner, is_list = nested_model(field.annotation)
        if inner is not None and not is_list:
            paths.extend(markable_paths(inner, f"{prefix}{name}."))
    return paths


def resolve(model: type[BaseModel], item: BaseModel, path: str) -> MarkerProblem | None:
    """None when `path` names a filled value of `item`, else what is wrong with the marker."""
    unknown = MarkerProblem(
        f"okänt fält {path!r} i inferred",
        did_you_mean(
            path, markable_paths(model), "skriv fältets namn som i filen, till exempel period.start"
        ),
    )
    current_model, value = model, item
    for depth, segment in enumerate(path.split(".")):
        match = SEGMENT.match(segment)
        if match is None or current_model is None:
            return unknown
        name, index = match.group(1), match.group(2)
        if name not in current_model.model_fields or (depth == 0 and name in NOT_MARKABLE):
            return unknown
        inner, is_list = nested_model(current_model.model_fields[name].annotation)
        value = getattr(value, name, None) if value is not None else None
        if index is not None:
            if not is_list and not isinstance(value, list):
                return MarkerProblem(
                    f"{name!r} är ingen lista, så {segment!r} i inferred pekar inte på något",
                    f"skriv bara {name!r} utan [ ]",
                )
            count = len(value or [])
            if not 1 <= int(index) <= count:
                return MarkerProblem(
                    f"{path!r} i inferred pekar på värde {index}, men {name!r} har {count}",
                    "räkna värdena från 1 i den ordning de står i filen",
                )
            value = value[int(index) - 1]
        elif is_list and inner is not None and depth < len(path.split(".")) - 1:
            return MarkerProblem(
                f"{path!r} i inferred säger inte vilket värde i listan {name!r} det gäller",
                f"skriv numret på värdet, till exempel {name}[1].{path.split('.', depth + 1)[-1]}",
            )
        current_model = inner
    if _empty(value):
        return MarkerProblem(
            f"{path!r} är markerat som tolkat men har inget värde i filen",
            "ta bort markeringen, eller fyll i värdet och behåll skälet",
        )
    return None


def _claims(item: BaseModel):
    """(location, claim) for every part of `item` that can cite sources by number."""
    for name in type(item).model_fields:
        value = getattr(item, name)
        values = value if isinstance(value, list) else [value]
        for index, part in enumerate(values):
            if isinstance(part, BaseModel) and "source" in type(part).model_fields:
                yield ((name, index) if isinstance(value, list) else (name,)), part


def check_provenance(kind, source: SourceFile, item: BaseModel) -> list[Diagnostic]:
    """Markers that name no filled field, cited source numbers beyond the list, and a method
    combined with itself; each at its line."""
    problems = []
    for path in getattr(item, "inferred", {}) or {}:
        problem = resolve(type(item), item, path)
        if problem is not None:
            line = source.line_of(("inferred", path))
            problems.append(Diagnostic(source.rel, line, problem.message, problem.hint))
    count = len(item.sources)
    for loc, claim in _claims(item):
        for number in claim.source or []:
            if number > count:
                problems.append(
                    Diagnostic(
                        source.rel,
                        source.line_of(loc + ("source",)),
                        f"källa {number} finns inte (filen har {count} {'källa' if count == 1 else 'källor'})",
                        "källorna räknas från 1 i den ordning de står under sources",
                    )
                )
    for index, combination in enumerate(getattr(item, "combine_with", [])):
        if combination.id == source.path.stem:
            problems.append(
                Diagnostic(
                    source.rel,
                    source.line_of(("combine_with", index, "id")),
                    f"metoden kombineras med sig själv ({combination.id!r})",
                    "ange id:t för en annan metod",
                )
            )
    return problems


# --- what the pages read ----------------------------------------------------------------------


def _prefixes(path: str):
    """'organisations[2]' → itself, 'organisations'; 'period.start' → itself, 'period'."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        head = ".".join(parts[:end])
        yield head
        bare = re.sub(r"\[\d+\]$", "", head)
        if bare != head:
            yield bare


def inferred_reason(item: BaseModel, path: str) -> str | None:
    """The editors' reason when the value at `path` (or a group or list around it) is inferred."""
    markers = getattr(item, "inferred", None) or {}
    for candidate in _prefixes(path):
        if candidate in markers:
            return markers[candidate]
    return None


def is_inferred(item: BaseModel, path: str) -> bool:
    return inferred_reason(item, path) is not None


def uncited_claims(item: BaseModel) -> list[str]:
    """Paths of the claims that cite no source: results, goals and what changed in a copy."""
    found = []
    for name in ("goals", "results"):
        for index, claim in enumerate(getattr(item, name, []) or []):
            if not claim.source:
                found.append(f"{name}[{index + 1}]")
    copied = getattr(item, "copied_from", None)
    if copied is not None and not copied.source:
        found.append("copied_from.changes")
    return found


def provenance_lines(entries) -> list[str]:
    """`invoke report`: per entry, how many structured values are inferred and how many claims
    cite no source, worst first (entries with neither are left out)."""
    scored = []
    for entry in entries:
        inferred = len(getattr(entry.item, "inferred", {}) or {})
        uncited = uncited_claims(entry.item)
        if inferred or uncited:
            scored.append((inferred + len(uncited), inferred, uncited, entry.source.rel))
    scored.sort(key=lambda row: (-row[0], row[3]))
    lines = [
        f"  {inferred:>2} tolkade  {len(uncited):>2} utan källa  {rel}"
        + (f"  ({', '.join(uncited)})" if uncited else "")
        for _, inferred, uncited, rel in scored
    ]
    return lines or ["  Inget – alla värden anges av en källa och alla påståenden hänvisar till en."]
