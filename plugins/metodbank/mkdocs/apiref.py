"""MkDocs plugin `metodbank-api`: the API reference, rendered by mkdocstrings once per
version of the code, in a process of its own, and reused until the code changes.

mkdocstrings is the slowest part of a build (it loads and renders the whole package) and
its result depends only on the code, not on the content. So it is not a plugin of the site
build. This plugin computes a key from the package's source, the page's Markdown, the
mkdocstrings options and the versions of the tools; with a stored result for the key, the
page is filled from it. Without one, a worker (`python -m metodbank.mkdocs.apiref`) builds
the page alone with mkdocstrings while the site builds, and the result is stored in
`.cache/metodbank/api/`. The page is published as before: same address, same HTML, the
same stylesheet and `objects.inv`. Under `mkdocs serve` it is never rendered again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from importlib import metadata
from pathlib import Path

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.toc import get_toc

from .children import Job

PACKAGE = Path(__file__).resolve().parent.parent
TOOLS = ("mkdocs", "mkdocs-material", "mkdocstrings", "mkdocstrings-python", "griffe", "markdown")
RESULT = "content.json"
ASSETS = ("assets/_mkdocstrings.css", "objects.inv")


class ApiConfig(Config):
    page = c.Type(str, default="utvecklare/api.md")
    """The page (in docs/) whose `::: module` blocks mkdocstrings renders."""
    mkdocstrings = c.Type(dict, default={})
    """mkdocstrings' own options, as they would stand under `plugins: - mkdocstrings:`."""
    cache_dir = c.Type(str, default=".cache/metodbank/api")


def api_key(page_text: str, options: dict, config) -> str:
    digest = hashlib.sha1(page_text.encode("utf-8"))
    digest.update(
        json.dumps([options, config["markdown_extensions"], config["mdx_configs"]], default=str).encode()
    )
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + path.read_bytes())
    for name in TOOLS:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    return digest.hexdigest()[:16]


def worker_project(folder: Path, config, page: str, text: str, options: dict) -> None:
    """A project with only the API page, for the worker: same theme and Markdown, plus mkdocstrings."""
    root = Path(config.config_file_path).parent
    options = json.loads(json.dumps(options))
    for handler in options.get("handlers", {}).values():
        handler["paths"] = [str((root / p).resolve()) for p in handler.get("paths", ["."])]
    docs = folder / "docs"
    (docs / page).parent.mkdir(parents=True, exist_ok=True)
    (docs / page).write_text(text, encoding="utf-8")
    project = {
        "site_name": config.site_name,
        "site_url": config.site_url,
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "language": config.theme["language"], "font": False},
        "markdown_extensions": [
            {name: config["mdx_configs"].get(name, {})} for name in config.markdown_extensions
        ],
        "plugins": [{"mkdocstrings": options}],
        "nav": [{"API": page}],
    }
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(project, allow_unicode=True), encoding="utf-8")


class ApiPlugin(BasePlugin[ApiConfig]):
    """Fills the API reference page from the stored mkdocstrings result (see the module)."""

    def __init__(self):
        self.results: dict[str, dict] = {}
        self.job: Job | None = None

    def on_startup(self, *, command, dirty):
        """Kept alive across the rebuilds of `mkdocs serve`, so the result is reused in memory."""

    def on_config(self, config):
        page = Path(config.docs_dir) / self.config.page
        if not page.exists():
            raise PluginError(f"metodbank-api: sidan {self.config.page} finns inte i {config.docs_dir}")
        text = page.read_text(encoding="utf-8")
        self.key = api_key(text, self.config.mkdocstrings, config)
        self.folder = Path(config.config_file_path).parent / self.config.cache_dir / self.key
        if self.key not in self.results and not (self.folder / RESULT).exists() and self.job is None:
            self._start(config, text)
        config.extra_css.insert(0, "assets/_mkdocstrings.css")
        return config

    def _start(self, config, text: str) -> None:
        work = self.folder.with_name(self.folder.name + ".work")
        shutil.rmtree(work, ignore_errors=True)
        worker_project(work, config, self.config.page, text, self.config.mkdocstrings)
        self.job = Job(
            [sys.executable, "-m", "metodbank.mkdocs.apiref", str(work), self.config.page, str(self.folder)]
        )

    def result(self) -> dict:
        """The rendered page: waits for the worker when it is still running."""
        if self.key in self.results:
            return self.results[self.key]
        if self.job is not None:
            code, output = self.job.wait()
            self.job = None
            if code != 0:
                raise PluginError(f"API-referensen kunde inte byggas:\n{output[-3000:]}")
        self.results[self.key] = json.loads((self.folder / RESULT).read_text(encoding="utf-8"))
        return self.results[self.key]

    def on_page_markdown(self, markdown, *, page, config, files):
        if page.file.src_uri != self.config.page:
            return markdown
        return markdown.split("\n", 1)[0] + "\n"  # the title; the rest comes from the result

    def on_page_content(self, html, *, page, config, files):
        if page.file.src_uri != self.config.page:
            return html
        result = self.result()
        page.toc = get_toc(result["toc"])
        return result["html"]

    def on_post_build(self, *, config):
        self.result()
        for other in self.folder.parent.iterdir():  # results of older code
            if other.is_dir() and other.name != self.folder.name:
                shutil.rmtree(other, ignore_errors=True)
        for name in ASSETS:
            if (self.folder / name).exists():
                target = Path(config.site_dir) / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(self.folder / name, target)

    def on_build_error(self, *, error):
        self.stop()

    def on_shutdown(self):
        self.stop()

    def stop(self) -> None:
        """End the worker, if any, and reap it (no zombie is left)."""
        if self.job is not None:
            self.job.stop()
            self.job = None


# --- the worker --------------------------------------------------------------------------

CAPTURE = """
import json
from pathlib import Path

def _tokens(items):
    return [{"level": i.level, "id": i.id, "name": i.title, "children": _tokens(i.children)} for i in items]

def on_post_page(output, page, config):
    start = output.index('<article class="md-content__inner md-typeset">')
    start = output.index(">", start) + 1
    end = output.rindex("</article>")
    Path(config.config_file_path).with_name("result.json").write_text(
        json.dumps({"html": output[start:end], "toc": _tokens(page.toc)}), encoding="utf-8")
    return output
"""


def work(folder: Path, page: str, out: Path) -> None:
    """Build the worker project and store the page's content, its TOC and the assets in `out`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (folder / "capture.py").write_text(CAPTURE, encoding="utf-8")
    config_file = folder / "mkdocs.yml"
    project = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    project["hooks"] = ["capture.py"]
    config_file.write_text(yaml.safe_dump(project, allow_unicode=True), encoding="utf-8")
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    staging = out.with_name(out.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    shutil.copyfile(folder / "result.json", staging / RESULT)
    for name in ASSETS:
        if (folder / "site" / name).exists():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / "site" / name, staging / name)
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    work(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
