"""Untrusted content: a table of hostile payloads in front matter and bodies. Each one is
either rejected by validation at its file and line, or published as inert text; the page
built from the inert ones carries no live markup and runs no script in Chromium."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from conftest import MKDOCS_YML_ALL, VALID, make_site_project, serve_folder, write_library
from metodbank.build import build_site
from metodbank.project import load_library
from metodbank.site.sanitize import clean_html

CASE = "cases/fallet.md"
MARK = "window.__xss=1"


def in_front(key_line: str, payload: str) -> tuple[str, str]:
    """Replace a front-matter line of the case with one carrying the payload (YAML-quoted)."""
    key = key_line.split(":")[0]
    quoted = "'" + payload.replace("'", "''") + "'"
    return key_line, f"{key}: {quoted}"


BODY = "Brödtext om fallet."

# (name, (old line, new line) in the case file, expected: "inert" or the exact error)
PAYLOADS = [
    (
        "title-script",
        in_front("title: Mötesplats i Hageby", "<script>alert(1)</script>"),
        "cases/fallet.md:2: rubriken innehåller < eller > — skriv rubriken som vanlig text, utan HTML",
    ),
    (
        "summary-script",
        in_front(
            "summary: En mötesplats för unga som öppnade två kvällar i veckan.",
            f"<script>{MARK}</script> Lång nog.",
        ),
        "inert",
    ),
    ("district-img-onerror", in_front("district: Hageby", f'"><img src=x onerror={MARK}>'), "inert"),
    (
        "question-svg-onload",
        ("status: avslutad", f"status: avslutad\nquestion: '<svg onload={MARK}>'"),
        "inert",
    ),
    (
        "source-title-breakout",
        ("  - title: Artikel om mötesplatsen", f"  - title: '</title><script>{MARK}</script>'"),
        "inert",
    ),
    (
        "source-url-javascript",
        ("    url: https://example.org/a", "    url: javascript:alert(1)"),
        "cases/fallet.md:17: ogiltig webbadress 'javascript:alert(1)' — ange en fullständig adress som börjar med https:// eller http://",
    ),
    (
        "source-url-data",
        ("    url: https://example.org/a", "    url: 'data:text/html,<script>alert(1)</script>'"),
        "cases/fallet.md:17: ogiltig webbadress 'data:text/html,<script>alert(1)</script>' — ange en fullständig adress som börjar med https:// eller http://",
    ),
    (
        "source-url-mixed-case",
        ("    url: https://example.org/a", "    url: JaVaScRiPt:alert(1)"),
        "cases/fallet.md:17: ogiltig webbadress 'JaVaScRiPt:alert(1)' — ange en fullständig adress som börjar med https:// eller http://",
    ),
    (
        "source-url-vbscript",
        ("    url: https://example.org/a", "    url: vbscript:msgbox(1)"),
        "cases/fallet.md:17: ogiltig webbadress 'vbscript:msgbox(1)' — ange en fullständig adress som börjar med https:// eller http://",
    ),
    (
        "source-url-file",
        ("    url: https://example.org/a", "    url: file:///etc/passwd"),
        "cases/fallet.md:17: ogiltig webbadress 'file:///etc/passwd' — ange en fullständig adress som börjar med https:// eller http://",
    ),
    (
        "goal-entity-text",
        ("methods: [motesplats]", "methods: [motesplats]\ngoals: ['&lt;script&gt;alert(1)&lt;/script&gt;']"),
        "inert",
    ),
    ("body-script", (BODY, f"<script>{MARK}</script>"), "inert"),
    ("body-script-mixed-case", (BODY, f"<ScRiPt>{MARK}</sCrIpT>"), "inert"),
    ("body-img-onerror", (BODY, f'<img src="x" onerror="{MARK}">'), "inert"),
    ("body-svg-script", (BODY, f"<svg><script>{MARK}</script></svg>"), "inert"),
    ("body-iframe-srcdoc", (BODY, '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>'), "inert"),
    ("body-style-url", (BODY, '<div style="background:url(javascript:alert(1))">text</div>'), "inert"),
    ("body-mutation", (BODY, f"<math><mtext><table><mglyph><style><img src=x onerror={MARK}>"), "inert"),
    (
        "body-details-ontoggle",
        (BODY, f"<details open ontoggle={MARK}><summary>x</summary></details>"),
        "inert",
    ),
    (
        "body-markdown-javascript-link",
        (BODY, f"[klicka här](javascript:{MARK})"),
        "cases/fallet.md:25: länken använder javascript:, som inte är tillåtet — länka bara till webbadresser som börjar med https:// eller till andra sidor med [[id]]",
    ),
    (
        "body-entity-javascript-link",
        (BODY, "[klicka](&#106;avascript:alert(1))"),
        "cases/fallet.md:25: länken använder javascript:, som inte är tillåtet — länka bara till webbadresser som börjar med https:// eller till andra sidor med [[id]]",
    ),
    (
        "body-raw-javascript-link",
        (BODY, '<a href="JAVASCRIPT:alert(1)">x</a>'),
        "cases/fallet.md:25: länken använder javascript:, som inte är tillåtet — länka bara till webbadresser som börjar med https:// eller till andra sidor med [[id]]",
    ),
    (
        "body-markdown-vbscript-link",
        (BODY, "[klicka här](vbscript:msgbox(1))"),
        "cases/fallet.md:25: länken använder vbscript:, som inte är tillåtet — länka bara till webbadresser som börjar med https:// eller till andra sidor med [[id]]",
    ),
    (
        "body-raw-vbscript-link",
        (BODY, '<a href="VBScript:msgbox(1)">x</a>'),
        "cases/fallet.md:25: länken använder vbscript:, som inte är tillåtet — länka bara till webbadresser som börjar med https:// eller till andra sidor med [[id]]",
    ),
    (
        "body-entity-vbscript-link",
        (BODY, "[klicka](&#118;bscript:msgbox(1))"),
        "cases/fallet.md:25: länken använder vbscript:, som inte är tillåtet — länka bara till webbadresser som börjar med https:// eller till andra sidor med [[id]]",
    ),
    (
        "body-hex-entity-vbscript-link",
        (BODY, '<a href="&#x56;bscript&#58;msgbox(1)">x</a>'),
        "cases/fallet.md:25: länken använder vbscript:, som inte är tillåtet — länka bara till webbadresser som börjar med https:// eller till andra sidor med [[id]]",
    ),
    (
        "body-markdown-file-link",
        (BODY, "[lösenord](file:///etc/passwd)"),
        "cases/fallet.md:25: länken använder file:, som inte är tillåtet — länka bara till webbadresser som börjar med https:// eller till andra sidor med [[id]]",
    ),
    (
        "body-raw-file-link",
        (BODY, '<a href="FILE:///etc/passwd">x</a>'),
        "cases/fallet.md:25: länken använder file:, som inte är tillåtet — länka bara till webbadresser som börjar med https:// eller till andra sidor med [[id]]",
    ),
    (
        "body-reference-file-link",
        (BODY, "Se [filen][f].\n\n[f]: file:///etc/passwd"),
        "cases/fallet.md:27: länken använder file:, som inte är tillåtet — länka bara till webbadresser som börjar med https:// eller till andra sidor med [[id]]",
    ),
    (
        "body-data-image",
        (BODY, "![bild](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"),
        "cases/fallet.md:25: länken använder data:, som inte är tillåtet — länka bara till webbadresser som börjar med https:// eller till andra sidor med [[id]]",
    ),
]
INERT = [row for row in PAYLOADS if row[2] == "inert"]


def hostile(rows) -> str:
    """The case file with every payload of `rows` in place; body payloads each get a paragraph."""
    text, added = VALID[CASE], []
    for _, (old, new), _ in rows:
        if old == BODY:
            added.append(new)
        else:
            assert old in text, old
            text = text.replace(old, new, 1)
    return text.replace(BODY, "\n\n".join([BODY, *added]), 1)


@pytest.mark.parametrize(
    ("change", "expected"), [row[1:] for row in PAYLOADS], ids=[row[0] for row in PAYLOADS]
)
def test_each_payload_is_rejected_or_accepted(library_root, change, expected):
    old, new = change
    text = VALID[CASE].replace(old, new if old != BODY else f"{old}\n\n{new}", 1)
    write_library(library_root, {CASE: text})
    errors = [str(d) for d in load_library(library_root).errors]
    assert errors == ([] if expected == "inert" else [expected])


def test_raw_html_in_a_body_is_reported_as_a_warning(library_root):
    """Labelled as a warning (it does not stop the build: the cleaning removes the tag), once per tag."""
    write_library(library_root, {CASE: VALID[CASE].replace(BODY, f"{BODY}\n\n<script>{MARK}</script>")})
    library = load_library(library_root)
    warnings = [str(d) for d in library.diagnostics if d.severity == "warning"]
    assert library.errors == []
    assert warnings == [
        "cases/fallet.md:25: varning: HTML-taggen <script> eller dess attribut tas bort när sidan byggs — "
        "skriv texten i Markdown; skript, iframes, stilar och händelseattribut publiceras aldrig"
    ]


@pytest.mark.parametrize(
    "fragment",
    [
        '<a href="vbscript:msgbox(1)">x</a>',
        '<a href="VbScRiPt:msgbox(1)">x</a>',
        '<a href="&#118;bscript:msgbox(1)">x</a>',
        '<a href="vb&#x09;script:msgbox(1)">x</a>',
        '<a href="java&#x0A;script:alert(1)">x</a>',
        '<a href=" vbscript:msgbox(1)">x</a>',
        '<a href="file:///etc/passwd">x</a>',
        '<img src="file:///etc/passwd" alt="x">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
    ],
)
def test_cleaning_drops_links_that_are_not_web_addresses(fragment):
    """The second line of defence, under validation: whatever reaches the page cleaning with
    such a link leaves it without the address."""
    cleaned = clean_html(fragment)
    assert "href" not in cleaned and "src" not in cleaned, cleaned
    assert clean_html('<a href="https://example.org/">x</a>') == '<a href="https://example.org/">x</a>'


class Markup(HTMLParser):
    """Collects the live markup of a page: tags, attributes and script elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.scripts: list[tuple[str | None, bool]] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self.scripts.append((attributes.get("src"), "svg" in self.stack))
        if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr", "source", "path", "circle", "rect"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass


def live_markup(html: str) -> Markup:
    parser = Markup()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = make_site_project(tmp_path_factory.mktemp("hostile"), MKDOCS_YML_ALL)
    write_library(root, {CASE: hostile(INERT)})
    assert load_library(root).errors == []
    assert build_site(root, site_dir=root / "site", strict=True) == 0
    clean = make_site_project(tmp_path_factory.mktemp("clean"), MKDOCS_YML_ALL)
    assert build_site(clean, site_dir=clean / "site", strict=True) == 0
    return root / "site", clean / "site"


@pytest.mark.parametrize("page", ["fall/fallet", "fall", "teman/motesplatser", "aktorer/bolaget"])
def test_built_pages_carry_no_live_markup_from_the_payloads(hostile_site, page):
    site, clean = hostile_site
    built = live_markup((site / page / "index.html").read_text(encoding="utf-8"))
    reference = live_markup((clean / page / "index.html").read_text(encoding="utf-8"))
    assert built.scripts == reference.scripts, "a script element came from the content"
    for tag, attributes in built.tags:
        assert tag not in ("iframe", "object", "embed", "style", "math", "details"), tag
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in ("href", "src", "action", "formaction"):
                assert (
                    not (value or "")
                    .strip()
                    .lower()
                    .startswith(("javascript:", "data:", "vbscript:", "file:"))
                ), value
            assert name != "style" or tag in {t for t, _ in reference.tags}, (tag, name)
    assert MARK not in "".join(str(v) for _, a in built.tags for v in a.values())


def test_page_with_the_payloads_runs_no_script_in_chromium(browser, hostile_site):
    site, _ = hostile_site
    url, server = serve_folder(site)
    try:
        context = browser.new_context()
        tab = context.new_page()
        dialogs = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for page in ("fall/fallet/", "fall/", "aktorer/bolaget/", "metoder/motesplats/"):
            tab.goto(url + page)
            tab.wait_for_load_state("load")
            tab.mouse.move(200, 300)
            tab.wait_for_timeout(200)
            assert tab.evaluate("window.__xss") is None, page
        assert dialogs == []
        # The payload text is visible as text, not lost: a reader sees what was written.
        tab.goto(url + "fall/fallet/")
        assert '"><img src=x onerror=window.__xss=1>' in tab.locator("article").inner_text()
        context.close()
    finally:
        server.shutdown()
