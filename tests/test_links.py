"""Cross-linking: backlinks both ways, evidence, lineage, body references, overview pages,
and a case page whose size does not grow with the library."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import MKDOCS_YML, ROOT, VALID, write_library
from metodbank.build import build_site
from metodbank.content.ids import slugify
from metodbank.content.vocabulary import Vocabulary
from metodbank.project import load_library

from benchmarks.synthetic import generate_library

LIBRARY = load_library(ROOT)


@pytest.fixture
def site(built_site) -> Path:
    return built_site


def url(entry_id: str) -> str:
    entry = LIBRARY.entries[entry_id]
    return f"{entry.kind.section}/{entry_id}/"


def read(site: Path, page_url: str) -> str:
    return (site / page_url / "index.html").read_text(encoding="utf-8")


def links_from(site: Path, source: str) -> set[str]:
    """Ids of the entries that the page of `source` links to."""
    text = read(site, url(source))
    targets = set()
    for href in re.findall(r'href="(\.\./\.\./[a-z]+/[a-z0-9-]+/|\.\./[a-z0-9-]+/)"', text):
        targets.add(href.rstrip("/").rsplit("/", 1)[-1])
    return targets


def forward_references() -> list[tuple[str, str]]:
    """Every (source id, target id) written in front matter, read straight from the models."""
    pairs = []
    for entry in LIBRARY.entries.values():
        item = entry.item
        for name in ("organisations", "methods", "success_factors", "cases"):
            pairs += [(entry.id, target) for target in getattr(item, name, [])]
        if getattr(item, "copied_from", None):
            pairs.append((entry.id, item.copied_from.id))
    return pairs


def test_every_reference_links_both_ways(site):
    pairs = forward_references()
    assert len(pairs) >= 60, "the example library should be well connected"
    missing = [
        (source, target)
        for source, target in pairs
        if target not in links_from(site, source) or source not in links_from(site, target)
    ]
    assert missing == []


def test_every_kind_has_backlinks(site):
    kinds = {"case": 0, "method": 0, "factor": 0, "organisation": 0}
    for _source, target in forward_references():
        kinds[LIBRARY.entries[target].kind.name] = kinds.get(LIBRARY.entries[target].kind.name, 0) + 1
    assert all(count > 0 for count in kinds.values()), kinds


@pytest.mark.parametrize("method", sorted(e.id for e in LIBRARY.of_kind("method")))
def test_method_lists_the_cases_that_used_it_and_its_evidence(site, method):
    cases = [e for e in LIBRARY.of_kind("case") if method in e.item.methods]
    text = read(site, url(method))
    section = text.split('id="anvand-i-fall"', 1)[1].split("<h2", 1)[0] if cases else ""
    assert sorted(re.findall(r'href="\.\./\.\./fall/([a-z0-9-]+)/"', section)) == sorted(c.id for c in cases)
    places = {c.item.municipality for c in cases if c.item.municipality}
    expected = f"Prövad i {len(cases)} fall" + (
        f" i {len(places)} {'kommun' if len(places) == 1 else 'kommuner'}" if places else ""
    )
    assert expected in text


def test_copied_case_shows_lineage(site):
    text = read(site, url("portalen-norrkoping"))
    lineage = text.split('id="kopior-av-fallet"', 1)[1]
    copy = LIBRARY.entries["bis-boden"].item
    assert '<a href="../bis-boden/">BIS i Boden – en kopia av Portalen</a> – Boden, 2019' in lineage
    assert html.escape(copy.copied_from.changes, quote=False) in lineage
    assert "Kopierat från" in read(site, url("bis-boden"))


def test_body_reference_renders_as_titled_link(site):
    text = read(site, url("bis-boden"))
    assert '<a class="mb-ref" href="../portalen-norrkoping/">Portalen i Norrköping</a>' in text
    text = read(site, url("kopiera-en-verksamhet"))
    assert '<a class="mb-ref" href="../../fall/bis-boden/">BIS i Boden</a>' in text
    assert "[[" not in text


def test_unknown_body_reference_is_reported_with_file_and_line(library_root):
    body = VALID["cases/fallet.md"].replace(
        "Brödtext om fallet.",
        "Brödtext om fallet.\n\nSe [[motesplats]] och [[motesplatts]], men inte `[[kod]]`.",
    )
    write_library(library_root, {"cases/fallet.md": body})
    library = load_library(library_root)
    assert [str(d) for d in library.errors] == [
        "cases/fallet.md:25: okänd referens [[motesplatts]] i texten — menade du 'motesplats'?"
    ]


def test_overview_pages_exist_only_for_values_in_use(site):
    used = {"teman": set(), "malgrupper": set(), "kommuner": set()}
    for entry in LIBRARY.entries.values():
        used["teman"].update(getattr(entry.item, "themes", []))
        used["malgrupper"].update(getattr(entry.item, "target_groups", []))
        if getattr(entry.item, "municipality", None):
            used["kommuner"].add(slugify(entry.item.municipality))
    vocabulary = Vocabulary.load(ROOT / "data")
    assert len(used["teman"]) < len(vocabulary.groups["themes"]), "some theme must be unused for this test"
    for section, values in used.items():
        pages = {p.name for p in (site / section).iterdir() if p.is_dir()}
        assert pages == values, section
    norrkoping = read(site, "kommuner/norrkoping/")
    for entry in LIBRARY.entries.values():
        if getattr(entry.item, "municipality", None) == "Norrköping":
            assert f"/{entry.id}/" in norrkoping


def test_theme_page_lists_cases_and_methods_with_summaries(site):
    text = read(site, "teman/motesplatser/")
    for entry in LIBRARY.entries.values():
        if "motesplatser" in getattr(entry.item, "themes", []):
            assert f"/{entry.id}/" in text
            assert html.escape(entry.item.summary, quote=False)[:60] in text


def test_section_overview_is_sortable(site):
    text = read(site, "fall/")
    assert 'data-sort="reviewed"' in text
    assert re.search(r'data-reviewed="\d{4}-\d{2}-\d{2}"', text)
    assert "assets/metodbank.js" in text


def build_synthetic(root: Path, cases: int) -> Path:
    shutil.copytree(ROOT / "data", root / "data")
    generate_library(root, cases, Vocabulary.load(ROOT / "data"))
    (root / "mkdocs.yml").write_text(
        MKDOCS_YML.replace("  - metodbank-content\n", "  - metodbank-content\n  - metodbank-links\n")
    )
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    site = root / "site"
    assert build_site(root, site_dir=site, strict=True) == 0
    return site


def test_case_page_size_does_not_grow_with_the_library(tmp_path):
    small = build_synthetic(tmp_path / "small", 30)
    large = build_synthetic(tmp_path / "large", 300)
    for case in ("fall-00000", "fall-00001", "fall-00017"):
        size_small = (small / "fall" / case / "index.html").stat().st_size
        size_large = (large / "fall" / case / "index.html").stat().st_size
        assert size_small == size_large, case


def test_every_municipality_has_a_page_address_of_its_own():
    """Håbo and Habo slugify alike; every one of the 290 municipalities gets its own page."""
    from metodbank.site.taxonomy import FACET_BY_FIELD, term_uri

    names = Vocabulary.load(ROOT / "data").municipalities
    uris = {term_uri(FACET_BY_FIELD["municipality"], name) for name in names}
    assert len(uris) == len(names) == 290
