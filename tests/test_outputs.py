"""Contributed text never runs, in any output: a library whose every text field carries a
spreadsheet formula, HTML or a script is built for real, and each output is read back in
its own context — CSV cells, the finder's and open data's JSON, the plan files, the pages'
inline scripts and the terminal."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import MKDOCS_YML_ALL, VALID, make_site_project, write_library
from metodbank.build import build_site
from metodbank.cli import search as cli_search

FORMULAS = ['=HYPERLINK("http://evil.example","klicka")', "+SUM(1;2)", "-2+3", "@SUM(A1)"]
SCRIPT = "<script>window.__xss=1</script>"

CASE = (
    VALID["cases/fallet.md"]
    .replace("title: Mötesplats i Hageby", f"title: '{FORMULAS[0].replace(chr(39), chr(39) * 2)}'")
    .replace("district: Hageby", f"district: '{FORMULAS[1]}'")
    .replace(
        "status: avslutad", f"status: avslutad\nquestion: '{FORMULAS[2]} {SCRIPT}'\ngoals: ['{FORMULAS[3]}']"
    )
)
METHOD = (
    VALID["methods/motesplats.md"]
    .replace("purpose: Ge unga en trygg plats att vara på.", f"purpose: '=1+1 {SCRIPT}'")
    .replace(
        "  - title: Hitta en lokal",
        "  - title: '<img src=x onerror=alert(1)> [x](javascript:alert(1)) | tabell'",
    )
    .replace("  - Samma vuxna på plats varje gång.", "  - '@kärna </script><script>alert(1)</script>'")
)
CONFIG = MKDOCS_YML_ALL.replace(
    "  - metodbank-search\n", "  - metodbank-search\n  - metodbank-cards:\n      pdf: false\n"
)


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory):
    root = make_site_project(tmp_path_factory.mktemp("outputs"), CONFIG)
    write_library(root, {"cases/fallet.md": CASE, "methods/motesplats.md": METHOD})
    assert build_site(root, site_dir=root / "site", strict=True) == 0
    return root


def test_no_csv_cell_starts_a_formula(payload_site):
    cells = []
    for path in (payload_site / "site" / "oppna-data").glob("*.csv"):
        cells += [cell for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))) for cell in row]
    assert any("HYPERLINK" in cell for cell in cells), "the payload should be in the CSV, as text"
    risky = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert risky == []
    assert "'" + FORMULAS[0] in cells


def test_json_outputs_are_data_and_no_page_inlines_them(payload_site):
    site = payload_site / "site"
    catalogue = json.loads((site / "hitta-metod" / "metoder.json").read_text(encoding="utf-8"))
    assert any(SCRIPT in record["text"] for record in catalogue)  # kept as a string, not markup
    for path in (site / "oppna-data").glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for script in re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S | re.I):
            assert "__xss" not in script and "alert(1)" not in script, page


def test_plan_files_carry_no_markup_or_links_of_their_own(payload_site):
    plans = list((payload_site / "site" / "kopiera").glob("*.md"))
    assert plans
    for plan in plans:
        text = plan.read_text(encoding="utf-8")
        assert not re.search(r"(?<!\\)<(script|img)", text), plan
        assert "](javascript:" not in text.replace("\\]", "")
        assert "\\<img src=x onerror=alert(1)\\>" in text or "motesplats" not in plan.name
    for plan in (payload_site / "site" / "kopiera").glob("*.html"):
        assert "<script>window.__xss" not in plan.read_text(encoding="utf-8")


def test_terminal_output_has_no_control_codes(payload_site):
    out = io.StringIO()
    cli_search(payload_site, "mötesplats", out=out)
    text = out.getvalue()
    assert text
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
