"""Whole-site quality gates: every internal link resolves, and the engine can change (the
site builds with ProperDocs, every custom plugin runs there, and its validation fires)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, VALID, make_site_project, run_engine, write_library
from metodbank.build import build_site
from metodbank.project import load_library
from pypdf import PdfReader


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        for name in ("href", "src"):
            value = attributes.get(name)
            if value and not (tag == "link" and attributes.get("rel") in ("canonical", "alternate")):
                self.targets.append(value)


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(site: Path, page: Path, target: str) -> tuple[Path, str] | None:
    """The file an internal link points at and its fragment; None for external links."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith(("mailto:", "#")) or not parts.path:
        return None
    base = site if parts.path.startswith("/") else page.parent  # 404.html links from the site root
    path = (base / unquote(parts.path).lstrip("/")).resolve()
    if path.is_dir() or parts.path.endswith("/"):
        path = path / "index.html"
    return path, parts.fragment


def test_every_internal_link_in_the_site_resolves(built_site):
    site = built_site.resolve()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    parsed = {page: parse(page) for page in pages}
    broken, checked = [], 0
    for page, links in parsed.items():
        for target in links.targets:
            resolved = resolve(site, page, target)
            if resolved is None:
                continue
            path, fragment = resolved
            checked += 1
            if not path.exists() or site not in path.parents:
                broken.append(f"{page.relative_to(site)} → {target}")
            elif fragment and path in parsed and fragment not in parsed[path].ids:
                broken.append(f"{page.relative_to(site)} → {target} (no #{fragment})")
    assert checked > 1000
    assert broken == []


def test_same_page_fragments_resolve(built_site):
    broken = []
    for page in built_site.rglob("*.html"):
        links = parse(page)
        for target in links.targets:
            if target.startswith("#") and len(target) > 1 and target[1:] not in links.ids:
                broken.append(f"{page.relative_to(built_site)} → {target}")
    assert broken == []


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("properdocs") / "site"
    assert build_site(ROOT, site_dir=site, strict=True, engine="properdocs") == 0
    return site


GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')
LASTMOD = re.compile(r"<lastmod>[^<]*</lastmod>")


def engine_neutral(path: Path) -> bytes:
    """A built file without what may differ between engines or days: the generator line of
    pages and the dates in the sitemap (compressed: read back)."""
    if path.name == "sitemap.xml.gz":
        return LASTMOD.sub("", gzip.decompress(path.read_bytes()).decode("utf-8")).encode("utf-8")
    if path.suffix in (".html", ".xml"):
        text = path.read_text(encoding="utf-8")
        return LASTMOD.sub("", GENERATOR.sub("", text)).encode("utf-8")
    return path.read_bytes()


def test_properdocs_builds_the_same_site_as_mkdocs(properdocs_site, built_site):
    """Every custom plugin ran under ProperDocs and did the same work: the same files, every
    page the same (fact boxes, backlinks, related content, the finder, the cards page, the
    search box) and the same open data, catalogue, Pagefind index, card PDFs and plans."""
    files = {p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file()}
    built = {p.relative_to(properdocs_site) for p in properdocs_site.rglob("*") if p.is_file()}
    assert len(files) > 200
    different = [
        str(rel)
        for rel in sorted(files & built)
        if engine_neutral(properdocs_site / rel) != engine_neutral(built_site / rel)
    ]
    # (Pagefind names its files by their content: pages that differ also change those names.)
    missing, extra = sorted(map(str, files - built)), sorted(map(str, built - files))
    assert {"different": different, "missing": missing, "extra": extra} == {
        "different": [],
        "missing": [],
        "extra": [],
    }
    start = (properdocs_site / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs' in start, "not built by ProperDocs"


def test_properdocs_site_has_the_content_of_every_plugin(properdocs_site):
    """The ProperDocs build on its own: content, not just files."""
    site = properdocs_site
    library = load_library(ROOT)

    def page(rel: str) -> str:
        return (site / rel / "index.html").read_text(encoding="utf-8")

    # metodbank-content: every entry page has its fact box with its rows; open data
    for entry in library.entries.values():
        facts = (
            page(f"{entry.kind.section}/{entry.id}").split('class="mb-facts"', 1)[1].split("</section>")[0]
        )
        assert "<dt>Källor</dt>" in facts and "<dt>Senast granskad</dt>" in facts, entry.id
    assert "<dt>Insats</dt>" in page("metoder/motesplats-for-unga")
    rows = list(csv.DictReader(io.StringIO((site / "oppna-data" / "fall.csv").read_text(encoding="utf-8"))))
    assert sorted(row["id"] for row in rows) == sorted(e.id for e in library.of_kind("case"))
    # metodbank-links: backlinks, body references, pages per theme and municipality
    used_in = page("metoder/kopiera-en-verksamhet").split('id="anvand-i-fall"', 1)[1].split("<h2", 1)[0]
    assert 'href="../../fall/bis-boden/"' in used_in
    assert 'href="../../fall/bis-boden/"' in page("teman/kunskapsspridning")
    assert 'href="../../fall/portalen-norrkoping/"' in page("kommuner/norrkoping")
    # metodbank-search: the finder lists every method, its catalogue, related content, Pagefind
    finder = page("hitta-metod")
    methods = sorted(e.id for e in library.of_kind("method"))
    assert sorted(re.findall(r'<li class="mb-list__item" data-id="([a-z0-9-]+)"', finder)) == methods
    catalogue = json.loads((site / "hitta-metod" / "metoder.json").read_text(encoding="utf-8"))
    assert sorted(record["id"] for record in catalogue) == methods
    assert ">Liknande fall<" in page("fall/bis-boden")
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = [p for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert entry["languages"]["sv"]["page_count"] == len(indexed) >= len(library.entries)
    # metodbank-cards: a card PDF per method, the deck, the plans and the cards page
    for method in methods:
        assert (site / "metodkort" / f"{method}.pdf").read_bytes().startswith(b"%PDF-"), method
        assert "- [ ]" in (site / "kopiera" / f"{method}.md").read_text(encoding="utf-8"), method
        assert f'href="{method}.pdf"' in page("metodkort")
    assert len(PdfReader(site / "metodkort" / "metodkort.pdf").pages) > 2 * len(methods)
    # mkdocstrings ran too
    assert "metodbank.content.library" in page("utvecklare/api")


def test_properdocs_build_fails_on_a_broken_file(tmp_path):
    project = make_site_project(tmp_path)
    write_library(
        project, {"cases/fallet.md": VALID["cases/fallet.md"].replace("status: avslutad", "status: x")}
    )
    result = run_engine(
        project, "properdocs", "build", "-f", "mkdocs.yml", "--site-dir", str(tmp_path / "out")
    )
    assert result.returncode != 0
    assert "cases/fallet.md:12: ogiltigt värde 'x' i 'status'" in result.stderr
    assert not (tmp_path / "out").exists()
