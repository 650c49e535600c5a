"""Every kind of bad input gets one exact `path:line: message — hint` line."""

from __future__ import annotations

import io

import pytest
from conftest import VALID, write_library
from metodbank.cli import validate
from metodbank.project import load_library

CASE = "cases/fallet.md"
METHOD = "methods/motesplats.md"


def replaced(rel: str, old: str, new: str) -> dict[str, str]:
    text = VALID[rel]
    assert old in text, f"{old!r} is not in {rel}"
    return {rel: text.replace(old, new, 1)}


# (name, files to write over the valid library, exact diagnostics expected)
BAD_INPUT = [
    (
        "yaml-unparsable",
        replaced(CASE, "title: Mötesplats i Hageby", "title: Mötesplats: i Hageby"),
        [
            "cases/fallet.md:2: ett värde innehåller ': ' där YAML inte väntar sig det — sätt citattecken runt "
            'värdet, till exempel title: "Fråga: hur?"'
        ],
    ),
    (
        "yaml-tab",
        replaced(CASE, "  start: 2019-01", "\tstart: 2019-01"),
        ["cases/fallet.md:10: raden innehåller en tabb — använd mellanslag, inte tabb, för indrag"],
    ),
    (
        "yaml-unclosed-quote",
        replaced(CASE, "district: Hageby", 'district: "Hageby'),
        [
            "cases/fallet.md:7: ett citattecken avslutas aldrig — avsluta citattecknet på samma rad som det börjar"
        ],
    ),
    (
        "front-matter-missing",
        {CASE: "# Bara text\n\nIngen front matter.\n"},
        [
            "cases/fallet.md:1: filen saknar front matter — börja filen med en rad '---', sedan fälten, "
            "sedan en rad '---' (se mallen i docs/bidra)"
        ],
    ),
    (
        "front-matter-unclosed",
        {CASE: "---\ntitle: Utan slut\n"},
        ["cases/fallet.md:1: front matter avslutas aldrig — lägg till en rad '---' efter det sista fältet"],
    ),
    (
        "front-matter-empty",
        {CASE: "---\n---\nText.\n"},
        [
            "cases/fallet.md:2: front matter är tom eller ingen lista av fält — skriv ett fält per rad, "
            "som 'title: Min rubrik'"
        ],
    ),
    (
        "missing-required-field",
        replaced(CASE, "title: Mötesplats i Hageby\n", ""),
        [
            "cases/fallet.md:1: fältet 'title' saknas — lägg till 'title:' (Rubrik som visas på sidan och i listor.)"
        ],
    ),
    (
        "missing-nested-field",
        replaced(CASE, "  start: 2019-01\n", ""),
        [
            "cases/fallet.md:9: fältet 'period.start' saknas — lägg till 'start:' under period "
            "(När arbetet startade: år, år-månad eller datum.)"
        ],
    ),
    (
        "unknown-field",
        replaced(CASE, "methods: [motesplats]", "methds: [motesplats]"),
        ["cases/fallet.md:13: okänt fält 'methds' — menade du 'methods'?"],
    ),
    (
        "unknown-nested-field",
        replaced(CASE, "    url: https://example.org/a", "    adress: https://example.org/a"),
        [
            "cases/fallet.md:17: okänt fält 'sources[1].adress' — tillåtna fält här: title, kind, author, publisher, url, date, date_kind, independent, note",
        ],
    ),
    (
        "key-written-twice",
        replaced(CASE, "district: Hageby\n", "district: Hageby\ndistrict: Navestad\n"),
        ["cases/fallet.md:8: fältet 'district' står två gånger — ta bort eller slå ihop den ena förekomsten"],
    ),
    (
        "wrong-type-text",
        replaced(CASE, "district: Hageby", "district: 12"),
        [
            "cases/fallet.md:7: fältet 'district' ska vara text, inte ett tal — skriv texten efter kolonet; "
            "sätt citattecken runt den om den ser ut som ett tal"
        ],
    ),
    (
        "wrong-type-list",
        replaced(CASE, "target_groups: [unga]", "target_groups: unga"),
        [
            "cases/fallet.md:5: fältet 'target_groups' ska vara en lista, inte text — skriv en lista: [a, b] "
            "eller ett värde per rad som börjar med '- '"
        ],
    ),
    (
        "wrong-type-integer",
        replaced(METHOD, "  hours: 300", "  hours: många"),
        [
            "methods/motesplats.md:21: fältet 'effort.hours' ska vara ett heltal, inte 'många' — skriv bara "
            "siffror, utan mellanslag, enhet eller decimaler"
        ],
    ),
    (
        "wrong-type-group",
        replaced(CASE, "period:\n  start: 2019-01\n  end: 2020", "period: 2019"),
        [
            "cases/fallet.md:9: fältet 'period' ska vara en grupp av fält, inte ett tal — skriv underfälten "
            "indragna på raderna under (start, end)"
        ],
    ),
    (
        "bad-date",
        replaced(CASE, "last_reviewed: 2026-01-15", "last_reviewed: 2026-02-30"),
        [
            "cases/fallet.md:20: ogiltigt datum '2026-02-30' — skriv datumet som ÅÅÅÅ-MM-DD, "
            "till exempel 2024-05-31"
        ],
    ),
    (
        "bad-date-format",
        replaced(CASE, "    date: 2019-09-11", "    date: 11/9 2019"),
        [
            "cases/fallet.md:18: ogiltigt datum '11/9 2019' — skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-05-31"
        ],
    ),
    (
        "bad-period",
        replaced(CASE, "  start: 2019-01", "  start: 2019-13"),
        [
            "cases/fallet.md:10: ogiltig tidpunkt '2019-13' — skriv år (2019), år och månad (2019-09) "
            "eller datum (2019-09-18)"
        ],
    ),
    (
        "period-reversed",
        replaced(CASE, "  end: 2020", "  end: 2018"),
        [
            "cases/fallet.md:9: perioden slutar (2018) innan den börjar (2019-01) — byt plats på start och end "
            "eller rätta årtalen"
        ],
    ),
    (
        "url-not-http",
        replaced(CASE, "    url: https://example.org/a", "    url: ftp://example.org/a"),
        [
            "cases/fallet.md:17: ogiltig webbadress 'ftp://example.org/a' — ange en fullständig adress som "
            "börjar med https:// eller http://"
        ],
    ),
    (
        "url-javascript",
        replaced(CASE, "    url: https://example.org/a", "    url: javascript:alert(1)"),
        [
            "cases/fallet.md:17: ogiltig webbadress 'javascript:alert(1)' — ange en fullständig adress som "
            "börjar med https:// eller http://"
        ],
    ),
    (
        "vocabulary-typo",
        replaced(CASE, "themes: [motesplatser, unga]", "themes: [motesplatsr, unga]"),
        ["cases/fallet.md:4: 'motesplatsr' finns inte som tema i vokabulären — menade du 'motesplatser'?"],
    ),
    (
        "vocabulary-label-instead-of-id",
        replaced(CASE, "target_groups: [unga]", "target_groups: [Nyanlända]"),
        [
            "cases/fallet.md:5: 'Nyanlända' finns inte som målgrupp i vokabulären — skriv id:t 'nyanlanda', inte etiketten"
        ],
    ),
    (
        "vocabulary-role-in-step",
        replaced(METHOD, "    roles: [bovard, forening]", "    roles: [bovard, styrelse]"),
        [
            "methods/motesplats.md:14: 'styrelse' finns inte som roll i vokabulären — välj ett av: "
            "omradesutvecklare, bovard, hyresgastforening, kommun, forening, boende, projektledare, "
            "processledare, forskare, naringsliv, ledning (se data/vocabulary.yml)"
        ],
    ),
    (
        "literal-typo",
        replaced(CASE, "status: avslutad", "status: avslutat"),
        ["cases/fallet.md:12: ogiltigt värde 'avslutat' i 'status' — menade du 'avslutad'?"],
    ),
    (
        "effort-level-outside-choices",
        replaced(METHOD, "  level: medel", "  level: jättestor"),
        [
            "methods/motesplats.md:19: ogiltigt värde 'jättestor' i 'effort.level' — välj ett av: låg, medel, hög"
        ],
    ),
    (
        "unknown-municipality",
        replaced(CASE, "municipality: Norrköping", "municipality: Norrkoping"),
        ["cases/fallet.md:6: 'Norrkoping' är ingen svensk kommun — menade du 'Norrköping'?"],
    ),
    (
        "municipality-with-suffix",
        replaced(CASE, "municipality: Norrköping", "municipality: Södertälje kommun"),
        ["cases/fallet.md:6: 'Södertälje kommun' är ingen svensk kommun — menade du 'Södertälje'?"],
    ),
    (
        "local-case-without-municipality",
        replaced(CASE, "municipality: Norrköping\n", ""),
        [
            "cases/fallet.md:1: ett lokalt fall måste ange kommun — lägg till 'municipality: <kommun>' "
            "eller sätt 'scope: nationell'"
        ],
    ),
    (
        "unknown-reference",
        replaced(CASE, "organisations: [bolaget]", "organisations: [bolagt]"),
        ["cases/fallet.md:8: okänt id 'bolagt' (här ska det stå id:t för en aktör) — menade du 'bolaget'?"],
    ),
    (
        "reference-wrong-kind",
        replaced(CASE, "methods: [motesplats]", "methods: [innehall]"),
        [
            "cases/fallet.md:13: 'innehall' är en framgångsfaktor, men här ska det stå id:t för en metod — "
            "ange id:t för en metod"
        ],
    ),
    (
        "duplicate-id",
        {"methods/fallet.md": VALID[METHOD]},
        [
            "methods/fallet.md:1: id:t 'fallet' finns redan i cases/fallet.md — byt namn på en av filerna: "
            "ett id måste vara unikt i hela biblioteket"
        ],
    ),
    (
        "file-name-not-an-id",
        {"cases/Läxhjälp i Gottsunda.md": VALID[CASE]},
        [
            "cases/Läxhjälp i Gottsunda.md:1: filnamnet 'Läxhjälp i Gottsunda.md' är inget giltigt id — döp om "
            "filen till laxhjalp-i-gottsunda.md (bara a–z, 0–9 och bindestreck)"
        ],
    ),
    (
        "empty-body",
        {CASE: VALID[CASE].split("## Bakgrund")[0]},
        ["cases/fallet.md:21: brödtexten är tom — skriv en beskrivning i Markdown under den här raden"],
    ),
    (
        "not-utf8",
        {CASE: VALID[CASE].replace("Brödtext", "Br\u00f6dtext").encode("latin-1")},
        [
            "cases/fallet.md:2: filen är inte sparad som UTF-8 (byte 0xf6 kan inte läsas) — spara filen med "
            "teckenkodningen UTF-8 i din editor"
        ],
    ),
    (
        "text-too-long",
        replaced(CASE, "title: Mötesplats i Hageby", "title: " + "A" * 130),
        [
            "cases/fallet.md:2: fältet 'title' är för långt: 130 tecken, högst 120 — korta texten; längre "
            "resonemang hör hemma i brödtexten"
        ],
    ),
    (
        "markup-in-title",
        replaced(CASE, "title: Mötesplats i Hageby", "title: <script>alert(1)</script>"),
        ["cases/fallet.md:2: rubriken innehåller < eller > — skriv rubriken som vanlig text, utan HTML"],
    ),
    (
        "list-too-short",
        replaced(CASE, "themes: [motesplatser, unga]", "themes: []"),
        ["cases/fallet.md:4: fältet 'themes' har 0 värden, minst 1 behövs — lägg till fler värden i listan"],
    ),
    (
        "cost-range-reversed",
        replaced(METHOD, "{min: 10000, max: 50000}", "{min: 50000, max: 10000}"),
        [
            "methods/motesplats.md:22: kostnadsintervallet är bakvänt: max 10000 är mindre än min 50000 — "
            "byt plats på min och max"
        ],
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"), [row[1:] for row in BAD_INPUT], ids=[row[0] for row in BAD_INPUT]
)
def test_bad_input_is_reported_at_its_line(library_root, files, expected):
    write_library(library_root, files)
    library = load_library(library_root)
    assert [str(d) for d in library.errors] == expected


def test_the_valid_fixture_library_has_no_errors(library_root):
    library = load_library(library_root)
    assert library.diagnostics == []
    assert sorted(library.entries) == ["bolaget", "borja-smatt", "fallet", "innehall", "motesplats"]


def bad_input(name: str) -> tuple[str, dict, list[str]]:
    """The row of BAD_INPUT with this name: rows are picked by name, never by position, so
    adding or reordering rows cannot change what another test checks."""
    rows = [row for row in BAD_INPUT if row[0] == name]
    assert len(rows) == 1, f"{len(rows)} rows named {name!r}"
    return rows[0]


def test_bad_input_rows_have_unique_names():
    names = [row[0] for row in BAD_INPUT]
    assert len(names) == len(set(names))


def test_every_error_of_a_broken_tree_is_reported_at_once(library_root):
    picked = [bad_input("url-javascript"), bad_input("vocabulary-role-in-step")]  # a case and a method
    assert len({rel for _, files, _ in picked for rel in files}) == len(picked), "one file per row"
    for _, files, _ in picked:
        write_library(library_root, files)
    write_library(library_root, {"organisations/trasig.md": "ingen front matter\n"})
    write_library(
        library_root,
        {
            "methods/framgangsfaktorer/utan-text.md": VALID["methods/framgangsfaktorer/innehall.md"].replace(
                "Text.\n", ""
            )
        },
    )
    out = io.StringIO()
    status = validate(library_root, github=False, out=out)
    lines = out.getvalue().splitlines()
    assert status == 1
    reported = {line.split(":")[0] for line in lines if ".md:" in line}
    assert reported == {
        "cases/fallet.md",
        "methods/motesplats.md",
        "organisations/trasig.md",
        "methods/framgangsfaktorer/utan-text.md",
    }
    assert lines[-1].startswith(f"{len([line for line in lines if '.md:' in line])} fel i 4 filer")
    for name, _, expected in picked:
        assert set(expected) <= set(lines), name


def test_broken_file_does_not_hide_references_to_it(library_root):
    """A file with errors still registers its id, so references to it are not reported too."""
    write_library(library_root, replaced("organisations/bolaget.md", "type: bostadsforetag", "type: okand"))
    library = load_library(library_root)
    assert [d.path for d in library.errors] == ["organisations/bolaget.md"]


def test_clean_run_exits_zero(library_root):
    out = io.StringIO()
    assert validate(library_root, github=False, out=out) == 0
    assert out.getvalue().startswith("Inga fel: 5 filer kontrollerade")


def test_github_annotations_follow_each_error(library_root):
    write_library(library_root, replaced(CASE, "status: avslutad", "status: avslutat"))
    out = io.StringIO()
    validate(library_root, github=True, out=out)
    assert (
        "::error file=cases/fallet.md,line=12::ogiltigt värde 'avslutat' i 'status' — menade du 'avslutad'?"
        in (out.getvalue().splitlines())
    )
