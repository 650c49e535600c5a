"""MkDocs plugin `metodbank-cards`: printable method cards (PDF and HTML), decks, the
"Metodkort" page, the copy + paste kit of every method (Markdown, text, Word and HTML) and,
for every deck, a two-hour time plan and a presentation mode. Builds on `metodbank-content`
and `metodbank-links` (list it after them). The logic lives in the `cards` package.

PDFs are kept between builds by key (`cards.pdfstore`): only missing ones are rendered, in
a worker process while the pages render, and no worker starts when none is missing. Under
`mkdocs serve` the plugin lives across rebuilds and writes only the files that changed, and
a rebuild does not wait for its PDFs: the worker finishes after the pages are served, and the
next rebuild (or the end of serve) waits for it first.
"""

from __future__ import annotations

import logging
import pickle
import sys
import time
from functools import partial
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..cards.card import build_card, card_html
from ..cards.catalogue import OVERVIEW_URI, artefacts, deck_jobs, overview_page, session_files
from ..cards.kit import build_plan, plan_html, plan_markdown, plan_text
from ..cards.pdfstore import PdfStore
from ..cards.plandoc import cached_plan_docx, prune
from ..cards.playbooks import playbook_artefacts, playbook_deck_jobs
from ..cards.selection import SCRIPT_PATH, SELECTION_PATH, selection_html
from ..content.deps import remembered
from ..project import placeholder_warning
from ..site.html import drop_asset
from .children import Job
from .content import content_plugin
from .incremental import Later

log = logging.getLogger("mkdocs.plugins.metodbank.cards")
ASSETS = Path(__file__).parent.parent / "cards" / "assets"


class CardsConfig(Config):
    cache_dir = c.Type(str, default=".cache/cards")
    """Where rendered card PDFs are kept between builds (relative to mkdocs.yml)."""
    pdf = c.Type(bool, default=True)
    """Render PDFs (cards and decks) with WeasyPrint."""


class CardsPlugin(BasePlugin[CardsConfig]):
    """Cards for trainers and plans for housing companies, from the same method files."""

    def __init__(self):
        self.written: dict[str, object] = {}
        """The card or plan each file was last written from (under serve: skip unchanged)."""
        self.pdf_job: Job | None = None
        self.serving = False
        self.later = Later()
        """Under serve: the last rebuild's PDFs, finished after its pages are served."""
        self.finishing: Job | None = None

    def on_startup(self, *, command, dirty):
        """Kept alive across the rebuilds of `mkdocs serve`."""
        self.serving = command == "serve"

    def on_config(self, config):
        content = content_plugin(config, "metodbank-cards")
        self.content = content
        self.library = library = content.library
        self.site_url = config.site_url or "http://127.0.0.1:8000/"
        warning = placeholder_warning(config.site_url)
        if warning and self.config.pdf:
            log.info(warning)  # info: a strict build must not fail on it, but it is printed
        self.cache = Path(config.config_file_path).parent / self.config.cache_dir
        # Cards and plans are remembered across serve's rebuilds until what they show changes.
        memo, refs = content.memo, library.crossrefs
        self.cards = [
            remembered(memo, ("card", e.id), partial(build_card, e, library, refs, self.site_url))
            for e in library.of_kind("method")
        ]
        library.cards = {card.id: artefacts(card.id) for card in self.cards}
        if self.config.pdf:  # playbook decks are PDFs only
            library.cards.update(playbook_artefacts(library))
        config.extra_javascript.append("assets/kit.js")
        return config

    def on_files(self, files: Files, *, config) -> Files:
        self.content.add_page(files, config, OVERVIEW_URI, overview_page(self.library, self.cards))
        files.append(File.generated(config, "assets/kit.js", content=(ASSETS / "kit.js").read_text("utf-8")))
        files.append(
            File.generated(config, SCRIPT_PATH, content=(ASSETS / "selection.js").read_text("utf-8"))
        )
        return files

    def on_post_page(self, output, *, page, config):
        """The copy button's script only where there is a copy button (method pages)."""
        return drop_asset(output, "assets/kit.js", used="data-mb-copy" in output)

    def on_pre_build(self, *, config):
        """Start rendering the missing PDFs in a worker process; pages render meanwhile."""
        # A save while the last rebuild's PDFs are still rendering: the worker is stopped (each
        # PDF it finished is already in the store) and this build renders what is missing.
        if self.finishing is not None:
            self.finishing.stop()
        self.later.wait()
        self.pdf_job = self.finishing = None
        library, memo = self.library, self.content.memo
        self.plans = {
            card.id: remembered(
                memo,
                ("plan", card.id),
                partial(build_plan, library.entries[card.id], library, library.crossrefs, self.site_url),
            )
            for card in self.cards
        }
        self.session_pages, session_jobs = session_files(self.library, self.cards, self.site_url)
        if not self.config.pdf:
            return
        decks = deck_jobs(self.library, self.cards, self.site_url) + playbook_deck_jobs(
            self.library, self.cards, self.site_url
        )
        plans = {method_id: plan_html(plan) for method_id, plan in self.plans.items()}
        # The decks' time plans (one A4 page each), printed from their HTML like the plans.
        documents = {f"metodkort/{job['file']}": job["html"] for job in session_jobs}
        self.store = PdfStore(self.cache / "store")
        self.pdfs = self.store.plan(self.cards, decks, plans, documents)
        missing = self.store.missing(self.pdfs)
        if not missing:
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        job = self.cache / "pdf-job.pickle"
        job.write_bytes(pickle.dumps((self.cards, decks, plans, missing, self.cache, documents)))
        self.pdf_job = Job([sys.executable, "-m", "metodbank.cards.pdfstore", str(job)])

    def on_build_error(self, *, error):
        self.stop()

    def on_shutdown(self):
        self.stop()

    def stop(self) -> None:
        """End the PDF worker, if any, and wait for it (no process is left behind)."""
        for job in (self.pdf_job, self.finishing):
            if job is not None:
                job.stop()
        self.later.wait()
        self.pdf_job = self.finishing = None

    def on_post_build(self, *, config):
        site = Path(config.site_dir)
        started = time.perf_counter()
        self._write(site / SELECTION_PATH, "", lambda _: selection_html())
        word, used = self.cache / "word", set()
        for card in self.cards:
            paths = artefacts(card.id)
            plan = self.plans[card.id]
            for key, value, render in (
                ("html", card, card_html),
                ("plan_md", plan, plan_markdown),
                ("plan_html", plan, plan_html),
                ("plan_txt", plan, plan_text),
            ):
                self._write(site / paths[key], value, render)
            # The plan as a Word document, kept in the cache by the plan's content.
            self._write(site / paths["plan_docx"], plan, lambda p: cached_plan_docx(p, word, used))
        if not self.serving:  # under serve unchanged plans are skipped, so `used` is partial
            prune(word, used)
        for name, text in self.session_pages.items():
            self._write(site / "metodkort" / name, text, str)
        if self.serving and self.pdf_job is not None:
            # The pages are served now; the changed cards' PDFs follow when they are done.
            self.finishing = self.pdf_job
            self.later.run(self._finish_pdfs, site, self.pdf_job)
        else:
            self._finish_pdfs(site, self.pdf_job)
        self.pdf_job = None
        log.info(
            f"metodkort och planer för {len(self.cards)} metoder ({time.perf_counter() - started:.2f} s)"
        )

    def _finish_pdfs(self, site: Path, job: Job | None) -> None:
        """Wait for the PDF worker, if any, and put the build's PDFs into the site."""
        if job is not None:
            failed, output = job.wait()
            if failed is None:  # stopped: serve ended or the build failed
                return
            if failed and self.serving:
                log.error(f"metodkorten kunde inte skrivas som PDF:\n{output[-3000:]}")
                return
            if failed:
                raise PluginError(f"metodkorten kunde inte skrivas som PDF:\n{output[-3000:]}")
        if self.config.pdf:
            self.store.publish(self.pdfs, site)

    def _write(self, path: Path, value, render) -> None:
        """Write `render(value)` (text or bytes) to `path`, unless serving and `value` (a card or a plan) is
        what the file was last written from."""
        if self.serving and self.written.get(str(path)) == value and path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        output = render(value)
        if isinstance(output, bytes):
            path.write_bytes(output)
        else:
            path.write_text(output, encoding="utf-8")
        self.written[str(path)] = value
