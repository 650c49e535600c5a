"""An MkDocs hook for the bench: the time of every page (reading, Markdown, plugins and
templates) and of each stage of the build, grouped by kind of page.

Used as `hooks: [pagekinds.py]` in a copy of mkdocs.yml; writes JSON to the file named by
the environment variable METODBANK_BENCH_KINDS. Hooks run after every plugin, so a page's
time runs from `on_pre_page` to the end of `on_page_content`, plus from `on_page_context`
to the end of `on_post_page` (the theme's templates).
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict

TERM_SECTIONS = {"teman": "Temasidor", "malgrupper": "Målgruppssidor", "kommuner": "Kommunsidor"}
ENTRY_SECTIONS = {
    "fall": "Fallsidor",
    "metoder": "Metodsidor",
    "framgangsfaktorer": "Framgångsfaktorer",
    "rekommendationer": "Rekommendationer",
    "aktorer": "Aktörssidor",
}
SINGLE = {
    "hitta-metod/index.md": "Hitta metod",
    "metodkort/index.md": "Metodkort",
    "bidra/falt.md": "Fältreferens och vokabulär",
    "bidra/vokabular.md": "Fältreferens och vokabulär",
    "oppna-data/index.md": "Öppna data (kodbok)",
    "innehallsfel.md": "Fellista",
}


def kind_of(src_uri: str, generated: bool) -> str:
    """The kind of a page, by where it lives (see the bench's justification of each kind)."""
    if not generated:
        return "Handskrivna sidor"
    if src_uri in SINGLE:
        return SINGLE[src_uri]
    section, _, rest = src_uri.partition("/")
    if section in TERM_SECTIONS:
        return "Register (teman, målgrupper, kommuner)" if rest == "index.md" else TERM_SECTIONS[section]
    if section in ENTRY_SECTIONS:
        return "Översikter per avsnitt" if rest == "index.md" else ENTRY_SECTIONS[section]
    return "Andra genererade sidor"


_start: dict[str, float] = {}
_spent: dict[str, float] = defaultdict(float)
_kinds: dict[str, str] = {}
_stages: dict[str, float] = {}
_clock = time.perf_counter


def on_startup(command, dirty):
    _stages["start"] = _clock()


def on_config(config):
    _stages["config"] = _clock()


def on_files(files, config):
    _stages["files"] = _clock()


def on_env(env, config, files):
    _stages["read_pages"] = _clock()


def on_pre_page(page, config, files):
    _start[page.file.src_uri] = _clock()
    _kinds[page.file.src_uri] = kind_of(page.file.src_uri, bool(page.file.generated_by))
    return page


def on_page_content(html, page, config, files):
    _spent[page.file.src_uri] += _clock() - _start.pop(page.file.src_uri)
    return html


def on_page_context(context, page, config, nav):
    _start[page.file.src_uri] = _clock()
    return context


def on_post_page(output, page, config):
    _spent[page.file.src_uri] += _clock() - _start.pop(page.file.src_uri)
    _stages["pages"] = _clock()
    return output


def on_post_build(config):
    _stages["post_build"] = _clock()
    kinds: dict[str, dict] = defaultdict(lambda: {"pages": 0, "seconds": 0.0})
    for uri, seconds in _spent.items():
        kinds[_kinds[uri]]["pages"] += 1
        kinds[_kinds[uri]]["seconds"] += seconds
    start = _stages.get("start", min(_stages.values()))
    stages = {name: round(value - start, 3) for name, value in _stages.items()}
    with open(os.environ["METODBANK_BENCH_KINDS"], "w", encoding="utf-8") as handle:
        json.dump({"kinds": kinds, "stages": stages}, handle, ensure_ascii=False)
