"""The Prestanda page's measured section, made at build time from the bench's results: a
table of every size, an accessible inline SVG plot of the same numbers, and a plain note when
there are no results (or results in an older format)."""

from __future__ import annotations

import re

from metodbank.site.performance import performance_section

ROW = {
    "synthetic_cases": 1000,
    "cases": 1008,
    "pages": 1513,
    "full_s": 8.7,
    "plain_s": 2.5,
    "ratio": 3.5,
    "warm_ratio": 1.1,
    "cpu_ratio": 5.8,
    "edit_roundtrip_s": 1.6,
    "peak_rss_mib": 233.1,
    "validate_s": 0.6,
    "case_page_bytes": 29745,
    "first_search_bytes": 252643,
}
RESULTS = {
    "date": "2026-11-25",
    "machine": {"cores": 2, "cpu": "x86_64", "memory_gib": 23, "python": "3.11.7"},
    "samples": 3,
    "real": {**ROW, "synthetic_cases": 0, "cases": 8, "full_s": 4.6, "plain_s": 0.45},
    "rows": [ROW, {**ROW, "cases": 5008, "full_s": 60.0, "plain_s": 12.3}],
}


def test_the_plot_is_an_accessible_svg_of_the_table_numbers():
    html = str(performance_section(RESULTS))
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="mb-plot-title mb-plot-desc"' in svg
    assert '<title id="mb-plot-title">Byggtid mot antal fall</title>' in svg
    desc = re.search(r'<desc id="mb-plot-desc">(.*?)</desc>', svg).group(1)
    assert "1\u00a0008 fall: 8,70 s mot 2,50 s" in desc and "5\u00a0008 fall: 60,00 s mot 12,30 s" in desc
    assert svg.count("<polyline") == 2 and svg.count("<circle") == 4  # full and plain, two sizes each
    assert "<script" not in html and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_the_table_has_a_row_per_size_with_the_real_library_first():
    html = str(performance_section(RESULTS))
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>', html)
    assert rows == ["riktiga", "1\u00a0008", "5\u00a0008"]
    assert "<caption>" in html and "8,70" in html


def test_without_results_in_this_format_the_page_says_so():
    for results in (None, {"rows": [{"build_seconds": 3}], "machine": "x86_64"}):
        assert "Inga mätningar ännu" in str(performance_section(results))
