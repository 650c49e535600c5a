"""Spread diagrams: the SVG builder (layout, escaping, names for screen readers), lineage on
case and method pages, places grouped by county, and the site-wide "Spridning" page."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, VALID, write_library
from metodbank.content.crossrefs import CrossRefs
from metodbank.project import load_library
from metodbank.site.diagram import Edge, Node, diagram_svg, layout
from metodbank.site.spread import entry_spread, places_by_county, spread_page
from metodbank.site.taxonomy import Taxonomy
from metodbank.site.view import SiteView

SVG = "{http://www.w3.org/2000/svg}"


def test_layers_are_centred_and_stacked():
    boxes, width, height = layout([[Node("a", "A")], [Node("b", "B"), Node("c", "C")]])
    a, b, c = boxes
    assert a.centre == pytest.approx(width / 2)
    assert b.y == c.y > a.y + a.height
    assert b.x < c.x and (b.centre + c.centre) / 2 == pytest.approx(width / 2)
    assert height >= c.y + c.height


def test_svg_is_well_formed_named_and_escapes_every_value():
    hostile = 'Kopia & "test" <script>alert(1)</script>'
    svg = diagram_svg(
        [[Node("a", hostile, "Boden, 2019", current=True)], [Node("b", "B")]],
        [Edge("a", "b", "kopierade <b>2019</b>")],
        "sp-x",
        "Spridningen av <A & B>",
        "sp-x-text",
    )
    root = ET.fromstring(str(svg))  # parses: nothing unescaped broke the markup
    assert root.get("role") == "img"
    assert root.get("aria-describedby") == "sp-x-text"
    title = root.find(f"{SVG}title")
    assert root.get("aria-labelledby") == title.get("id")
    assert title.text == "Spridningen av <A & B>"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "kopierade <b>2019</b>" in texts
    assert "<script>" not in str(svg)
    assert len(list(root.iter(f"{SVG}line"))) == 1
    assert root.find(f".//{SVG}rect").get("class") == "mb-diagram__box mb-diagram__box--current"


def _view(library):
    library.crossrefs = CrossRefs.build(library)
    return SiteView(library, library.crossrefs, Taxonomy.build(library))


def test_a_chain_of_copies_is_drawn_generation_by_generation(library_root):
    def copy_of(original: str, title: str, municipality: str) -> str:
        return (
            VALID["cases/fallet.md"]
            .replace("title: Mötesplats i Hageby", f"title: {title}")
            .replace("municipality: Norrköping", f"municipality: {municipality}")
            .replace(
                "status: avslutad",
                f"status: avslutad\ncopied_from:\n  id: {original}\n  changes: Öppet tre kvällar i stället för två.",
            )
        )

    write_library(
        library_root,
        {
            "cases/kopian.md": copy_of("fallet", "Kopian i Luleå", "Luleå"),
            "cases/kopians-kopia.md": copy_of("kopian", "Kopians kopia", "Kiruna"),
        },
    )
    library = load_library(library_root)
    assert library.errors == []
    view = _view(library)
    spread = entry_spread(view, library.entries["kopians-kopia"], "fall/kopians-kopia/")
    assert [[n.key for n in layer] for layer in spread.layers] == [["fallet"], ["kopian"], ["kopians-kopia"]]
    assert [(e.source, e.target, e.label) for e in spread.edges] == [
        ("fallet", "kopian", "kopierade 2019"),
        ("kopian", "kopians-kopia", "kopierade 2019"),
    ]
    assert spread.layers[2][0].current and not spread.layers[0][0].current
    assert spread.rows[0]["changes"] == "Öppet tre kvällar i stället för två."
    # The method: its case, and the copies below it.
    method = entry_spread(view, library.entries["motesplats"], "metoder/motesplats/")
    assert [[n.key for n in layer] for layer in method.layers] == [
        ["motesplats"],
        ["fallet"],
        ["kopian"],
        ["kopians-kopia"],
    ]
    # Places by county, from data/kommuner.yml.
    counties = places_by_county(view, [library.entries[i] for i in ("fallet", "kopian", "kopians-kopia")], "")
    assert [(county, [m for m, _ in places]) for county, places in counties] == [
        ("Norrbottens län", ["Kiruna", "Luleå"]),
        ("Östergötlands län", ["Norrköping"]),
    ]


def test_a_lone_case_has_no_spread(library_root):
    library = load_library(library_root)
    view = _view(library)
    assert entry_spread(view, library.entries["fallet"], "fall/fallet/") is None
    assert entry_spread(view, library.entries["motesplats"], "metoder/motesplats/") is None


LIBRARY = load_library(ROOT)


def test_real_copy_is_drawn_on_both_cases_pages(built_site):
    for case in ("portalen-norrkoping", "bis-boden"):
        text = (built_site / "fall" / case / "index.html").read_text(encoding="utf-8")
        svg = re.search(r'<svg class="mb-diagram__svg".*?</svg>', text, re.S).group(0)
        assert "Portalen i Norrköping" in svg and "BIS i Boden" in svg
        # The direction of the copy and BIS's start year are the editors' inference: the diagram says so.
        assert "kopierade (tolkat) 2019 (tolkat)" in svg
        described = re.search(r'aria-describedby="([^"]+)"', svg).group(1)
        assert f'id="{described}"' in text
    changes = LIBRARY.entries["bis-boden"].item.copied_from.changes
    assert html.escape(changes, quote=False) in text


def test_spread_page_lists_every_lineage_and_places_by_county(built_site):
    text = (built_site / "spridning" / "index.html").read_text(encoding="utf-8")
    copies = [e for e in LIBRARY.of_kind("case") if e.item.copied_from]
    assert copies
    for copy in copies:
        assert f'href="../fall/{copy.id}/"' in text
    assert text.count('class="mb-diagram__svg"') >= 1
    assert "Östergötlands län" in text and "Stockholms län" in text and "Norrbottens län" in text
    assert "data/kommuner.yml" in text  # says why there is a list and not a map


def test_spread_page_without_copies_says_so(library_root):
    library = load_library(library_root)
    page = spread_page(_view(library))
    assert "Inga kopior är registrerade i Metodbanken ännu." in page.markdown + "".join(page.slots.values())
