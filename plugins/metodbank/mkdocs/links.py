"""MkDocs plugin `metodbank-links`: backlinks, evidence, copy + paste lineage and the
generated pages per theme, target group and municipality.

Builds on `metodbank-content` (list it first): it indexes that plugin's library once, in
`on_config`, so the content pages render their backlinks, and adds the overview pages in
`on_files`. The logic lives in `content.crossrefs`, `site.taxonomy` and `site.overviews`.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..content.crossrefs import CrossRefs
from ..site.compare import COMPARE_URI, compare_data, compare_page
from ..site.compare import DATA_URI as COMPARE_DATA
from ..site.decide_page import DATA_URI as DECIDE_DATA
from ..site.decide_page import DECIDE_URI, decide_data, decide_page
from ..site.overviews import facet_index_page, term_page
from ..site.spread import SPREAD_URI, spread_page
from ..site.taxonomy import FACETS, Taxonomy, facet_index_uri, term_uri
from ..site.view import SiteView
from .content import content_plugin


class LinksPlugin(BasePlugin):
    """Turns the references between content files into a connected library."""

    def on_config(self, config):
        content = content_plugin(config, "metodbank-links", needs_links=False)
        library = content.library
        library.crossrefs = CrossRefs.build(library)
        library.taxonomy = Taxonomy.build(library)
        self.library = library
        self.content = content
        return config

    def on_files(self, files: Files, *, config) -> Files:
        view = self.content.view()
        taxonomy = self.library.taxonomy
        for facet in FACETS:
            self.content.add_page(
                files, config, facet_index_uri(facet), partial(facet_index_page, view, facet)
            )
            for value in taxonomy.values(facet):
                self.content.add_page(
                    files, config, term_uri(facet, value), partial(term_page, view, facet, value)
                )
        self.add_tools(files, config, view)
        return files

    def add_tools(self, files: Files, config, view: SiteView) -> None:
        """From browsing to doing: the decision helper, the comparison and the spread page,
        with the data their scripts read and the scripts themselves."""
        add = self.content.add_page
        add(files, config, DECIDE_URI, partial(decide_page, view))
        add(files, config, COMPARE_URI, partial(compare_page, view))
        add(files, config, SPREAD_URI, partial(spread_page, view))
        for uri, data in (
            (DECIDE_DATA, decide_data(view, self.content.site_url(config))),
            (COMPARE_DATA, compare_data(view)),
        ):
            files.append(File.generated(config, uri, content=json.dumps(data, ensure_ascii=False)))
        for script in ("decide.js", "compare.js", "share.js"):
            files.append(
                File.generated(
                    config, f"assets/{script}", content=(ASSETS / script).read_text(encoding="utf-8")
                )
            )


ASSETS = Path(__file__).parent.parent / "site" / "assets"
