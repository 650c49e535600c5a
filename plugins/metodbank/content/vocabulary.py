"""The controlled vocabulary (themes, target groups, roles, organisation types) and the
list of Sweden's municipalities, each loaded once from `data/`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic_core import PydanticCustomError

from .diagnostics import Diagnostic
from .ids import is_valid_id
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
    counties: dict[str, str] = field(default_factory=dict)
    """Each municipality's county (län), as grouped in data/kommuner.yml."""

    @classmethod
    def load(cls, data_dir: Path) -> Vocabulary:
        """Read `vocabulary.yml` and `kommuner.yml`; a broken file raises `DataError` with
        every problem at its line."""
        raw = _read_mapping(data_dir / "vocabulary.yml", "data/vocabulary.yml")
        counties = _read_mapping(data_dir / "kommuner.yml", "data/kommuner.yml")
        problems = _check_vocabulary(raw) + _check_municipalities(counties)
        if problems:
            raise DataError(problems)
        values = dict(raw.value)
        search_terms = tuple(str(t) for t in values.pop("search_terms", []))
        groups = {
            group: {
                key: Term(key, entry["label"], entry.get("description") or "") for key, entry in terms.items()
            }
            for group, terms in values.items()
        }
        municipalities = [name for names in counties.value.values() for name in names]
        county_of = {name: county for county, names in counties.value.items() for name in names}
        return cls(groups, municipalities, search_terms, county_of)

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


REQUIRED_GROUPS = tuple(GROUP_LABELS)


class DataError(Exception):
    """A broken file in data/: every problem as a `Diagnostic`."""

    def __init__(self, problems: list[Diagnostic]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class _Read:
    rel: str
    value: object
    lines: dict[tuple, int]


def _read_mapping(path: Path, rel: str) -> _Read:
    """The file's data with the line of every key, or `DataError` when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        value = yaml.safe_load(text)
    except OSError as error:
        raise DataError(
            [Diagnostic(rel, 1, f"filen kan inte läsas ({error.strerror or error})", _RESTORE)]
        ) from error
    except yaml.MarkedYAMLError as error:
        line = (
            (error.problem_mark or error.context_mark).line + 1
            if (error.problem_mark or error.context_mark)
            else 1
        )
        raise DataError(
            [Diagnostic(rel, line, "raden kan inte läsas (fel indrag, kolon eller citattecken)", _RESTORE)]
        ) from error
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise DataError([Diagnostic(rel, 1, "filen kan inte läsas som YAML", _RESTORE)]) from error
    if not isinstance(value, dict) or not value:
        raise DataError([Diagnostic(rel, 1, "filen är tom eller ingen lista av grupper", _RESTORE)])
    lines: dict[tuple, int] = {}
    for key_node, value_node in node.value if isinstance(node, yaml.MappingNode) else []:
        lines[(key_node.value,)] = key_node.start_mark.line + 1
        for child_key, _ in value_node.value if isinstance(value_node, yaml.MappingNode) else []:
            lines[(key_node.value, child_key.value)] = child_key.start_mark.line + 1
    return _Read(rel, value, lines)


_RESTORE = "jämför med filen i projektets senaste version (git diff data/) och rätta raden"


def _check_vocabulary(raw: _Read) -> list[Diagnostic]:
    problems = []
    for group in REQUIRED_GROUPS:
        if not isinstance(raw.value.get(group), dict) or not raw.value[group]:
            problems.append(
                Diagnostic(
                    raw.rel, raw.lines.get((group,), 1), f"gruppen {group!r} saknas eller är tom", _RESTORE
                )
            )
    for group, terms in raw.value.items():
        if group == "search_terms" or not isinstance(terms, dict):
            continue
        for key, entry in terms.items():
            line = raw.lines.get((group, key), raw.lines.get((group,), 1))
            if not isinstance(key, str) or not is_valid_id(key):
                problems.append(
                    Diagnostic(
                        raw.rel,
                        line,
                        f"{key!r} i {group} är inget giltigt id",
                        "bara a–z, 0–9 och bindestreck",
                    )
                )
            elif (
                not isinstance(entry, dict)
                or not isinstance(entry.get("label"), str)
                or not entry["label"].strip()
            ):
                problems.append(
                    Diagnostic(
                        raw.rel,
                        line,
                        f"{group}.{key} saknar en etikett (label)",
                        "lägg till 'label: Text som läsarna ser'",
                    )
                )
    return problems


def _check_municipalities(counties: _Read) -> list[Diagnostic]:
    return [
        Diagnostic(
            counties.rel,
            counties.lines.get((county,), 1),
            f"länet {county!r} ska ha en lista av kommuner",
            _RESTORE,
        )
        for county, names in counties.value.items()
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names)
    ]
