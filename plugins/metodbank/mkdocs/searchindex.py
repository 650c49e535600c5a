"""Pagefind during the build: each part of the index (`search.shards`) is indexed by a
background thread as soon as its last page is written, while MkDocs goes on with the next
pages, one Pagefind process at a time (bounded memory). Parts whose pages did not change
come from the store in `.cache/search/pagefind/`. Under `mkdocs serve` only the parts with
changed pages are indexed again, after the rebuild and without holding it up.

A part's pages are hard-linked into a folder of their own, in the same place as in the
site, and Pagefind indexes that folder, so its addresses are the site's.
"""

from __future__ import annotations

import hashlib
import os
import queue
import shutil
import threading
from pathlib import Path

from ..search.shards import Shard, index_folder, plan, publish
from .children import LANE, child_setup


class _Build:
    """One build's parts, the pages still to come, and the queue of parts to index."""

    def __init__(self, pages: list[tuple[str, str]], site_dir: Path, digests: dict, number: int, part: int):
        self.site_dir, self.dest, self.number = site_dir, dict(pages), number
        self.shards = plan([uri for uri, _ in pages], part)
        self.owner = {uri: shard for shard in self.shards for uri in shard.pages}
        self.left = {id(shard): len(shard.pages) for shard in self.shards}
        self.digests = dict(digests)
        self.changed: set[int] = set()
        self.pending: str | None = None
        self.jobs: queue.Queue = queue.Queue()
        self.errors: list[str] = []
        self.relink: set[int] = set()


class ShardIndexer:
    """The Pagefind parts of one site, kept up to date across the builds of a serve session."""

    def __init__(self, store: Path, work: Path):
        self.store, self.work = store, work
        self.digests: dict[str, tuple[str, str]] = {}
        """Each indexed page's address and content hash (kept across serve rebuilds)."""
        self.build: _Build | None = None
        self.threads: list[threading.Thread] = []
        self.lock = threading.Lock()
        """One Pagefind process at a time."""
        self.process = None
        self.stopping = False
        self.count = 0
        self.published = 0

    def start(self, pages: list[tuple[str, str]], site_dir: Path, part: int) -> None:
        """A new build of `pages` ((source path, destination path) of each indexed page), in
        parts of at most `part` pages."""
        self.count += 1
        self.build = build = _Build(pages, site_dir, self.digests, self.count, part)
        thread = threading.Thread(target=self._run, args=(build,), name="pagefind", daemon=True)
        self.threads = [t for t in self.threads if t.is_alive()] + [thread]
        thread.start()

    def page(self, src_uri: str, url: str, output: str) -> None:
        """A page was rendered (its file is written right after): note its content."""
        build = self.build
        if build is None or src_uri not in build.owner:
            return
        digest = (url, hashlib.sha1(output.encode("utf-8")).hexdigest())
        if build.digests.get(src_uri) != digest:
            build.changed.add(id(build.owner[src_uri]))
        build.digests[src_uri] = digest
        self._written(build)
        build.pending = src_uri

    def _written(self, build: _Build) -> None:
        """The previous page's file now exists: link it, and queue its part when complete."""
        if build.pending is None:
            return
        shard = build.owner[build.pending]
        self._link(build, shard, build.pending)
        build.left[id(shard)] -= 1
        if build.left[id(shard)] == 0:
            build.jobs.put(shard)
        build.pending = None

    def finish(self, wait: bool) -> None:
        """All pages are written: queue the parts not queued yet (in a dirty rebuild, those
        with a changed page, linked from the site) and publish when they are indexed;
        unless `wait`, in the background."""
        build = self.build
        self._written(build)
        for shard in build.shards:
            if build.left[id(shard)] > 0 and id(shard) in build.changed:
                build.left[id(shard)] = 0
                build.relink.add(id(shard))  # linked in the background, from the site's files
                build.jobs.put(shard)
        self.digests = build.digests
        build.jobs.put(None)
        if wait:
            self.wait()
            if build.errors:
                raise RuntimeError("\n".join(build.errors))

    # -- the background thread ------------------------------------------------------------

    def _run(self, build: _Build) -> None:
        while (shard := build.jobs.get()) is not None:
            if not self.stopping:
                self._index(build, shard)
        with self.lock:
            if self.stopping or build.errors or build.number < self.published:
                return
            for shard in build.shards:
                shard.digests = _digests(build, shard)
            publish(build.shards, self.store, build.site_dir)
            self.published = build.number
            self._prune(build)

    def _index(self, build: _Build, shard: Shard) -> None:
        shard.digests = _digests(build, shard)
        out = self.store / shard.key()
        folder = self._folder(build, shard)
        if id(shard) in build.relink and not out.exists():
            for uri in shard.pages:
                self._link(build, shard, uri)
        with LANE:  # one child process at a time (see children)
            if not out.exists() and not self.stopping:
                temporary = out.with_name(out.name + ".tmp")
                shutil.rmtree(temporary, ignore_errors=True)
                self.process = index_folder(folder, temporary, preexec_fn=child_setup)
                output, _ = self.process.communicate()
                if self.process.returncode != 0:
                    build.errors.append(f"Pagefind misslyckades ({shard.folder}):\n{output}")
                else:
                    temporary.rename(out)
        shutil.rmtree(folder, ignore_errors=True)

    def _folder(self, build: _Build, shard: Shard) -> Path:
        return self.work / f"{build.number}-{shard.folder.replace('/', '_')}"

    def _link(self, build: _Build, shard: Shard, src_uri: str) -> None:
        source = build.dest[src_uri]
        target = os.path.join(self._folder(build, shard), os.path.relpath(source, build.site_dir))
        for _ in range(3):  # usually one system call: the link
            try:
                os.link(source, target)
                return
            except FileNotFoundError:
                os.makedirs(os.path.dirname(target), exist_ok=True)
            except FileExistsError:
                os.unlink(target)
            except OSError:  # another file system: copy
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(source, target)
                return

    def _prune(self, build: _Build) -> None:
        keep = {shard.key() for shard in build.shards}
        for path in self.store.iterdir() if self.store.is_dir() else ():
            if path.name not in keep and not path.name.endswith(".tmp"):
                shutil.rmtree(path, ignore_errors=True)

    # -- waiting and stopping ---------------------------------------------------------------

    def wait(self) -> None:
        for thread in self.threads:
            thread.join()
        self.threads = []

    def stop(self) -> None:
        """End the running Pagefind, if any, and every thread (nothing is left running)."""
        self.stopping = True
        if self.build is not None:
            self.build.jobs.put(None)
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
        self.wait()
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        self.stopping = False


def _digests(build: _Build, shard: Shard) -> dict[str, str]:
    return {build.digests[uri][0]: build.digests[uri][1] for uri in shard.pages if uri in build.digests}
