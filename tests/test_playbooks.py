"""Playbooks (färdplaner): validation with file and line, the scaffold, the real playbooks
and their provenance, the page with its diagram and text equivalent, and the printable deck
whose cover shows the order."""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
from datetime import date

import pytest
from conftest import ROOT, VALID, write_library
from metodbank.build import engine_env
from metodbank.content.scaffold import new_entry
from metodbank.project import load_library
from pypdf import PdfReader

SECOND_METHOD = VALID["methods/motesplats.md"].replace("title: Kvällsöppen mötesplats", "title: Läxhjälp")
PLAYBOOK = """---
title: Från mötesplats till läxhjälp
summary: Först en plats för unga, sedan läxhjälp på samma plats.
themes: [unga]
target_groups: [unga]
steps:
  - method: motesplats
    why: Platsen behövs först.
    hands_over: En lokal och unga som kommer dit.
  - method: laxhjalp
    why: Läxhjälpen bygger på platsen.
cases: [fallet]
provenance:
  basis: redaktionen
  reason: Ordningen är ett exempel i testet.
sources:
  - title: Artikel om mötesplatsen
    kind: kort-notis
last_reviewed: 2026-01-15
---
Text om färdplanen.
"""
PATH = "methods/playbooks/fran-motesplats-till-laxhjalp.md"


def problems(library_root, text: str) -> list[str]:
    write_library(library_root, {"methods/laxhjalp.md": SECOND_METHOD, PATH: text})
    return [str(d) for d in load_library(library_root).errors]


def test_a_valid_playbook_loads(library_root):
    assert problems(library_root, PLAYBOOK) == []
    library = load_library(library_root)
    assert library.entries["fran-motesplats-till-laxhjalp"].item.methods == ["motesplats", "laxhjalp"]


def test_unknown_method_is_an_error_at_its_line(library_root):
    text = PLAYBOOK.replace("  - method: laxhjalp", "  - method: laxhjalpen")
    assert problems(library_root, text) == [
        f"{PATH}:10: okänt id 'laxhjalpen' (här ska det stå id:t för en metod) — menade du 'laxhjalp'?"
    ]


def test_a_case_where_a_method_belongs_is_named(library_root):
    text = PLAYBOOK.replace("  - method: laxhjalp", "  - method: fallet")
    assert problems(library_root, text) == [
        f"{PATH}:10: 'fallet' är ett fall, men här ska det stå id:t för en metod — ange id:t för en metod"
    ]


def test_one_step_chain_is_an_error_at_the_steps_line(library_root):
    text = re.sub(r"  - method: laxhjalp\n    why: .*\n", "", PLAYBOOK).replace(
        "    hands_over: En lokal och unga som kommer dit.\n", ""
    )
    assert problems(library_root, text) == [
        f"{PATH}:6: en färdplan behöver minst två steg, den här har 1 — lägg till metoden som kommer före "
        "eller efter, eller beskriv metoden på dess egen sida"
    ]


def test_the_same_method_twice_is_an_error_at_the_second_step(library_root):
    text = PLAYBOOK.replace("  - method: laxhjalp", "  - method: motesplats")
    assert problems(library_root, text) == [
        f"{PATH}:10: metoden 'motesplats' finns redan som steg 1 — en metod får finnas en gång i kedjan; "
        "slå ihop stegen eller välj en annan metod"
    ]


def test_order_rules_for_what_each_step_hands_over(library_root):
    missing = PLAYBOOK.replace("    hands_over: En lokal och unga som kommer dit.\n", "")
    assert problems(library_root, missing) == [
        f"{PATH}:7: steg 1 säger inte vad det lämnar över till nästa steg — fyll i hands_over: vad nästa "
        "metod får av den här"
    ]
    last = PLAYBOOK.replace(
        "    why: Läxhjälpen bygger på platsen.\n",
        "    why: Läxhjälpen bygger på platsen.\n    hands_over: Inget.\n",
    )
    assert problems(library_root, last) == [
        f"{PATH}:10: det sista steget har hands_over, men inget steg kommer efter — ta bort hands_over "
        "från sista steget eller lägg till ett steg"
    ]


def test_every_error_of_a_file_at_once_through_the_command_line(library_root):
    text = PLAYBOOK.replace("  - method: laxhjalp", "  - method: finns-inte").replace(
        "  basis: redaktionen", "  basis: gissning"
    )
    write_library(library_root, {"methods/laxhjalp.md": SECOND_METHOD, PATH: text})
    run = subprocess.run(
        [sys.executable, "-m", "metodbank", "validate", "--root", str(library_root)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=engine_env(),
    )
    assert run.returncode == 1
    assert f"{PATH}:10: okänt id 'finns-inte'" in run.stdout + run.stderr
    assert f"{PATH}:14: " in run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_invoke_new_playbook_scaffolds_a_file_to_fill(library_root):
    path = new_entry(library_root, "fardplan", "Från dialog till labb", today=date(2026, 11, 25))
    assert path == library_root / "methods" / "playbooks" / "fran-dialog-till-labb.md"
    text = path.read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=../../schemas/playbook.schema.json" in text
    assert "# Ny färdplan: fyll i fälten." in text
    assert "## Varför den här ordningen" in text
    assert text.count("  - method:") == 2
    errors = [str(d) for d in load_library(library_root).errors]
    assert errors and all(e.startswith("methods/playbooks/fran-dialog-till-labb.md:") for e in errors)


# --- the real playbooks --------------------------------------------------------------------------

LIBRARY = load_library(ROOT)
PLAYBOOKS = LIBRARY.of_kind("playbook")


def test_at_least_three_sourced_playbooks_that_say_where_the_order_comes_from():
    assert len(PLAYBOOKS) >= 3
    for playbook in PLAYBOOKS:
        item = playbook.item
        assert item.sources and len(item.steps) >= 2
        # No seed describes any of these chains: they must say they are the editors' synthesis.
        assert item.provenance.basis == "redaktionen"
        assert (
            "redaktionens" in item.provenance.reason.lower()
            or "ingen källa" in item.provenance.reason.lower()
        )
        assert playbook.source.body.count("## Källor och osäkerheter") == 1


@pytest.fixture(scope="module")
def page(built_site):
    def read(playbook_id: str) -> str:
        return (built_site / "fardplaner" / playbook_id / "index.html").read_text(encoding="utf-8")

    return read


@pytest.mark.parametrize("playbook", [p.id for p in PLAYBOOKS])
def test_playbook_page_draws_the_chain_with_a_text_equivalent(page, playbook):
    entry = LIBRARY.entries[playbook]
    text = page(playbook)
    svg = re.search(r"<svg [^>]*role=\"img\"[^>]*>.*?</svg>", text, re.S).group(0)
    described = re.search(r'aria-describedby="([^"]+)"', svg).group(1)
    assert re.search(rf'<title id="[^"]+">Färdplanen i {len(entry.item.steps)} steg: ', svg)
    listed = text.split(f'id="{described}"', 1)[1].split("</ol>", 1)[0]
    titles = [LIBRARY.entries[s.method].title for s in entry.item.steps]
    positions = [listed.index(html.escape(t, quote=False)) for t in titles]
    assert positions == sorted(positions), "the text lists the steps in order"
    for step in entry.item.steps:
        assert html.escape(step.why, quote=False) in listed
    assert "Ordningen är redaktionens sammanställning" in text


def test_method_page_lists_the_playbooks_it_is_in(page, built_site):
    text = (built_site / "metoder" / "strategisk-dialog" / "index.html").read_text(encoding="utf-8")
    section = text.split('id="fardplaner-med-metoden"', 1)[1].split("<h2", 1)[0]
    for playbook in PLAYBOOKS:
        if "strategisk-dialog" in playbook.item.methods:
            assert f'href="../../fardplaner/{playbook.id}/"' in section


@pytest.mark.parametrize("playbook", [p.id for p in PLAYBOOKS])
def test_playbook_deck_is_one_pdf_whose_cover_shows_the_order(page, built_site, playbook):
    entry = LIBRARY.entries[playbook]
    assert f'href="../../metodkort/fardplan-{playbook}.pdf"' in page(playbook)
    reader = PdfReader(io.BytesIO((built_site / "metodkort" / f"fardplan-{playbook}.pdf").read_bytes()))
    cover = " ".join(reader.pages[0].extract_text().split())
    titles = [LIBRARY.entries[s.method].title for s in entry.item.steps]
    assert f"Färdplan: {entry.title}" in cover
    chain = " → ".join(f"{n}. {t}" for n, t in enumerate(titles, 1))
    assert " ".join(chain.split()) in cover, cover
    assert "redaktionens sammanställning" in cover
    # Cover, contents, then front and back of each method's card, in the chain's order.
    assert len(reader.pages) == 2 + 2 * len(titles)
    fronts = [" ".join(reader.pages[2 + 2 * i].extract_text().split()) for i in range(len(titles))]
    for title, front in zip(titles, fronts, strict=True):
        assert " ".join(title.split())[:30] in front
