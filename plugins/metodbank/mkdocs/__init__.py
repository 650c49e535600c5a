"""The four MkDocs plugins (`metodbank-content`, `-links`, `-search`, `-cards`): thin
adapters that read their configuration and wire MkDocs events to the packages below.
No content logic lives here, so the engine (MkDocs 1.6, ProperDocs) can change.

Imports `project`, `content`, `site`, `search` and `cards`; nothing imports this package.
"""
