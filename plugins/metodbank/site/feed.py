"""An Atom feed of new and updated entries: when each was first added and last changed comes
from the repository's history where there is one, and from `last_reviewed` otherwise (the
later of the two counts as updated). Written with ElementTree, so every value from a content
file is escaped text; summaries are `type="text"`, never HTML, so nothing in them runs."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ..content.kinds import KINDS
from ..content.library import Entry, Library
from ..content.urls import entry_url

FEED_URI = "feed.xml"
FEED_TITLE = "Metodbanken: nytt och uppdaterat"
MAX_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class History:
    """When a file was first committed and last changed."""

    first: datetime
    last: datetime


def git_history(root: Path) -> dict[str, History]:
    """Path (relative to `root`) → first and last commit dates of every content file, from one
    `git log`; empty when `root` is not in a repository or git is missing."""
    folders = sorted({kind.folder.split("/")[0] for kind in KINDS})
    try:
        run = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x1e%cI", "--name-only", "--relative", "--", *folders],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if run.returncode != 0:
        return {}
    history: dict[str, History] = {}
    for commit in run.stdout.split("\x1e")[1:]:
        when, *paths = commit.strip().splitlines()
        stamp = datetime.fromisoformat(when.strip())
        for path in filter(None, (p.strip() for p in paths)):
            seen = history.get(path)
            history[path] = History(stamp, seen.last if seen else stamp)  # newest commits come first
    return history


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def entry_dates(entry: Entry, history: dict[str, History]) -> tuple[datetime, datetime]:
    """(published, updated) of one entry."""
    reviewed = _midnight(entry.item.last_reviewed)
    known = history.get(entry.source.rel)
    if known is None:
        return reviewed, reviewed
    return known.first, max(known.last, reviewed)


def _text(parent: ET.Element, tag: str, text: str, **attributes) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = _NOT_XML.sub("", text)
    return element


def atom_feed(library: Library, site_url: str, author: str, history: dict[str, History]) -> str:
    """The feed: the newest MAX_ENTRIES entries by date of change, newest first."""
    base = site_url.rstrip("/") + "/"
    dated = [(entry_dates(e, history), e) for e in library.entries.values()]
    dated.sort(key=lambda pair: (-pair[0][1].timestamp(), pair[1].title.lower()))
    dated = dated[:MAX_ENTRIES]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "sv"})
    _text(feed, "title", FEED_TITLE)
    _text(feed, "subtitle", "Nya och uppdaterade fall, metoder, färdplaner och lärdomar i Metodbanken.")
    _text(feed, "id", base + FEED_URI)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": base + FEED_URI})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": base})
    newest = dated[0][0][1] if dated else _midnight(date.today())
    _text(feed, "updated", newest.isoformat())
    _text(ET.SubElement(feed, f"{{{ATOM}}}author"), "name", author)
    for (published, updated), entry in dated:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = base + entry_url(entry)
        _text(item, "title", entry.title, type="text")
        _text(item, "id", url)
        ET.SubElement(item, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": url})
        _text(item, "published", published.isoformat())
        _text(item, "updated", updated.isoformat())
        _text(item, "summary", entry.item.summary, type="text")
        ET.SubElement(item, f"{{{ATOM}}}category", {"term": entry.kind.section, "label": entry.kind.singular})
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
