"""Load and validate the whole content library in two passes over an in-memory index.

Pass 1 reads every file and registers its id, so that pass 2 can check each reference
against the index without scanning files again. Every problem in every file is collected;
nothing stops at the first error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .bodylinks import find_references
from .characters import visible
from .checks import field_checks
from .deps import Entries, record
from .diagnostics import Diagnostic
from .frontmatter import SourceFile, read_source
from .ids import is_valid_id, slugify
from .kinds import KINDS, Kind, discover
from .lineage import lineage_problems
from .messages import describe
from .provenance import check_provenance
from .safety import check_body_safety
from .suggest import did_you_mean
from .types import CheckContext
from .vocabulary import GROUP_LABELS, DataError, Vocabulary, read_published_emails


@dataclass
class Entry:
    """One valid content file: its id, kind, parsed source and validated model."""

    id: str
    kind: Kind
    source: SourceFile
    model: BaseModel
    """The validated model; read it as `item`, so that pages record what they show."""

    @property
    def item(self) -> BaseModel:
        """The validated model (reading it records the entry as a dependency of the page)."""
        record(self.id)
        return self.model

    @property
    def title(self) -> str:
        return self.item.title


@dataclass
class Library:
    """Every valid entry by id, and every problem found."""

    root: Path
    vocabulary: Vocabulary
    entries: dict[str, Entry] = field(default_factory=Entries)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    invalid: dict[str, str] = field(default_factory=dict)
    """Relative paths of files that failed, mapped to their kind's name."""
    crossrefs: object | None = None
    """Set by the links plugin: a `CrossRefs` index, so pages show backlinks."""
    cards: dict[str, dict[str, str]] | None = None
    """Set by the cards plugin: the site paths of each method's card and plan."""
    related: dict[str, list[str]] | None = None
    """Set by the search plugin: the ids of the entries most like each case and method."""
    taxonomy: object | None = None
    """Set by the links plugin: the `Taxonomy` of themes, target groups and municipalities."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def of_kind(self, name: str) -> list[Entry]:
        """Entries of one kind, sorted by title."""
        record(("kind", name))
        return sorted(
            (e for e in dict.values(self.entries) if e.kind.name == name),
            key=lambda e: (e.title.lower(), e.id),
        )


HTML_COMMENT = re.compile(r"<!--.*?(-->|$)", re.S)
RESERVED_IDS = {"index"}
"""File names that would collide with a section's own overview page."""

Check = Callable[[Kind, SourceFile, BaseModel], list[Diagnostic]]
"""An extra rule on one valid file, given by a package above this one (e.g. card limits)."""


def read_library(
    root: Path, data_dir: Path | None = None, checks: Sequence[Check] = (), cache=None
) -> Library:
    """Read and validate every content file under `root`, with the model's rules and `checks`.
    With a `cache` (`content.cache.ParseCache`), unchanged files are not parsed or checked again."""
    root = root.resolve()
    try:
        vocabulary = (cache.vocabulary if cache is not None else Vocabulary.load)(data_dir or root / "data")
        published = read_published_emails(data_dir or root / "data")
    except DataError as error:  # nothing can be checked without the vocabulary
        return Library(
            root, Vocabulary({group: {} for group in GROUP_LABELS}, []), diagnostics=error.problems
        )
    library = Library(root, vocabulary)
    found, stray = discover(root)
    library.diagnostics.extend(stray)
    kinds_by_id, ambiguous, parsed = _register(library, found, cache)
    context = CheckContext(
        library.vocabulary, kinds_by_id, ambiguous, {k.name: k.folder for k in KINDS}, published
    )
    validate = cache.validate if cache is not None else validate_source
    for kind, stem, source in parsed:
        item, problems = validate(kind, source, context, checks)
        library.diagnostics.extend(problems)
        if item is None or any(p.severity == "error" for p in problems):
            library.invalid[source.rel] = kind.name
            continue
        library.entries[stem] = Entry(stem, kind, source, item)
    for problem in lineage_problems(library.entries):
        library.diagnostics.append(problem)
        library.invalid[problem.path] = "case"
    library.entries = Entries(
        (i, e) for i, e in dict.items(library.entries) if e.source.rel not in library.invalid
    )
    library.diagnostics.sort()
    return library


def _id_problem(path: Path, rel: str, stem: str, first_file: dict[str, str]) -> Diagnostic | None:
    """Why a file's name cannot be its id: not a valid id, reserved, or already taken."""
    if not is_valid_id(stem):
        return Diagnostic(
            rel,
            1,
            f"filnamnet {path.name!r} är inget giltigt id",
            f"döp om filen till {slugify(stem) or 'nytt-namn'}.md (bara a–z, 0–9 och bindestreck)",
        )
    if stem in RESERVED_IDS:
        return Diagnostic(
            rel,
            1,
            f"filnamnet {path.name!r} är reserverat för avsnittets översikt",
            "döp om filen efter rubriken",
        )
    if stem in first_file:
        return Diagnostic(
            rel,
            1,
            f"id:t {stem!r} finns redan i {first_file[stem]}",
            "byt namn på en av filerna: ett id måste vara unikt i hela biblioteket",
        )
    return None


def _register(library: Library, found: list[tuple[Kind, Path]], cache=None):
    """Pass 1: read every file and register its id. Returns the kind of every id, the ids
    used by more than one file, and the files that parsed."""
    kinds_by_id: dict[str, str] = {}
    ambiguous: set[str] = set()
    first_file: dict[str, str] = {}
    parsed: list[tuple[Kind, str, SourceFile]] = []
    for kind, path in found:
        rel = path.relative_to(library.root).as_posix()
        stem = path.stem
        source, problems = cache.read(path, rel) if cache is not None else read_source(path, rel)
        library.diagnostics.extend(problems)
        problem = _id_problem(path, rel, stem, first_file)
        if problem is not None:
            library.diagnostics.append(problem)
            library.invalid[rel] = kind.name
            if stem in first_file:
                ambiguous.add(stem)
            continue
        first_file[stem] = rel
        kinds_by_id[stem] = kind.name
        if source is None or problems:
            library.invalid[rel] = kind.name
            continue
        parsed.append((kind, stem, source))
    return kinds_by_id, ambiguous, parsed


def validate_source(
    kind: Kind, source: SourceFile, context: CheckContext, checks: Sequence[Check] = ()
) -> tuple[BaseModel | None, list[Diagnostic]]:
    """The validated model (None if invalid) and every problem with one parsed file:
    model errors at their keys' lines, and an empty body."""
    problems = []
    item = None
    try:
        item = kind.model.model_validate(source.data, context=context)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            message, hint = describe(detail, kind.model)
            # A model-wide rule may name the field it is about (`loc` in its context).
            loc = tuple((detail.get("ctx") or {}).get("loc") or detail["loc"])
            problems.append(Diagnostic(source.rel, source.line_of(loc), message, hint))
    problems.extend(check_body_references(source, context))
    problems.extend(check_body_safety(source))
    if item is not None:
        problems.extend(check_provenance(kind, source, item))
        problems.extend(field_checks(source, item, context.published_emails))
        for check in checks:
            problems.extend(check(kind, source, item))
    if kind.body_required and not visible(HTML_COMMENT.sub("", source.body)):
        problems.append(
            Diagnostic(
                source.rel,
                source.body_line - 1,
                "brödtexten är tom",
                "skriv en beskrivning i Markdown under den här raden",
            )
        )
    return item, problems


def check_body_references(source: SourceFile, context: CheckContext) -> list[Diagnostic]:
    """Each `[[id]]` in the body must name an existing entry."""
    problems = []
    for ref in find_references(source.body):
        if ref.target in context.kinds_by_id:
            continue
        problems.append(
            Diagnostic(
                source.rel,
                source.body_line + ref.line,
                f"okänd referens [[{ref.target}]] i texten",
                did_you_mean(
                    ref.target,
                    list(context.kinds_by_id),
                    "skriv id:t (filnamnet utan .md) för ett fall, en metod, en framgångsfaktor, "
                    "en rekommendation eller en aktör",
                ),
            )
        )
    return problems


__all__ = ["KINDS", "Check", "Entry", "Library", "read_library", "validate_source"]
