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
    kind = error["type"]
    if error.get("input") is None and kind not in ("missing", "extra_forbidden"):
        kind = "empty"
    handler = _HANDLERS.get(kind)
    if handler is None:
        return (
            f"fältet {field_name(loc)!r} har ett ogiltigt värde: {error.get('input')!r}",
            "jämför med mallen och fältreferensen under Bidra på webbplatsen",
        )
    return handler(field_name(loc), loc, error.get("input"), ctx, model)


def _empty(name, loc, value, ctx, model):
    info = _field_info(model, loc)
    what = info.description if info and info.description else "se fältreferensen under Bidra"
    return f"fältet {name!r} är inte ifyllt", f"fyll i: {what}"


def _missing(name, loc, value, ctx, model):
    info = _field_info(model, loc)
    what = f" ({info.description})" if info and info.description else ""
    parent = field_name(loc[:-1])
    where = f" under {parent}" if parent else ""
    return f"fältet {name!r} saknas", f"lägg till '{_key(loc, name)}:'{where}{what}"


def _extra(name, loc, value, ctx, model):
    holder = _model_at(model, loc[:-1])
    allowed = list(holder.model_fields) if holder else []
    return f"okänt fält {name!r}", did_you_mean(
        _key(loc, name), allowed, f"tillåtna fält här: {', '.join(allowed)}"
    )


def _literal(name, loc, value, ctx, model):
    options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
    if isinstance(value, bool):  # YAML reads no, yes, on, off as true/false
        return (
            f"värdet i {name!r} lästes som ja/nej (no, yes, on, off och liknande)",
            f"välj ett av: {', '.join(options)}",
        )
    return (
        f"ogiltigt värde {value!r} i {name!r}",
        did_you_mean(str(value), options, f"välj ett av: {', '.join(options)}"),
    )


def _group(name, loc, value, ctx, model):
    holder = _model_at(model, loc)
    fields = ", ".join(holder.model_fields) if holder else ""
    return (
        f"fältet {name!r} ska vara en grupp av fält, inte {_type_name(value)}",
        f"skriv underfälten indragna på raderna under ({fields})",
    )


def _key(loc: tuple, name: str) -> str:
    return next((p for p in reversed(loc) if isinstance(p, str)), name)


def _fixed(message: str, hint: str):
    """A handler whose message and hint are templates over name, value, ctx and type."""

    def handler(name, loc, value, ctx, model):
        values = {
            "name": repr(name),
            "value": repr(value),
            "type": _type_name(value),
            "length": len(str(value)),
        }
        values.update({key: ctx.get(key) for key in ("min_length", "max_length", "actual_length")})
        values["bound"] = ctx.get("ge", ctx.get("gt"))
        values["upper"] = ctx.get("le", ctx.get("lt"))
        return message.format(**values), hint.format(**values)

    return handler


_INTEGER = _fixed(
    "fältet {name} ska vara ett heltal, inte {value}",
    "skriv bara siffror, utan mellanslag, enhet eller decimaler",
)
_TOO_SMALL = _fixed("fältet {name} är för litet: {value}", "värdet ska vara minst {bound}")

_HANDLERS = {
    "empty": _empty,
    "missing": _missing,
    "extra_forbidden": _extra,
    "literal_error": _literal,
    "model_type": _group,
    "dict_type": _group,
    "model_attributes_type": _group,
    "string_type": _fixed(
        "fältet {name} ska vara text, inte {type}",
        "skriv texten efter kolonet; sätt citattecken runt den om den ser ut som ett tal",
    ),
    "list_type": _fixed(
        "fältet {name} ska vara en lista, inte {type}",
        "skriv en lista: [a, b] eller ett värde per rad som börjar med '- '",
    ),
    "int_type": _INTEGER,
    "int_parsing": _INTEGER,
    "int_from_float": _INTEGER,
    "string_too_short": _fixed("fältet {name} är tomt eller för kort", "skriv minst {min_length} tecken"),
    "string_too_long": _fixed(
        "fältet {name} är för långt: {length} tecken, högst {max_length}",
        "korta texten; längre resonemang hör hemma i brödtexten",
    ),
    "too_short": _fixed(
        "fältet {name} har {actual_length} värden, minst {min_length} behövs",
        "lägg till fler värden i listan",
    ),
    "too_long": _fixed("fältet {name} har för många värden", "högst {max_length} värden"),
    "less_than_equal": _fixed("fältet {name} är för stort: {value}", "värdet får vara högst {upper}"),
    "greater_than_equal": _TOO_SMALL,
    "greater_than": _TOO_SMALL,
}
"""The Swedish message and hint for each kind of pydantic error."""
