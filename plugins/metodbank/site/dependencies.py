"""What a change to the library touches, in the terms pages record while they render
(`content.deps`): the changed entries themselves, and the questions whose answers contain
them (what points at an entry, who carries a theme or a municipality, a section's list,
the whole library). A page must be rebuilt when its recorded set meets these keys."""

from __future__ import annotations

from ..content.deps import ALL
from ..content.library import Entry, Library
from .taxonomy import FACETS, facet_values, term_exists, term_map


def entry_keys(entry: Entry) -> set:
    """The recorded questions whose answers contain `entry` (see the module). Neither what
    the entry points at nor a walk over a whole facet is among them: those answers change
    only when the entry's references or values do (`pointer_keys`, `walked_facets`)."""
    keys: set = {entry.id, ("kind", entry.kind.name), ALL}
    for facet in FACETS:
        keys.update((term_map(facet.field), value) for value in facet_values(entry, facet))
    return keys


def pointer_keys(versions: list, ids) -> set:
    """("in", id) for each id that one version of an entry points at and the other does not
    (None: added or removed); `ids` are the library's ids, so every field counts. A page
    that shows something of the entry through a backlink reads the entry, and records it."""
    before, after = (referenced(entry, ids) if entry is not None else set() for entry in versions)
    return {("in", target) for target in before ^ after}


def walked_facets(versions: list) -> set:
    """(facet map, ALL) for each facet whose values differ between an entry's two versions
    (None: added or removed). A page that walks a facet and shows an entry's title also
    records the entry, so a retitle alone does not rebuild every theme or municipality page."""
    before, after = versions
    keys = set()
    for facet in FACETS:
        old = facet_values(before, facet) if before is not None else None
        new = facet_values(after, facet) if after is not None else None
        if old != new:
            keys.add((term_map(facet.field), ALL))
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
                keys |= entry_keys(entry)
        keys |= pointer_keys(versions, known)
        keys |= walked_facets(versions)
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
