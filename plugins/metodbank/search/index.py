"""The Whoosh index of the library behind `invoke search`: Swedish analysis, weighted fields,
stored facets, incremental updates by content hash and ranked queries.

The index lives in a cache folder outside `site/` (default `.cache/search/`). The search
command updates it before each query, re-indexing only the files whose text changed and
dropping deleted ones; the site build does not need it (related content comes from
`search.related`, the browser search from Pagefind).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
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
from .text import plain_text, vocabulary_terms

SCHEMA_VERSION = "7"


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
