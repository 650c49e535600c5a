"""Cleaning contributed HTML: the rendered body of every contributed page goes through an
allow-list (nh3) before our own blocks are put back, so nothing in a content file can put
script on the site. Validation of the same bodies lives in `content.safety`."""

from __future__ import annotations

import copy

import nh3

ATTRIBUTES = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
for _tag in ATTRIBUTES:
    ATTRIBUTES[_tag] = set(ATTRIBUTES[_tag])
ATTRIBUTES["*"] = {"id", "class", "title", "lang"}
ATTRIBUTES["a"] = {"href", "hreflang", "title"}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(fragment: str) -> str:
    """The fragment with everything outside the allow-list removed (scripts, event
    handlers, styles, iframes, objects, and links that are not http(s), mailto or relative)."""
    return nh3.clean(fragment, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None)
