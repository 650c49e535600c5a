"""The site's pages: entry pages with their fact box, sections and backlinks, section and
facet overviews, the guide pages (field reference, vocabulary, open data), the method
finder, the error page while serving, and the cleaning of contributed HTML.

Imports `content` only; the MkDocs adapters in `mkdocs` put these pages on the site.
"""
