"""The controlled vocabulary (themes, target groups, roles, organisation types) and the
list of Sweden's municipalities, each loaded once from `data/`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic_core import PydanticCustomError

from .suggest import closest, did_you_mean, fold

GROUP_LABELS = {
    "themes": "tema",
    "target_groups": "målgrupp",
    "roles": "roll",
    "organisation_types": "aktörstyp",
    "source_kinds": "typ av källa",
}


@dataclass(frozen=True)
class Term:
    """One vocabulary value: the id written in content files, and what readers see."""

    id: str
    label: str
    description: str


@dataclass
class Vocabulary:
    """Allowed values per group, plus the municipality list."""

    groups: dict[str, dict[str, Term]]
    municipalities: list[str]
    search_terms: tuple[str, ...] = ()
    """Domain words that search looks for inside compounds (beside the labels)."""

    @classmethod
    def load(cls, data_dir: Path) -> Vocabulary:
        raw = yaml.safe_load((data_dir / "vocabulary.yml").read_text(encoding="utf-8"))
        search_terms = tuple(raw.pop("search_terms", []))
        groups = {
            group: {
                key: Term(key, entry["label"], entry.get("description", "")) for key, entry in terms.items()
            }
            for group, terms in raw.items()
        }
        counties = yaml.safe_load((data_dir / "kommuner.yml").read_text(encoding="utf-8"))
        municipalities = [name for names in counties.values() for name in names]
        return cls(groups, municipalities, search_terms)

    def label(self, group: str, key: str) -> str:
        """The reader-facing label of a term (the id itself if unknown)."""
        term = self.groups[group].get(key)
        return term.label if term else key

    def require(self, group: str, value: str) -> None:
        """Raise a located validation error when `value` is not a term of `group`."""
        terms = self.groups[group]
        if value in terms:
            return
        labels = {fold(t.label): key for key, t in terms.items()}
        if fold(value) in labels:
            hint = f"skriv id:t {labels[fold(value)]!r}, inte etiketten"
        else:
            hint = did_you_mean(
                value, list(terms), f"välj ett av: {', '.join(terms)} (se data/vocabulary.yml)"
            )
        raise PydanticCustomError(
            "vocabulary",
            "'{value}' finns inte som {what} i vokabulären",
            {"value": value, "what": GROUP_LABELS[group], "hint": hint},
        )

    def require_municipality(self, value: str) -> None:
        """Raise a located validation error when `value` is not one of the 290 municipalities."""
        if value in self.municipalities:
            return
        best = closest(value.removesuffix(" kommun").removesuffix(" stad"), self.municipalities)
        hint = (
            f"menade du {best!r}?"
            if best
            else "skriv kommunens namn utan 'kommun', till exempel 'Norrköping' (se data/kommuner.yml)"
        )
        raise PydanticCustomError(
            "municipality", "'{value}' är ingen svensk kommun", {"value": value, "hint": hint}
        )
