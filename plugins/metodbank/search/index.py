"""The Whoosh index of the library: Swedish analysis, weighted fields, stored facets,
incremental updates by content hash, related content and ranked queries.

The index lives in a cache folder outside `site/` (default `.cache/search/`). An update
re-indexes only the files whose text changed and drops deleted ones.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.highlight import ContextFragmenter, UppercaseFormatter
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.query import And, Term

from ..content.library import Entry, Library
from ..content.urls import page_uri, page_url
from .swedish import analyzer, known_stems

SCHEMA_VERSION = "7"
RELATED_KINDS = ("case", "method")
RELATED_COUNT = 3


def make_schema(known: frozenset[str]) -> Schema:
    text = analyzer(known)
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        title=TEXT(analyzer=text, stored=True, field_boost=3.0),
        summary=TEXT(analyzer=text, stored=True, field_boost=2.0),
        body=TEXT(analyzer=text, stored=True, vector=True),
        themes=KEYWORD(stored=True, commas=True),
        target_groups=KEYWORD(stored=True, commas=True),
        municipality=ID(stored=True),
        effort=ID(stored=True),
        year=NUMERIC(stored=True),
        url=STORED,
        hash=STORED,
    )


def vocabulary_terms(library: Library) -> list[str]:
    """Words whose stems are looked for inside compounds: labels plus the search terms."""
    vocabulary = library.vocabulary
    labels = [term.label for group in vocabulary.groups.values() for term in group.values()]
    return labels + list(vocabulary.search_terms)


_MARKDOWN = (
    (re.compile(r"\[\[([^\]|]+)\|([^\]]+)\]\]"), r"\2"),  # [[id|text]] → text
    (re.compile(r"\[\[([^\]]+)\]\]"), r"\1"),  # [[id]] → id
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url) → text
    (re.compile(r"^\s{0,3}(#{1,6}|[-*+]|\d+\.|>)\s+", re.M), ""),  # heading, list and quote markers
    (re.compile(r"[*_`]+"), ""),  # emphasis and code marks
    (re.compile(r"<[^>]+>"), " "),  # inline HTML tags
)


def plain_text(markdown: str) -> str:
    """The words of a Markdown body without its syntax, for indexing and snippets."""
    for pattern, replacement in _MARKDOWN:
        markdown = pattern.sub(replacement, markdown)
    return markdown


def content_hash(entry: Entry) -> str:
    """Changes whenever the file's text changes (and when the schema does)."""
    return hashlib.sha1(f"{SCHEMA_VERSION}:{entry.source.digest}".encode()).hexdigest()


def document(entry: Entry, digest: str) -> dict:
    """The fields of one entry's document."""
    item = entry.item
    period = getattr(item, "period", None)
    effort = getattr(item, "effort", None)
    return {
        "id": entry.id,
        "kind": entry.kind.name,
        "title": item.title,
        "summary": item.summary,
        "body": plain_text(entry.source.body),
        "themes": ",".join(getattr(item, "themes", [])),
        "target_groups": ",".join(getattr(item, "target_groups", [])),
        "municipality": getattr(item, "municipality", None) or "",
        "effort": effort.level if effort else "",
        "year": int(period.start[:4]) if period else 0,
        "url": page_url(page_uri(entry.kind, entry.id)),
        "hash": digest,
    }


@dataclass
class UpdateStats:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    rebuilt: bool = False

    def __str__(self) -> str:
        kind = "byggt från början" if self.rebuilt else "uppdaterat"
        return (
            f"sökindex {kind}: {self.added} nya, {self.updated} ändrade, {self.deleted} borttagna, "
            f"{self.unchanged} oförändrade"
        )


class SearchIndex:
    """A Whoosh index of one library, kept up to date in `folder`."""

    def __init__(self, library: Library, folder: Path):
        self.library = library
        self.folder = folder
        self.known = known_stems(vocabulary_terms(library))
        self.schema = make_schema(self.known)
        self._index = None
        self._hashes: dict[str, str] | None = None

    @property
    def hashes(self) -> dict[str, str]:
        """The content hash of every entry, computed once."""
        if self._hashes is None:
            self._hashes = {entry_id: content_hash(entry) for entry_id, entry in self.library.entries.items()}
        return self._hashes

    @property
    def index(self):
        if self._index is None:
            self._index = whoosh_index.open_dir(str(self.folder))
        return self._index

    def _version_file(self) -> Path:
        return self.folder / "metodbank-version.json"

    def _version(self) -> dict:
        """What the stored index depends on; the analyzer's module is pickled into it by path."""
        return {"schema": SCHEMA_VERSION, "module": __name__, "known": sorted(self.known)}

    def update(self) -> UpdateStats:
        """Bring the index in line with the library, touching only what changed."""
        stats = UpdateStats()
        indexed = None if not self._current() else self._indexed()
        if indexed is None:  # new, outdated or unreadable (e.g. a build killed mid-write): start over
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True)
            whoosh_index.create_in(str(self.folder), self.schema)
            self._version_file().write_text(json.dumps(self._version()))
            stats.rebuilt = True
            self._index = whoosh_index.open_dir(str(self.folder))
            indexed = {}
        wanted = self.hashes
        changed = [i for i, digest in wanted.items() if indexed.get(i) != digest]
        removed = [i for i in indexed if i not in wanted]
        stats.unchanged = len(wanted) - len(changed)
        if changed or removed:
            # Many documents: index on two cores (one segment each) instead of one.
            many = len(changed) > 200 and (os.cpu_count() or 1) > 1
            writer = (
                self._index.writer(procs=2, limitmb=128, multisegment=True) if many else self._index.writer()
            )
            for entry_id in removed + [i for i in changed if i in indexed]:
                writer.delete_by_term("id", entry_id)
            for entry_id in changed:
                writer.add_document(**document(self.library.entries[entry_id], wanted[entry_id]))
                if entry_id in indexed:
                    stats.updated += 1
                else:
                    stats.added += 1
            stats.deleted = len(removed)
            writer.commit()
        return stats

    def _current(self) -> bool:
        try:
            saved = json.loads(self._version_file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return saved == self._version() and whoosh_index.exists_in(str(self.folder))

    def _indexed(self) -> dict[str, str] | None:
        """The content hash of every indexed entry, or None when the index cannot be read."""
        try:
            self._index = whoosh_index.open_dir(str(self.folder))
            with self._index.searcher() as searcher:
                return {fields["id"]: fields["hash"] for fields in searcher.all_stored_fields()}
        except Exception:  # a broken index is never fatal: it is rebuilt from the library
            self._index = None
            return None

    def cached_related(self, count: int = RELATED_COUNT) -> dict[str, list[str]]:
        """`related`, reused from the last build when no document changed since."""
        digest = hashlib.sha1(f"{SCHEMA_VERSION}:{count}".encode())
        for entry_id, entry_hash in sorted(self.hashes.items()):
            digest.update(f"{entry_id}:{entry_hash};".encode())
        cache = self.folder / "related.json"
        if cache.exists():
            saved = json.loads(cache.read_text(encoding="utf-8"))
            if saved.get("key") == digest.hexdigest():
                return saved["related"]
        related = self.related(count)
        cache.write_text(json.dumps({"key": digest.hexdigest(), "related": related}), encoding="utf-8")
        return related

    def related(self, count: int = RELATED_COUNT) -> dict[str, list[str]]:
        """For each case and method, the ids of the most similar entries of the same kind.

        More-like-this over the index, kept linear: an entry's key terms (TF-IDF over its
        stored term vector) are limited to those found in at most 50 documents (fewer in a
        small library), which are also the terms that tell entries apart; the entries that
        share them are scored from the index's posting lists, each read once. Ties are broken
        by id, so every build gives the same result; an entry is never its own match."""
        result: dict[str, list[str]] = {}
        with self.index.searcher() as searcher:
            reader = searcher.reader()
            total = searcher.doc_count()
            cap = min(50, max(20, total // 50))
            # Live documents only: after an incremental update, deleted versions stay in the
            # posting lists until segments merge.
            fields = {d: searcher.stored_fields(d) for d in reader.all_doc_ids() if not reader.is_deleted(d)}
            postings: dict[str, list[int]] = {}

            def docs_with(term: str) -> list[int]:
                if term not in postings:
                    postings[term] = [d for d in reader.postings("body", term).all_ids() if d in fields]
                return postings[term]

            def df(term: str) -> int:
                return len(docs_with(term))

            for docnum, own in sorted(fields.items()):
                kind = own["kind"]
                if kind not in RELATED_KINDS or not reader.has_vector(docnum, "body"):
                    continue  # a body of stop words only (e.g. "och det") has no terms to compare
                vector = [
                    (term, tf) for term, tf in searcher.vector_as("weight", docnum, "body") if df(term) > 1
                ]
                rare = [(term, tf) for term, tf in vector if df(term) <= cap]
                if len(rare) < 3:  # nothing distinctive: fall back on the three rarest shared terms
                    rare = sorted(vector, key=lambda pair: (df(pair[0]), pair[0]))[:3]
                weighted = sorted(
                    ((tf * math.log(total / (1 + df(term))), term) for term, tf in rare),
                    key=lambda pair: (-pair[0], pair[1]),
                )[:8]
                scores: dict[int, float] = defaultdict(float)
                for weight, term in weighted:
                    for other in docs_with(term):
                        if other != docnum and fields[other]["kind"] == kind:
                            scores[other] += weight
                ranked = sorted(scores.items(), key=lambda pair: (-round(pair[1], 6), fields[pair[0]]["id"]))
                result[own["id"]] = [fields[other]["id"] for other, _ in ranked[:count]]
        return result

    def search(
        self, text: str, kind: str | None = None, theme: str | None = None, limit: int = 10
    ) -> list[dict]:
        """Ranked hits for a free-text query, with a short snippet from the body."""
        parser = MultifieldParser(
            ["title", "summary", "body"], schema=self.index.schema, group=OrGroup.factory(0.9)
        )
        query = parser.parse(text)
        filters = [Term("kind", kind)] if kind else []
        if theme:
            filters.append(Term("themes", theme))
        hits_out = []
        with self.index.searcher() as searcher:
            hits = searcher.search(query, limit=limit, filter=And(filters) if filters else None)
            hits.fragmenter = ContextFragmenter(maxchars=160, surround=60)
            hits.formatter = UppercaseFormatter()
            for hit in hits:
                snippet = hit.highlights("body") or hit.highlights("summary") or hit["summary"]
                hits_out.append(
                    {
                        "id": hit["id"],
                        "kind": hit["kind"],
                        "title": hit["title"],
                        "url": hit["url"],
                        "score": round(hit.score, 3),
                        "snippet": " ".join(snippet.split()),
                    }
                )
        return hits_out
