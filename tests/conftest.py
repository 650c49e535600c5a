"""Shared fixtures: a small valid library in a temporary folder that tests can break."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import axe_playwright_python
import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE = files(axe_playwright_python) / "axe.min.js"
"""axe-core, as the axe-playwright-python package ships it (run in Chromium by the WCAG tests)."""
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# The repository address is one setting; the tests use an example (the links must then exist).
os.environ.setdefault("METODBANK_REPO_URL", "https://github.com/exempel/metodbanken")

VALID = {
    "organisations/bolaget.md": """---
title: Bostadsbolaget
summary: Ett allmännyttigt bostadsföretag i Norrköping.
type: bostadsforetag
municipality: Norrköping
sources:
  - title: Om bolaget
    url: https://example.org/om
    kind: projektsida
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
    kind: kort-notis
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
roles: [{role: omradesutvecklare, responsibility: Driver arbetet.},
  {role: bovard, responsibility: Håller lokalen öppen.},
  {role: forening, responsibility: Bidrar med aktiviteter.}]
effort:
  level: medel
  time: Två kvällar i veckan
  hours: 300
  cost_sek: {min: 10000, max: 50000}
core:
  - Samma vuxna på plats varje gång.
sources:
  - title: Artikel om mötesplatsen
    kind: kort-notis
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
    kind: kort-notis
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
    kind: kort-notis
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

MKDOCS_YML_ALL = MKDOCS_YML.replace(
    "  - search:\n      lang: sv\n  - metodbank-content\n",
    "  - metodbank-content\n  - metodbank-links\n  - metodbank-search\n",
)
"""The test project's configuration with every plugin (and Pagefind instead of Material's search)."""


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


def make_site_project(root: Path, config: str = MKDOCS_YML) -> Path:
    """A small valid library plus mkdocs.yml and docs/ under `root`, ready to build."""
    write_library(root, VALID)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Start\n\nVälkommen.\n", encoding="utf-8")
    return root


def run_engine(project: Path, engine: str, *args: str) -> subprocess.CompletedProcess:
    """`python -m <engine> <args>` in `project`, as a child that runs this interpreter on
    this checkout (`engine_env()`), with its output captured."""
    from metodbank.build import engine_env

    return subprocess.run(
        [sys.executable, "-m", engine, *args], cwd=project, env=engine_env(), capture_output=True, text=True
    )


@pytest.fixture
def site_project(tmp_path: Path) -> Path:
    """A small valid library plus mkdocs.yml and docs/, ready to build."""
    return make_site_project(tmp_path)


# --- real browser tests: Debian's Chromium driven by Playwright -------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]


def missing_tool(message: str) -> None:
    """A tool the test needs is missing: skipped locally, a failure in CI (`CI=true`)."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


PACKAGES = {"pdftoppm": "poppler-utils", "pdffonts": "poppler-utils", "zbarimg": "zbar-tools", "git": "git"}
"""The Debian package of each command the tests run (`.ci/run` installs them)."""


def require_tool(name: str, package: str | None = None) -> str:
    """The path of the command `name`, which Debian's `package` installs."""
    path = shutil.which(name)
    if path is None:
        missing_tool(f"{name} is not installed (apt-get install -y {package or PACKAGES.get(name, name)})")
    return path


def require_chromium() -> None:
    """In CI a missing browser is a failure, not a skip."""
    if not CHROMIUM.exists():
        missing_tool("Debian's chromium is not installed (apt-get install -y chromium)")


@pytest.fixture(scope="session")
def playwright():
    """Playwright, started once per session (it cannot be started twice in one thread)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright):
    """One headless Chromium for the whole session."""
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def browser_without_javascript(playwright):
    """Chromium with scripting switched off in the engine, as for a reader who turned
    JavaScript off: unlike Playwright's `java_script_enabled=False` (an emulation), it
    parses and shows the content of <noscript>."""
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=[*CHROMIUM_ARGS, "--blink-settings=scriptEnabled=false"],
        headless=True,
    )
    yield chromium
    chromium.close()


def serve_folder(folder: Path):
    """Serve `folder` over HTTP on 127.0.0.1 in a thread; returns (base_url, server)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per session in strict mode."""
    from metodbank.build import build_site

    site = tmp_path_factory.mktemp("built") / "site"
    assert build_site(ROOT, site_dir=site, strict=True) == 0
    return site


def served(folder: Path):
    """Yield the base URL of `folder` served over HTTP, and stop serving afterwards."""
    url, server = serve_folder(folder)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL of the real site served over HTTP."""
    yield from served(built_site)


def checked_tab(browser, **options):
    """A fresh browser page (context `options`) that fails the test on any JavaScript error."""
    context = browser.new_context(**options)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def png_pages(pdf: Path, tmp_path: Path, resolution: int = 50) -> list[Path]:
    require_tool("pdftoppm")
    subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(pdf), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page-*.png"))


@pytest.fixture
def tab(browser):
    """A fresh desktop-sized page that fails the test on any JavaScript error."""
    yield from checked_tab(browser, viewport={"width": 1280, "height": 900}, locale="sv-SE")


# --- a small site with every plugin and hostile values, for the sharing and tool tests ----------

HOSTILE_METHOD = (
    VALID["methods/motesplats.md"]
    .replace("title: Kvällsöppen mötesplats", 'title: \'=HYPERLINK("http://angripare.example";"Klicka")\'')
    .replace(
        "summary: Öppna en lokal för unga några kvällar i veckan med vuxna på plats.",
        'summary: \'+46 70 123 45 67 <script>alert("sammanfattning")</script> & "citat"\'',
    )
    .replace("  level: medel", "  level: låg")
)
"""A method whose title and summary a spreadsheet would run as formulas, and whose summary
carries markup and quotes (allowed in a summary, and escaped wherever it is shown)."""

TOOLS_YML = """site_name: Testbanken
site_url: https://test.example.se/
repo_url: https://github.com/test/testbanken
edit_uri: edit/main/docs/
theme:
  name: material
  language: sv
  font: false
  custom_dir: overrides
plugins:
  - metodbank-content
  - metodbank-links
  - metodbank-search:
      pagefind: false
  - metodbank-cards:
      pdf: false
nav:
  - Start: index.md
  - Metoder: metoder/index.md
"""


@pytest.fixture(scope="session")
def tools_site(tmp_path_factory) -> Path:
    """The fixture library plus a hostile method, built with every plugin and the theme override."""
    from metodbank.build import build_site

    root = tmp_path_factory.mktemp("tools")
    make_site_project(root, TOOLS_YML)
    write_library(root, {"methods/formel.md": HOSTILE_METHOD})
    shutil.copytree(ROOT / "overrides", root / "overrides")
    site = root / "site"
    assert build_site(root, site_dir=site, strict=True) == 0
    return site


@pytest.fixture(scope="session")
def tools_url(tools_site):
    yield from served(tools_site)


FORMULA_CELLS = [
    ("=1+1", "'=1+1"),
    ("+46 70 123 45 67", "'+46 70 123 45 67"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tflik", "'\tflik"),
    ("\rretur", "'\rretur"),
    ('=HYPERLINK("http://x";"y")', '\'=HYPERLINK("http://x";"y")'),
    ("Mötesplats = bra", "Mötesplats = bra"),
    (" =inte först", " =inte först"),
    ("– tankstreck", "– tankstreck"),
    ("", ""),
    (None, ""),
    (12, "12"),
]
"""(cell value, what a CSV export writes): the formula rule shared by Python and share.js."""
