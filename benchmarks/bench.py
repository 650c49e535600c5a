"""Benchmarks (`invoke bench`): for each library size, a synthetic library (with the real
library beside it, so every hand-written page's links resolve and the build is strict) built
with all plugins and with a plain MkDocs + Material configuration over the same Markdown.

Per size, every build is sampled at least three times and the median is reported; cold and
plain builds alternate, so that a busy moment on a shared machine hits both. Measured: cold
full build (no caches), plain build, warm full build (caches from the last build, one case
changed), the edit round trip under `mkdocs serve --dirtyreload`, peak memory of the whole
process tree, validation alone, a case page's size, the bytes of the browser's first
search, and the time per kind of generated page. The machine, its load and the date are
recorded with the numbers, and ratios are only ever taken within one run.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from metodbank.build import engine_env
from metodbank.content.kinds import KINDS
from metodbank.content.vocabulary import Vocabulary
from metodbank.project import load_library

from benchmarks.browser import first_query_bytes
from benchmarks.measure import load_average, median, run_measured
from benchmarks.report import print_report
from benchmarks.serve import edit_roundtrips
from benchmarks.synthetic import generate_library

PLAIN_YML = """site_name: Plain
theme:
  name: material
  language: sv
  font: false
plugins:
  - search:
      lang: sv
nav:
  - Start: index.md
{sections}
"""
CONTENT = ("cases", "methods", "organisations")


def make_projects(root: Path, cases: int, repo: Path) -> tuple[Path, Path]:
    """A full project (the real library plus `cases` synthetic cases and the rest in
    proportion) and a plain one over the same Markdown."""
    full = root / "full"
    for folder in CONTENT + ("data", "docs", "overrides"):
        if (repo / folder).is_dir():
            shutil.copytree(repo / folder, full / folder)
    shutil.copy(repo / "mkdocs.yml", full / "mkdocs.yml")
    if cases:
        generate_library(full, cases, Vocabulary.load(repo / "data"))
    plain = root / "plain"
    (plain / "docs").mkdir(parents=True)
    (plain / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    sections = []
    for kind in KINDS:
        target = plain / "docs" / kind.section
        target.mkdir(parents=True, exist_ok=True)
        for path in (full / kind.folder).glob("*.md"):
            shutil.copy(path, target / path.name)
        (target / "index.md").write_text(f"# {kind.plural}\n", encoding="utf-8")
        sections.append(f"  - {kind.plural}: {kind.section}/index.md")
    (plain / "mkdocs.yml").write_text(PLAIN_YML.format(sections="\n".join(sections)), encoding="utf-8")
    return full, plain


def build_command(site: Path, strict: bool = True, config: str = "mkdocs.yml") -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "--site-dir", str(site)]
    return command + (["--strict"] if strict else [])


def touch_case(project: Path, number: int) -> None:
    """Change one case (a sentence added to its body), as a contributor's edit would."""
    path = sorted((project / "cases").glob("*.md"))[0]
    path.write_text(
        path.read_text(encoding="utf-8") + f"\nÄndring {number} för mätningen.\n", encoding="utf-8"
    )


def sample_builds(full: Path, plain: Path, samples: int) -> dict:
    """Cold, plain and warm builds, `samples` of each; cold and plain alternate."""
    env = engine_env()
    cold, flat, warm = [], [], []
    for _ in range(samples):
        shutil.rmtree(full / ".cache", ignore_errors=True)
        cold.append(run_measured(build_command(full / "site"), full, env))
        flat.append(run_measured(build_command(plain / "site", strict=False), plain, env))
    for number in range(samples):
        touch_case(full, number)
        warm.append(run_measured(build_command(full / "site"), full, env))
    return {"cold": cold, "plain": flat, "warm": warm}


def page_kinds(full: Path) -> dict:
    """One extra cold build with the timing hook: seconds per kind of page, and per stage."""
    config = full / "mkdocs-bench.yml"
    text = (full / "mkdocs.yml").read_text(encoding="utf-8")
    shutil.copy(Path(__file__).with_name("pagekinds.py"), full / "pagekinds.py")
    config.write_text(text + "\nhooks:\n  - pagekinds.py\n", encoding="utf-8")
    shutil.rmtree(full / ".cache", ignore_errors=True)
    out = full / "kinds.json"
    run_measured(
        build_command(full / "site", config=config.name),
        full,
        {**engine_env(), "METODBANK_BENCH_KINDS": str(out)},
    )
    return json.loads(out.read_text(encoding="utf-8"))


def validate_seconds(project: Path, samples: int) -> float:
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        library = load_library(project)
        times.append(time.perf_counter() - started)
        if library.errors:
            raise RuntimeError(f"the generated library has errors: {library.errors[:3]}")
    return median(times)


def run_size(cases: int, repo: Path, samples: int, edits: int) -> dict:
    """Every figure for one library size (0: the real library alone)."""
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix=f"metodbank-bench-{cases}-") as tmp:
        full, plain = make_projects(Path(tmp), cases, repo)
        library = load_library(full)
        validate = validate_seconds(full, samples)
        builds = sample_builds(full, plain, samples)
        site = full / "site"
        case_page = site / "fall" / ("fall-00000" if cases else sorted(library.entries)[0]) / "index.html"
        row = summarise(builds)
        row.update(
            cases=len(library.of_kind("case")),
            synthetic_cases=cases,
            entries=len(library.entries),
            pages=sum(1 for _ in site.rglob("index.html")),
            validate_s=round(validate, 3),
            case_page_bytes=case_page.stat().st_size if case_page.exists() else None,
            first_search_bytes=first_query_bytes(site),
            pagefind_parts=1 + len(json.loads((site / "pagefind" / "metodbank-shards.json").read_text())),
        )
        row["page_kinds"] = page_kinds(full)
        roundtrips = edit_roundtrips(full, edits)
        row["edit_roundtrip_s"] = round(median(roundtrips), 3)
        row["edit_roundtrip_samples"] = [round(t, 3) for t in roundtrips]
    row["load"] = {"before": load_before, "after": load_average()}
    return row


def summarise(builds: dict) -> dict:
    """Medians and ratios (within this run) of the sampled builds."""
    full = median([s.wall for s in builds["cold"]])
    plain = median([s.wall for s in builds["plain"]])
    warm = median([s.wall for s in builds["warm"]])
    full_cpu = median([s.cpu for s in builds["cold"]])
    plain_cpu = median([s.cpu for s in builds["plain"]])
    return {
        "full_s": round(full, 2),
        "plain_s": round(plain, 2),
        "warm_s": round(warm, 2),
        "ratio": round(full / plain, 2),
        "warm_ratio": round(warm / plain, 2),
        "cpu_full_s": round(full_cpu, 2),
        "cpu_plain_s": round(plain_cpu, 2),
        "cpu_ratio": round(full_cpu / plain_cpu, 2),
        "cpu_warm_ratio": round(median([s.cpu for s in builds["warm"]]) / plain_cpu, 2),
        "peak_rss_mib": round(max(s.peak_mib for s in builds["cold"] + builds["warm"]), 1),
        "plain_peak_rss_mib": round(max(s.peak_mib for s in builds["plain"]), 1),
        "samples": {name: [round(s.wall, 2) for s in runs] for name, runs in builds.items()},
    }


def machine() -> dict:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**30
    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gib": memory,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def run(sizes: list[int], repo: Path, out: Path | None = None, samples: int = 3, edits: int = 5) -> dict:
    """Measure every size (and the real library alone, as size 0 first), print the report and
    write the numbers to `out`."""
    samples = max(3, samples)
    started = time.strftime("%Y-%m-%dT%H:%M:%S")
    rows = []
    for cases in [0, *sizes]:
        rows.append(run_size(cases, repo, samples, edits))
        print(
            f"{cases or 'riktiga'} fall klart ({rows[-1]['full_s']} s, kvot {rows[-1]['ratio']})", flush=True
        )
    results = {
        "date": date.today().isoformat(),
        "started": started,
        "machine": machine(),
        "samples": samples,
        "real": rows[0],
        "rows": rows[1:],
    }
    print_report(results)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return results
