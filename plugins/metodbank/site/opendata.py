"""The library as open data: one JSON file and one CSV file per kind, with a codebook
that explains every column, generated from the models."""

from __future__ import annotations

import csv
import io
import json

from pydantic import BaseModel

from ..content.evidence import grade
from ..content.fieldinfo import nested_model, ordered_fields
from ..content.kinds import KINDS, Kind
from ..content.library import Library
from ..content.urls import page_uri, page_url

LIST_SEPARATOR = " | "
FOLDER = "oppna-data"
GRADED = ("method", "factor", "recommendation")
"""Kinds with a derived evidence grade."""

EXTRA_COLUMNS = [
    ("inferred_fields", "Fält vars värde redaktionen har tolkat (skälen står i inferred).", "lista, text", None),
    ("evidence.step", "Evidenssteg 0–5, räknat fram ur källorna (se Om evidensnivåer).", "heltal", GRADED),
    ("evidence.label", "Evidensstegets namn, till exempel Beskriven.", "text", GRADED),
    ("evidence.flags", "Flaggor: Spridd, Oberoende, Otillräckligt underlag, Ingen eller negativ effekt.", "lista, text", GRADED),
    ("evidence.next_step", "Vad som skulle ta posten ett steg upp.", "text", GRADED),
    ("evidence.declaration", "Kunskapsdeklaration: betyg A–D per område.", "lista, text", GRADED),
    ("evidence.cases", "Antal fall bakom bedömningen (tolkade kopplingar räknas inte).", "heltal", GRADED),
    ("evidence.review_due", "När underlaget ska granskas igen.", "datum ÅÅÅÅ-MM-DD", GRADED),
]  # fmt: skip
"""Derived columns after the model's own: (name, description, value, kinds or None for all)."""


def extra_columns(kind: Kind) -> list[tuple[str, str, str]]:
    return [
        (name, text, what) for name, text, what, kinds in EXTRA_COLUMNS if kinds is None or kind.name in kinds
    ]


def data_files(kind: Kind) -> dict[str, str]:
    return {"json": f"{FOLDER}/{kind.section}.json", "csv": f"{FOLDER}/{kind.section}.csv"}


def columns(model: type[BaseModel], prefix: str = "") -> list[tuple[str, object]]:
    """(column name, field) of every CSV column: sub-fields of single groups are spread out
    (`effort.level`); lists of groups (steps, sources) stay one column of JSON."""
    out = []
    for name in ordered_fields(model):
        field = model.model_fields[name]
        inner, is_list = nested_model(field.annotation)
        if inner is not None and not is_list:
            out.extend(columns(inner, f"{prefix}{name}."))
        else:
            out.append((prefix + name, field))
    return out


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell that starts with one of these as a formula."""


def safe_cell(text: str) -> str:
    """The text as a CSV cell that a spreadsheet shows as text, never runs as a formula
    (OWASP: a leading apostrophe, which Excel and LibreOffice hide)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False) if value else ""
    if isinstance(value, list):
        if any(isinstance(v, dict) for v in value):
            return safe_cell(json.dumps(value, ensure_ascii=False))
        return safe_cell(LIST_SEPARATOR.join(str(v) for v in value))
    return safe_cell(str(value))


def _lookup(record: dict, column: str):
    value = record
    for part in column.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def records(library: Library, kind: Kind, site_url: str) -> list[dict]:
    """Every entry of `kind` as plain data, with its id and web address first, then which
    fields are inferred and (for methods, factors and recommendations) the derived evidence."""
    base = site_url.rstrip("/") + "/"
    rows = []
    for e in library.of_kind(kind.name):
        row = {"id": e.id, "url": base + page_url(page_uri(kind, e.id)), **e.item.model_dump(mode="json")}
        row["inferred_fields"] = list(e.item.inferred)
        if kind.name in GRADED and library.crossrefs is not None:
            evidence = grade(e, library.crossrefs).as_dict()
            evidence["declaration"] = [f"{name} {letter}" for name, letter in evidence["declaration"].items()]
            row["evidence"] = evidence
        rows.append(row)
    return rows


def to_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(kind: Kind, rows: list[dict]) -> str:
    names = ["id", "url"] + [name for name, _ in columns(kind.model)] + [n for n, _, _ in extra_columns(kind)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(_lookup(row, name)) for name in names])
    return out.getvalue()


def export(library: Library, site_url: str) -> dict[str, str]:
    """Site path → file text for every kind's JSON and CSV."""
    files = {}
    for kind in KINDS:
        rows = records(library, kind, site_url)
        paths = data_files(kind)
        files[paths["json"]] = to_json(rows)
        files[paths["csv"]] = to_csv(kind, rows)
    return files
