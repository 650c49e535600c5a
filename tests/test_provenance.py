"""Provenance in the model: inferred markers with reasons, claims citing the entry's own
sources, quotes with speaker and source, source kinds and date meanings, `not_when` and
`combine_with`. Every bad input is one exact `path:line: message — hint`."""

from __future__ import annotations

import pytest
from conftest import VALID, write_library
from metodbank.content.completeness import report
from metodbank.content.provenance import field_label, inferred_reason, uncited_claims
from metodbank.project import load_library

CASE = "cases/fallet.md"
METHOD = "methods/motesplats.md"


def inserted(rel: str, before: str, text: str) -> dict[str, str]:
    """`text` inserted in `rel` on the line before the first line starting with `before`."""
    source = VALID[rel]
    assert f"\n{before}" in source, f"{before!r} is not in {rel}"
    return {rel: source.replace(f"\n{before}", f"\n{text.rstrip()}\n{before}", 1)}


def line_of(files: dict[str, str], rel: str, needle: str) -> int:
    """The 1-based line of the first line of `rel` that contains `needle`."""
    lines = files[rel].split("\n")
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def problems(tmp_path, files: dict[str, str]) -> list[str]:
    library = load_library(write_library(tmp_path, {**VALID, **files}))
    return [str(d) for d in library.errors]


# (name, rel, text inserted before last_reviewed, the line the error is on (a needle), message)
BAD_MARKERS = [
    (
        "no-reason",
        CASE,
        "inferred:\n  period.start:",
        "  period.start:",
        "markeringen i inferred saknar skäl — skriv kort varför värdet är tolkat, till exempel: "
        "Källan säger 'sedan något år tillbaka'",
    ),
    (
        "blank-reason",
        CASE,
        'inferred:\n  period.start: "  "',
        "  period.start:",
        "markeringen i inferred saknar skäl — skriv kort varför värdet är tolkat, till exempel: "
        "Källan säger 'sedan något år tillbaka'",
    ),
    (
        "unknown-field",
        CASE,
        "inferred:\n  period.strat: Källan anger inte året.",
        "period.strat",
        "okänt fält 'period.strat' i inferred — menade du 'period.start'?",
    ),
    (
        "not-markable",
        CASE,
        "inferred:\n  title: Rubriken är vår.",
        "  title: Rubriken",
        "okänt fält 'title' i inferred — skriv fältets namn som i filen, till exempel period.start",
    ),
    (
        "empty-value",
        CASE,
        "inferred:\n  question: Frågan är tolkad.",
        "  question:",
        "'question' är markerat som tolkat men har inget värde i filen — ta bort markeringen, eller fyll "
        "i värdet och behåll skälet",
    ),
    (
        "index-beyond-list",
        CASE,
        "inferred:\n  organisations[2]: Källan nämner inte aktören.",
        "organisations[2]",
        "'organisations[2]' i inferred pekar på värde 2, men 'organisations' har 1 — räkna värdena från 1 "
        "i den ordning de står i filen",
    ),
    (
        "index-on-a-single-value",
        CASE,
        "inferred:\n  status[1]: Läget är tolkat.",
        "status[1]",
        "'status' är ingen lista, så 'status[1]' i inferred pekar inte på något — skriv bara 'status' utan [ ]",
    ),
    (
        "reason-too-long",
        CASE,
        "inferred:\n  status: " + "x" * 301,
        "  status:",
        "fältet 'inferred.status' är för långt: 301 tecken, högst 300 — korta texten; längre resonemang hör "
        "hemma i brödtexten",
    ),
    (
        "list-instead-of-mapping",
        CASE,
        "inferred:\n  - period.start",
        "inferred:",
        "inferred ska ange fält och skäl, inte en lista — skriv ett fält per rad med skälet efter kolon, "
        'till exempel  period.start: "Källan säger …"',
    ),
    (
        "value-instead-of-reason",
        CASE,
        "inferred:\n  period.start: 2018",
        "  period.start:",
        "skälet i inferred ska vara en förklaring i text, inte ett värde — låt värdet stå på sin vanliga "
        "plats och skriv här bara varför det är tolkat",
    ),
    (
        "group-field-without-item",
        METHOD,
        "inferred:\n  steps.title: Rubrikerna är våra.",
        "steps.title",
        "'steps.title' i inferred säger inte vilket värde i listan 'steps' det gäller — skriv numret på "
        "värdet, till exempel steps[1].title",
    ),
    (
        "source-number-beyond-list",
        CASE,
        "results:\n  - text: Fler unga kom.\n    source: 2",
        "    source: 2",
        "källa 2 finns inte (filen har 1 källa) — källorna räknas från 1 i den ordning de står under sources",
    ),
    (
        "quote-without-speaker",
        CASE,
        "quotes:\n  - text: Det börjar klarna.\n    source: 1",
        "  - text: Det börjar klarna.",
        "fältet 'quotes[1].speaker' saknas — lägg till 'speaker:' under quotes[1] (Vem som säger det, med "
        "roll, som källan anger det.)",
    ),
    (
        "quote-without-source",
        CASE,
        "quotes:\n  - text: Det börjar klarna.\n    speaker: En deltagare",
        "  - text: Det börjar klarna.",
        "fältet 'quotes[1].source' saknas — lägg till 'source:' under quotes[1] (Numret på den källa i "
        "sources där citatet står.)",
    ),
    (
        "not-when-without-basis",
        METHOD,
        "not_when:\n  - text: När det redan finns en fritidsgård.",
        "  - text: När det redan finns",
        "not_when saknar underlag — ange source (källans nummer) eller editorial: true om det är redaktionens råd",
    ),
    (
        "not-when-with-both",
        METHOD,
        "not_when:\n  - text: När det redan finns en fritidsgård.\n    source: 1\n    editorial: true",
        "  - text: När det redan finns",
        "not_when anger både källa och redaktionens råd — ta bort antingen source eller editorial",
    ),
    (
        "combine-with-unknown-method",
        METHOD,
        "combine_with:\n  - id: motesplatts\n    why: De stöder varandra.",
        "  - id: motesplatts",
        "okänt id 'motesplatts' (här ska det stå id:t för en metod) — menade du 'motesplats'?",
    ),
    (
        "combine-with-itself",
        METHOD,
        "combine_with:\n  - id: motesplats\n    why: De stöder varandra.",
        "  - id: motesplats",
        "metoden kombineras med sig själv ('motesplats') — ange id:t för en annan metod",
    ),
    (
        "combine-with-a-case",
        METHOD,
        "combine_with:\n  - id: fallet\n    why: De stöder varandra.",
        "  - id: fallet",
        "'fallet' är ett fall, men här ska det stå id:t för en metod — ange id:t för en metod",
    ),
]


@pytest.mark.parametrize(
    ("name", "rel", "text", "needle", "message"), BAD_MARKERS, ids=[r[0] for r in BAD_MARKERS]
)
def test_bad_provenance_is_reported_at_its_line(tmp_path, name, rel, text, needle, message):
    files = inserted(rel, "last_reviewed:", text)
    assert problems(tmp_path, files) == [f"{rel}:{line_of(files, rel, needle)}: {message}"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "kind",
            "kortnotis",
            "'kortnotis' finns inte som typ av källa i vokabulären — menade du 'kort-notis'?",
        ),
        (
            "kind",
            "Projektsida",
            "'Projektsida' finns inte som typ av källa i vokabulären — skriv id:t 'projektsida', inte etiketten",
        ),
        (
            "date_kind",
            "uppdaterad",
            "ogiltigt värde 'uppdaterad' i 'sources[1].date_kind' — menade du 'senast uppdaterad'?",
        ),
    ],
)
def test_source_kind_and_date_meaning_come_from_controlled_lists(tmp_path, field, value, message):
    line = f"    {field}: {value}"
    text = VALID[CASE].replace(
        "    kind: kort-notis", line if field == "kind" else f"    kind: kort-notis\n{line}", 1
    )
    files = {CASE: text}
    assert problems(tmp_path, files) == [f"{CASE}:{line_of(files, CASE, line)}: {message}"]


def test_a_source_without_kind_is_an_error_naming_the_list(tmp_path):
    files = {CASE: VALID[CASE].replace("    kind: kort-notis\n", "", 1)}
    (found,) = problems(tmp_path, files)
    assert found.startswith(
        f"{CASE}:{line_of(files, CASE, '  - title: Artikel')}: fältet 'sources[1].kind' saknas"
    )
    assert "(source_kinds)" in found


GOOD = """inferred:
  period.start: "Källan säger 'sedan i vintras' (2019)."
  organisations[1]: Källan nämner inte bolaget vid namn.
  district: Stadsdelen är redaktionens tolkning.
quotes:
  - text: Det finns ingen annan plats i stadsdelen för dem.
    speaker: Martin Kesenci, stadsdelsutvecklare
    source: 1
goals:
  - Öppet två kvällar i veckan.
results:
  - text: Fler öppna kvällar.
    source: 1
    shows: förändring
  - Ungdomarna ville ha fler kvällar.
"""


def test_valid_provenance_is_read_and_looked_up(tmp_path):
    files = inserted(CASE, "last_reviewed:", GOOD)
    library = load_library(write_library(tmp_path, {**VALID, **files}))
    assert [str(d) for d in library.errors] == []
    item = library.entries["fallet"].item
    assert inferred_reason(item, "period.start") == "Källan säger 'sedan i vintras' (2019)."
    assert inferred_reason(item, "period.end") is None
    assert inferred_reason(item, "organisations[1]") == "Källan nämner inte bolaget vid namn."
    assert inferred_reason(item, "status") is None
    assert item.results[0].source == [1] and item.results[0].shows == "förändring"
    assert item.results[1].source is None and item.results[1].shows == "genomförande"
    assert item.goals[0].text == "Öppet två kvällar i veckan."
    assert uncited_claims(item) == ["goals[1]", "results[2]"]
    assert field_label("organisations[2]") == "aktörer (nr 2)"
    assert field_label("period.start") == "startår"


def test_a_marker_on_a_group_covers_its_parts(tmp_path):
    files = inserted(CASE, "last_reviewed:", 'inferred:\n  period: "Perioden är tolkad."')
    library = load_library(write_library(tmp_path, {**VALID, **files}))
    item = library.entries["fallet"].item
    assert (
        inferred_reason(item, "period.start") == inferred_reason(item, "period.end") == "Perioden är tolkad."
    )


def test_report_lists_inferred_values_and_uncited_claims_worst_first(tmp_path):
    files = inserted(CASE, "last_reviewed:", GOOD)
    files |= inserted(METHOD, "last_reviewed:", "inferred:\n  effort.level: Nivån är vår uppskattning.")
    library = load_library(write_library(tmp_path, {**VALID, **files}))
    text = report(library)
    section = text.split("Tolkade värden och påståenden utan källa per post (flest först):", 1)[1]
    lines = [line for line in section.split("\n\n", 1)[1].split("\n") if line.strip()][:2]
    assert lines[0] == "   3 tolkade   2 utan källa  cases/fallet.md  (goals[1], results[2])"
    assert lines[1] == "   1 tolkade   0 utan källa  methods/motesplats.md"
