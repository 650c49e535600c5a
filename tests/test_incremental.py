"""Incremental work is invisible: the parse cache gives what a fresh read gives, and a
rebuild under `mkdocs serve --dirtyreload` after edits leaves every page exactly as a full
build of the edited library would make it."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MKDOCS_YML, ROOT, VALID, write_library
from metodbank.build import engine_env
from metodbank.content.vocabulary import Vocabulary
from metodbank.project import load_library, parse_cache
from mkdocs.commands.build import build
from mkdocs.config import load_config

from benchmarks.synthetic import generate_library

CONFIG = MKDOCS_YML.replace(
    "  - search:\n      lang: sv\n  - metodbank-content\n",
    "  - metodbank-content\n  - metodbank-links\n  - metodbank-search:\n      pagefind: false\n"
    "  - metodbank-cards:\n      pdf: false\n",
)


def snapshot(library) -> tuple:
    return {
        i: (e.kind.name, e.model, e.source.digest) for i, e in dict.items(library.entries)
    }, library.diagnostics


def test_the_parse_cache_gives_what_a_fresh_read_gives(tmp_path):
    shutil.copytree(
        ROOT,
        tmp_path / "p",
        ignore=lambda d, n: {"site", ".cache", ".git"} & set(n) if d == str(ROOT) else [],
    )
    root = tmp_path / "p"
    cache = parse_cache(root, folder=tmp_path / "cache")
    assert snapshot(load_library(root, cache=cache)) == snapshot(load_library(root))
    cache.save()
    again = parse_cache(root, folder=tmp_path / "cache")
    assert snapshot(load_library(root, cache=again)) == snapshot(load_library(root))
    assert again.hits == len(load_library(root).entries)


def test_a_cached_file_is_checked_again_when_what_it_names_goes_away(library_root, tmp_path):
    cache = parse_cache(library_root, folder=tmp_path / "cache")
    assert not load_library(library_root, cache=cache).errors
    (library_root / "methods" / "motesplats.md").unlink()  # the case and the factor name it
    library = load_library(library_root, cache=cache)
    assert [d.path for d in library.errors] == [d.path for d in load_library(library_root).errors]
    assert any(d.path == "cases/fallet.md" and "motesplats" in d.message for d in library.errors)


def test_a_vocabulary_change_checks_every_file_again(library_root, tmp_path):
    cache = parse_cache(library_root, folder=tmp_path / "cache")
    assert not load_library(library_root, cache=cache).errors
    vocabulary = library_root / "data" / "vocabulary.yml"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(re.sub(r"\n  unga:\n(    .*\n)+", "\n", text, count=1), encoding="utf-8")
    library = load_library(library_root, cache=cache)
    assert library.errors and library.diagnostics == load_library(library_root).diagnostics


# --- dirty rebuilds equal full builds ---------------------------------------------------------


def make_project(root: Path) -> Path:
    shutil.copytree(ROOT / "data", root / "data")
    generate_library(root, 120, Vocabulary.load(ROOT / "data"))
    write_library(root, VALID)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Start\n\nVälkommen.\n", encoding="utf-8")
    return root


def serve_build(root: Path, site: Path, first: bool = False) -> None:
    """One build as `mkdocs serve --dirtyreload` makes it (plugins live across builds)."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url="http://127.0.0.1:8000/", dirty=True)


def full_build(root: Path, site: Path) -> None:
    """A plain full build, in a process of its own (plugins in this process keep serve's state)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)],
        cwd=root,
        env=engine_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


PREVIEW_ONLY = re.compile(r'<div class="mb-facts__row mb-preview-only">.*?</div>\n?', re.S)
"""What only serve shows, for contributors: how complete a case is (never on the built site)."""


def pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): PREVIEW_ONLY.sub("", p.read_text(encoding="utf-8"))
        for p in site.rglob("*.html")
    }


def edit(root: Path, rng: random.Random, round_: int) -> str:
    """One contributor edit of a random kind; returns what was done."""
    cases = sorted((root / "cases").glob("fall-*.md"))
    case = rng.choice(cases)
    text = case.read_text(encoding="utf-8")
    kind = ["title", "method", "theme", "body", "new", "delete", "municipality"][round_ % 7]
    if kind == "title":
        text = re.sub(r"^title:.*$", f'title: "Nytt namn {round_}"', text, count=1, flags=re.M)
    elif kind == "method":
        method = rng.choice(sorted(p.stem for p in (root / "methods").glob("metod-*.md")))
        text = re.sub(r"^methods:\n- .*$", f"methods:\n- {method}", text, count=1, flags=re.M)
    elif kind == "theme":
        text = re.sub(r"^themes:\n(- .*\n)+", "themes:\n- unga\n", text, count=1, flags=re.M)
    elif kind == "body":
        text += "\nLäxhjälpen i Kvarnhagen och cykelverkstaden i Sjödalen fick nya lokaler.\n"
    elif kind == "municipality":
        text = re.sub(r"^municipality:.*$", "municipality: Kiruna", text, count=1, flags=re.M)
    elif kind == "new":
        copy = re.sub(r"^title:.*$", f'title: "Ett nytt fall {round_}"', text, count=1, flags=re.M)
        (root / "cases" / f"nytt-fall-{round_}.md").write_text(copy, encoding="utf-8")
        return f"new from {case.name}"
    elif kind == "delete" and not any(
        f"- {case.stem}" in p.read_text(encoding="utf-8") for p in root.rglob("*.md")
    ):
        case.unlink()
        return f"delete {case.name}"
    case.write_text(text, encoding="utf-8")
    return f"{kind} {case.name}"


@pytest.mark.parametrize("seed", [1, 2])
def test_dirty_rebuilds_after_edits_equal_a_full_build(tmp_path, seed):
    root = make_project(tmp_path / "project")
    serve_site = tmp_path / "serve"
    serve_build(root, serve_site, first=True)
    rng = random.Random(seed)
    for round_ in range(7):
        done = [edit(root, rng, round_ + seed) for _ in range(2)]
        serve_build(root, serve_site)
        full = tmp_path / f"full-{round_}"
        full_build(root, full)
        served, fresh = pages(serve_site), pages(full)
        assert served.keys() >= fresh.keys(), done
        differ = sorted(name for name in fresh if served[name] != fresh[name])
        assert differ == [], (done, differ[:5])
        # Only serve lists the content errors (none here); deleted entries' pages are gone.
        assert served.keys() - fresh.keys() <= {"innehallsfel/index.html"}, done


def test_a_remembered_answer_keeps_its_dependencies():
    """The second page that shows a remembered answer (an evidence grade) depends on what the
    first computation read, as the first page does."""
    from metodbank.content.deps import record, recording, remembered

    cache: dict = {}

    def compute():
        record("fall-a")
        return 1

    with recording() as first:
        assert remembered(cache, "metod", compute) == 1
    with recording() as second:
        assert remembered(cache, "metod", compute) == 1
    assert first == second == {"fall-a"}


def test_a_refreshed_answer_that_comes_out_the_same_changes_nothing():
    """Early cut-off: pages record ("memo", key) for grades and list facts; a stale answer is
    recomputed, and only one whose value differs marks its key changed (in rounds, so an
    answer that shows another follows it)."""
    from metodbank.content.deps import Memo, record, recording, remembered

    memo = Memo(refreshable=("grade", "meta"))
    values = {"a": 1, "b": 1}

    def grade(name):
        record(f"fall-{name}")
        return values[name]

    def meta(name):
        return f"steg {remembered(memo, ('grade', name), lambda: grade(name))}"

    def recompute(key):
        kind, name = key
        if name not in values:
            raise KeyError(name)
        function = grade if kind == "grade" else meta
        return remembered(memo, key, lambda: function(name))

    with recording() as page:
        recompute(("meta", "a"))
        recompute(("meta", "b"))
    assert page == {("memo", ("meta", "a")), ("memo", ("meta", "b"))}

    changed = {"fall-a", "fall-b"}
    values["b"] = 2  # fall-a retitled (same grade), fall-b got results (new grade)
    memo.refresh(changed, recompute)
    assert changed == {"fall-a", "fall-b", ("memo", ("grade", "b")), ("memo", ("meta", "b"))}
    assert memo[("meta", "b")][0] == "steg 2"

    del values["a"]  # the entry is gone: its answers count as changed
    changed = {"fall-a"}
    memo.refresh(changed, recompute)
    assert ("memo", ("grade", "a")) in changed and ("memo", ("meta", "a")) in changed


def test_a_retitled_case_rebuilds_only_the_pages_that_show_it(tmp_path):
    """A retitle under serve rebuilds the case, the pages that list it, and its own theme,
    target-group and municipality pages; not every theme or municipality page that shows the
    evidence step of a method the case uses (the step did not change)."""
    root = make_project(tmp_path / "project")
    site = tmp_path / "serve"
    serve_build(root, site, first=True)
    before = {p: p.stat().st_mtime_ns for p in site.rglob("index.html")}
    library = load_library(root)
    case = library.entries["fall-00003"]
    path = root / case.source.rel
    path.write_text(
        re.sub(r"^title:.*$", 'title: "Nytt namn"', path.read_text(encoding="utf-8"), count=1, flags=re.M),
        encoding="utf-8",
    )
    serve_build(root, site)
    rebuilt = {p.parent.relative_to(site).as_posix() for p, t in before.items() if p.stat().st_mtime_ns != t}
    item = case.item
    municipalities = {p for p in rebuilt if p.startswith("kommuner/") and p != "kommuner"}
    themes = {p for p in rebuilt if p.startswith("teman/") and p != "teman"}
    assert "fall/fall-00003" in rebuilt
    assert len(municipalities) <= 1, sorted(municipalities)
    assert len(themes) <= len(item.themes), sorted(themes)
