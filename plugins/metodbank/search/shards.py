"""The Pagefind index in parts ("shards") of at most about a thousand pages.

Pagefind holds its whole index in memory while it works (about 160 MiB per thousand
pages), so a large site is indexed part by part, one Pagefind run at a time, and the browser
merges the parts (`mergeIndex`, listed in `pagefind/metodbank-shards.json`). Each part is
stored by a key of its pages' addresses and content, so a build indexes only the parts whose
pages changed, and the parts can be indexed while the rest of the site is still building.

Parts are cut by content: a page starts a new part when the current one has at least
40 % of the largest part's pages and the page's address hashes to a boundary (or the part is full), so adding or
removing a page changes only the part it falls in. The first part is the primary index in
`pagefind/`; the others live in `pagefind/<name>/`, named after their first page.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

MAX_PAGES = 1000
"""The largest part (about 160 MiB in Pagefind); a part starts with at least 40 % of this."""
MANIFEST = "metodbank-shards.json"


@dataclass
class Shard:
    """One part of the index: its pages (source paths, in build order) and where it goes."""

    pages: list[str]
    folder: str
    """Where the part goes inside the site: `pagefind` or `pagefind/<name>`."""
    digests: dict[str, str] = field(default_factory=dict)
    """Each page's address and content hash, once the page is built."""

    def key(self) -> str:
        text = json.dumps(sorted(self.digests.items()), ensure_ascii=False)
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def plan(pages: list[str], max_pages: int = MAX_PAGES) -> list[Shard]:
    """Cut the indexed pages (in build order) into parts (see the module)."""
    least, spacing = max(1, max_pages * 2 // 5), max(1, max_pages // 4)
    groups: list[list[str]] = [[]]
    for page in pages:
        current = groups[-1]
        full = len(current) >= max_pages
        boundary = len(current) >= least and zlib.crc32(page.encode("utf-8")) % spacing == 0
        if current and (full or boundary):
            groups.append([])
        groups[-1].append(page)
    shards = []
    for number, group in enumerate(groups):
        name = hashlib.sha1(group[0].encode("utf-8")).hexdigest()[:8] if group else "empty"
        shards.append(Shard(group, "pagefind" if number == 0 else f"pagefind/{name}"))
    return shards


def pagefind_command() -> list[str]:
    """The Pagefind binary from the `pagefind[bin]` package (or the module as a fallback)."""
    try:
        from pagefind.service import get_executable

        executable = get_executable()
    except ImportError:  # pragma: no cover
        executable = None
    return [str(executable)] if executable else [sys.executable, "-m", "pagefind"]


def index_folder(pages_dir: Path, out: Path, preexec_fn=None) -> subprocess.Popen:
    """Start Pagefind over the pages in `pages_dir`, writing its bundle to `out`."""
    command = pagefind_command() + [
        "--site",
        str(pages_dir),
        "--output-path",
        str(out),
        "--exclude-selectors",
        ".headerlink",
        "--quiet",
    ]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=preexec_fn
    )


def publish(shards: list[Shard], store: Path, site_dir: Path) -> None:
    """Put every part from the store into the site (hard links, or copies) and write the
    manifest of the parts the browser merges."""
    target = site_dir / "pagefind"
    shutil.rmtree(target, ignore_errors=True)
    for shard in shards:
        _link_tree(store / shard.key(), site_dir / shard.folder)
    target.mkdir(parents=True, exist_ok=True)
    merged = [shard.folder.removeprefix("pagefind/") + "/" for shard in shards[1:]]
    (target / MANIFEST).write_text(json.dumps(merged), encoding="utf-8")


def _link_tree(source: Path, target: Path) -> None:
    import os

    for path in source.rglob("*"):
        if path.is_dir():
            continue
        out = target / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, out)
        except OSError:
            shutil.copyfile(path, out)
