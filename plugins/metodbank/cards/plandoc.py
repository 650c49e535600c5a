"""The plan as a Word document (.docx), written with python-docx when the site is built, so
that a housing company can open it on a phone or in Word and fill it in."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from .kit import BLANK, Blank, Link, Plan, Section, Strong, plan_sections

BOX = "☐ "


def _runs(paragraph, parts) -> None:
    for part in parts:
        if isinstance(part, Blank):
            paragraph.add_run(BLANK)
        elif isinstance(part, Strong):
            paragraph.add_run(part.text).bold = True
        elif isinstance(part, Link):
            paragraph.add_run(part.text)
            if part.url:
                paragraph.add_run(f" ({part.url})").font.size = Pt(9)
        else:
            paragraph.add_run(part)


def _paragraph(document, style_id: str | None = None, text: str = ""):
    """A new paragraph with a style given by its id ("Heading2"). python-docx's lookup by
    name scans every style on each call (≈ 0.7 ms, most of a plan's time)."""
    paragraph = document.add_paragraph(text)
    if style_id is not None:
        paragraph._p.get_or_add_pPr().style = style_id
    return paragraph


def _section(document, section: Section) -> None:
    _paragraph(document, "Heading2", section.heading)
    if section.style == "table":
        table = document.add_table(rows=1, cols=len(section.columns))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, section.columns, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row in section.items:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = "" if isinstance(value, Blank) else str(value)
        return
    for parts in section.items:
        paragraph = _paragraph(document, "ListBullet" if section.style == "bullets" else None)
        if section.style == "boxes":
            paragraph.add_run(BOX)
        _runs(paragraph, parts)


def plan_docx(plan: Plan) -> bytes:
    """The plan as the bytes of a .docx file: the same sections as the printable page."""
    document = Document()
    document.core_properties.title = f"Plan: {plan.title}"
    document.core_properties.language = "sv-SE"
    document.core_properties.author = "Metodbanken"
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    _paragraph(document, "Heading1", f"Plan: {plan.title}")
    intro = document.add_paragraph(f"Metod från Metodbanken: {plan.url}")
    intro.add_run().add_break(WD_BREAK.LINE)
    intro.add_run(f"Senast granskad {plan.reviewed}.")
    if plan.evidence:
        document.add_paragraph(f"Evidens: {plan.evidence}. Nästa steg: {plan.next_step}")
    for section in plan_sections(plan):
        _section(document, section)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def cached_plan_docx(plan: Plan, cache: Path, used: set[str] | None = None) -> bytes:
    """`plan_docx`, kept in `cache` by the plan's content, so a rebuild writes only the Word
    documents of plans that changed (python-docx takes some 75 ms a document). The names of
    the cache files used are added to `used`, for `prune`."""
    digest = hashlib.sha1(repr(plan).encode("utf-8")).hexdigest()[:16]
    cached = cache / f"plan-{digest}.docx"
    if used is not None:
        used.add(cached.name)
    if cached.exists():
        return cached.read_bytes()
    data = plan_docx(plan)
    cache.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(data)
    return data


def prune(cache: Path, used: set[str]) -> None:
    """Remove the cached Word documents of plans that no longer exist or have changed."""
    for stale in cache.glob("plan-*.docx"):
        if stale.name not in used:
            stale.unlink()
