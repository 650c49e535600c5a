"""What a change to the library touches, in the terms pages record while they render
(`content.deps`): the changed entries themselves, and the questions whose answers contain
them (what points at an entry, who carries a theme or a municipality, a section's list,
the whole library). A page must be rebuilt when its recorded set meets these keys."""

from __future__ import annotations

from ..content.crossrefs import REFERENCE_FIELDS
from ..content.deps import ALL
from ..content.library import Entry, Library
from .taxonomy import FACETS, facet_values, term_map


def entry_keys(entry: Entry) -> set:
    """The recorded questions whose answers contain `entry` (see the module)."""
    model = entry.model
    keys: set = {entry.id, ("kind", entry.kind.name), ALL}
    for name in REFERENCE_FIELDS.get(entry.kind.name, ()):
        keys.update(("in", target) for target in getattr(model, name))
    copied = getattr(model, "copied_from", None)
    if copied is not None:
        keys.add(("in", copied.id))
    for facet in FACETS:
        keys.add((term_map(facet.field), ALL))
        keys.update((term_map(facet.field), value) for value in facet_values(entry, facet))
    return keys


def changed_ids(old: Library, new: Library) -> set[str]:
    """Ids of the entries added, removed or changed (by content hash) from `old` to `new`."""
    before = {i: e.source.digest for i, e in dict.items(old.entries)}
    after = {i: e.source.digest for i, e in dict.items(new.entries)}
    return {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}


def changed_keys(old: Library, new: Library, ids: set[str] | None = None) -> set:
    """Every key a page may have recorded that the change from `old` to `new` touches."""
    ids = changed_ids(old, new) if ids is None else ids
    keys: set = set()
    for entry_id in ids:
        for library in (old, new):
            entry = dict.get(library.entries, entry_id)
            if entry is not None:
                keys |= entry_keys(entry)
    return keys
