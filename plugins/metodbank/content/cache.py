"""Parsing and validation done once per content hash, kept on disk between builds.

A content file whose bytes, path and rules are unchanged since the last build is not parsed
or checked again: its front matter and body come from the cache, and its model is rebuilt
from the checked data without the checks (pydantic's own conversion only). A file is cached
only when it had no errors; the ids its references looked up are stored with it, and the
cached result is used only while each of those ids still names the same kind of entry.

The cache is keyed by the code of the `metodbank` package and the files in `data/`, so a
change to the model, a rule or the vocabulary starts it afresh.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import BaseModel

from .diagnostics import Diagnostic
from .frontmatter import MAX_FILE_BYTES, SourceFile, read_source
from .kinds import Kind
from .library import Check, validate_source
from .types import CheckContext
from .vocabulary import Vocabulary

VERSION = "1"
PACKAGE = Path(__file__).resolve().parent.parent


def code_key(data_dir: Path, checks: Sequence[Check] = ()) -> str:
    """What every cached result depends on besides its file: our code, the data files, the rules."""
    digest = hashlib.sha1(VERSION.encode())
    for path in sorted(PACKAGE.rglob("*.py")) + sorted(p for p in data_dir.glob("*") if p.is_file()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for check in checks:
        digest.update(f"{check.__module__}.{check.__qualname__}".encode())
    return digest.hexdigest()


class CachedSource(SourceFile):
    """A source from the cache: the line of each key is found again only when asked for."""

    def line_of(self, loc) -> int:
        if not self.lines:
            fresh, _ = read_source(self.path, self.rel)
            self.lines = fresh.lines if fresh is not None else {}
        return super().line_of(loc)


class _Consulted:
    """The library's ids as a validator sees them, noting which ids it looked up."""

    def __init__(self, kinds: dict[str, str]):
        self.kinds = kinds
        self.seen: dict[str, str | None] = {}
        self.walked = False

    def get(self, key, default=None):
        self.seen[key] = self.kinds.get(key)
        return self.kinds.get(key, default)

    def __contains__(self, key) -> bool:
        self.seen[key] = self.kinds.get(key)
        return key in self.kinds

    def __getitem__(self, key):
        self.seen[key] = self.kinds.get(key)
        return self.kinds[key]

    def __iter__(self):
        self.walked = True
        return iter(self.kinds)

    def items(self):
        self.walked = True
        return self.kinds.items()

    keys = __iter__


@dataclass
class _Record:
    kind: str
    digest: str
    data: dict
    body: str
    body_line: int
    warnings: list[tuple]
    consulted: dict[str, str | None]


class ParseCache:
    """Checked content files by path and content hash (see the module)."""

    def __init__(self, path: Path | None, key: str):
        self.path = path
        self.key = key
        self.records: dict[str, _Record] = {}
        self.models: dict[str, tuple[str, BaseModel]] = {}
        self.checked: dict[str, tuple[tuple[int, int], str]] = {}
        """Each file's (modification time, size) when its bytes last matched its record."""
        """Models built from cached data in this process (kept across serve's rebuilds)."""
        self.vocabularies: dict[str, Vocabulary] = {}
        """The vocabulary by the digest of the data files (reading it is slow, it rarely changes)."""
        self.changed = False
        self.hits = 0
        if path is not None:
            try:
                saved = pickle.loads(path.read_bytes())
                if saved.get("key") == key:
                    self.records = saved["records"]
                    self.vocabularies = saved.get("vocabularies", {})
            except Exception:  # a missing or unreadable cache is an empty one
                self.records = {}

    def vocabulary(self, data_dir: Path) -> Vocabulary:
        """`Vocabulary.load`, from the cache while the files in `data_dir` are unchanged."""
        digest = hashlib.sha1()
        for path in sorted(p for p in data_dir.glob("*") if p.is_file()):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        key = digest.hexdigest()
        if key not in self.vocabularies:
            if self.vocabularies:  # the vocabulary changed (under serve): every check is redone
                self.records, self.models = {}, {}
            self.vocabularies = {key: Vocabulary.load(data_dir)}  # raises DataError as usual
            self.changed = True
        return self.vocabularies[key]

    def read(self, path: Path, rel: str) -> tuple[SourceFile | None, list[Diagnostic]]:
        """The parsed file: from the cache when its bytes are unchanged, else read afresh
        (`read_source`, which also reports files too large or unreadable). Within one process
        (a serve session), a file whose time and size are those of its last check is not read."""
        record = self.records.get(rel)
        try:
            stat = path.stat()
            seen = (stat.st_mtime_ns, stat.st_size)
            if record is None or stat.st_size > MAX_FILE_BYTES:
                return read_source(path, rel)
            if self.checked.get(rel) != (seen, record.digest):
                raw = path.read_bytes()
                if hashlib.sha1(raw).hexdigest() != record.digest:
                    return read_source(path, rel, raw)
                self.checked[rel] = (seen, record.digest)
        except OSError:
            return read_source(path, rel)
        return CachedSource(path, rel, record.data, record.body, record.body_line, {}, record.digest), []

    def validate(
        self, kind: Kind, source: SourceFile, context: CheckContext, checks: Sequence[Check] = ()
    ) -> tuple[BaseModel | None, list[Diagnostic]]:
        """`validate_source`, or the cached outcome while the ids it looked up are unchanged."""
        record = self.records.get(source.rel)
        if (
            record is not None
            and record.digest == source.digest
            and record.kind == kind.name
            and not context.ambiguous
            and list(map(context.kinds_by_id.get, record.consulted)) == list(record.consulted.values())
        ):
            self.hits += 1
            built = self.models.get(source.rel)
            if built is None or built[0] != record.digest:
                built = self.models[source.rel] = (record.digest, kind.model.model_validate(record.data))
            return built[1], [Diagnostic(*w) for w in record.warnings]
        consulted = _Consulted(context.kinds_by_id)
        item, problems = validate_source(kind, source, replace(context, kinds_by_id=consulted), checks)
        errors = item is None or any(p.severity == "error" for p in problems)
        if not errors and not consulted.walked and not context.ambiguous:
            warnings = [(p.path, p.line, p.message, p.hint, p.severity) for p in problems]
            self.records[source.rel] = _Record(
                kind.name, source.digest, source.data, source.body, source.body_line, warnings, consulted.seen
            )
            self.changed = True
            self.models[source.rel] = (source.digest, item)
        else:
            self.changed |= self.records.pop(source.rel, None) is not None
        return item, problems

    def save(self, keep: set[str] | None = None) -> None:
        """Write the cache (only the files in `keep`, when given) if anything changed."""
        if keep is not None:
            self.models = {rel: built for rel, built in self.models.items() if rel in keep}
            gone = self.records.keys() - keep
            for rel in gone:
                del self.records[rel]
            self.changed |= bool(gone)
        if self.path is None or not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        state = {"key": self.key, "records": self.records, "vocabularies": self.vocabularies}
        temporary.write_bytes(pickle.dumps(state, protocol=5))
        temporary.replace(self.path)
        self.changed = False
