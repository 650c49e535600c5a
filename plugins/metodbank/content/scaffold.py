"""`invoke new`: a new content file from a template generated from the model, with a Swedish
comment on every field (its docstring), a unique id from the title, today's date as last
reviewed and the JSON Schema line for editors. Fields the contributor must fill are left
empty, so the validator names each of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel

from .fieldinfo import describe_type, ordered_fields, unwrap
from .ids import slugify
from .kinds import KIND_BY_NAME, Kind
from .schema import schema_file
from .vocabulary import Vocabulary

KIND_ALIASES = {
    "case": "case", "fall": "case",
    "method": "method", "metod": "method",
    "factor": "factor", "framgangsfaktor": "factor", "framgångsfaktor": "factor",
    "recommendation": "recommendation", "rekommendation": "recommendation",
    "organisation": "organisation", "aktor": "organisation", "aktör": "organisation",
    "playbook": "playbook", "fardplan": "playbook", "färdplan": "playbook",
}  # fmt: skip

BODIES = {
    "case": ["Bakgrund", "Så gick det till", "Resultat", "Lärdomar", "Källor och osäkerheter"],
    "method": ["Om metoden", "Så går den till", "Erfarenheter från fall", "Källor"],
    "factor": ["Vad den innebär", "Belägg", "Så kan du använda den", "Källor och osäkerheter"],
    "recommendation": ["Rådet", "Varför", "Så kan du göra", "Källor och osäkerheter"],
    "organisation": [],
    "playbook": ["Varför den här ordningen", "Så hänger stegen ihop", "Källor och osäkerheter"],
}
SHOWN_OPTIONAL = {"municipality"}
"""Optional fields that most files need, so the template shows them uncommented."""
PROMPT = (
    "<!-- Skriv med egna ord utifrån källorna. Hitta inte på resultat, siffror, citat eller personer. -->"
)


def _fields(model: type[BaseModel], vocabulary: Vocabulary, indent: str, prefill: dict) -> list[str]:
    """Commented YAML for every field: required ones empty (to fill), optional ones commented out."""
    lines: list[str] = []
    for name in ordered_fields(model):
        field = model.model_fields[name]
        required = field.is_required()
        inner, is_list = unwrap(field.annotation)
        need = "obligatoriskt" if required else "valfritt"
        lines.append(f"{indent}# {field.description} ({need}; {describe_type(field, vocabulary)})")
        nested = isinstance(inner, type) and issubclass(inner, BaseModel)
        if name in prefill:
            lines.append(f"{indent}{name}: {prefill[name]}")
        elif nested and required:
            lines.append(f"{indent}{name}:")
            item_indent = indent + "  "
            sub = _fields(inner, vocabulary, item_indent + ("  " if is_list else ""), {})
            if is_list:  # the items to copy; the first key of each carries the list dash
                first = next(i for i, line in enumerate(sub) if not line.lstrip().startswith("#"))
                sub[first] = item_indent + "- " + sub[first].lstrip()
                sub = sub * (2 if name == "steps" else 1)
            lines.extend(sub)
        elif nested:
            keys = ", ".join(f"{key}: " for key in inner.model_fields)
            lines.append(f"{indent}# {name}: {'[' if is_list else ''}{{{keys}}}{']' if is_list else ''}")
        else:
            shown = required or name in SHOWN_OPTIONAL
            lines.append(f"{indent}{'' if shown else '# '}{name}:")
        lines.append("")
    return lines


def template(kind: Kind, title: str, today: date, vocabulary: Vocabulary) -> str:
    """The text of a new content file of `kind` titled `title`."""
    depth = kind.folder.count("/") + 1
    schema = "../" * depth + schema_file(kind)
    prefill = {"title": _quoted(title), "last_reviewed": today.isoformat()}
    head = [
        "---",
        f"# yaml-language-server: $schema={schema}",
        f"# {'Nytt' if kind.name == 'case' else 'Ny'} {kind.singular.lower()}: fyll i fälten. "
        "Rader som börjar med # är förklaringar och kan tas bort.",
        "# Kontrollera filen med: python3 -m invoke validate",
        "",
    ]
    body = [PROMPT, ""] + [line for heading in BODIES[kind.name] for line in (f"## {heading}", "", "")]
    if not BODIES[kind.name]:
        body = ["Skriv några meningar om aktören, med källa.", ""]
    lines = head + _fields(kind.model, vocabulary, "", prefill)
    return "\n".join(lines).rstrip() + "\n---\n" + "\n".join(body).rstrip() + "\n"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_entry(root: Path, kind_name: str, title: str, today: date | None = None) -> Path:
    """Write the new file and return its path; refuse to overwrite or to reuse an id."""
    if kind_name not in KIND_ALIASES:
        raise ValueError(
            f"okänd typ {kind_name!r}: välj case, method, factor, recommendation, organisation eller playbook"
        )
    kind = KIND_BY_NAME[KIND_ALIASES[kind_name]]
    entry_id = slugify(title)
    if len(entry_id) < 3:
        raise ValueError(f"rubriken {title!r} ger inget användbart id; skriv en längre rubrik")
    path = root / kind.folder / f"{entry_id}.md"
    if path.exists():
        raise FileExistsError(
            f"{path.relative_to(root)} finns redan; välj en annan rubrik eller redigera filen"
        )
    clash = next(
        (p for k in KIND_BY_NAME.values() for p in [root / k.folder / f"{entry_id}.md"] if p.exists()), None
    )
    if clash is not None:
        raise FileExistsError(
            f"id:t {entry_id!r} används redan av {clash.relative_to(root)}; välj en annan rubrik"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        template(kind, title, today or date.today(), Vocabulary.load(root / "data")), encoding="utf-8"
    )
    return path
