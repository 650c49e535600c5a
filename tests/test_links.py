"""Cross-linking: backlinks both ways, evidence, lineage, body references, overview pages,
and a case page whose size does not grow with the library."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import MKDOCS_YML, ROOT, VALID, make_site_project, serve_folder, write_library
from metodbank.build import build_site
from metodbank.content.crossrefs import CrossRefs
from metodbank.content.evidence import grade
from metodbank.content.ids import slugify
from metodbank.content.vocabulary import Vocabulary
from metodbank.project import load_library
from playwright.sync_api import expect

from benchmarks.synthetic import generate_library

LIBRARY = load_library(ROOT)
REFS = CrossRefs.build(LIBRARY)


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


def referring(kind: str, field: str, target: str) -> set[str]:
    """Ids of the entries of `kind` whose front-matter field `field` names `target`."""
    return {e.id for e in LIBRARY.of_kind(kind) if target in getattr(e.item, field)}


def expected_backlinks(entry) -> dict[str, set[str]]:
    """Heading → ids each entry page must list, worked out from the front matter alone."""
    item, id_ = entry.item, entry.id
    if entry.kind.name == "method":
        return {
            "Använd i fall": referring("case", "methods", id_),
            "Framgångsfaktorer för metoden": referring("factor", "methods", id_),
            "Rekommendationer om metoden": referring("recommendation", "methods", id_),
        }
    if entry.kind.name == "case":
        return {
            "Framgångsfaktorer som fallet stöder": referring("factor", "cases", id_)
            - set(item.success_factors),
            "Rekommendationer som bygger på fallet": referring("recommendation", "cases", id_),
        }
    if entry.kind.name == "factor":
        return {
            "Fall som stöder framgångsfaktorn": set(item.cases) | referring("case", "success_factors", id_),
            "Rekommendationer som bygger på den": referring("recommendation", "success_factors", id_),
        }
    if entry.kind.name == "recommendation":
        return {"Fall som stöder rekommendationen": set(item.cases)}
    cases = referring("case", "organisations", id_)
    return {
        "Fall där aktören deltog": cases,
        "Metoder i aktörens fall": {m for c in cases for m in LIBRARY.entries[c].item.methods},
    }


def listed_by_heading(text: str) -> dict[str, list[str]]:
    """Each h2 of a built page → the ids of the entries listed under it."""
    sections = {}
    for part in text.split("<h2")[1:]:
        heading = re.match(r"[^>]*>([^<]+)", part).group(1).strip()
        part = part.split("</article>", 1)[0]
        hrefs = re.findall(r'class="mb-list__title" href="([^"]+)"', part)
        sections[heading] = [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]
    return sections


@pytest.mark.parametrize("kind", ["case", "method", "factor", "recommendation", "organisation"])
def test_every_kind_has_backlinks(site, kind):
    """Read from the built pages: every backlink section lists exactly the entries that point
    at the page, in front matter, and every kind has pages with backlinks."""
    shown_somewhere = 0
    for entry in LIBRARY.of_kind(kind):
        shown = listed_by_heading(read(site, url(entry.id)))
        for heading, ids in expected_backlinks(entry).items():
            if ids:
                assert heading in shown, f"{entry.id}: no section {heading!r}"
                assert sorted(shown[heading]) == sorted(ids), f"{entry.id}: {heading}"
                shown_somewhere += 1
            else:
                assert heading not in shown, f"{entry.id}: empty section {heading!r} is shown"
    assert shown_somewhere > 0, f"no {kind} page shows backlinks"


@pytest.mark.parametrize("method", sorted(e.id for e in LIBRARY.of_kind("method")))
def test_method_lists_the_cases_that_used_it_and_its_evidence(site, method):
    cases = [e for e in LIBRARY.of_kind("case") if method in e.item.methods]
    text = read(site, url(method))
    section = text.split('id="anvand-i-fall"', 1)[1].split("<h2", 1)[0] if cases else ""
    assert sorted(re.findall(r'href="\.\./\.\./fall/([a-z0-9-]+)/"', section)) == sorted(c.id for c in cases)
    found = grade(LIBRARY.entries[method], REFS)
    panel = text.split('id="underlag-och-evidens"', 1)[1].split("<h2", 1)[0]
    assert f"Steg {found.step} av 5: {found.label}." in panel
    assert f"{found.counts.cases} fall, " in panel
    assert "Prövad i" not in text, "use is not a test: the old evidence sentence misleads"


def test_copied_case_shows_lineage(site):
    text = read(site, url("portalen-norrkoping"))
    lineage = text.split('class="mb-lineage"', 1)[1].split("</ul>", 1)[0]
    copy = LIBRARY.entries["bis-boden"].item
    title = html.escape(LIBRARY.entries["bis-boden"].title, quote=False)
    row = lineage.split("</li>", 1)[0]
    assert f'<a href="../bis-boden/">{title}</a> – Boden, 2019 <span class="mb-inferred"' in row
    assert row.count("mb-inferred__tag") == 2, "the start year and the direction of the copy are inferred"
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


# Cases whose titles (Swedish letters: å before ä before ö, all after z) and review dates
# put them in three different orders: as written, by title and by last review.
SORT_CASES = {
    "angsgarden": ("Ängsgården", "2024-01-01"),
    "akerby": ("Åkerby", "2025-06-01"),
    "bjorkhagen": ("Björkhagen", "2023-03-03"),
    "centrumhuset": ("Centrumhuset", "2023-03-03"),
}
BY_TITLE = ["Björkhagen", "Centrumhuset", "Mötesplats i Hageby", "Åkerby", "Ängsgården"]
BY_REVIEWED = ["Mötesplats i Hageby", "Åkerby", "Ängsgården", "Björkhagen", "Centrumhuset"]


@pytest.fixture(scope="module")
def sortable_site(tmp_path_factory):
    root = make_site_project(tmp_path_factory.mktemp("sortable"))
    case = VALID["cases/fallet.md"]
    write_library(
        root,
        {
            f"cases/{id_}.md": case.replace("title: Mötesplats i Hageby", f"title: {title}").replace(
                "last_reviewed: 2026-01-15", f"last_reviewed: {reviewed}"
            )
            for id_, (title, reviewed) in SORT_CASES.items()
        },
    )
    assert build_site(root, site_dir=root / "site", strict=True) == 0
    url, server = serve_folder(root / "site")
    yield url
    server.shutdown()


def overview_titles(tab) -> list[str]:
    return tab.locator("ul.mb-list > li > a.mb-list__title").all_inner_texts()


def test_overview_sorts_by_title_and_by_last_review_in_chromium(tab, sortable_site):
    tab.goto(sortable_site + "fall/")
    controls = tab.locator("[data-mb-sort]")
    expect(controls).to_be_visible()
    by_title = controls.get_by_role("button", name="Titel")
    by_reviewed = controls.get_by_role("button", name="Senast granskad")
    assert sorted(overview_titles(tab)) == sorted(BY_TITLE)

    by_reviewed.click()
    assert overview_titles(tab) == BY_REVIEWED
    expect(by_reviewed).to_have_attribute("aria-pressed", "true")
    expect(by_title).to_have_attribute("aria-pressed", "false")

    by_title.click()
    assert overview_titles(tab) == BY_TITLE
    expect(by_title).to_have_attribute("aria-pressed", "true")
    expect(by_reviewed).to_have_attribute("aria-pressed", "false")


def test_overview_without_javascript_hides_the_sort_buttons(browser_without_javascript, sortable_site):
    context = browser_without_javascript.new_context()
    try:
        tab = context.new_page()
        tab.goto(sortable_site + "fall/")
        expect(tab.locator("[data-mb-sort]")).to_be_hidden()
        assert sorted(overview_titles(tab)) == sorted(BY_TITLE)
    finally:
        context.close()


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
