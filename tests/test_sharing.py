"""Sharing and reuse: formula-safe CSV cells, "Föreslå en ändring" and "Rapportera ett fel"
on every entry page, the Atom feed (dates and escaping), and the Open Graph and Twitter
card metadata in the page head."""

from __future__ import annotations

import csv
import html
import io
import re
import struct
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import FORMULA_CELLS, ROOT
from metodbank.project import load_library
from metodbank.site.feed import History, entry_dates, git_history
from metodbank.site.share import neutralise, source_edit_uri

ATOM = "{http://www.w3.org/2005/Atom}"
LIBRARY = load_library(ROOT)


@pytest.mark.parametrize(("value", "expected"), FORMULA_CELLS)
def test_neutralise_formula_cells(value, expected):
    assert neutralise(value) == expected


def test_open_data_csv_neutralises_formula_cells(tools_site):
    text = (tools_site / "oppna-data" / "metoder.csv").read_text(encoding="utf-8")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["formel"]["title"] == '\'=HYPERLINK("http://angripare.example";"Klicka")'
    assert rows["formel"]["summary"].startswith("'+46 70")


# --- edit and report links ----------------------------------------------------------------------


def test_edit_uri_points_from_docs_to_the_entry_file():
    assert source_edit_uri("cases/bis-boden.md", "docs") == "../cases/bis-boden.md"
    assert source_edit_uri("methods/playbooks/x.md", "docs") == "../methods/playbooks/x.md"
    assert source_edit_uri("cases/x.md", ".") == "cases/x.md"


def _links(page: str) -> dict[str, str]:
    block = re.search(r'<p class="mb-edit"[^>]*>(.*?)</p>', page, re.S).group(1)
    return {text: html.unescape(href) for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', block)}


@pytest.mark.parametrize("entry", sorted(LIBRARY.entries.values(), key=lambda e: e.id), ids=lambda e: e.id)
def test_every_entry_page_can_be_edited_and_reported(built_site, entry):
    page = (built_site / entry.kind.section / entry.id / "index.html").read_text(encoding="utf-8")
    links = _links(page)
    edit = links["Föreslå en ändring"]
    assert edit == f"https://github.com/exempel/metodbanken/edit/main/{entry.source.rel}"
    assert (ROOT / entry.source.rel).is_file()
    report = urlsplit(links["Rapportera ett fel"])
    assert (
        f"{report.scheme}://{report.netloc}{report.path}"
        == "https://github.com/exempel/metodbanken/issues/new"
    )
    query = parse_qs(report.query)
    assert query["title"] == [f"Fel på sidan: {entry.title}"]
    assert f"Fil: {entry.source.rel}" in query["body"][0]
    assert f"https://metodbanken.example.se/{entry.kind.section}/{entry.id}/" in query["body"][0]


def test_hand_written_pages_have_no_entry_links(built_site):
    assert 'class="mb-edit"' not in (built_site / "om" / "index.html").read_text(encoding="utf-8")


# --- the feed -------------------------------------------------------------------------------------


def test_feed_is_valid_atom_with_every_entry_newest_first(built_site):
    root = ET.fromstring((built_site / "feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == min(len(LIBRARY.entries), 50)
    updated = [datetime.fromisoformat(e.find(f"{ATOM}updated").text) for e in entries]
    assert updated == sorted(updated, reverse=True)
    by_link = {e.find(f"{ATOM}link").get("href"): e for e in entries}
    for entry in LIBRARY.entries.values():
        item = by_link[f"https://metodbanken.example.se/{entry.kind.section}/{entry.id}/"]
        assert item.find(f"{ATOM}title").text == entry.title
        assert item.find(f"{ATOM}summary").get("type") == "text"
        # Never older than the last review.
        assert datetime.fromisoformat(item.find(f"{ATOM}updated").text).date() >= entry.item.last_reviewed


def test_feed_dates_come_from_history_and_review():
    entry = LIBRARY.entries["bis-boden"]
    day = entry.item.last_reviewed
    reviewed = datetime(day.year, day.month, day.day, tzinfo=UTC)
    assert entry_dates(entry, {}) == (reviewed, reviewed)
    first, later = datetime(2025, 1, 2, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
    assert entry_dates(entry, {"cases/bis-boden.md": History(first, later)}) == (first, later)
    assert entry_dates(entry, {"cases/bis-boden.md": History(first, first)}) == (first, reviewed)


def test_git_history_reads_the_repository():
    history = git_history(ROOT)
    assert history, "the repository has committed content"
    known = history["cases/bis-boden.md"]
    assert known.first <= known.last


def test_feed_outside_a_repository_uses_last_reviewed(tmp_path):
    assert git_history(tmp_path) == {}


def test_feed_escapes_contributed_text(tools_site):
    raw = (tools_site / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw
    root = ET.fromstring(raw.encode("utf-8"))
    entry = next(
        e for e in root.findall(f"{ATOM}entry") if e.find(f"{ATOM}link").get("href").endswith("/formel/")
    )
    assert (
        entry.find(f"{ATOM}summary").text
        == '+46 70 123 45 67 <script>alert("sammanfattning")</script> & "citat"'
    )
    assert list(entry.find(f"{ATOM}summary")) == []  # text, no elements


def test_every_page_links_the_feed_and_the_start_page_too(built_site):
    for page in ("index.html", "om/index.html", "fall/bis-boden/index.html"):
        text = (built_site / page).read_text(encoding="utf-8")
        assert re.search(
            r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="[./]*feed\.xml">', text
        )
    assert (
        'href="feed.xml"' in (built_site / "index.html").read_text(encoding="utf-8").split("md-content", 1)[1]
    )


# --- share previews -------------------------------------------------------------------------------


def _meta(page: str) -> dict[str, str]:
    return {
        key: html.unescape(value)
        for key, value in re.findall(
            r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)">', page
        )
    }


def test_entry_pages_have_open_graph_and_twitter_cards(built_site):
    entry = LIBRARY.entries["bis-boden"]
    meta = _meta((built_site / "fall" / "bis-boden" / "index.html").read_text(encoding="utf-8"))
    assert meta["og:title"] == meta["twitter:title"] == entry.title
    assert meta["og:description"] == entry.item.summary
    assert meta["og:url"] == "https://metodbanken.example.se/fall/bis-boden/"
    assert meta["og:image"] == "https://metodbanken.example.se/assets/dela/fall.png"
    assert meta["twitter:card"] == "summary_large_image"
    png = (built_site / "assets" / "dela" / "fall.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 630)
    assert _meta((built_site / "om" / "index.html").read_text(encoding="utf-8")) == {}


def test_share_metadata_is_escaped(tools_site):
    page = (tools_site / "metoder" / "formel" / "index.html").read_text(encoding="utf-8")
    head = page.split("</head>", 1)[0]
    assert "<script>alert" not in head
    meta = _meta(head)
    assert meta["og:description"] == '+46 70 123 45 67 <script>alert("sammanfattning")</script> & "citat"'
    assert meta["og:title"] == '=HYPERLINK("http://angripare.example";"Klicka")'


def test_the_site_makes_no_calls_to_the_code_host(built_site):
    header = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="source"' not in header
    assert 'class="md-source"' in header


def test_without_a_repository_address_there_are_no_edit_links_and_the_build_passes(tmp_path):
    """The address is never guessed: unset, the links are left out and strict mode still passes."""
    from conftest import MKDOCS_YML_ALL, make_site_project
    from metodbank.build import build_site

    project = make_site_project(tmp_path, MKDOCS_YML_ALL + 'repo_url: ""\nedit_uri: edit/main/docs/\n')
    assert build_site(project, site_dir=tmp_path / "site", strict=True) == 0
    page = (tmp_path / "site" / "fall" / "fallet" / "index.html").read_text(encoding="utf-8")
    assert "Föreslå en ändring" not in page
