"""What a change to the library touches, in the terms pages record while they render
(`content.deps`): the changed entries themselves, and the questions whose answers contain
them (what points at an entry, who carries a theme or a municipality, a section's list,
the whole library). A page must be rebuilt when its recorded set meets these keys."""

from __future__ import annotations

from ..content.deps import ALL
from ..content.library import Entry, Library
from .taxonomy import FACETS, facet_values, term_exists, term_map


def entry_keys(entry: Entry, ids=()) -> set:
    """The recorded questions whose answers contain `entry` (see the module); `ids` are the
    library's ids, so that every reference the entry makes counts, whatever its field."""
    keys: set = {entry.id, ("kind", entry.kind.name), ALL}
    keys.update(("in", target) for target in referenced(entry, ids))
    for facet in FACETS:
        keys.add((term_map(facet.field), ALL))
        keys.update((term_map(facet.field), value) for value in facet_values(entry, facet))
    return keys


def referenced(entry: Entry, ids) -> set[str]:
    """Every id the entry's fields name: the reference fields (`REFERENCE_FIELDS`), a copy's
    original, combinations, and any field added later that holds an id."""
    found: set[str] = set()
    stack = [entry.model.model_dump()]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if value in ids and value != entry.id:
                found.add(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list | tuple | set):
            stack.extend(value)
    return found


def changed_ids(old: Library, new: Library) -> set[str]:
    """Ids of the entries added, removed or changed (by content hash) from `old` to `new`."""
    before = {i: e.source.digest for i, e in dict.items(old.entries)}
    after = {i: e.source.digest for i, e in dict.items(new.entries)}
    return {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}


def changed_keys(old: Library, new: Library, ids: set[str] | None = None) -> set:
    """Every key a page may have recorded that the change from `old` to `new` touches."""
    ids = changed_ids(old, new) if ids is None else ids
    known = dict.keys(old.entries) | dict.keys(new.entries)
    keys: set = set()
    for entry_id in ids:
        versions = [dict.get(library.entries, entry_id) for library in (old, new)]
        for entry in versions:
            if entry is not None:
                keys |= entry_keys(entry, known)
        keys |= _pages_that_come_or_go(old, new, versions)
    return keys


def _pages_that_come_or_go(old: Library, new: Library, versions: list) -> set:
    """Keys of the values (themes, target groups, municipalities) an entry took up or left
    whose page appeared or disappeared with it: pages that link to them change."""
    keys = set()
    for facet in FACETS:
        before, after = (set(facet_values(e, facet)) if e is not None else set() for e in versions)
        for value in before ^ after:
            if _carried(old, facet, value) != _carried(new, facet, value):
                keys.add((term_exists(facet.field), value))
    return keys


def _carried(library: Library, facet, value: str) -> bool:
    return any(value in facet_values(entry, facet) for entry in dict.values(library.entries))
