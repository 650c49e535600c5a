"""The bench's results as text tables: every size, the cost per case, the time per kind of
generated page (with why each kind is there), the stages of a build, and the targets."""

from __future__ import annotations

from metodbank.site.performance import KIND_REASONS, _verdicts

MAIN = (
    ("cases", "fall"),
    ("pages", "sidor"),
    ("full_s", "helt s"),
    ("plain_s", "enkelt s"),
    ("ratio", "kvot"),
    ("warm_s", "cacher s"),
    ("warm_ratio", "kvot cacher"),
    ("cpu_ratio", "kvot CPU"),
    ("edit_roundtrip_s", "ändring s"),
    ("peak_rss_mib", "minne MiB"),
    ("validate_s", "validera s"),
    ("case_page_bytes", "fallsida B"),
    ("first_search_bytes", "första sökning B"),
    ("pagefind_parts", "sökdelar"),
)


def table(rows: list[dict], columns) -> str:
    lines = ["| " + " | ".join(title for _, title in columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(str(row.get(key, "")) for key, _ in columns) + " |")
    return "\n".join(lines)


def per_case(rows: list[dict]) -> str:
    """Milliseconds per case at each size, and between sizes (flat when cost is linear)."""
    lines = [
        "| fall | helt ms/fall | enkelt ms/fall | helt ms/fall sedan förra | enkelt ms/fall sedan förra |"
    ]
    lines.append("|---|---|---|---|---|")
    previous = None
    for row in rows:
        full, plain, cases = row["full_s"], row["plain_s"], row["cases"]
        step = ("", "")
        if previous is not None and cases > previous["cases"]:
            added = cases - previous["cases"]
            step = (
                f"{1000 * (full - previous['full_s']) / added:.2f}",
                f"{1000 * (plain - previous['plain_s']) / added:.2f}",
            )
        lines.append(
            f"| {cases} | {1000 * full / cases:.2f} | {1000 * plain / cases:.2f} | {step[0]} | {step[1]} |"
        )
        previous = row
    return "\n".join(lines)


def kinds_table(row: dict) -> str:
    kinds = row.get("page_kinds", {}).get("kinds", {})
    lines = ["| sorts sida | sidor | s | ms/sida | varför |", "|---|---|---|---|---|"]
    for name, figures in sorted(kinds.items(), key=lambda kv: -kv[1]["seconds"]):
        per_page = 1000 * figures["seconds"] / max(1, figures["pages"])
        lines.append(
            f"| {name} | {figures['pages']} | {figures['seconds']:.2f} | {per_page:.2f} | {KIND_REASONS.get(name, '')} |"
        )
    return "\n".join(lines)


def print_report(results: dict) -> None:
    rows = results["rows"]
    machine = results["machine"]
    print(
        f"\n{results['date']}, {machine['cores']} kärnor, {machine['memory_gib']} GiB, Python {machine['python']}"
    )
    print("\nBygge (median av", results["samples"], "mätningar; kvoter inom samma körning):")
    print(table([results["real"], *rows], MAIN))
    if rows:
        print("\nKostnad per fall:")
        print(per_case(rows))
        largest = max(rows, key=lambda row: row["cases"])
        print(f"\nTid per sorts sida vid {largest['cases']} fall (ett bygge utan cacher):")
        print(kinds_table(largest))
        print("\nSteg i samma bygge (sekunder från start):", largest.get("page_kinds", {}).get("stages"))
    print("\nBelastning (1, 5, 15 min) före och efter varje storlek:")
    for row in [results["real"], *rows]:
        print(f"  {row['cases']} fall: {row['load']['before']} → {row['load']['after']}")
    print("\nMot målen:")
    for line in _verdicts(results):
        print(f"  - {line}")
