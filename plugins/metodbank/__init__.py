"""Metodbanken: content model, validation and MkDocs plugins for a Swedish method library.

One sub-package per job; imports only go downward:

- `content` — the model, reading and validating files, the library and its cross-references.
  Imports nothing else of ours.
- `search` — Swedish text analysis, the Whoosh index, Pagefind. Imports `content`.
- `site` — the generated pages: entries, overviews, taxonomy, reference pages, open data,
  the finder. Imports `content`.
- `cards` — method cards, decks and the copy + paste kit. Imports `content` and `site`
  (its page helpers).
- `mkdocs` — the four MkDocs plugins, thin adapters over the packages above.
- `project`, `build`, `cli` — the library loaded with every rule, the safe build, and the
  `metodbank` command; `tasks.py` (invoke) sits on top of them.

`tests/test_architecture.py` checks these rules.
"""

__version__ = "0.1.0"
