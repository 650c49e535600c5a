"""Search: Swedish text analysis (stemming that keeps inflections together, compound parts),
the Whoosh index behind `invoke search` and related content, and the Pagefind browser
search with its header partial. Whoosh stays behind `search.index.SearchIndex`, so the
engine can change.

Imports `content` only.
"""
