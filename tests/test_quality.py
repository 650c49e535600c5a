"""Whole-site quality gates: every internal link resolves, and the engine can change (the
site builds with ProperDocs, every custom plugin runs there, and its validation fires)."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, VALID, make_site_project, write_library
from metodbank.build import build_site, engine_env
from metodbank.project import load_library


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


def test_properdocs_runs_every_custom_plugin(properdocs_site):
    site = properdocs_site
    library = load_library(ROOT)
    # metodbank-content: a page with a fact box for every entry, overviews and open data
    for entry in library.entries.values():
        assert 'class="mb-facts"' in (site / entry.kind.section / entry.id / "index.html").read_text(
            encoding="utf-8"
        )
    assert (site / "oppna-data" / "fall.csv").exists() and (site / "bidra" / "falt" / "index.html").exists()
    # metodbank-links: backlinks and the generated pages per theme and municipality
    assert "Använd i fall" in (site / "metoder" / "kopiera-en-verksamhet" / "index.html").read_text(
        encoding="utf-8"
    )
    assert (site / "teman" / "motesplatser" / "index.html").exists()
    assert (site / "kommuner" / "norrkoping" / "index.html").exists()
    # metodbank-search: the finder's catalogue, related content and the Pagefind bundle
    assert (site / "hitta-metod" / "metoder.json").exists()
    assert (site / "pagefind" / "pagefind.js").exists()
    assert "Liknande fall" in (site / "fall" / "bis-boden" / "index.html").read_text(encoding="utf-8")
    # metodbank-cards: card PDFs, decks and plans
    assert (site / "metodkort" / "metodkort.pdf").exists()
    assert (site / "kopiera" / "koalitionsmodellen.md").exists()
    # mkdocstrings ran too
    assert "metodbank.content.library" in (site / "utvecklare" / "api" / "index.html").read_text(
        encoding="utf-8"
    )


def test_properdocs_build_fails_on_a_broken_file(tmp_path):
    project = make_site_project(tmp_path)
    write_library(
        project, {"cases/fallet.md": VALID["cases/fallet.md"].replace("status: avslutad", "status: x")}
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "properdocs",
            "build",
            "-f",
            "mkdocs.yml",
            "--site-dir",
            str(tmp_path / "out"),
        ],
        cwd=project,
        env=engine_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "cases/fallet.md:12: ogiltigt värde 'x' i status" in result.stderr
    assert not (tmp_path / "out").exists()
