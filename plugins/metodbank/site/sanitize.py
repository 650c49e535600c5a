"""Cleaning contributed HTML: the rendered body of every contributed page goes through an
allow-list (nh3) before our own blocks are put back, so nothing in a content file can put
script on the site. Validation of the same bodies lives in `content.safety`."""

from __future__ import annotations

import copy
import re

import nh3

ATTRIBUTES = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
for _tag in ATTRIBUTES:
    ATTRIBUTES[_tag] = set(ATTRIBUTES[_tag])
ATTRIBUTES["*"] = {"id", "title", "lang"}
ATTRIBUTES["a"] = {"href", "hreflang", "title"}
URL_SCHEMES = {"http", "https", "mailto"}

ADMONITIONS = {"admonition", "note", "tip", "info", "warning", "danger", "example", "quote", "abstract"}
CLASSES = {"a": {"headerlink", "mb-ref"}, "div": ADMONITIONS, "p": {"admonition-title"}}
"""The only classes a contributed body keeps: Markdown's own (permalinks, admonitions). No
class of the theme (`md-dialog` …) or of ours (`mb-…`, but the `[[id]]` link style), so a body
cannot fake page chrome."""

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
"""Only headings keep an id (their permalink anchor); any other element's id is dropped."""
SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,80}$")
RESERVED_ID = re.compile(r"^(md|mb)(-|$)")


def _attribute(tag: str, name: str, value: str) -> str | None:
    """Keep an `id` only when it is a plain heading anchor that no page script relies on
    (no DOM clobbering: `__search`, `md-…`, `mb-…` are dropped)."""
    if name == "id" and (tag not in HEADINGS or not SAFE_ID.match(value) or RESERVED_ID.match(value)):
        return None
    return value


def clean_html(fragment: str) -> str:
    """The fragment with everything outside the allow-list removed (scripts, event
    handlers, styles, iframes, objects, foreign classes and ids, and links that are not
    http(s), mailto or relative)."""
    return nh3.clean(
        fragment,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        allowed_classes=CLASSES,
        attribute_filter=_attribute,
    )
