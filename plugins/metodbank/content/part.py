"""The base of every content model: unknown keys are errors, and each field's docstring is
kept as its description (for messages, templates, the field reference and JSON Schema)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Part(BaseModel):
    """Base for every model: unknown keys are errors, and field docstrings are kept."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, str_strip_whitespace=True)
