"""Related content ("Liknande fall", "Liknande metoder") for the pages, without a search
engine in the build.

Each entry's body is analysed once per content hash with the Swedish analysis of
`search.swedish` (the same terms the Whoosh index stores) and kept in a cache file. The
lists come from an inverted index in memory: an entry's key terms (TF-IDF) are limited to
those found in at most 50 documents (fewer in a small library), which are also the terms
that tell entries apart, and the entries that share them are scored. The text score is then
combined with the themes and target groups the entries share (`combined`), so an entry about
the same theme is preferred; when the text finds few entries, entries that share a theme fill
in (at most `FILL` per theme). Ties are broken by id, so every build gives the same lists; an
entry is never its own match.

When entries change but none is added or removed, only the lists that can change are
scored again: those of the changed entries and of the entries that share a term whose
document frequency moved within reach of the cap. A change of an entry's themes or target
groups scores every list again (it is rare, and any list may hold the entry). `update` returns the ids whose list
changed, so the pages that show them can be rebuilt and nothing else.
"""

from __future__ import annotations

import math
import pickle
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..content.library import Library
from .swedish import STOP_WORDS, WORD, compound_parts, normalise
from .text import plain_text

VERSION = "2"
RELATED_KINDS = ("case", "method")
RELATED_COUNT = 3
TOP_TERMS = 8
FILL = 20
"""At most this many entries per shared theme fill in when the text finds few similar entries."""
POSTED = 100
"""Posting lists are kept only for terms in at most this many documents (twice the highest
cap): the only terms that are ever key terms. Others are looked up when needed (rarely)."""


@lru_cache(maxsize=200_000)
def word_terms(word: str, known: frozenset[str]) -> tuple[str, ...]:
    """The index terms of one lowercase word: its normalised stem and known compound parts
    (the analyzer chain of `search.swedish.analyzer`, word by word)."""
    if len(word) < 2 or word in STOP_WORDS:
        return ()
    stem = normalise(word)
    return (stem, *compound_parts(stem, known)) if len(stem) > 6 else (stem,)


def term_counts(text: str, known: frozenset[str]) -> dict[str, int]:
    """How often each index term occurs in `text` (what Whoosh stores as the term vector)."""
    counts: dict[str, int] = defaultdict(int)
    for word, n in Counter(w.lower() for w in WORD.findall(text)).items():
        for term in word_terms(word, known):
            counts[term] += n
    return dict(counts)


Facets = tuple[frozenset[str], frozenset[str]]
"""An entry's themes and target groups."""


def facets_of(entry) -> Facets:
    item = entry.item
    return frozenset(getattr(item, "themes", ())), frozenset(getattr(item, "target_groups", ()))


def combined(own: Facets, other: Facets, text: float) -> float:
    """How alike two entries are: the text score (0–1, relative to the best match) together
    with the share of themes and target groups they have in common, and a bonus for sharing
    any theme at all, so that a youth meeting place is not matched with a study visit."""

    def share(mine: frozenset[str], theirs: frozenset[str]) -> float:
        union = mine | theirs
        return len(mine & theirs) / len(union) if union else 0.0

    facets = 0.7 * share(own[0], other[0]) + 0.3 * share(own[1], other[1])
    return 0.4 * text + 0.6 * facets + (0.5 if own[0] & other[0] else 0.0)


def cap_for(total: int) -> int:
    """The highest document frequency of a key term: 2 % of the documents, between 20 and 50."""
    return min(50, max(20, total // 50))


@dataclass
class Related:
    """The related lists of one library, kept up to date entry by entry (see the module)."""

    known: frozenset[str]
    count: int = RELATED_COUNT
    lists: dict[str, list[str]] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    terms: dict[str, dict[str, int]] = field(default_factory=dict)
    """Term counts by content hash."""
    df: Counter = field(default_factory=Counter)
    postings: dict[str, set[str]] = field(default_factory=dict)
    walked: dict[str, set[str]] = field(default_factory=dict)
    """Holders of common terms found by a walk, kept for one update."""
    fallback: set[str] = field(default_factory=set)
    """Entries with fewer than three key terms, scored on their rarest shared terms instead."""
    facets: dict[str, Facets] = field(default_factory=dict)
    by_theme: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """The entries of each kind and theme, by id (the entries that can fill in)."""

    # -- persistence ----------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path, known: frozenset[str], count: int = RELATED_COUNT) -> Related:
        """The state saved by `save`, or an empty one when it is missing, old or unreadable."""
        try:
            saved = pickle.loads(path.read_bytes())
        except Exception:  # a cache is never fatal
            return cls(known, count)
        if saved.get("key") != (VERSION, sorted(known), count):
            return cls(known, count)
        related = cls(known, count, saved["lists"], saved["digests"], saved["kinds"], saved["terms"])
        related.facets = saved["facets"]
        related._index()
        return related

    def save(self, path: Path) -> None:
        """Write the state (only the term counts still in use) for the next build."""
        used = set(self.digests.values())
        state = {
            "key": (VERSION, sorted(self.known), self.count),
            "lists": self.lists,
            "digests": self.digests,
            "kinds": self.kinds,
            "terms": {d: t for d, t in self.terms.items() if d in used},
            "facets": self.facets,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(path)

    # -- updating -------------------------------------------------------------------------

    def update(self, library: Library) -> set[str]:
        """Bring the lists in line with `library`; the ids whose list changed (or appeared)."""
        self.walked = {}
        wanted = {entry_id: entry.source.digest for entry_id, entry in library.entries.items()}
        for entry_id, digest in wanted.items():
            if digest not in self.terms:
                self.terms[digest] = term_counts(
                    plain_text(library.entries[entry_id].source.body), self.known
                )
        changed = {i for i in wanted.keys() | self.digests.keys() if wanted.get(i) != self.digests.get(i)}
        if not changed and self.lists:
            return set()
        old_lists = dict(self.lists)
        facets = {i: facets_of(library.entries[i]) for i in changed if i in wanted}
        moved = any(self.facets.get(i) != value for i, value in facets.items())
        if wanted.keys() != self.digests.keys() or not self.lists or moved:
            self.digests = wanted
            self.kinds = {i: e.kind.name for i, e in library.entries.items()}
            self.facets = {i: facets_of(e) for i, e in library.entries.items()}
            self._index()
            self.lists = {}
            affected = set(self.digests)
        else:
            affected = self._replace(changed, wanted)
        for entry_id in sorted(affected):
            if self.kinds.get(entry_id) not in RELATED_KINDS:
                continue
            if self.terms[self.digests[entry_id]]:
                self.lists[entry_id] = self._score(entry_id)
            else:  # a body of stop words only (e.g. "och det") has no terms to compare
                self.lists.pop(entry_id, None)
        self.walked = {}
        return {i for i in self.lists.keys() | old_lists.keys() if old_lists.get(i) != self.lists.get(i)}

    def _index(self) -> None:
        self.df = Counter()
        for digest in self.digests.values():
            self.df.update(self.terms[digest].keys())
        posted = {term for term, df in self.df.items() if df <= POSTED}
        self.postings = {term: set() for term in posted}
        for entry_id, digest in self.digests.items():
            for term in posted.intersection(self.terms[digest]):
                self.postings[term].add(entry_id)
        by_theme: dict[tuple[str, str], list[str]] = defaultdict(list)
        for entry_id in sorted(self.digests):
            for theme in self.facets.get(entry_id, ((), ()))[0]:
                by_theme[(self.kinds[entry_id], theme)].append(entry_id)
        self.by_theme = dict(by_theme)

    def holders(self, term: str) -> set[str]:
        """The entries whose body has `term` (from the posting list, or by one walk per update
        when the term is too common to keep one: entries with few rare terms use it)."""
        if term in self.postings:
            return self.postings[term]
        if term not in self.walked:
            self.walked[term] = {i for i, digest in self.digests.items() if term in self.terms[digest]}
        return self.walked[term]

    def _replace(self, changed: set[str], wanted: dict[str, str]) -> set[str]:
        """Swap the changed entries' terms in the index; the entries whose list may change."""
        cap = cap_for(len(self.digests))
        before = {}
        for entry_id in changed:
            old, new = self.terms[self.digests[entry_id]], self.terms[wanted[entry_id]]
            for term in old.keys() ^ new.keys():
                before.setdefault(term, self.df[term])
                self.df[term] += -1 if term in old else 1
            self.digests[entry_id] = wanted[entry_id]
        for term in before:  # posting lists follow the new frequencies
            self.postings.pop(term, None)
            if self.df[term] <= POSTED:
                self.postings[term] = self.holders(term)
        affected = set(changed)
        for term, df in before.items():
            if min(df, self.df[term]) <= cap:
                affected |= self.holders(term)
            affected |= {i for i in self.fallback if term in self.terms[self.digests[i]]}
        return affected

    def _score(self, entry_id: str) -> list[str]:
        """The most similar entries of the same kind: text and shared facets (see the module)."""
        kind, own = self.kinds[entry_id], self.facets[entry_id]
        scores = self._text_scores(entry_id)
        top = max(scores.values(), default=0.0) or 1.0
        candidates = set(scores)
        if len(candidates) < 3 * self.count:
            for theme in own[0]:
                candidates.update(o for o in self.by_theme.get((kind, theme), [])[:FILL] if o != entry_id)
        ranked = sorted(
            (
                (combined(own, self.facets[other], scores.get(other, 0.0) / top), other)
                for other in candidates
            ),
            key=lambda pair: (-round(pair[0], 6), pair[1]),
        )
        return [other for score, other in ranked[: self.count] if score > 0]

    def _text_scores(self, entry_id: str) -> dict[str, float]:
        """The text part: the entry's key terms, weighted by TF-IDF, scored against the other
        entries of its kind from the posting lists."""
        total, cap, df = len(self.digests), cap_for(len(self.digests)), self.df
        kind = self.kinds[entry_id]
        vector = sorted((t, tf) for t, tf in self.terms[self.digests[entry_id]].items() if df[t] > 1)
        rare = [(t, tf) for t, tf in vector if df[t] <= cap]
        self.fallback.discard(entry_id)
        if len(rare) < 3:  # nothing distinctive: fall back on the three rarest shared terms
            rare = sorted(vector, key=lambda pair: (df[pair[0]], pair[0]))[:3]
            self.fallback.add(entry_id)
        weighted = sorted(
            ((tf * math.log(total / (1 + df[t])), t) for t, tf in rare), key=lambda pair: (-pair[0], pair[1])
        )[:TOP_TERMS]
        scores: dict[str, float] = defaultdict(float)
        for weight, term in weighted:
            for other in self.holders(term):
                if other != entry_id and self.kinds[other] == kind:
                    scores[other] += weight
        return scores
