"""Where each kind of content lives in the repository and on the site."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

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


def discover(root: Path) -> list[tuple[Kind, Path]]:
    """Every content file under `root`, with its kind, sorted by path."""
    found = []
    for kind in KINDS:
        folder = root / kind.folder
        if folder.is_dir():
            found.extend((kind, path) for path in folder.glob("*.md"))
    return sorted(found, key=lambda pair: pair[1].relative_to(root).as_posix())
