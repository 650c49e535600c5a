"""Swedish names of the content fields, so that messages and templates name a field the way
a contributor reads it: "källa 2: titel (sources[2].title)" rather than "sources[2].title"."""

from __future__ import annotations

LABELS = {
    "title": "rubrik",
    "summary": "sammanfattning",
    "sources": "källor",
    "publisher": "utgivare",
    "url": "webbadress",
    "date": "datum",
    "last_reviewed": "senast granskad",
    "themes": "teman",
    "target_groups": "målgrupper",
    "scope": "omfattning",
    "municipality": "kommun",
    "district": "stadsdel",
    "organisations": "aktörer",
    "period": "period",
    "start": "start",
    "end": "slut",
    "status": "status",
    "question": "frågan",
    "goals": "mätbara mål",
    "methods": "metoder",
    "success_factors": "framgångsfaktorer",
    "results": "resultat",
    "copied_from": "kopierat från",
    "id": "id",
    "changes": "ändringar",
    "contact": "kontakt",
    "name": "namn",
    "organisation": "organisation",
    "email": "e-post",
    "purpose": "syfte",
    "when_to_use": "när metoden passar",
    "steps": "steg",
    "description": "beskrivning",
    "roles": "roller",
    "role": "roll",
    "responsibility": "ansvar",
    "prerequisites": "förutsättningar",
    "effort": "insats",
    "level": "nivå",
    "time": "tid",
    "hours": "timmar",
    "cost_sek": "kostnad",
    "min": "lägst",
    "max": "högst",
    "risks": "risker",
    "checklist": "checklista",
    "core": "kärna",
    "adaptable": "kan anpassas",
    "cases": "fall",
    "type": "typ",
    "website": "webbplats",
    "further_reading": "läs mer",
    "workshop": "utbildningspass",
    "questions": "diskussionsfrågor",
    "exercise": "övning",
    "minutes": "minuter",
    "instructions": "instruktion",
    "origin": "ursprung",
    "method": "metod",
    "why": "varför",
    "hands_over": "lämnar över",
    "provenance": "ursprung",
    "basis": "grund",
    "reason": "skäl",
    "kind": "typ",
    "author": "författare",
    "date_kind": "vad datumet betyder",
    "independent": "oberoende",
    "note": "anteckning",
    "inferred": "tolkade värden",
    "quotes": "citat",
    "text": "text",
    "speaker": "talare",
    "source": "källans nummer",
    "shows": "visar",
    "not_when": "när den inte passar",
    "editorial": "redaktionens råd",
    "combine_with": "kombinera med",
}
"""The Swedish label of each field name (the same name means the same thing everywhere)."""

ITEM_LABELS = {
    "sources": "källa",
    "steps": "steg",
    "roles": "roll",
    "goals": "mål",
    "results": "resultat",
    "when_to_use": "situation",
    "prerequisites": "förutsättning",
    "risks": "risk",
    "checklist": "kontrollpunkt",
    "core": "kärnpunkt",
    "adaptable": "anpassning",
    "themes": "tema",
    "target_groups": "målgrupp",
    "organisations": "aktör",
    "methods": "metod",
    "success_factors": "framgångsfaktor",
    "cases": "fall",
    "further_reading": "läs mer-länk",
    "questions": "fråga",
    "quotes": "citat",
    "not_when": "situation",
    "combine_with": "kombination",
}
"""What one item of a list field is called: 'källa 2', 'steg 3'."""


def label(name: str) -> str:
    """The Swedish label of one field name (the name itself when none is known)."""
    return LABELS.get(name, name)


def field_path(loc: tuple) -> str:
    """The technical name of a location: `steps[3].title`, counting list items from 1."""
    name = ""
    for part in loc:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def field_label(loc: tuple) -> str:
    """The Swedish name of a location, then its technical name: 'källa 2: titel (sources[2].title)'."""
    words: list[str] = []
    previous: str | None = None
    for part in loc:
        if isinstance(part, int):
            item = ITEM_LABELS.get(previous or "")
            if item and words:
                words[-1] = f"{item} {part + 1}"
            else:
                words.append(f"nummer {part + 1}")
        else:
            words.append(label(part))
            previous = part
    if not words:
        return ""
    spoken, path = ": ".join(words), field_path(loc)
    return spoken if spoken == path else f"{spoken} ({path})"
