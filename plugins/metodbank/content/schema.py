"""JSON Schema of each kind of content file, generated from the models (one source of
truth) and committed under `schemas/`, so editors complete and check front matter."""

from __future__ import annotations

import json
from pathlib import Path

from .ids import ID_PATTERN
from .kinds import KINDS, Kind
from .vocabulary import Vocabulary

SCHEMA_DIR = "schemas"


def schema_file(kind: Kind) -> str:
    return f"{SCHEMA_DIR}/{kind.name}.schema.json"


def _resolve_markers(node, vocabulary: Vocabulary):
    """Replace the models' `x-metodbank` markers with the values editors should offer."""
    if isinstance(node, list):
        return [_resolve_markers(item, vocabulary) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _resolve_markers(value, vocabulary) for key, value in node.items()}
    marker = node.pop("x-metodbank", None)
    if marker:
        if "vocabulary" in marker:
            terms = vocabulary.groups[marker["vocabulary"]]
            node["enum"] = list(terms)
            node["description"] = "Ett av: " + ", ".join(
                f"{key} ({term.label})" for key, term in terms.items()
            )
        elif "municipality" in marker:
            node["enum"] = list(vocabulary.municipalities)
        elif "reference" in marker:
            node["pattern"] = ID_PATTERN.pattern
    return node


def kind_schema(kind: Kind, vocabulary: Vocabulary) -> dict:
    schema = kind.model.model_json_schema()
    schema = _resolve_markers(schema, vocabulary)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://metodbanken.example.se/{schema_file(kind)}",
        **schema,
        "title": f"Metodbanken: {kind.singular.lower()}",
    }


def render_schemas(vocabulary: Vocabulary) -> dict[str, str]:
    """File path → JSON text, for every kind."""
    return {
        schema_file(kind): json.dumps(kind_schema(kind, vocabulary), ensure_ascii=False, indent=2) + "\n"
        for kind in KINDS
    }


def write_schemas(root: Path) -> list[Path]:
    written = []
    for rel, text in render_schemas(Vocabulary.load(root / "data")).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
