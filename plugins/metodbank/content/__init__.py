"""The content model and everything that reads it: pydantic models with a docstring per
field, the front-matter reader with line numbers, the vocabulary and municipalities, ids,
loading and validating the whole library in two passes, Swedish messages, the cross-reference
index (backlinks, evidence, lineage), site URLs of entries, JSON Schema, templates for
`invoke new`, completeness and near-duplicate warnings.

The bottom layer: it imports nothing else of ours. Rules owned by other packages (such as
the card limits) come in as `checks` passed to `read_library`.
"""
