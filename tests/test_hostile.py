"""Hostile and careless contributions, all at once: one tree with every broken kind, one
validation run. Each kind must be reported at its file and line in Swedish; the run must
finish within seconds, in bounded memory, with no traceback; the valid files stay valid."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from conftest import VALID, write_library
from metodbank.build import engine_env

CASE = VALID["cases/fallet.md"]
METHOD = VALID["methods/motesplats.md"]


def case(change: tuple[str, str] | None = None, body: str | None = None, text: str = CASE) -> str:
    """The valid case with one line replaced (old, new) and/or another body."""
    if change is not None:
        old, new = change
        assert old in text, old
        text = text.replace(old, new, 1)
    if body is not None:
        text = text.split("---\n", 2)
        text = f"---\n{text[1]}---\n{body}"
    return text


def method(change: tuple[str, str]) -> str:
    return case(change, text=METHOD)


TITLE = "title: Mötesplats i Hageby"
SUMMARY = "summary: En mötesplats för unga som öppnade två kvällar i veckan."
BODY_LINE = 22  # the first body line of the case template
REVIEW_LINE = 20  # the line of last_reviewed in the case template

# (kind, files {name: content} — a str or bytes is a file in cases/ named <kind>.md unless
# the key has a slash, or ("dir",) / ("symlink", target)), expected [(path, line, words)]
ROWS: list[tuple[str, dict, list[tuple[str, int, str]]]] = []


def row(kind: str, content, line: int, words: str, path: str | None = None, folder: str = "cases") -> None:
    """A broken file `<folder>/<kind>.md` reported at `line` with a message containing `words`."""
    rel = path or f"{folder}/{kind}.md"
    ROWS.append((kind, {rel: content}, [(rel, line, words)]))


# --- YAML: structure, size, tags, keys -----------------------------------------------------
row(
    "alias-bomb",
    case(body="x", change=(TITLE, "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n" + TITLE)),
    2,
    "ankare och alias",
)
row("anchor-only", case((TITLE, "title: &t Mötesplats i Hageby")), 2, "ankare och alias")
row("python-tag", case((TITLE, "title: !!python/object/apply:os.system [ls]")), 2, "YAML-taggen")
row("custom-tag", case((TITLE, "title: !hemlig Mötesplats")), 2, "YAML-taggen")
row(
    "timestamp-tag",
    case(("last_reviewed: 2026-01-15", "last_reviewed: !!timestamp 2026-99-99")),
    REVIEW_LINE,
    "YAML-taggen",
)
row("merge-key", case((TITLE, TITLE + "\n<<: {district: Hageby}")), 3, "sammanslagning")
row("integer-key", case((TITLE, TITLE + "\n1: ett")), 3, "inget giltigt fältnamn")
row("null-key", case((TITLE, TITLE + "\nnull: ingenting")), 3, "inget giltigt fältnamn")
row("duplicate-key", case(("district: Hageby", "district: Hageby\ndistrict: Ektorp")), 8, "står två gånger")
row("deep-nesting", case((TITLE, TITLE + "\nx: " + "[" * 40 + "]" * 40)), 3, "för djupt nästlad")
row("tab-indent", case(("  start: 2019-01", "\tstart: 2019-01")), 10, "tabb")
row("missing-colon", case(("status: avslutad", "status avslutad")), 13, "")
row("unclosed-quote", case((TITLE, 'title: "Mötesplats i Hageby')), 2, "citattecken")
row("unclosed-list", case(("themes: [motesplatser, unga]", "themes: [motesplatser, unga")), 4, "lista")
row("no-front-matter", "Bara text, ingen front matter.\n", 1, "saknar front matter")
row("front-matter-never-ends", "---\ntitle: Hej\n", 1, "avslutas aldrig")
row("empty-front-matter", "---\n---\nText.\n", 2, "tom")
row("empty-file", "", 1, "saknar front matter")
row("too-large", case(body="ord " * 140_000), 1, "för stor")
row(
    "octal-number",
    method(("  hours: 300", "  hours: 012")),
    21,
    "läses inte som det ser ut",
    folder="methods",
)
row(
    "sexagesimal-number",
    method(("  hours: 300", "  hours: 1:30")),
    21,
    "läses inte som det ser ut",
    folder="methods",
)
row("not-a-number", method(("  hours: 300", "  hours: .nan")), 21, "inget tal", folder="methods")
row("octal-1-2", method(("  hours: 300", "  hours: 0o12")), 21, "heltal", folder="methods")
# --- characters -------------------------------------------------------------------------------
row("nul-in-title", case((TITLE, "title: Mötes\x00plats")), 2, "U+0000 NUL")
row("bel-in-key", case((TITLE, TITLE + "\nx\x07: y")), 3, "U+0007 BEL")
row("esc-in-title", case((TITLE, "title: Mötes\x1b[2Jplats")), 2, "U+001B ESC")
row("esc-as-yaml-escape", case((TITLE, 'title: "Mötes\\eplats"')), 2, "U+001B ESC")
row("c1-control", case(("district: Hageby", "district: Hage\x9bby")), 7, "U+009B")
row("del-char", case(("district: Hageby", "district: Hage\x7fby")), 7, "U+007F DEL")
row("bidi-override-title", case((TITLE, "title: Mötesplats \u202egnalö")), 2, "riktningstecken")
row(
    "bidi-isolate-body",
    case(body="## Bakgrund\n\nText \u2066dold\u2069.\n"),
    BODY_LINE + 2,
    "riktningstecken",
)
row("nul-in-body", case(body="## Bakgrund\n\nText\x00.\n"), BODY_LINE + 2, "U+0000 NUL")
row("invisible-title", case((TITLE, "title: '\u200b\u200b\u200b\u200b'")), 2, "för få synliga tecken")
row("combining-marks-title", case((TITLE, "title: '\u0301\u0301\u0301\u0301'")), 2, "för få synliga tecken")
row(
    "not-utf8",
    case().encode("utf-8").replace("Mötesplats".encode(), "Mötesplats".encode("latin-1")),
    2,
    "UTF-8",
)
row("utf16", case().encode("utf-16"), 1, "UTF-8")
row(
    "invisible-body",
    case(body="\u200b\u200b\n\n<!-- bara en kommentar -->\n"),
    BODY_LINE - 1,
    "brödtexten är tom",
)
row("line-separator", case((TITLE, "title: Mötes\u2028plats i Hageby")), 2, "radavgränsare")
row("status-no", case(("status: avslutad", "status: no")), 12, "ja/nej")
# --- files and folders ------------------------------------------------------------------------
ROWS.append(("directory-named-md", {"cases/mapp.md": ("dir",)}, [("cases/mapp.md", 1, "är en mapp")]))
ROWS.append(
    (
        "broken-symlink",
        {"cases/brutet.md": ("symlink", "finns-inte.md")},
        [("cases/brutet.md", 1, "som inte finns")],
    )
)
ROWS.append(
    (
        "symlink-loop",
        {"cases/cirkel.md": ("symlink", "cirkel.md")},
        [("cases/cirkel.md", 1, "går i en cirkel")],
    )
)
ROWS.append(
    (
        "symlink-outside",
        {"cases/utanfor.md": ("symlink", "/etc/hostname")},
        [("cases/utanfor.md", 1, "utanför projektet")],
    )
)
row("markdown-extension", case(), 1, "slutar på .md", path="cases/lang-filandelse.markdown")
row("uppercase-extension", case(), 1, "slutar på .md", path="cases/versaler.MD")
row("in-subfolder", case(), 1, "undermapp", path="cases/arkiv/gammalt.md")
row("misnamed-folder", case(), 1, "läses inte", path="case/ensam.md")
row("invalid-id", case(), 1, "inget giltigt id", path="cases/Fall Med Mellanslag.md")
ROWS.append(("newline-in-name", {"cases/ny\nrad.md": case()}, [("cases/ny?rad.md", 1, "inget giltigt id")]))
row("reserved-id", case(), 1, "reserverat", path="cases/index.md")
row("duplicate-id", case(), 1, "finns redan", path="organisations/fallet.md")
# --- values -----------------------------------------------------------------------------------
row("future-review", case(("last_reviewed: 2026-01-15", "last_reviewed: 2999-01-01")), REVIEW_LINE, "årtalet")
row(
    "review-next-year",
    case(("last_reviewed: 2026-01-15", f"last_reviewed: {time.localtime().tm_year + 1}-01-01")),
    REVIEW_LINE,
    "i framtiden",
)
row("year-one", case(("last_reviewed: 2026-01-15", "last_reviewed: 0001-01-01")), REVIEW_LINE, "årtalet")
row(
    "source-date-future",
    case(("    date: 2019-09-11", f"    date: {time.localtime().tm_year + 1}-01-01")),
    18,
    "i framtiden",
)
row("finished-in-future", case(("  end: 2020", "  end: 2031")), 12, "avslutat men perioden slutar 2031")
row("period-backwards", case(("  end: 2020", "  end: 2010")), 9, "slutar (2010) innan den börjar")
row(
    "bad-date",
    case(("last_reviewed: 2026-01-15", "last_reviewed: 2026-02-30")),
    REVIEW_LINE,
    "ogiltigt datum",
)
row("hours-bool", method(("  hours: 300", "  hours: true")), 21, "heltal", folder="methods")
row("hours-text", method(("  hours: 300", "  hours: '12'")), 21, "heltal", folder="methods")
row(
    "hours-huge",
    method(("  hours: 300", "  hours: 100000000000000000000000000000000")),
    21,
    "för stort",
    folder="methods",
)
row(
    "cost-negative",
    method(("  cost_sek: {min: 10000, max: 50000}", "  cost_sek: {min: -5, max: 50000}")),
    22,
    "för litet",
    folder="methods",
)
row(
    "cost-backwards",
    method(("  cost_sek: {min: 10000, max: 50000}", "  cost_sek: {min: 50000, max: 10}")),
    22,
    "bakvänt",
    folder="methods",
)
row(
    "email-invalid",
    case(("status: avslutad", "status: avslutad\ncontact:\n  email: inte en adress")),
    14,
    "ingen e-postadress",
)
row(
    "url-javascript",
    case(("    url: https://example.org/a", "    url: javascript:alert(1)")),
    17,
    "ogiltig webbadress",
)
row(
    "url-userinfo",
    case(("    url: https://example.org/a", "    url: https://example.org@evil.example/")),
    17,
    "namn@",
)
row("unknown-theme", case(("themes: [motesplatser, unga]", "themes: [motesplatsr, unga]")), 4, "menade du")
row("repeated-theme", case(("themes: [motesplatser, unga]", "themes: [unga, unga]")), 4, "flera gånger")
row("unknown-field", case((TITLE, TITLE + "\nsumary: x")), 3, "okänt fält")
row("missing-field", case(("status: avslutad\n", "")), 1, "'status' saknas")
row("wrong-type", case(("district: Hageby", "district: [Hageby]")), 7, "ska vara text")
row(
    "unknown-reference",
    case(("organisations: [bolaget]", "organisations: [bolagt]")),
    8,
    "menade du 'bolaget'",
)
row("wrong-kind-reference", case(("methods: [motesplats]", "methods: [bolaget]")), 13, "en aktör")
row("too-long-summary", case((SUMMARY, "summary: " + "lång " * 80)), 3, "för långt")
row("markup-title", case((TITLE, "title: <b>Fet</b> rubrik")), 2, "< eller >")
# --- lineage ----------------------------------------------------------------------------------
row(
    "copies-itself",
    case(("status: avslutad", "status: avslutad\ncopied_from:\n  id: copies-itself\n  changes: Inget.")),
    14,
    "sig självt",
)
ROWS.append(
    (
        "copy-cycle",
        {
            "cases/cykel-a.md": case(
                ("status: avslutad", "status: avslutad\ncopied_from:\n  id: cykel-b\n  changes: Inget.")
            ),
            "cases/cykel-b.md": case(
                ("status: avslutad", "status: avslutad\ncopied_from:\n  id: cykel-a\n  changes: Inget.")
            ),
        },
        [("cases/cykel-a.md", 14, "cirkel"), ("cases/cykel-b.md", 14, "cirkel")],
    )
)
# --- links in bodies --------------------------------------------------------------------------
LINK_LINE = BODY_LINE + 2
for kind, link in (
    ("link-javascript", "[x](javascript:alert(1))"),
    ("link-vbscript", "[x](vbscript:msgbox(1))"),
    ("link-data", "![x](data:image/svg+xml;base64,PHN2Zz4=)"),
    ("link-file", "[lösenord](file:///etc/passwd)"),
    ("link-entity", "[x](&#106;avascript:alert(1))"),
    ("link-tab", '<a href="java&#9;script:alert(1)">x</a>'),
    ("link-space-in-quote", '<a href="  javascript:alert(1)">x</a>'),
    ("link-reference-definition", "[x][1]\n\n[1]: javascript:alert(1)"),
    ("link-autolink", "<javascript:alert(1)>"),
    ("link-encoded-newline", "[x](java&#x0A;script:alert(1))"),
):
    line = LINK_LINE + (2 if kind == "link-reference-definition" else 0)
    row(kind, case(body=f"## Bakgrund\n\n{link}\n"), line, "som inte är tillåtet")
row(
    "link-split-over-lines",
    case(body='## Bakgrund\n\n<a href="java\nscript:alert(1)">x</a>\n'),
    LINK_LINE,
    "som inte är tillåtet",
)
row("unknown-body-reference", case(body="## Bakgrund\n\nSe [[finns-inte]].\n"), LINK_LINE, "okänd referens")
row("empty-body", case(body="\n"), BODY_LINE - 1, "brödtexten är tom")

WARNINGS = [
    ("script-tag", "<script>alert(1)</script>", "HTML-taggen <script>"),
    ("event-handler", '<img src="x" onerror="alert(1)">', "HTML-taggen <img>"),
    ("fake-chrome-class", '<div class="md-dialog" id="__search">x</div>', "HTML-taggen <div>"),
    ("attr-list-class", "Text\n{: .md-dialog #__search }", "id och klasser"),
]


# Valid files that look odd: they must not be reported.
ODD_BUT_VALID = {
    # å and ö typed with combining marks (NFD), and a period whose end is coarser than its start
    "cases/nfd-och-grov-period.md": unicodedata.normalize(
        "NFD", case(("  start: 2019-01\n  end: 2020", "  start: 2019-05\n  end: 2019"))
    ),
}


def test_the_table_covers_at_least_sixty_kinds():
    assert len(ROWS) >= 60, len(ROWS)
    assert len({kind for kind, _, _ in ROWS}) == len(ROWS)


def place(root: Path, files: dict) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple) and content[0] == "dir":
            path.mkdir()
        elif isinstance(content, tuple):
            path.symlink_to(content[1])
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB: an alias bomb would need far more


@pytest.fixture(scope="module")
def one_run(tmp_path_factory):
    """Every broken kind (and the warning kinds) in one tree, validated in one run."""
    root = write_library(tmp_path_factory.mktemp("hostile"), VALID)
    for _, files, _ in ROWS:
        place(root, files)
    place(root, ODD_BUT_VALID)
    for kind, text, _ in WARNINGS:
        place(root, {f"cases/{kind}.md": case(body=f"## Bakgrund\n\n{text}\n")})
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "metodbank", "validate", "--root", str(root)],
        env={**engine_env(), "GITHUB_ACTIONS": "false"},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_memory,
    )
    return result, time.perf_counter() - started


def test_the_run_fails_quickly_and_cleanly(one_run):
    result, seconds = one_run
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    assert seconds < 20, f"validation took {seconds:.1f} s"
    assert not any(c in result.stdout for c in "\x00\x07\x1b\x9b\u202e"), (
        "control characters reached the terminal"
    )


@pytest.mark.parametrize(("kind", "expected"), [(k, e) for k, _, e in ROWS], ids=[k for k, _, _ in ROWS])
def test_each_kind_is_reported_at_its_line_in_swedish(one_run, kind, expected):
    lines = one_run[0].stdout.splitlines()
    for path, line, words in expected:
        prefix = f"{path}:{line}: "
        found = [text for text in lines if text.startswith(prefix) and "varning:" not in text]
        assert found, f"{kind}: inget fel på {prefix}\n" + "\n".join(t for t in lines if t.startswith(path))
        assert any(words in text for text in found), f"{kind}: {found}"
        assert all(" — " in text for text in found), f"{kind}: saknar råd: {found}"


@pytest.mark.parametrize(("kind", "text", "words"), WARNINGS, ids=[w[0] for w in WARNINGS])
def test_raw_html_is_a_labelled_warning(one_run, kind, text, words):
    found = [
        t for t in one_run[0].stdout.splitlines() if t.startswith(f"cases/{kind}.md:") and ": varning: " in t
    ]
    assert any(words in t for t in found), found


def test_the_valid_files_stay_valid(one_run):
    reported = {line.split(":", 1)[0] for line in one_run[0].stdout.splitlines() if ":" in line}
    assert not reported & (set(VALID) | set(ODD_BUT_VALID)), reported & (set(VALID) | set(ODD_BUT_VALID))


@pytest.mark.parametrize(
    ("data", "content", "words"),
    [
        ("vocabulary.yml", "themes: [\n", "kan inte läsas"),
        ("vocabulary.yml", "themes:\n  unga: {}\n", "saknar en etikett"),
        ("vocabulary.yml", "", "tom"),
        ("kommuner.yml", None, "kan inte läsas"),
    ],
    ids=["vocabulary-broken", "term-without-label", "vocabulary-empty", "municipalities-missing"],
)
def test_a_broken_data_file_is_reported_not_raised(library_root, data, content, words):
    path = library_root / "data" / data
    if content is None:
        path.unlink()
    else:
        path.write_text(content, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "metodbank", "validate", "--root", str(library_root)],
        env=engine_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert any(line.startswith(f"data/{data}:") and words in line for line in result.stdout.splitlines()), (
        result.stdout
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symlinks")
def test_nothing_outside_the_project_is_published(one_run):
    assert "utanför projektet" in one_run[0].stdout


def test_terminal_text_loses_its_control_characters():
    from metodbank.content.characters import strip_controls

    assert strip_controls("a\x1b[2Jb\x07c\x9bd\u202ee") == "a[2Jbcde"
