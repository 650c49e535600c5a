"""The Whoosh index: Swedish inflections and compounds meet, incremental updates touch only
what changed, related content is stable, `invoke search` prints hits, near-duplicates warn."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, VALID, require_tool, write_library
from metodbank.build import engine_env
from metodbank.cli import search as cli_search
from metodbank.cli import validate
from metodbank.project import load_library
from metodbank.search.index import SearchIndex, vocabulary_terms
from metodbank.search.related import Related
from metodbank.search.swedish import analyzer, known_stems, normalise, snowball

LIBRARY = load_library(ROOT)
KNOWN = known_stems(vocabulary_terms(LIBRARY))

# Inflection pairs taken from the example library's text.
PAIRS = [
    ("mötesplats", "mötesplatserna"),
    ("mötesplats", "mötesplatsen"),
    ("mötesplats", "mötesplatser"),
    ("ungdom", "ungdomar"),
    ("ungdom", "ungdomarna"),
    ("verksamhet", "verksamheten"),
    ("förening", "föreningar"),
    ("handledningsmodell", "handledningsmodellen"),
]


def test_stock_snowball_disagrees_on_a_pair_that_matters():
    """The reason for the normalising filter: plain Snowball splits mötesplats from its forms."""
    assert snowball("mötesplats") != snowball("mötesplatserna")


@pytest.mark.parametrize(("base", "form"), PAIRS)
def test_inflections_share_a_stem(base, form):
    assert normalise(base) == normalise(form)


def test_compound_carries_its_known_parts():
    tokens = [t.text for t in analyzer(KNOWN)("ungdomsmötesplats")]
    assert normalise("mötesplats") in tokens and normalise("ungdom") in tokens


@pytest.fixture
def indexed(library_root, tmp_path):
    """The fixture library with bodies that use one form each, and its index."""
    write_library(
        library_root,
        {
            "cases/fallet.md": VALID["cases/fallet.md"].replace(
                "Brödtext om fallet.", "Ungdomarna startade en ungdomsmötesplats i källaren."
            ),
            "methods/motesplats.md": VALID["methods/motesplats.md"].replace(
                "Om metoden.", "Mötesplatserna drivs av föreningar."
            ),
        },
    )
    index = SearchIndex(load_library(library_root), tmp_path / "index")
    index.update()
    return index


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ungdom", "fallet"),  # text says Ungdomarna
        ("mötesplats", "fallet"),  # text says ungdomsmötesplats (compound)
        ("mötesplatsen", "motesplats"),  # text says Mötesplatserna
        ("förening", "motesplats"),  # text says föreningar
    ],
)
def test_queries_find_other_forms(indexed, query, expected):
    assert expected in [hit["id"] for hit in indexed.search(query)]


def test_title_weighs_more_than_body(indexed):
    hits = indexed.search("kvällsöppen mötesplats")
    assert hits[0]["id"] == "motesplats"


def test_update_touches_only_what_changed(library_root, tmp_path):
    folder = tmp_path / "index"
    first = SearchIndex(load_library(library_root), folder).update()
    assert first.rebuilt and first.added == 5
    again = SearchIndex(load_library(library_root), folder).update()
    assert (again.rebuilt, again.added, again.updated, again.deleted, again.unchanged) == (False, 0, 0, 0, 5)
    write_library(library_root, {"cases/fallet.md": VALID["cases/fallet.md"].replace("Brödtext", "Läxhjälp")})
    (library_root / "methods/rekommendationer/borja-smatt.md").unlink()
    changed = SearchIndex(load_library(library_root), folder)
    stats = changed.update()
    assert (stats.rebuilt, stats.added, stats.updated, stats.deleted, stats.unchanged) == (False, 0, 1, 1, 3)
    assert [hit["id"] for hit in changed.search("läxhjälp")] == ["fallet"]
    assert changed.index.doc_count() == 4


def test_related_is_deterministic_same_kind_and_never_itself(tmp_path):
    first = Related(KNOWN)
    first.update(LIBRARY)
    first.save(tmp_path / "related.pickle")
    second = Related.load(tmp_path / "related.pickle", KNOWN)
    assert second.update(LIBRARY) == set()  # nothing changed: nothing scored again
    related = first.lists
    fresh = Related(KNOWN)
    fresh.update(LIBRARY)
    assert related == fresh.lists == second.lists
    for kind in ("case", "method"):
        for entry in LIBRARY.of_kind(kind):
            ids = related[entry.id]
            assert 1 <= len(ids) <= 3
            assert entry.id not in ids
            assert all(LIBRARY.entries[i].kind.name == kind for i in ids)


def test_related_content_is_on_every_case_and_method_page(built_site):
    for kind, heading in (("case", "Liknande fall"), ("method", "Liknande metoder")):
        for entry in LIBRARY.of_kind(kind):
            text = (built_site / entry.kind.section / entry.id / "index.html").read_text(encoding="utf-8")
            assert f">{heading}<" in text, entry.id


def test_cli_search_prints_ranked_hits_with_snippet_and_url(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(
        ROOT, project, ignore=shutil.ignore_patterns("site", ".cache", ".git", "*.egg-info", "node_modules")
    )
    out = io.StringIO()
    assert cli_search(project, "ungdomar", kind="fall", out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("1. Mötesplats för unga i Lina Hage (fall, poäng ")
    assert lines[1].strip() == "https://metodbanken.example.se/fall/lina-hage-sodertalje/"
    assert "UNGDOMAR" in lines[2]
    assert all("(fall," in line for line in lines if line[:1].isdigit())
    out = io.StringIO()
    assert cli_search(project, "xyzzy", out=out) == 1
    assert out.getvalue().strip() == "Inga träffar för 'xyzzy'."


def test_invoke_search_runs_from_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "search", "mötesplats", "--kind", "metod", "--limit", "2"],
        cwd=ROOT,
        env=engine_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1. ")
    assert "/metoder/" in result.stdout


def git_repo(path: Path) -> None:
    git = require_tool("git", "git")
    for command in (
        [git, "init", "-q"],
        [git, "add", "-A"],
        [git, "-c", "user.name=t", "-c", "user.email=t@example.se", "commit", "-qm", "start"],
    ):
        subprocess.run(command, cwd=path, check=True)


def test_near_duplicate_case_warns_but_does_not_fail(library_root):
    git_repo(library_root)
    write_library(
        library_root, {"cases/fallet-igen.md": VALID["cases/fallet.md"].replace("Hageby", "Hagebyn")}
    )
    out = io.StringIO()
    assert validate(library_root, github=False, out=out) == 0
    lines = out.getvalue().splitlines()
    warning = [line for line in lines if "liknar" in line]
    assert len(warning) == 1
    assert warning[0].startswith("cases/fallet-igen.md:1: varning: fallet liknar cases/fallet.md mycket (")
    assert lines[-1].startswith("Inga fel (1 varning)")


def test_unchanged_library_gives_no_near_duplicate_warning(library_root):
    write_library(
        library_root, {"cases/fallet-igen.md": VALID["cases/fallet.md"].replace("Hageby", "Hagebyn")}
    )
    git_repo(library_root)
    out = io.StringIO()
    validate(library_root, github=False, out=out)
    assert "liknar" not in out.getvalue()


def test_related_updates_entry_by_entry_exactly_as_from_scratch(tmp_path):
    """Edits to a synthetic library: the incremental lists equal lists computed afresh, and
    the ids reported as changed are exactly those whose list changed."""
    import random

    from metodbank.content.vocabulary import Vocabulary

    from benchmarks.synthetic import DISTRICT_PARTS, generate_library

    shutil.copytree(ROOT / "data", tmp_path / "data")
    generate_library(tmp_path, 300, Vocabulary.load(ROOT / "data"))
    library = load_library(tmp_path)
    known = known_stems(vocabulary_terms(library))
    related = Related(known)
    related.update(library)
    rng = random.Random(15)
    # District names are rare terms (key terms of a few pages each): adding them moves the
    # document frequency of terms other pages rank by, not only the edited pages' own lists.
    words = [a + b for a in DISTRICT_PARTS[0] for b in DISTRICT_PARTS[1]]
    for _ in range(6):
        before = dict(related.lists)
        for path in rng.sample(sorted((tmp_path / "cases").glob("*.md")), 3):
            extra = " ".join(rng.choice(words) for _ in range(20))
            path.write_text(path.read_text(encoding="utf-8") + f"\n{extra}\n", encoding="utf-8")
        library = load_library(tmp_path)
        changed = related.update(library)
        fresh = Related(known)
        fresh.update(library)
        assert related.lists == fresh.lists
        assert changed == {i for i in fresh.lists if before.get(i) != fresh.lists[i]}
