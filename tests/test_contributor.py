"""Contributor workflow: scaffolding, the JSON Schema, annotations, completeness and the
report, open data read back, and the generated field reference."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import jsonschema
import pytest
import yaml
from conftest import ROOT, VALID, write_library
from metodbank.cli import validate
from metodbank.content.completeness import completeness, report
from metodbank.content.fieldinfo import field_rows
from metodbank.content.frontmatter import read_source
from metodbank.content.kinds import KIND_BY_NAME, KINDS
from metodbank.content.scaffold import new_entry
from metodbank.content.schema import render_schemas, schema_file
from metodbank.content.vocabulary import Vocabulary
from metodbank.project import load_library

LIBRARY = load_library(ROOT)
VOCABULARY = Vocabulary.load(ROOT / "data")

# Values that make each kind's template valid once filled (against the fixture library).
FILL = {
    "case": {
        "summary": "En kort sammanfattning av fallet.",
        "themes": ["unga"],
        "target_groups": ["unga"],
        "municipality": "Uppsala",
        "organisations": ["bolaget"],
        "status": "pågår",
    },
    "method": {
        "summary": "En kort sammanfattning av metoden.",
        "themes": ["unga"],
        "target_groups": ["unga"],
        "purpose": "Att hjälpa unga med läxor.",
        "when_to_use": ["När skolan ber om det."],
        "steps": [{"title": "Hitta lokal"}, {"title": "Bjud in"}],
        "roles": [{"role": "forening", "responsibility": "Driver läxhjälpen."}],
        "effort": {"level": "låg", "time": "En kväll i veckan"},
        "core": ["Samma vuxna varje gång."],
    },
    "factor": {
        "summary": "En kort sammanfattning av lärdomen.",
        "themes": ["unga"],
        "target_groups": ["unga"],
        "cases": ["fallet"],
    },
    "recommendation": {
        "summary": "En kort sammanfattning av rådet.",
        "themes": ["unga"],
        "target_groups": ["unga"],
        "cases": ["fallet"],
    },
    "organisation": {"summary": "En förening i Gottsunda som driver läxhjälp.", "type": "forening"},
    "playbook": {
        "summary": "Först en mötesplats, sedan läxhjälp på samma plats.",
        "themes": ["unga"],
        "target_groups": ["unga"],
        "steps": [
            {
                "method": "motesplats",
                "why": "Platsen behövs först.",
                "hands_over": "En lokal och unga som kommer.",
            },
            {"method": "andra-metoden", "why": "Läxhjälpen bygger på platsen."},
        ],
        "provenance": {"basis": "redaktionen", "reason": "Ordningen är ett exempel i testet."},
    },
}
EXTRA = {
    "playbook": {
        "methods/andra-metoden.md": VALID["methods/motesplats.md"].replace(
            "title: Kvällsöppen mötesplats", "title: Läxhjälp på mötesplatsen"
        )
    }
}
"""Files a kind's filled template needs beside the fixture library (a playbook needs two methods)."""
SOURCES = [{"title": "Artikel om läxhjälpen", "kind": "kort-notis"}]


@pytest.mark.parametrize("kind", [k.name for k in KINDS])
def test_new_file_has_schema_line_and_names_the_fields_to_fill(library_root, kind):
    path = new_entry(library_root, kind, "Läxhjälp i Gottsunda", today=date(2026, 11, 22))
    folder = KIND_BY_NAME[kind].folder
    assert path == library_root / folder / "laxhjalp-i-gottsunda.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "---"
    assert (
        lines[1]
        == f"# yaml-language-server: $schema={'../' * (folder.count('/') + 1)}{schema_file(KIND_BY_NAME[kind])}"
    )
    assert 'title: "Läxhjälp i Gottsunda"' in lines and "last_reviewed: 2026-11-22" in lines
    errors = [d for d in load_library(library_root).errors if d.path.endswith("laxhjalp-i-gottsunda.md")]
    named = {
        re.search(r"fältet '([a-z_\[\]\d.]+)'", d.message).group(1).split("[")[0].split(".")[0]
        for d in errors
    }
    required = {name for name, field in KIND_BY_NAME[kind].model.model_fields.items() if field.is_required()}
    assert named == required - {"title", "last_reviewed"}
    assert all("är inte ifyllt" in d.message and d.hint.startswith("fyll i: ") for d in errors)


@pytest.mark.parametrize("kind", [k.name for k in KINDS])
def test_new_file_validates_once_the_required_fields_are_filled(library_root, kind):
    path = new_entry(library_root, kind, "Läxhjälp i Gottsunda", today=date(2026, 11, 22))
    text = path.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    data = yaml.safe_load(front.removeprefix("---\n"))
    data.update(FILL[kind], sources=SOURCES)
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    write_library(library_root, EXTRA.get(kind, {}))
    library = load_library(library_root)
    assert library.errors == []
    assert "laxhjalp-i-gottsunda" in library.entries


def test_new_refuses_to_overwrite_or_reuse_an_id(library_root):
    new_entry(library_root, "case", "Läxhjälp i Gottsunda")
    with pytest.raises(FileExistsError, match="finns redan"):
        new_entry(library_root, "case", "Läxhjälp i Gottsunda")
    with pytest.raises(FileExistsError, match="används redan av cases/laxhjalp-i-gottsunda.md"):
        new_entry(library_root, "method", "Läxhjälp i Gottsunda")
    with pytest.raises(ValueError, match="okänd typ"):
        new_entry(library_root, "kurs", "Något")


def test_committed_schemas_are_up_to_date():
    for rel, text in render_schemas(VOCABULARY).items():
        assert (ROOT / rel).read_text(encoding="utf-8") == text, f"{rel} is out of date: run invoke schema"


@pytest.mark.parametrize("entry_id", sorted(LIBRARY.entries))
def test_example_files_validate_against_their_schema(entry_id):
    entry = LIBRARY.entries[entry_id]
    schema = json.loads((ROOT / schema_file(entry.kind)).read_text(encoding="utf-8"))
    source, _ = read_source(entry.source.path, entry.source.rel)
    jsonschema.validate(source.data, schema)


def test_schema_rejects_a_value_outside_the_vocabulary():
    schema = json.loads((ROOT / "schemas/case.schema.json").read_text(encoding="utf-8"))
    source, _ = read_source(ROOT / "cases/bis-boden.md", "cases/bis-boden.md")
    broken = {**source.data, "themes": ["motesplats"]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_github_annotations_for_a_broken_file(library_root, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    write_library(
        library_root,
        {
            "cases/fallet.md": VALID["cases/fallet.md"]
            .replace("status: avslutad", "status: klar")
            .replace("[unga]", "[ungdom]")
        },
    )
    out = io.StringIO()
    assert validate(library_root, out=out) == 1
    annotations = [line for line in out.getvalue().splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=cases/fallet.md,line=5::'ungdom' finns inte som målgrupp i vokabulären — menade du 'unga'?",
        "::error file=cases/fallet.md,line=12::ogiltigt värde 'klar' i 'status' — välj ett av: planerad, pågår, avslutad",
    ]


def test_completeness_badge_and_report():
    case = LIBRARY.entries["lina-hage-sodertalje"]
    score = completeness(case)
    assert score.percent == 70 and "mätbara mål" in score.missing
    text = report(LIBRARY, today=date(2029, 1, 1))
    lines = text.splitlines()
    scores = [int(line.split("%")[0]) for line in lines if " %  cases/" in line]
    assert scores == sorted(scores) and len(scores) == len(LIBRARY.of_kind("case"))
    stale = [
        line.split()[1]
        for line in lines[lines.index("Innehåll som inte granskats på över två år (äldst först):") + 2 :]
    ]
    assert len(stale) == len(LIBRARY.entries)


def test_report_lists_stale_content_oldest_first(library_root):
    write_library(
        library_root,
        {
            "cases/fallet.md": VALID["cases/fallet.md"].replace(
                "last_reviewed: 2026-01-15", "last_reviewed: 2019-03-01"
            ),
            "organisations/bolaget.md": VALID["organisations/bolaget.md"].replace("2026-01-15", "2020-06-30"),
        },
    )
    text = report(load_library(library_root), today=date(2026, 11, 22))
    tail = text.split("(äldst först):\n\n", 1)[1].splitlines()
    assert tail == ["  2019-03-01  cases/fallet.md", "  2020-06-30  organisations/bolaget.md"]


def test_case_page_shows_completeness_badge(built_site):
    text = (built_site / "fall" / "lina-hage-sodertalje" / "index.html").read_text(encoding="utf-8")
    assert '<span class="mb-badge mb-badge--mid">70 %</span>' in text


def test_open_data_csv_holds_every_case(built_site):
    rows = list(
        csv.DictReader(io.StringIO((built_site / "oppna-data" / "fall.csv").read_text(encoding="utf-8")))
    )
    assert sorted(row["id"] for row in rows) == sorted(e.id for e in LIBRARY.of_kind("case"))
    bis = next(row for row in rows if row["id"] == "bis-boden")
    assert bis["copied_from.id"] == "portalen-norrkoping"
    assert bis["municipality"] == "Boden"
    assert json.loads(bis["sources"])[0]["title"] == "Copy+paste är det som gäller!"
    assert bis["url"] == "https://metodbanken.example.se/fall/bis-boden/"
    for kind in KINDS:
        data = json.loads((built_site / "oppna-data" / f"{kind.section}.json").read_text(encoding="utf-8"))
        assert len(data) == len(LIBRARY.of_kind(kind.name))


OPEN_DATA_COLUMNS = {
    "fall": [
        "id", "url", "title", "summary", "inferred", "themes", "target_groups", "quotes", "scope",
        "municipality", "district", "organisations", "period.start", "period.end", "status", "question",
        "goals", "methods", "success_factors", "results", "copied_from.id", "copied_from.changes",
        "copied_from.source", "contact.name", "contact.organisation", "contact.email", "contact.url",
        "sources", "last_reviewed", "inferred_fields",
    ],
    "metoder": [
        "id", "url", "title", "summary", "inferred", "themes", "target_groups", "quotes", "purpose",
        "when_to_use", "steps", "roles", "prerequisites", "effort.level", "effort.time", "effort.hours",
        "effort.cost_sek.min", "effort.cost_sek.max", "risks", "checklist", "core", "adaptable", "not_when",
        "combine_with", "sources", "last_reviewed", "inferred_fields", "evidence.step", "evidence.label", "evidence.flags", "evidence.next_step",
        "evidence.declaration", "evidence.cases", "evidence.review_due",
    ],
    "framgangsfaktorer": [
        "id", "url", "title", "summary", "inferred", "themes", "target_groups", "quotes", "cases", "methods",
        "sources", "last_reviewed", "inferred_fields", "evidence.step", "evidence.label", "evidence.flags", "evidence.next_step",
        "evidence.declaration", "evidence.cases", "evidence.review_due",
    ],
    "rekommendationer": [
        "id", "url", "title", "summary", "inferred", "themes", "target_groups", "quotes", "cases", "methods",
        "success_factors", "sources", "last_reviewed", "inferred_fields", "evidence.step", "evidence.label", "evidence.flags", "evidence.next_step",
        "evidence.declaration", "evidence.cases", "evidence.review_due",
    ],
    "aktorer": [
        "id", "url", "title", "summary", "inferred", "type", "municipality", "website", "sources",
        "last_reviewed", "inferred_fields",
    ],
    "fardplaner": [
        "id", "url", "title", "summary", "inferred", "themes", "target_groups", "quotes", "steps", "cases",
        "provenance.basis", "provenance.reason", "sources", "last_reviewed", "inferred_fields",
    ],
}  # fmt: skip
"""The published columns of each open-data CSV, written out by hand on purpose: the files are
an interface that others read, so a column that disappears (or appears) must fail a test that
does not share code with the export. Change this list together with the models, deliberately."""


@pytest.mark.parametrize("section", sorted(OPEN_DATA_COLUMNS))
def test_open_data_csv_has_every_published_column(built_site, section):
    rows = list(csv.reader(io.StringIO((built_site / "oppna-data" / f"{section}.csv").read_text("utf-8"))))
    assert rows[0] == OPEN_DATA_COLUMNS[section]
    assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows)
    data = json.loads((built_site / "oppna-data" / f"{section}.json").read_text(encoding="utf-8"))
    top_level = {column.split(".")[0] for column in OPEN_DATA_COLUMNS[section]}
    assert all(top_level <= set(record) for record in data)


@pytest.mark.parametrize("section", sorted(OPEN_DATA_COLUMNS))
def test_codebook_lists_and_explains_every_published_column(built_site, section):
    text = (built_site / "oppna-data" / "index.html").read_text(encoding="utf-8")
    part = text.split(f'<h2 id="{section}"', 1)[1].split("<h2", 1)[0]
    rows = re.findall(r"<tr><td><code>([^<]+)</code></td><td>([^<]*)</td><td>([^<]*)</td></tr>", part)
    assert [name for name, _, _ in rows] == OPEN_DATA_COLUMNS[section]
    assert all(description.strip() and what.strip() for _, description, what in rows), rows


def test_field_reference_lists_every_field_of_every_model(built_site):
    text = (built_site / "bidra" / "falt" / "index.html").read_text(encoding="utf-8")
    for kind in KINDS:
        for row in field_rows(kind.model, VOCABULARY):
            assert f"<td><code>{row.path}</code></td>" in text, row.path
            if row.description:
                assert row.description.replace('"', "&#34;")[:40] in text


def test_every_page_says_how_to_cite_it(built_site):
    text = (built_site / "fall" / "bis-boden" / "index.html").read_text(encoding="utf-8")
    assert (
        "<strong>Så citerar du:</strong> BIS i Boden – att kopiera en hel verksamhet. Metodbanken. "
        '<a href="https://metodbanken.example.se/fall/bis-boden/">https://metodbanken.example.se/fall/bis-boden/</a>. '
        "Senast granskad 2026-11-25." in text
    )
    assert "Så citerar du:" in (built_site / "om" / "index.html").read_text(encoding="utf-8")


def test_api_reference_is_built_from_docstrings(built_site):
    text = (built_site / "utvecklare" / "api" / "index.html").read_text(encoding="utf-8")
    assert "metodbank.content.library" in text
    assert "Load and validate the whole content library in two passes" in text
