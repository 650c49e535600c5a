"""Turn pydantic's errors into Swedish `message — hint` pairs for contributors."""

from __future__ import annotations

import re
import types
import typing

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from .suggest import did_you_mean


def field_name(loc: tuple) -> str:
    """A readable name for a location: `steps[3].title`, counting list items from 1."""
    name = ""
    for part in loc:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def _inner_model(annotation) -> type[BaseModel] | None:
    """The model class inside `X`, `X | None`, `list[X]` or `Annotated[X, …]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model that holds the fields at `loc` (list indexes are skipped)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None
        current = _inner_model(current.model_fields[part].annotation)
    return current


def _field_info(model: type[BaseModel], loc: tuple) -> FieldInfo | None:
    keys = [part for part in loc if isinstance(part, str)]
    if not keys:
        return None
    holder = _model_at(model, tuple(loc[: max(i for i, p in enumerate(loc) if isinstance(p, str))]))
    return holder.model_fields.get(keys[-1]) if holder else None


def _type_name(value) -> str:
    return {
        str: "text",
        int: "ett tal",
        float: "ett tal",
        bool: "ja/nej",
        list: "en lista",
        dict: "en grupp av fält",
        type(None): "tomt",
    }.get(type(value), type(value).__name__)


def describe(error: ErrorDetails, model: type[BaseModel]) -> tuple[str, str]:
    """The Swedish message and hint for one pydantic error on a file of `model`."""
    ctx = error.get("ctx") or {}
    if "hint" in ctx:  # our own PydanticCustomError: message and hint already in Swedish
        return error["msg"], str(ctx["hint"])
    loc = tuple(error["loc"])
    name = field_name(loc)
    value = error.get("input")
    kind = error["type"]
    key = next((p for p in reversed(loc) if isinstance(p, str)), name)

    if value is None and kind not in ("missing", "extra_forbidden"):
        info = _field_info(model, loc)
        what = info.description if info and info.description else "se fältreferensen under Bidra"
        return f"fältet {name!r} är inte ifyllt", f"fyll i: {what}"
    if kind == "missing":
        info = _field_info(model, loc)
        what = f" ({info.description})" if info and info.description else ""
        parent = field_name(loc[:-1])
        where = f" under {parent}" if parent else ""
        return f"fältet {name!r} saknas", f"lägg till '{key}:'{where}{what}"
    if kind == "extra_forbidden":
        holder = _model_at(model, loc[:-1])
        allowed = list(holder.model_fields) if holder else []
        return f"okänt fält {name!r}", did_you_mean(key, allowed, f"tillåtna fält här: {', '.join(allowed)}")
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return (
            f"ogiltigt värde {value!r} i {name!r}",
            did_you_mean(str(value), options, f"välj ett av: {', '.join(options)}"),
        )
    if kind == "string_type":
        return (
            f"fältet {name!r} ska vara text, inte {_type_name(value)}",
            "skriv texten efter kolonet; sätt citattecken runt den om den ser ut som ett tal",
        )
    if kind == "list_type":
        return (
            f"fältet {name!r} ska vara en lista, inte {_type_name(value)}",
            "skriv en lista: [a, b] eller ett värde per rad som börjar med '- '",
        )
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return (
            f"fältet {name!r} ska vara ett heltal, inte {value!r}",
            "skriv bara siffror, utan mellanslag, enhet eller decimaler",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        holder = _model_at(model, loc)
        fields = ", ".join(holder.model_fields) if holder else ""
        return (
            f"fältet {name!r} ska vara en grupp av fält, inte {_type_name(value)}",
            f"skriv underfälten indragna på raderna under ({fields})",
        )
    if kind == "string_too_short":
        return f"fältet {name!r} är tomt eller för kort", f"skriv minst {ctx.get('min_length')} tecken"
    if kind == "string_too_long":
        return (
            f"fältet {name!r} är för långt: {len(str(value))} tecken, högst {ctx.get('max_length')}",
            "korta texten; längre resonemang hör hemma i brödtexten",
        )
    if kind == "too_short":
        return (
            f"fältet {name!r} har {ctx.get('actual_length')} värden, minst {ctx.get('min_length')} behövs",
            "lägg till fler värden i listan",
        )
    if kind == "too_long":
        return f"fältet {name!r} har för många värden", f"högst {ctx.get('max_length')} värden"
    if kind in ("greater_than_equal", "greater_than"):
        return (
            f"fältet {name!r} är för litet: {value!r}",
            f"värdet ska vara minst {ctx.get('ge', ctx.get('gt'))}",
        )
    return f"fältet {name!r}: {error['msg']}", "se fältreferensen under Bidra på webbplatsen"
