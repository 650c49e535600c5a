"""MkDocs plugin `metodbank-cards`: printable method cards (PDF and HTML), decks, the
"Metodkort" page and the copy + paste kit of every method. Builds on `metodbank-content`
and `metodbank-links` (list it after them). The logic lives in the `cards` package."""

from __future__ import annotations

import logging
import multiprocessing
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..cards.card import card_html
from ..cards.catalogue import OVERVIEW_URI, artefacts, deck_jobs, overview_page
from ..cards.deck import all_cards
from ..cards.kit import build_plan, plan_html, plan_markdown
from ..cards.pdf import write_all_pdfs
from ..cards.playbooks import playbook_artefacts, playbook_deck_jobs
from ..cards.selection import SCRIPT_PATH, SELECTION_PATH, selection_html
from ..project import placeholder_warning
from ..site.html import drop_asset
from .content import content_plugin

log = logging.getLogger("mkdocs.plugins.metodbank.cards")
ASSETS = Path(__file__).parent.parent / "cards" / "assets"


class CardsConfig(Config):
    cache_dir = c.Type(str, default=".cache/cards")
    """Where rendered card PDFs are kept between builds (relative to mkdocs.yml)."""
    pdf = c.Type(bool, default=True)
    """Render PDFs (cards and decks) with WeasyPrint."""


class CardsPlugin(BasePlugin[CardsConfig]):
    """Cards for trainers and plans for housing companies, from the same method files."""

    def on_config(self, config):
        content = content_plugin(config, "metodbank-cards")
        self.content = content
        self.library = library = content.library
        self.site_url = config.site_url or "http://127.0.0.1:8000/"
        warning = placeholder_warning(config.site_url)
        if warning and self.config.pdf:
            log.info(warning)  # info: a strict build must not fail on it, but it is printed
        self.cache = Path(config.config_file_path).parent / self.config.cache_dir
        self.cards = all_cards(library, library.crossrefs, self.site_url)
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
        """Start rendering the PDFs in a worker process; pages render meanwhile on the other core."""
        self.pdf_job = None
        self.plans = {
            card.id: build_plan(
                self.library.entries[card.id], self.library, self.library.crossrefs, self.site_url
            )
            for card in self.cards
        }
        if not self.config.pdf:
            return
        self.pdf_out = Path(
            tempfile.mkdtemp(
                prefix="metodkort-", dir=self.cache.parent if self.cache.parent.exists() else None
            )
        )
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        self.pdf_job = self.pool.submit(
            write_all_pdfs,
            self.cards,
            deck_jobs(self.library, self.cards, self.site_url)
            + playbook_deck_jobs(self.library, self.cards, self.site_url),
            self.cache,
            self.pdf_out,
            {method_id: plan_html(plan) for method_id, plan in self.plans.items()},
        )

    def on_build_error(self, *, error):
        if getattr(self, "pdf_job", None) is not None:
            self.pool.shutdown(cancel_futures=True)
            shutil.rmtree(self.pdf_out, ignore_errors=True)

    def on_post_build(self, *, config):
        site = Path(config.site_dir)
        started = time.perf_counter()
        (site / SELECTION_PATH).parent.mkdir(parents=True, exist_ok=True)
        (site / SELECTION_PATH).write_text(selection_html(), encoding="utf-8")
        for card in self.cards:
            paths = artefacts(card.id)
            plan = self.plans[card.id]
            for key, text in (
                ("html", card_html(card)),
                ("plan_md", plan_markdown(plan)),
                ("plan_html", plan_html(plan)),
            ):
                (site / paths[key]).parent.mkdir(parents=True, exist_ok=True)
                (site / paths[key]).write_text(text, encoding="utf-8")
        if self.pdf_job is not None:
            try:
                written = self.pdf_job.result()
            except Exception as error:
                raise PluginError(f"metodkorten kunde inte skrivas som PDF: {error}") from error
            finally:
                self.pool.shutdown()
            for name in written:
                (site / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(self.pdf_out / name), str(site / name))
            shutil.rmtree(self.pdf_out, ignore_errors=True)
        log.info(
            f"metodkort och planer för {len(self.cards)} metoder ({time.perf_counter() - started:.2f} s)"
        )
