"""Decks of method cards: which cards, in which order, the cover, and the whole deck as one
PDF. Used by the cards plugin (the site's decks) and by `invoke cards` (a course's own deck).

A deck can be chosen by theme or target group, by id or by the name readers see
("mötesplatser" or "Mötesplatser"); several themes mean any of them (OR), several target
groups likewise, and themes together with target groups mean both (AND)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..content.crossrefs import CrossRefs
from ..content.library import Library
from ..content.suggest import close_matches, fold
from ..content.words import full_date
from .card import Card, build_card
from .pdf import deck_pdf

LEAD = "Metoder mot segregation – beskrivna, med sina källor, och redo att kopiera."
"""The line under a deck's title on its cover."""

GROUP_NAMES = {"themes": ("tema", "teman"), "target_groups": ("målgrupp", "målgrupper")}


def all_cards(library: Library, refs: CrossRefs, site_url: str) -> list[Card]:
    """Every method's card, in title order."""
    return [build_card(entry, library, refs, site_url) for entry in library.of_kind("method")]


def resolve_terms(library: Library, group: str, values) -> list[str]:
    """The vocabulary ids of `values`, each given as an id or as its label (any case, with or
    without å, ä, ö); a ValueError in Swedish with "menade du" for a value that is neither."""
    terms = library.vocabulary.groups[group]
    by_name = {fold(key): key for key in terms} | {fold(term.label): key for key, term in terms.items()}
    ids, problems = [], []
    for value in values:
        key = by_name.get(fold(value))
        if key is not None:
            ids.append(key)
            continue
        close = close_matches(value, [term.label for term in terms.values()] + list(terms))
        guess = by_name[fold(close[0])] if close else None
        hint = (
            f"menade du {terms[guess].label!r} ({guess})?"
            if guess
            else "välj ett av: " + ", ".join(f"{t.label} ({k})" for k, t in terms.items())
        )
        problems.append(f"okänt {GROUP_NAMES[group][0]} {value!r} — {hint}")
    if problems:
        raise ValueError("\n".join(problems))
    return ids


def select(library: Library, cards: list[Card], themes=(), methods=(), target_groups=()) -> list[Card]:
    """The cards of the named methods (in the order given), or of the methods with any of
    `themes` and any of `target_groups`, or all cards; unknown names raise ValueError."""
    by_id = {card.id: card for card in cards}
    if methods:
        unknown = [m for m in methods if m not in by_id]
        if unknown:
            hints = [
                f"{m!r}"
                + (f" (menade du {close_matches(m, by_id)[0]!r}?)" if close_matches(m, by_id) else "")
                for m in unknown
            ]
            raise ValueError(f"okänd metod: {', '.join(hints)} (finns: {', '.join(sorted(by_id))})")
        return [by_id[m] for m in methods]
    wanted_themes = set(resolve_terms(library, "themes", themes))
    wanted_groups = set(resolve_terms(library, "target_groups", target_groups))
    chosen = []
    for card in cards:
        item = library.entries[card.id].item
        if wanted_themes and not wanted_themes & set(item.themes):
            continue
        if wanted_groups and not wanted_groups & set(item.target_groups):
            continue
        chosen.append(card)
    return chosen


def describe_selection(library: Library, themes=(), target_groups=()) -> str:
    """How a selection is read, in Swedish: 'tema Mötesplatser eller Unga, och målgrupp Unga'."""
    label = library.vocabulary.label
    parts = []
    for group, values in (("themes", themes), ("target_groups", target_groups)):
        ids = resolve_terms(library, group, values)
        if ids:
            parts.append(f"{GROUP_NAMES[group][0]} " + " eller ".join(label(group, i) for i in ids))
    return ", och ".join(parts)


def cover(library: Library, title: str, lead: str, cards: list[Card], site_url: str) -> dict:
    """What a deck's cover shows: title, lead, the deck's themes and target groups, its
    methods, and the date it was put together."""
    items = [library.entries[card.id].item for card in cards if card.id in library.entries]
    label = library.vocabulary.label
    themes = sorted({label("themes", t) for item in items for t in item.themes})
    groups = sorted({label("target_groups", t) for item in items for t in item.target_groups})
    return {
        "title": title,
        "lead": lead,
        "count": len(cards),
        "date": full_date(date.today()),
        "url": site_url,
        "themes": themes,
        "target_groups": groups,
        "methods": [card.title for card in cards],
    }


def write_deck(
    library: Library, cards: list[Card], out: Path, cache: Path, title: str, site_url: str, layout: str = "a5"
) -> Path:
    """Write the deck PDF of `cards` to `out`."""
    data = deck_pdf(
        cards,
        cache,
        title,
        cover(library, title, LEAD, cards, site_url),
        layout=layout,
        name=f"kurs-{layout}",
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out
