"""What a generated page depends on, recorded while it renders.

Rendering code reads the library as usual; the library records what was read into the
innermost active `recording()`:

- an entry id, whenever an entry's model is read (`Entry.item`, and so `Entry.title`);
- ("in", id) for every question about what points at an entry (backlinks, evidence, copies);
- ("kind", name) for a whole section's list, ("all",) for the whole library;
- (map name, key) and (map name, ALL) for look-ups in a `RecordingMap` (taxonomy terms,
  related lists).

When entries change, the pages whose recorded set meets the changed ids or the questions
their answers touch are the pages to rebuild (`site.dependencies`). Outside a recording,
nothing is recorded and nothing is slowed down.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

ALL = ("all",)
"""Recorded when code walks every entry (open data, feeds): any change affects it."""

_local = threading.local()
"""Each thread's stack of recordings (work done in the background never records into a page)."""


def record(key: Any) -> None:
    """Note that the page being rendered depends on `key`."""
    active = getattr(_local, "stack", None)
    if active:
        active[-1].add(key)


@contextmanager
def recording() -> Iterator[set]:
    """Collect what the code inside the block reads from the library."""
    deps: set = set()
    active = _local.__dict__.setdefault("stack", [])
    active.append(deps)
    try:
        yield deps
    finally:
        active.pop()


def remembered(cache: dict, key, compute):
    """`compute()` once per `key` in `cache`; every caller records what the first call read,
    so a remembered answer (an evidence grade shown in many lists) keeps its dependencies."""
    hit = cache.get(key)
    if hit is None:
        with recording() as deps:
            value = compute()
        cache[key] = hit = (value, frozenset(deps))
    active = getattr(_local, "stack", None)
    if active:
        if isinstance(cache, Memo) and cache.refreshes(key):
            active[-1].add(("memo", key))  # the answer itself; see `Memo.refresh`
        else:
            active[-1].update(hit[1])
    return hit[0]


class Memo(dict):
    """Remembered answers (see `remembered`) kept from one build to the next under serve: an
    answer is forgotten when what it read changed (`forget`), otherwise it is still right.

    Answers of the kinds in `refreshable` (the first item of their key) are shown on many
    pages: a page records ("memo", key) for them rather than everything they read, and
    `refresh` recomputes a stale one and marks the key changed only if its value changed
    (a case retitled does not change its method's evidence step, so the theme and
    municipality pages that show the step are not rebuilt)."""

    def __init__(self, refreshable=()):
        super().__init__()
        self.refreshable = frozenset(refreshable)

    def refreshes(self, key) -> bool:
        return isinstance(key, tuple) and bool(key) and key[0] in self.refreshable

    def _stale(self, changed) -> list:
        return [key for key, (_, deps) in self.items() if not deps.isdisjoint(changed)]

    def forget(self, changed: set | None, keep_refreshable: bool = False) -> None:
        """Drop the answers that read any of `changed` (None: drop every answer); with
        `keep_refreshable`, leave the refreshable ones for `refresh`."""
        if changed is None:
            self.clear()
            return
        for key in self._stale(changed):
            if not (keep_refreshable and self.refreshes(key)):
                del self[key]

    def refresh(self, changed: set | None, recompute) -> None:
        """Recompute (`recompute(key)`, KeyError when the answer no longer exists) every
        refreshable answer that read any of `changed`, and add ("memo", key) to `changed`
        for each whose value differs; answers that read those keys follow, in rounds."""
        if changed is None:
            self.clear()
            return
        frontier = set(changed)
        while frontier:
            stale = {key: self.pop(key)[0] for key in self._stale(frontier) if self.refreshes(key)}
            added = set()
            for key, old in stale.items():
                try:
                    new = recompute(key)
                except KeyError:
                    added.add(("memo", key))
                    continue
                if new != old:
                    added.add(("memo", key))
            frontier = added - changed
            changed |= added


class RecordingMap(dict):
    """A dict whose look-ups are recorded as (name, key), and whose walks as (name, ALL)."""

    def __init__(self, name: str, data=()):
        super().__init__(data)
        self.name = name

    def __getitem__(self, key):
        record((self.name, key))
        return super().__getitem__(key)

    def get(self, key, default=None):
        record((self.name, key))
        return super().get(key, default)

    def __contains__(self, key) -> bool:
        record((self.name, key))
        return super().__contains__(key)

    def __iter__(self):
        record((self.name, ALL))
        return super().__iter__()

    def keys(self):
        record((self.name, ALL))
        return super().keys()

    def values(self):
        record((self.name, ALL))
        return super().values()

    def items(self):
        record((self.name, ALL))
        return super().items()

    def __reduce__(self):
        return (self.__class__, (self.name, dict(self)))


class Entries(dict):
    """Every entry by id: looking one up is free, walking them all records ALL."""

    def __iter__(self):
        record(ALL)
        return super().__iter__()

    def keys(self):
        record(ALL)
        return super().keys()

    def values(self):
        record(ALL)
        return super().values()

    def items(self):
        record(ALL)
        return super().items()

    def __reduce__(self):
        return (self.__class__, (dict(self),))
