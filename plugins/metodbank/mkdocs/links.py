"""MkDocs plugin `metodbank-links`: backlinks, evidence, copy + paste lineage and the
generated pages per theme, target group and municipality.

Builds on `metodbank-content` (list it first): it indexes that plugin's library once, in
`on_config`, so the content pages render their backlinks, and adds the overview pages in
`on_files`. The logic lives in `content.crossrefs`, `site.taxonomy` and `site.overviews`.
"""

from __future__ import annotations

from functools import partial

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from ..content.crossrefs import CrossRefs
from ..site.overviews import facet_index_page, term_page
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
        view = SiteView(self.library, self.library.crossrefs, self.library.taxonomy)
        taxonomy = self.library.taxonomy
        for facet in FACETS:
            self.content.add_page(
                files, config, facet_index_uri(facet), partial(facet_index_page, view, facet)
            )
            for value in taxonomy.values(facet):
                self.content.add_page(
                    files, config, term_uri(facet, value), partial(term_page, view, facet, value)
                )
        return files
