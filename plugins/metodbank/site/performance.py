"""The measured part of the "Prestanda" page, made at build time from the bench's results
file: the table of every size, a plot of build time against the number of cases (an
accessible inline SVG: title, description, and the same numbers in the table), the time per
kind of generated page with why each kind is there, and the targets."""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from .html import block

KIND_REASONS = {
    "Fallsidor": "Innehållet självt: ett fall per sida (finns också i det enkla bygget).",
    "Metodsidor": "Innehållet självt, med steg, kärna och kopieringskit.",
    "Framgångsfaktorer": "Lärdomarna, med fallen som stöder dem.",
    "Rekommendationer": "Råden, med fallen och metoderna de bygger på.",
    "Aktörssidor": "Vem som gjort vad: en aktörs fall och metoder.",
    "Översikter per avsnitt": "Navigeringen listar avsnitt, inte varje fall; översikten är vägen till posterna.",
    "Temasidor": "Bläddra efter tema; varje faktaruta länkar hit.",
    "Målgruppssidor": "Bläddra efter målgrupp; varje faktaruta länkar hit.",
    "Kommunsidor": "Vad som gjorts i en kommun; högst 290 sidor hur stort biblioteket än blir.",
    "Register (teman, målgrupper, kommuner)": "En sida per sätt att bläddra, med antal.",
    "Hitta metod": "Filtrera metoderna efter situation; en sida.",
    "Metodkort": "Korten och kortlekarna för utskrift; en sida.",
    "Fältreferens och vokabulär": "Genereras ur modellen, så den alltid stämmer med valideringen.",
    "Öppna data (kodbok)": "Förklarar varje kolumn i de öppna data.",
    "Handskrivna sidor": "Start, Bidra, Om och API-referensen (som i ett vanligt bygge).",
    "Fellista": "Bara under invoke serve när något innehåll har fel.",
    "Andra genererade sidor": "",
}
"""Why each kind of page is generated (shown beside its count and time)."""

TARGETS = {
    "ratio": ("Helt bygge utan cacher", 1.5),
    "warm_ratio": ("Bygge med cacher, en fil ändrad", 1.2),
}


def _number(value, decimals: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u00a0")
    return f"{value:.{decimals}f}".replace(".", ",")


def _size_label(row: dict) -> str:
    return "riktiga" if not row.get("synthetic_cases") else _number(row["cases"])


def results_rows(results: dict) -> list[dict]:
    """The rows of the main table: the real library first, then each synthetic size."""
    rows = ([results["real"]] if results.get("real") else []) + list(results.get("rows", []))
    return [
        {
            "size": _size_label(row),
            "pages": _number(row.get("pages")),
            "full": _number(row.get("full_s")),
            "plain": _number(row.get("plain_s")),
            "ratio": _number(row.get("ratio")),
            "warm_ratio": _number(row.get("warm_ratio")),
            "cpu_ratio": _number(row.get("cpu_ratio")),
            "edit": _number(row.get("edit_roundtrip_s")),
            "memory": _number(row.get("peak_rss_mib"), 0),
            "validate": _number(row.get("validate_s")),
            "page_bytes": _number(row.get("case_page_bytes")),
            "search_bytes": _number(row.get("first_search_bytes")),
            "per_case": _number(1000 * row["full_s"] / row["cases"], 1) if row.get("cases") else "–",
            "plain_per_case": _number(1000 * row["plain_s"] / row["cases"], 1) if row.get("cases") else "–",
        }
        for row in rows
    ]


def plot(results: dict, width: int = 640, height: int = 340) -> Markup:
    """Build time against number of cases, full and plain build, as an inline SVG."""
    rows = [row for row in results.get("rows", []) if row.get("cases")]
    if not rows:
        return Markup("")
    left, right, top, bottom = 64, 120, 24, 48
    top_cases = max(row["cases"] for row in rows)
    step = _tick_step(max(max(row["full_s"], row["plain_s"]) for row in rows))
    top_seconds = step * (int(max(max(r["full_s"], r["plain_s"]) for r in rows) // step) + 1)

    def x(cases: float) -> float:
        return left + (width - left - right) * cases / top_cases

    def y(seconds: float) -> float:
        return height - bottom - (height - top - bottom) * seconds / top_seconds

    series = [
        ("full_s", "Alla plugins", "mb-plot__full", ""),
        ("plain_s", "Enkelt bygge", "mb-plot__plain", "6 4"),
    ]
    lines = []
    for key, label, css, dash in series:
        points = " ".join(f"{x(row['cases']):.1f},{y(row[key]):.1f}" for row in rows)
        last = rows[-1]
        lines.append(
            {
                "points": points,
                "label": label,
                "css": css,
                "dash": dash,
                "dots": [(x(r["cases"]), y(r[key]), _number(r[key])) for r in rows],
                "end": (x(last["cases"]) + 8, y(last[key]) + 4),
            }
        )
    ticks_y = [step * n for n in range(int(round(top_seconds / step)) + 1)]
    description = "; ".join(
        f"{_number(row['cases'])} fall: {_number(row['full_s'])} s mot {_number(row['plain_s'])} s"
        for row in rows
    )
    return block(
        "plot.html",
        width=width,
        height=height,
        lines=lines,
        left=left,
        bottom=height - bottom,
        top=top,
        right=width - right,
        x_ticks=[(x(r["cases"]), _number(r["cases"])) for r in rows],
        y_ticks=[(y(t), _number(t, 0)) for t in ticks_y],
        description=description,
    )


def _tick_step(largest: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) that gives four to eight ticks."""
    step = 10 ** math.floor(math.log10(max(largest, 1e-9) / 4))
    for factor in (1, 2, 5, 10):
        if largest / (step * factor) <= 8:
            return step * factor
    return step * 10


def performance_section(results: dict | None) -> Markup:
    """The whole measured section of the page (a note when there are no results yet)."""
    if not _readable(results):
        return Markup("<p>Inga mätningar ännu: kör <code>invoke bench</code>.</p>")
    largest = max(results.get("rows", []), key=lambda row: row.get("cases", 0), default=None)
    kinds = []
    if largest and largest.get("page_kinds"):
        for name, figures in sorted(largest["page_kinds"]["kinds"].items(), key=lambda kv: -kv[1]["seconds"]):
            kinds.append(
                {
                    "name": name,
                    "pages": _number(figures["pages"]),
                    "seconds": _number(figures["seconds"]),
                    "per_page": _number(1000 * figures["seconds"] / max(1, figures["pages"])),
                    "reason": KIND_REASONS.get(name, ""),
                }
            )
    machine = results.get("machine", {})
    about = (
        f"Mätt {escape(results.get('date', ''))} på {machine.get('cores', '?')} kärnor "
        f"({escape(machine.get('cpu', ''))}, {machine.get('memory_gib', '?')} GiB minne, Python "
        f"{escape(machine.get('python', ''))}), medianen av {results.get('samples', 3)} mätningar per bygge."
    )
    return block(
        "performance.html",
        about=Markup(about),
        rows=results_rows(results),
        plot=plot(results),
        kinds=kinds,
        kinds_size=_number(largest["cases"]) if largest else "",
        results=results,
        targets=_verdicts(results),
    )


def _readable(results) -> bool:
    """Results in the bench's current format (older files are not shown)."""
    rows = results.get("rows") if isinstance(results, dict) else None
    return (
        isinstance(rows, list)
        and isinstance(results.get("machine"), dict)
        and all(isinstance(row, dict) and "full_s" in row for row in rows)
    )


def _verdicts(results: dict) -> list[str]:
    rows = results.get("rows", [])
    if not rows:
        return []
    largest = max(rows, key=lambda row: row.get("cases", 0))
    out = []
    for key, (label, limit) in TARGETS.items():
        value = largest.get(key)
        met = value is not None and value <= limit
        out.append(
            f"{label}: {_number(value)} × det enkla bygget vid {_number(largest['cases'])} fall "
            f"(mål högst {_number(limit, 1)} ×) – {'uppfyllt' if met else 'inte uppfyllt'}."
        )
    memory = largest.get("peak_rss_mib")
    out.append(
        f"Toppminne med underprocesser: {_number(memory, 0)} MiB (mål högst 500) – "
        f"{'uppfyllt' if memory is not None and memory <= 500 else 'inte uppfyllt'}."
    )
    edit = largest.get("edit_roundtrip_s")
    out.append(
        f"Ändring under invoke serve: {_number(edit)} s (mål högst 2 s) – "
        f"{'uppfyllt' if edit is not None and edit <= 2 else 'inte uppfyllt'}."
    )
    real = results.get("real") or {}
    if real:
        out.append(
            f"Riktiga biblioteket: helt bygge {_number(real.get('full_s'))} s (mål högst 2 s), ändring under "
            f"serve {_number(real.get('edit_roundtrip_s'))} s (mål högst 1 s)."
        )
    return out
