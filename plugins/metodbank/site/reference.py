"""Generated guide pages: the field reference (from the models' field docstrings), the
vocabulary, and the open-data codebook. One source of truth, never a hand-kept table."""

from __future__ import annotations

from markupsafe import Markup

from ..content.fieldinfo import describe_type, field_rows
from ..content.kinds import KINDS
from ..content.vocabulary import GROUP_LABELS, Vocabulary
from .html import Rendered, assemble, block
from .opendata import LIST_SEPARATOR, columns, data_files, extra_columns

FIELDS_URI = "bidra/falt.md"
VOCABULARY_URI = "bidra/vokabular.md"
OPEN_DATA_URI = "oppna-data/index.md"


def fields_page(vocabulary: Vocabulary) -> Rendered:
    parts = [
        "# Fältreferens",
        Markup(
            "<p>Alla fält i innehållsfilernas front matter, per typ av innehåll. Sidan byggs från "
            "innehållsmodellen i koden, så den stämmer alltid med vad valideringen kontrollerar. "
            "<code>[]</code> betyder en lista av grupper, till exempel <code>sources[].title</code>.</p>"
        ),
    ]
    for kind in KINDS:
        rows = field_rows(kind.model, vocabulary)
        parts += [f"## {kind.plural}", Markup("<p>Mapp: <code>{}/</code></p>").format(kind.folder)]
        parts.append(block("field_table.html", rows=rows))
    return assemble("Fältreferens", parts)


def vocabulary_page(vocabulary: Vocabulary) -> Rendered:
    parts = [
        "# Vokabulär",
        Markup(
            "<p>Teman, målgrupper, roller, aktörstyper och typer av källor får bara ta de här värdena. Skriv id:t i "
            "filen; webbplatsen visar etiketten. Listan finns i <code>data/vocabulary.yml</code>. "
            "Kommunen ska vara en av Sveriges 290 kommuner, skriven som i <code>data/kommuner.yml</code> "
            "(till exempel <code>Norrköping</code>).</p>"
        ),
    ]
    titles = {
        "themes": "Teman",
        "target_groups": "Målgrupper",
        "roles": "Roller",
        "organisation_types": "Aktörstyper",
        "source_kinds": "Typer av källor",
    }
    for group, terms in vocabulary.groups.items():
        parts += [
            f"## {titles.get(group, GROUP_LABELS.get(group, group))}",
            block("vocabulary_table.html", terms=terms.values()),
        ]
    return assemble("Vokabulär", parts)


def open_data_page(vocabulary: Vocabulary) -> Rendered:
    parts = [
        "# Öppna data",
        Markup(
            "<p>Hela biblioteket som öppna data: en JSON-fil och en CSV-fil per typ av innehåll. "
            "Filerna byggs om med webbplatsen. I CSV-filerna skiljs värden i listor åt med "
            "<code>{}</code>; listor av grupper (till exempel källor och steg) står som JSON i en "
            "kolumn. Kodboken nedan förklarar varje kolumn.</p>"
        ).format(LIST_SEPARATOR),
    ]
    for kind in KINDS:
        files = data_files(kind)
        rows = [
            ("id", "Id, samma som filnamnet utan .md.", "text"),
            ("url", "Sidans adress på webbplatsen.", "webbadress"),
        ]
        rows += [
            (name, field.description or "", describe_type(field, vocabulary))
            for name, field in columns(kind.model)
        ]
        rows += extra_columns(kind)
        parts += [
            f"## {kind.plural}",
            Markup('<p><a href="{}" download>{}.json</a> · <a href="{}" download>{}.csv</a></p>').format(
                files["json"].split("/", 1)[1], kind.section, files["csv"].split("/", 1)[1], kind.section
            ),
            block("codebook_table.html", rows=rows),
        ]
    return assemble("Öppna data", parts)
