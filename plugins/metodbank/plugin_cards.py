"""MkDocs plugin `metodbank-cards`: printable method cards (PDF and HTML), decks, the
"Metodkort" page and the copy + paste kit of every method. Builds on `metodbank-content`
and `metodbank-links` (list it after them). The logic lives in `cards`, `pdf`, `deck`, `kit`."""

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

from .cards import card_html
from .deck import LEAD, all_cards, cover, select
from .kit import build_plan, plan_html, plan_markdown
from .pdf import write_all_pdfs
from .plugin_content import content_plugin
from .render import Rendered, _html, assemble

log = logging.getLogger("mkdocs.plugins.metodbank.cards")
ASSETS = Path(__file__).parent / "assets"
OVERVIEW_URI = "metodkort/index.md"


def artefacts(method_id: str) -> dict[str, str]:
    """Site paths of one method's card and plan."""
    return {
        "pdf": f"metodkort/{method_id}.pdf",
        "html": f"metodkort/{method_id}.html",
        "plan_md": f"kopiera/{method_id}.md",
        "plan_html": f"kopiera/{method_id}.html",
    }


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
        self.cache = Path(config.config_file_path).parent / self.config.cache_dir
        self.cards = all_cards(library, library.crossrefs, self.site_url)
        library.cards = {card.id: artefacts(card.id) for card in self.cards}
        config.extra_javascript.append("assets/kit.js")
        return config

    def on_files(self, files: Files, *, config) -> Files:
        self.content.add_page(files, config, OVERVIEW_URI, self.overview())
        files.append(File.generated(config, "assets/kit.js", content=(ASSETS / "kit.js").read_text("utf-8")))
        return files

    def themes_in_use(self) -> list[str]:
        return sorted({t for card in self.cards for t in self.library.entries[card.id].item.themes})

    def overview(self) -> Rendered:
        """The "Metodkort" page: every card, the whole deck and a deck per theme."""
        vocabulary = self.library.vocabulary
        decks = [
            {
                "title": "Hela kortleken",
                "pdf": "metodkort.pdf",
                "a4": "metodkort-a4.pdf",
                "count": len(self.cards),
            }
        ]
        for theme in self.themes_in_use():
            chosen = select(self.library, self.cards, themes=[theme])
            decks.append(
                {
                    "title": f"Tema: {vocabulary.label('themes', theme)}",
                    "pdf": f"tema-{theme}.pdf",
                    "count": len(chosen),
                }
            )
        cards = [
            {"title": card.title, "summary": card.summary, "pdf": f"{card.id}.pdf", "html": f"{card.id}.html"}
            for card in self.cards
        ]
        intro = (
            "Varje metod finns som ett tvåsidigt metodkort i A5 – framsida med det viktigaste, baksida med steg, "
            "kärna, framgångsfaktorer och en QR-kod till metodens sida. Korten är gjorda för att skrivas ut i "
            "svartvitt. Ladda ned ett kort, hela kortleken eller korten för ett tema; A4-versionen har två kort per "
            "ark med skärmärken (skriv ut dubbelsidigt och vänd längs kortsidan)."
        )
        return assemble(
            "Metodkort", ["# Metodkort", intro, _html("cards_page.html", decks=decks, cards=cards)]
        )

    def deck_jobs(self) -> list[dict]:
        """The decks of the site: the whole deck (A5 and two-up A4) and one per theme."""

        def job(file, title, cards, layout="a5"):
            return {
                "file": file,
                "title": title,
                "cover": cover(self.library, title, LEAD, len(cards), self.site_url),
                "ids": [card.id for card in cards],
                "layout": layout,
            }

        jobs = [
            job("metodkort.pdf", "Metodkort", self.cards),
            job("metodkort-a4.pdf", "Metodkort", self.cards, "a4-2up"),
        ]
        for theme in self.themes_in_use():
            label = self.library.vocabulary.label("themes", theme)
            jobs.append(
                job(
                    f"tema-{theme}.pdf",
                    f"Metodkort: {label}",
                    select(self.library, self.cards, themes=[theme]),
                )
            )
        return jobs

    def on_pre_build(self, *, config):
        """Start rendering the PDFs in a worker process; pages render meanwhile on the other core."""
        self.pdf_job = None
        if not self.config.pdf:
            return
        self.pdf_out = Path(
            tempfile.mkdtemp(
                prefix="metodkort-", dir=self.cache.parent if self.cache.parent.exists() else None
            )
        )
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        self.pdf_job = self.pool.submit(
            write_all_pdfs, self.cards, self.deck_jobs(), self.cache, self.pdf_out
        )

    def on_build_error(self, *, error):
        if getattr(self, "pdf_job", None) is not None:
            self.pool.shutdown(cancel_futures=True)
            shutil.rmtree(self.pdf_out, ignore_errors=True)

    def on_post_build(self, *, config):
        site = Path(config.site_dir)
        started = time.perf_counter()
        for card in self.cards:
            paths = artefacts(card.id)
            plan = build_plan(
                self.library.entries[card.id], self.library, self.library.crossrefs, self.site_url
            )
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
                shutil.move(str(self.pdf_out / name), str(site / "metodkort" / name))
            shutil.rmtree(self.pdf_out, ignore_errors=True)
        log.info(
            f"metodkort och planer för {len(self.cards)} metoder ({time.perf_counter() - started:.2f} s)"
        )
