"""Shared fixtures: a small valid library in a temporary folder that tests can break."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

VALID = {
    "organisations/bolaget.md": """---
title: Bostadsbolaget
summary: Ett allmännyttigt bostadsföretag i Norrköping.
type: bostadsforetag
municipality: Norrköping
sources:
  - title: Om bolaget
    url: https://example.org/om
last_reviewed: 2026-01-15
---
Ett bostadsföretag.
""",
    "cases/fallet.md": """---
title: Mötesplats i Hageby
summary: En mötesplats för unga som öppnade två kvällar i veckan.
themes: [motesplatser, unga]
target_groups: [unga]
municipality: Norrköping
district: Hageby
organisations: [bolaget]
period:
  start: 2019-01
  end: 2020
status: avslutad
methods: [motesplats]
success_factors: [innehall]
sources:
  - title: Artikel om mötesplatsen
    url: https://example.org/a
    date: 2019-09-11
last_reviewed: 2026-01-15
---
## Bakgrund

Brödtext om fallet.
""",
    "methods/motesplats.md": """---
title: Kvällsöppen mötesplats
summary: Öppna en lokal för unga några kvällar i veckan med vuxna på plats.
themes: [motesplatser]
target_groups: [unga]
purpose: Ge unga en trygg plats att vara på.
when_to_use:
  - Det saknas platser för unga i området.
steps:
  - title: Hitta en lokal
    description: Använd en befintlig lokal i området.
    roles: [omradesutvecklare]
  - title: Öppna
    roles: [bovard, forening]
roles:
  - role: omradesutvecklare
    responsibility: Driver arbetet.
effort:
  level: medel
  time: Två kvällar i veckan
  hours: 300
  cost_sek: {min: 10000, max: 50000}
core:
  - Samma vuxna på plats varje gång.
sources:
  - title: Artikel om mötesplatsen
last_reviewed: 2026-01-15
---
Om metoden.
""",
    "methods/framgangsfaktorer/innehall.md": """---
title: Mötesplatser med innehåll
summary: En lokal räcker inte; det måste finnas något att göra och någon att möta.
themes: [motesplatser]
target_groups: [boende]
cases: [fallet]
methods: [motesplats]
sources:
  - title: Artikel om mötesplatsen
last_reviewed: 2026-01-15
---
Text.
""",
    "methods/rekommendationer/borja-smatt.md": """---
title: Börja smått
summary: Börja med två kvällar i veckan och bygg ut när efterfrågan finns.
themes: [motesplatser]
target_groups: [bostadsforetag]
cases: [fallet]
methods: [motesplats]
success_factors: [innehall]
sources:
  - title: Artikel om mötesplatsen
last_reviewed: 2026-01-15
---
Text.
""",
}

MKDOCS_YML = """site_name: Testbanken
site_url: https://test.example.se/
theme:
  name: material
  language: sv
  font: false
plugins:
  - search:
      lang: sv
  - metodbank-content
nav:
  - Start: index.md
  - Metoder: metoder/index.md
  - Fall: fall/index.md
"""


def write_library(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (path → text or bytes) over a copy of the real vocabulary data."""
    shutil.copytree(ROOT / "data", root / "data", dirs_exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def library_root(tmp_path: Path) -> Path:
    """A small valid library (one file of each kind) in a temporary folder."""
    return write_library(tmp_path, VALID)


@pytest.fixture
def site_project(tmp_path: Path) -> Path:
    """A small valid library plus mkdocs.yml and docs/, ready to build."""
    write_library(tmp_path, VALID)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Start\n\nVälkommen.\n", encoding="utf-8")
    return tmp_path
