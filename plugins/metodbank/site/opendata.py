"""The library as open data: one JSON file and one CSV file per kind, with a codebook
that explains every column, generated from the models."""

from __future__ import annotations

import csv
import io
import json

from pydantic import BaseModel

from ..content.fieldinfo import nested_model, ordered_fields
from ..content.kinds import KINDS, Kind
from ..content.library import Library
from ..content.urls import page_uri, page_url

LIST_SEPARATOR = " | "
FOLDER = "oppna-data"


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
    """Every entry of `kind` as plain data, with its id and web address first."""
    base = site_url.rstrip("/") + "/"
    return [
        {"id": e.id, "url": base + page_url(page_uri(kind, e.id)), **e.item.model_dump(mode="json")}
        for e in library.of_kind(kind.name)
    ]


def to_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(kind: Kind, rows: list[dict]) -> str:
    names = ["id", "url"] + [name for name, _ in columns(kind.model)]
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
