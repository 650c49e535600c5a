"""Rebuilds under `mkdocs serve --dirtyreload`: what changed since the last build, the last
good version of a file that no longer validates, and the helpers the plugins share.

MkDocs' dirty reload builds only the pages whose file says it is modified. For generated
pages that is decided by `pages.PageRegistry` from the keys computed here; hand-written
pages are MkDocs' own (their file's time), and `force_rebuild` makes MkDocs rebuild one.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from ..content.library import Library
from ..site.dependencies import changed_ids, changed_keys


def keep_last_good(new: Library, old: Library) -> set[str]:
    """Under serve, a file that stopped validating keeps its last good entry, so its page
    and the pages that show it stay as they were (with the error banner) until it is fixed.
    The ids kept."""
    by_path = {entry.source.rel: entry for entry in dict.values(old.entries)}
    kept = set()
    for rel in new.invalid:
        entry = by_path.get(rel)
        if entry is not None and entry.id not in new.entries:
            new.entries[entry.id] = entry
            kept.add(entry.id)
    return kept


def settings_digest(root: Path, config_file: str | None) -> str:
    """The project, its mkdocs.yml and its vocabulary: when these change, every page is rebuilt."""
    digest = hashlib.sha1(f"{root.resolve()}\0{config_file}".encode())
    paths = [Path(config_file)] if config_file else []
    paths += sorted(p for p in (root / "data").glob("*") if p.is_file())
    for path in paths:
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Changes:
    """What changed between two builds of one serve session, in dependency keys."""

    def __init__(self):
        self.settings: str | None = None
        self.errors: frozenset[tuple] = frozenset()
        self.flagged: frozenset[str] = frozenset()
        """Files whose errors appeared, changed or went away in this build."""

    def keys(self, old: Library | None, new: Library, settings: str) -> set | None:
        """The changed keys, or None when every page must be rebuilt."""
        everything = old is None or settings != self.settings
        self.settings = settings
        # A file's page lists its own errors (`site.errors.file_error_banner`): it is built
        # again when they appear, go away or change.
        errors = frozenset((d.path, d.line, d.message) for d in new.errors)
        flagged = self.flagged = frozenset(error[0] for error in errors ^ self.errors)
        self.errors = errors
        if everything:
            return None
        ids = changed_ids(old, new)
        keys = changed_keys(old, new, ids)
        # Pages of files whose errors appeared or went away show or drop the banner.
        by_path = {entry.source.rel: entry.id for entry in dict.values(new.entries)}
        keys.update(by_path[path] for path in flagged if path in by_path)
        return keys


class Later:
    """Work that a rebuild under serve does after its pages are served, one job at a time."""

    def __init__(self):
        self.thread: threading.Thread | None = None

    def run(self, function, *args) -> None:
        self.wait()
        self.thread = threading.Thread(target=function, args=args, name="metodbank-later", daemon=True)
        self.thread.start()

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None


def write_files(site_dir: Path, make) -> None:
    """Write the files `make()` returns (site path → text) into `site_dir`."""
    for src_uri, text in make().items():
        path = site_dir / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def force_rebuild(dest_path: str) -> None:
    """Make MkDocs' dirty build rebuild a hand-written page (its output looks older than its source)."""
    if os.path.exists(dest_path):
        os.utime(dest_path, (0, 0))
