"""The method finder ("Hitta metod"): a JSON catalogue of the methods with their facets,
and a page whose form filters it in the browser. Without JavaScript the page lists every
method; the form then submits to itself and the list stays whole."""

from __future__ import annotations

from ..content.evidence import grade
from ..content.provenance import inferred_reason
from ..content.urls import page_uri, page_url, relative_url
from .html import Rendered, assemble, block

FINDER_URI = "hitta-metod/index.md"
CATALOGUE_URI = "hitta-metod/metoder.json"
EFFORT_LEVELS = ("låg", "medel", "hög")
EVIDENCE_STEPS = (1, 2, 3, 5, 10)


def catalogue(library, refs) -> list[dict]:
    """One record per method: what the filters and the text box look at."""
    records = []
    for entry in library.of_kind("method"):
        item = entry.item
        found = grade(entry, refs) if refs is not None else None
        records.append(
            {
                "id": entry.id,
                "title": item.title,
                "summary": item.summary,
                "url": page_url(page_uri(entry.kind, entry.id)),
                "themes": list(item.themes),
                "target_groups": list(item.target_groups),
                "effort": item.effort.level,
                "cases": found.counts.cases if found else 0,
                "evidence": found.as_dict() if found else None,
                "inferred": dict(item.inferred),
                "text": " ".join([item.title, item.summary, item.purpose, *item.when_to_use]),
            }
        )
    return records


def _effort_note(items: list[dict]) -> str:
    """'tolkad för 7 av 7 metoder' when some effort levels are the editors' estimates."""
    inferred = sum(1 for item in items if item["effort_inferred"])
    return f"tolkad för {inferred} av {len(items)} metoder" if inferred else ""


CSV_HEADER = ["Metod", "Sammanfattning", "Teman", "Målgrupper", "Insats", "Använd i antal fall", "Adress"]


def csv_row(record: dict, vocabulary, site_url: str) -> list:
    """One method as a row of the finder's CSV export (the browser neutralises formulas)."""
    label = vocabulary.label
    return [
        record["title"],
        record["summary"],
        ", ".join(label("themes", t) for t in record["themes"]),
        ", ".join(label("target_groups", g) for g in record["target_groups"]),
        record["effort"],
        record["cases"],
        site_url.rstrip("/") + "/" + record["url"],
    ]


def finder_page(library, records: list[dict], site_url: str = "/") -> Rendered:
    """The finder page: a filter form over the full, server-rendered list of methods, and
    (with JavaScript) the current list as CSV, as a printable deck and picked for comparison."""
    current = page_url(FINDER_URI)
    vocabulary = library.vocabulary

    def options(group: str, field: str) -> list[dict]:
        used = sorted({value for record in records for value in record[field]})
        return [{"value": key, "label": vocabulary.label(group, key)} for key in used]

    items = [
        {
            **record,
            "href": relative_url(record["url"], current),
            "theme_labels": ", ".join(vocabulary.label("themes", t) for t in record["themes"]),
            "effort_inferred": inferred_reason(library.entries[record["id"]].item, "effort.level"),
            "csv": csv_row(record, vocabulary, site_url),
        }
        for record in records
    ]
    form = block(
        "finder.html",
        themes=options("themes", "themes"),
        target_groups=options("target_groups", "target_groups"),
        efforts=[level for level in EFFORT_LEVELS if any(r["effort"] == level for r in records)],
        effort_note=_effort_note(items),
        evidence_steps=EVIDENCE_STEPS,
        items=items,
        catalogue=relative_url(CATALOGUE_URI, current).rstrip("/"),
        script=relative_url("assets/finder.js", current).rstrip("/"),
        total=len(records),
        csv_header=CSV_HEADER,
        csv_file="metoder.csv",
        share=relative_url("assets/share.js", current).rstrip("/") if library.crossrefs is not None else None,
        compare=relative_url("jamfor/", current) if library.crossrefs is not None else None,
        deck=relative_url("metodkort/urval.html", current).rstrip("/") if library.cards is not None else None,
    )
    intro = (
        "Välj tema, målgrupp, insats och i hur många fall metoden har använts, eller skriv ett ord. "
        "Listan uppdateras direkt, och adressen i webbläsaren sparar ditt urval så att du kan dela det."
    )
    note = (
        "Evidenssteget visar hur väl metoden är belagd, från 0 Idé till 5 Upprepat belagd. "
        "De flesta metoder står i dag lågt, eftersom källorna mest är korta notiser och projektsidor."
    )
    return assemble("Hitta metod", ["# Hitta metod", intro, note, form])
