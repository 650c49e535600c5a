"""Where each kind of content lives in the repository and on the site."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from .diagnostics import Diagnostic
from .models import Case, Method, Organisation, Playbook, Recommendation, SuccessFactor


@dataclass(frozen=True)
class Kind:
    """One kind of content: its model, its folder in the repo and its section on the site."""

    name: str
    model: type[BaseModel]
    folder: str
    """Folder under the repository root that holds the files (only its own *.md, no subfolders)."""
    section: str
    """URL segment of the section on the site."""
    singular: str
    plural: str
    body_required: bool = True


KINDS: tuple[Kind, ...] = (
    Kind("method", Method, "methods", "metoder", "Metod", "Metoder"),
    Kind("case", Case, "cases", "fall", "Fall", "Fall"),
    Kind(
        "factor",
        SuccessFactor,
        "methods/framgangsfaktorer",
        "framgangsfaktorer",
        "Framgångsfaktor",
        "Framgångsfaktorer",
    ),
    Kind(
        "recommendation",
        Recommendation,
        "methods/rekommendationer",
        "rekommendationer",
        "Rekommendation",
        "Rekommendationer",
    ),
    Kind("organisation", Organisation, "organisations", "aktorer", "Aktör", "Aktörer", body_required=False),
    Kind("playbook", Playbook, "methods/playbooks", "fardplaner", "Färdplan", "Färdplaner"),
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}


def discover(root: Path) -> tuple[list[tuple[Kind, Path]], list[Diagnostic]]:
    """Every content file under `root` with its kind, sorted by path; and a diagnostic for
    each thing in a content folder that looks like content but will not be read: a folder or
    a broken link named *.md, a link out of the project, a file in a sub-folder, a file
    ending in .markdown or .MD."""
    root = root.resolve()
    found: list[tuple[Kind, Path]] = []
    problems: list[Diagnostic] = []
    kind_folders = {root / kind.folder for kind in KINDS}
    for kind in KINDS:
        folder = root / kind.folder
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            rel = path.relative_to(root).as_posix()
            if path in kind_folders:
                continue
            if path.is_dir() and not path.is_symlink() and not path.name.endswith(".md"):
                problems += _stray_files(root, path, kind)
                continue
            if not path.name.lower().endswith((".md", ".markdown")):
                continue
            problem = _not_content(root, path, rel, kind)
            if problem is None:
                found.append((kind, path))
            else:
                problems.append(problem)
    return sorted(found, key=lambda pair: pair[1].relative_to(root).as_posix()), problems + _misnamed_folders(
        root
    )


MISNAMED = {
    "case": "cases", "fall": "cases", "method": "methods", "metoder": "methods", "organisation": "organisations",
    "organization": "organisations", "organizations": "organisations", "aktorer": "organisations",
}  # fmt: skip
"""Folder names a contributor might use by mistake, and the folder that is read."""


def _misnamed_folders(root: Path) -> list[Diagnostic]:
    """Content files in a folder that looks like a content folder but is not read."""
    problems = []
    for wrong, right in MISNAMED.items():
        for path in sorted((root / wrong).glob("*.md")) if (root / wrong).is_dir() else []:
            problems.append(
                Diagnostic(
                    path.relative_to(root).as_posix(),
                    1,
                    f"mappen {wrong}/ läses inte",
                    f"flytta filen till {right}/",
                )
            )
    return problems


def _not_content(root: Path, path: Path, rel: str, kind: Kind) -> Diagnostic | None:
    """Why `path` (named like content) is not read, or None when it is a content file."""
    stem = path.name.rsplit(".", 1)[0]
    if not path.name.endswith(".md"):
        return Diagnostic(
            rel,
            1,
            f"filen {path.name!r} läses inte: innehållsfiler slutar på .md",
            f"döp om den till {stem}.md",
        )
    if path.is_symlink():
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # a link that points at itself, round and round
            return Diagnostic(
                rel, 1, "filen är en länk som går i en cirkel", "ersätt länken med en vanlig fil"
            )
        if not target.exists():
            return Diagnostic(
                rel, 1, "filen är en länk till en fil som inte finns", "ersätt länken med en vanlig fil"
            )
        if not target.is_relative_to(root):
            return Diagnostic(
                rel,
                1,
                "filen är en länk till något utanför projektet och publiceras inte",
                "lägg innehållet i en vanlig fil i mappen i stället för en länk",
            )
    if path.is_dir():
        return Diagnostic(
            rel,
            1,
            f"{path.name!r} är en mapp, inte en fil",
            f"innehållet ska ligga direkt i {kind.folder}/ som en .md-fil",
        )
    if not path.is_file():
        return Diagnostic(rel, 1, "det här är ingen vanlig fil", "ersätt den med en vanlig textfil i UTF-8")
    return None


def _stray_files(root: Path, folder: Path, kind: Kind) -> list[Diagnostic]:
    """Content files in a sub-folder that is not a kind's folder: they would be ignored."""
    return [
        Diagnostic(
            path.relative_to(root).as_posix(),
            1,
            "filen ligger i en undermapp och läses inte",
            f"flytta den direkt till {kind.folder}/",
        )
        for path in sorted(folder.rglob("*"))
        if path.name.lower().endswith((".md", ".markdown"))
    ]
