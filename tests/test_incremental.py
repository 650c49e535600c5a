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
