"""Reading the content model's fields: their types, vocabulary markers and descriptions.
Shared by the scaffold (templates), the field reference page and the open-data codebook."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .types import KIND_ARTICLES
from .vocabulary import Vocabulary


def vocabulary_marker(annotation) -> dict:
    """The `x-metodbank` marker of a (possibly wrapped) type: vocabulary, municipality or reference."""
    for arg in typing.get_args(annotation):
        if isinstance(arg, FieldInfo) and isinstance(arg.json_schema_extra, dict):
            return arg.json_schema_extra.get("x-metodbank", {})
        found = vocabulary_marker(arg)
        if found:
            return found
    return {}


def unwrap(annotation):
    """(inner type, is_list) for `X`, `X | None`, `list[X]`, `Annotated[X, …]`."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return unwrap(inner[0])
    if origin is list:
        inner, _ = unwrap(typing.get_args(annotation)[0])
        return inner, True
    if origin is typing.Annotated:
        return unwrap(typing.get_args(annotation)[0])
    return annotation, False


def describe_type(field: FieldInfo, vocabulary: Vocabulary) -> str:
    """What kind of value a field takes, in Swedish."""
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    marker = extra.get("x-metodbank") or vocabulary_marker(field.annotation)
    inner, is_list = unwrap(field.annotation)
    if "vocabulary" in marker:
        text = "id ur vokabulären: " + ", ".join(vocabulary.groups[marker["vocabulary"]])
    elif "municipality" in marker:
        text = "kommunens namn, t.ex. Norrköping (se data/kommuner.yml)"
    elif "source_numbers" in marker:
        return "källans nummer i sources (1 är den första), eller en lista av nummer"
    elif "reference" in marker:
        text = "id (filnamnet utan .md) för " + " eller ".join(KIND_ARTICLES[k] for k in marker["reference"])
    elif typing.get_origin(inner) is dict:
        text = 'fältnamn och skäl, till exempel period.start: "Källan säger …"'
    elif typing.get_origin(inner) is typing.Literal:
        text = "ett av: " + ", ".join(typing.get_args(inner))
    elif isinstance(inner, type) and issubclass(inner, BaseModel):
        text = "grupp av fält: " + ", ".join(inner.model_fields)
    elif inner is date:
        text = "datum ÅÅÅÅ-MM-DD"
    elif inner is bool:
        text = "true eller false"
    elif inner is int:
        text = "heltal"
    else:
        text = "text"
    return f"lista, {text}" if is_list else text


def ordered_fields(model: type[BaseModel]) -> list[str]:
    """Field names in reading order: what it is first, sources and review date last."""
    last = ["sources", "further_reading", "last_reviewed"]
    return [n for n in model.model_fields if n not in last] + [n for n in last if n in model.model_fields]


def nested_model(annotation) -> tuple[type[BaseModel] | None, bool]:
    """The model inside a field's type, if any, and whether the field is a list."""
    inner, is_list = unwrap(annotation)
    return (inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None), is_list


@dataclass(frozen=True)
class FieldRow:
    """One field (or sub-field) of a model, flattened: `sources[].title`, `effort.level`."""

    path: str
    required: bool
    what: str
    description: str
    is_list: bool
    nested: bool


def field_rows(model: type[BaseModel], vocabulary: Vocabulary, prefix: str = "") -> list[FieldRow]:
    """Every field and sub-field of `model`, in reading order."""
    rows = []
    for name in ordered_fields(model):
        field = model.model_fields[name]
        inner, is_list = nested_model(field.annotation)
        path = prefix + name
        rows.append(
            FieldRow(
                path,
                field.is_required(),
                describe_type(field, vocabulary),
                field.description or "",
                is_list,
                inner is not None,
            )
        )
        if inner is not None:
            rows.extend(field_rows(inner, vocabulary, path + ("[]." if is_list else ".")))
    return rows
