"""The site's pages: what every page knows about the library (`view`), entry pages with
their fact boxes, sections and backlinks, overview and term pages, the reference pages,
open data, the method finder, and the HTML helpers they share.

Imports `content` only.
"""
