#!/usr/bin/env python3
"""Build synthetic corpora at three sizes and print one table of what each phase costs.

    python benchmarks/run.py                      # (100, 20), (1,000, 100), (10,000, 1,000); 3 runs each
    python benchmarks/run.py --sizes 100x20 --runs 1 --no-aliases   # a quick look

Each phase runs in a fresh Python process, timed inside that process around the one call
(imports and interpreter start-up excluded), and reports its own peak resident memory
(``getrusage(RUSAGE_SELF).ru_maxrss``):

- check: ``dossier.pipeline.check`` (load, validate, resolve);
- generate: ``dossier.pipeline.generate`` minus the check it runs first, i.e. rendering the
  pages and writing them (into an empty docs/ folder, as a first build does); its memory is
  that of the whole ``generate`` process, since rendering needs the checked content;
- mkdocs: ``dossier.publish.write.publish_site``, i.e. MkDocs with Material building site/.

Besides the table it times mention finding over the largest corpus with 50 and with 5,000 aliases. Corpora are written under --workdir
(default: a new temporary folder), never into the project.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(PROJECT_ROOT)]

from make_corpus import entity_id, make_corpus  # noqa: E402

DEFAULT_SIZES = ((100, 20), (1_000, 100), (10_000, 1_000))
COMPARED_ENTITY = entity_id(1)
"""The entity whose page is compared across corpus sizes: it exists, the same, in every corpus."""
EDITED_ENTITY = entity_id(50)
"""The entity whose claim the preview benchmark edits (mid-popularity in the 1,000-source corpus)."""
PROJECT_PARTS = ("templates", "docs", "overrides", "mkdocs.yml")


@dataclass
class Row:
    """One corpus size: medians over the runs, plus what the corpus holds."""

    sources: int
    entities: int
    citations: int = 0
    mentions: int = 0
    pages: int = 0
    check_s: float = 0.0
    generate_s: float = 0.0
    mkdocs_s: float = 0.0
    total_s: float = 0.0
    check_mb: float = 0.0
    generate_mb: float = 0.0
    mkdocs_mb: float = 0.0
    search_s: float = 0.0
    """Pagefind's indexing, part of the MkDocs phase (publish_site runs it)."""
    search_mb: float = 0.0
    """Pagefind's peak memory (its own process)."""
    median_page_kb: float = 0.0
    largest_page_kb: float = 0.0
    largest_page: str = ""
    largest_index_kb: float = 0.0
    """The largest page of the sources, entities and timeline indexes (all their parts)."""
    largest_index: str = ""
    entity_page_kb: float = 0.0
    """The HTML page of COMPARED_ENTITY."""
    entity_markdown_kb: float = 0.0
    mkdocs_warnings: int = 0
    runs: list[dict] = field(default_factory=list)
    """Every run's raw phase measurements."""


COLUMNS = (
    ("sources", "sources", "{:,}"),
    ("entities", "entities", "{:,}"),
    ("citations", "citations", "{:,}"),
    ("pages", "pages", "{:,}"),
    ("check_s", "check s", "{:.2f}"),
    ("generate_s", "Markdown s", "{:.2f}"),
    ("mkdocs_s", "MkDocs s", "{:.1f}"),
    ("total_s", "total s", "{:.1f}"),
    ("check_mb", "check MB", "{:.0f}"),
    ("generate_mb", "Markdown MB", "{:.0f}"),
    ("mkdocs_mb", "MkDocs MB", "{:.0f}"),
    ("search_s", "Pagefind s", "{:.1f}"),
    ("search_mb", "Pagefind MB", "{:.0f}"),
    ("median_page_kb", "median page KB", "{:.1f}"),
    ("largest_page_kb", "largest page KB", "{:.0f}"),
    ("largest_index_kb", "largest index page KB", "{:.0f}"),
    ("entity_page_kb", f"{COMPARED_ENTITY} KB", "{:.1f}"),
)


# --- one phase, in its own process -------------------------------------------------------------


def _resident_mb() -> float:
    """This process's resident memory now (not its peak), from /proc."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _timed(function, seconds: list[float]):
    """``function``, adding the time each call takes to ``seconds``."""

    def timed(*args):
        begin = time.perf_counter()
        try:
            return function(*args)
        finally:
            seconds.append(time.perf_counter() - begin)

    return timed


def _phase_main(phase: str, root: Path) -> dict:
    """Run one phase in this (fresh) process; what it took. Called through ``--phase``."""
    import resource

    from dossier import pipeline
    from dossier.publish import write
    from dossier.publish.renderers import RENDERERS

    project = pipeline.Project(root)
    result: dict = {"phase": phase}
    if phase == "check":
        start = time.perf_counter()
        resolved, problems = pipeline.check(project)
        result["seconds"] = time.perf_counter() - start
        result["errors"] = sum(1 for p in problems if p.severity == "error")
        result["warnings"] = len(problems) - result["errors"]
        if resolved is not None:
            content = resolved.content
            result["sources"], result["entities"] = len(content.sources), len(content.entities)
            result["citations"] = len(resolved.passages)
            result["mentions"] = sum(len(found) for found in resolved.mentions_by_source.values())
    elif phase == "generate":
        check_seconds: list[float] = []
        pipeline.check = _timed(pipeline.check, check_seconds)  # generate calls check first; only the rest is generation
        start = time.perf_counter()
        summary, _ = pipeline.generate(project)
        result["seconds"] = time.perf_counter() - start - sum(check_seconds)
        result["check_seconds"] = sum(check_seconds)
        result["written"] = sorted(summary.written)
        result["unchanged"] = summary.unchanged
    elif phase == "mkdocs":
        from dossier.publish import search

        search_seconds: list[float] = []
        write.index_site = _timed(write.index_site, search_seconds)  # publish_site indexes for search after MkDocs
        freed = search._return_freed_memory

        def measured_release():
            freed()
            result["rss_during_search_mb"] = _resident_mb()

        search._return_freed_memory = measured_release
        start = time.perf_counter()
        problems = write.publish_site(RENDERERS["mkdocs"], project.config_file, project.site_dir)
        result["seconds"] = time.perf_counter() - start
        result["search_seconds"] = sum(search_seconds)
        # Pagefind runs as a child process: its peak is the children's (git's is far smaller).
        result["search_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        result["warnings"] = [problem.message for problem in problems][:20]
        result["warning_count"] = len(problems)
    elif phase == "aliases":
        result.update(_alias_scaling(project))
    else:
        raise ValueError(f"unknown phase {phase!r}")
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return result


def run_phase(phase: str, root: Path, code: Path = PROJECT_ROOT) -> dict:
    """Run one phase in a fresh Python process, with the ``dossier`` package of ``code``."""
    completed = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--phase", phase, "--project", str(root), "--code", str(code)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"},
    )
    if completed.returncode != 0:
        raise RuntimeError(f"phase {phase} failed on {root}:\n{completed.stderr[-4000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --- a corpus ----------------------------------------------------------------------------------


def prepare_project(root: Path, sources: int, entities: int, seed: int, code: Path = PROJECT_ROOT) -> Path:
    """A project folder: a synthetic content/ beside copies of the templates, docs and config of ``code``."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    make_corpus(sources, entities, seed, root / "content")
    _copy_parts(code, root, PROJECT_PARTS)
    return root


def snapshot(checkout: Path, destination: Path) -> Path:
    """A copy of a Dossier checkout's code, templates, docs and config, so that what is measured
    does not change under a long run while people keep working in the checkout."""
    if destination.exists():
        shutil.rmtree(destination)
    destination.mkdir(parents=True)
    _copy_parts(checkout, destination, ("dossier", *PROJECT_PARTS))
    return destination


def _copy_parts(origin: Path, destination: Path, parts: tuple[str, ...]) -> None:
    from dossier.pages import GENERATED_FOLDERS

    for part in parts:
        source = origin / part
        if source.is_dir():
            ignored = (*GENERATED_FOLDERS, "__pycache__") if part == "docs" else ("__pycache__",)
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns(*ignored))
        else:
            shutil.copy2(source, destination / part)


def clean_outputs(root: Path) -> None:
    """Remove generated pages and the site, so the next build is a full one."""
    from dossier.pages import GENERATED_FOLDERS

    for folder in GENERATED_FOLDERS:
        shutil.rmtree(root / "docs" / folder, ignore_errors=True)
    for name in ("site", "site.building", "site.previous"):
        shutil.rmtree(root / name, ignore_errors=True)


def page_sizes(root: Path) -> dict:
    """Sizes of the built HTML pages (every page, indexes included) and of the compared entity's."""
    sizes = {
        page.relative_to(root / "site").as_posix(): page.stat().st_size / 1024
        for page in (root / "site").rglob("*.html")
        if page.name != "404.html"
    }
    largest = max(sizes, key=sizes.get) if sizes else ""
    indexes = {page: kb for page, kb in sizes.items() if page.split("/")[0] in ("sources", "entities", "timeline")
               and (page.endswith("/index.html") and page.count("/") == 1 or page.split("/")[1] in ("year", "type"))}
    largest_index = max(indexes, key=indexes.get) if indexes else ""
    entity_html = root / "site" / "entities" / COMPARED_ENTITY / "index.html"
    entity_markdown = root / "docs" / "entities" / f"{COMPARED_ENTITY}.md"
    return {
        "pages": sum(1 for _ in (root / "docs").rglob("*.md")),
        "median_page_kb": statistics.median(sizes.values()) if sizes else 0.0,
        "largest_page_kb": sizes.get(largest, 0.0),
        "largest_page": largest,
        "largest_index_kb": indexes.get(largest_index, 0.0),
        "largest_index": largest_index,
        "entity_page_kb": entity_html.stat().st_size / 1024 if entity_html.exists() else 0.0,
        "entity_markdown_kb": entity_markdown.stat().st_size / 1024 if entity_markdown.exists() else 0.0,
    }


def measure_corpus(
    sources: int, entities: int, seed: int, workdir: Path, runs: int = 3, code: Path = PROJECT_ROOT, log=print,
    mkdocs: bool = True,
) -> Row:
    """Build one synthetic corpus ``runs`` times from scratch; the medians, as one row."""
    root = prepare_project(workdir / f"corpus-{sources}x{entities}", sources, entities, seed, code)
    row = Row(sources, entities)
    for number in range(1, runs + 1):
        clean_outputs(root)
        checked = run_phase("check", root, code)
        if checked["errors"]:
            raise RuntimeError(f"the synthetic corpus has {checked['errors']} error(s): run .venv/bin/python build.py --project {root} check")
        generated = run_phase("generate", root, code)
        published = run_phase("mkdocs", root, code) if mkdocs else {"seconds": 0.0, "peak_mb": 0.0, "warning_count": 0}
        run = {"check": checked, "generate": {k: v for k, v in generated.items() if k != "written"},
               "mkdocs": published, **page_sizes(root)}
        row.runs.append(run)
        log(f"  {sources}x{entities} run {number}/{runs}: check {checked['seconds']:.2f} s, "
            f"Markdown {generated['seconds']:.2f} s, MkDocs {published['seconds']:.1f} s "
            f"({published['warning_count']} warning(s))")
    first = row.runs[0]
    row.citations, row.mentions = first["check"]["citations"], first["check"]["mentions"]
    for name in ("pages", "largest_page", "median_page_kb", "largest_page_kb", "largest_index_kb", "largest_index",
                 "entity_page_kb", "entity_markdown_kb"):
        setattr(row, name, row.runs[-1][name])
    row.check_s = _median(row.runs, "check", "seconds")
    row.generate_s = _median(row.runs, "generate", "seconds")
    row.mkdocs_s = _median(row.runs, "mkdocs", "seconds")
    row.total_s = statistics.median(
        run["check"]["seconds"] + run["generate"]["seconds"] + run["mkdocs"]["seconds"] for run in row.runs
    )
    row.check_mb = _median(row.runs, "check", "peak_mb")
    row.generate_mb = _median(row.runs, "generate", "peak_mb")
    row.mkdocs_mb = _median(row.runs, "mkdocs", "peak_mb")
    if mkdocs:
        row.search_s = _median(row.runs, "mkdocs", "search_seconds")
        row.search_mb = _median(row.runs, "mkdocs", "search_peak_mb")
    row.mkdocs_warnings = first["mkdocs"]["warning_count"]
    return row


def _median(runs: list[dict], phase: str, key: str) -> float:
    return statistics.median(run[phase][key] for run in runs)


# --- mention finding against the number of aliases ---------------------------------------------


def _alias_scaling(project) -> dict:
    """Mention finding over every source with 50 and with 5,000 spellings; runs in the phase process."""
    from dossier.content.load import load_content
    from dossier.resolve.mentions import MentionFinder
    from dossier.content.validate import validate_content
    from dossier.pages import RESERVED_IDS
    from make_corpus import _word

    content, _ = validate_content(load_content(project.content_dir), RESERVED_IDS)
    entities = list(content.entities.values())
    few, spellings = [], 0
    for entity in entities:  # the most-mentioned entities first: the corpus makes low ids popular
        if spellings + len(entity.names) > 50:
            entity = _with_aliases(entity, entity.aliases[: 50 - spellings - 1])
        few.append(entity)
        spellings += len(entity.names)
        if spellings >= 50:
            break
    rng, extra, taken = random.Random(5000), [], {name.casefold() for e in entities for name in e.names}
    while len(extra) < 5000:
        word = f"{_word(rng, 2)} {_word(rng, 2)}" if rng.random() < 0.5 else _word(rng, 3)
        if word.casefold() not in taken:
            taken.add(word.casefold())
            extra.append(word)
    # Spellings that occur nowhere: with them the automaton grows and the mentions found do not.
    decoys = extra[: 5000 - spellings]
    few_and_decoys = [*few[:-1], _with_aliases(few[-1], (*few[-1].aliases, *decoys))]
    filler = extra[: 5000 - sum(len(e.names) for e in entities)]
    everything_5000 = [*entities[:-1], _with_aliases(entities[-1], (*entities[-1].aliases, *filler))]
    sources = list(content.sources.values())
    try:
        from dossier.resolve import no_cycle_collection  # as resolve runs it
    except ImportError:
        from contextlib import nullcontext as no_cycle_collection
    result = {}
    for label, chosen in (
        ("aliases_50", few),
        ("aliases_50_and_decoys", few_and_decoys),
        ("aliases_5000", everything_5000),
        ("aliases_50_again", few),
    ):
        finder = MentionFinder(chosen)
        with no_cycle_collection():
            start = time.perf_counter()
            mentions = finder.in_sources(sources)
            result[label] = {
                "spellings": sum(len(e.names) for e in chosen),
                "seconds": time.perf_counter() - start,
                "mentions": len(mentions),
            }
        del mentions
    return result


def _with_aliases(entity, aliases):
    from dataclasses import replace

    return replace(entity, aliases=tuple(aliases), alias_positions=())


# --- the report --------------------------------------------------------------------------------


def format_table(rows: list[Row]) -> str:
    header = "| " + " | ".join(title for _, title, _ in COLUMNS) + " |"
    rule = "|" + "|".join("---:" for _ in COLUMNS) + "|"
    lines = [header, rule]
    for row in rows:
        lines.append("| " + " | ".join(form.format(getattr(row, name)) for name, _, form in COLUMNS) + " |")
    return "\n".join(lines)


def format_aliases(aliases: dict, sources: int) -> str:
    few = min((aliases["aliases_50"], aliases["aliases_50_again"]), key=lambda found: found["seconds"])
    lines = [f"Mention finding over {sources:,} sources: {few['spellings']} spellings {few['seconds']:.2f} s "
             f"({few['mentions']:,} mentions)"]
    for key, what in (("aliases_50_and_decoys", "the same 50 and spellings found nowhere"),
                      ("aliases_5000", "every entity's spellings and spellings found nowhere")):
        found = aliases[key]
        lines.append(f"  {found['spellings']:,} spellings ({what}): {found['seconds']:.2f} s "
                     f"({found['mentions']:,} mentions), × {found['seconds'] / few['seconds']:.2f}")
    return "\n".join(lines)


def format_ratios(small: Row, large: Row) -> str:
    factor = large.sources / small.sources
    parts = [f"Scaling {small.sources:,} → {large.sources:,} sources (corpus × {factor:g}):"]
    for name, title in (("check_s", "check"), ("generate_s", "Markdown"), ("mkdocs_s", "MkDocs"), ("total_s", "total"),
                        ("generate_mb", "Markdown memory")):
        before, after = getattr(small, name), getattr(large, name)
        parts.append(f"{title} × {after / before:.2f}" if before else f"{title} n/a")
    return " ".join(parts[:1]) + " " + ", ".join(parts[1:])


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                         if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        memory_kb = 0
    import mkdocs
    from material import __version__ as material_version

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "mkdocs": mkdocs.__version__,
        "material": material_version,
        "load_average": os.getloadavg(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(f"{n}x{m}" for n, m in DEFAULT_SIZES),
                        help="corpus sizes as SOURCESxENTITIES, comma-separated (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="full builds per size (default 3)")
    parser.add_argument("--runs-largest", type=int, help="full builds for the largest size (default: --runs)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="where corpora are built (default: a new temporary folder)")
    parser.add_argument("--json", type=Path, help="also write every measurement to this JSON file")
    parser.add_argument("--no-aliases", action="store_true", help="skip mention finding with 50 and 5,000 aliases")
    parser.add_argument("--no-mkdocs", action="store_true", help="time check and generation only (no site)")
    parser.add_argument("--checkout", type=Path, default=PROJECT_ROOT,
                        help="the Dossier checkout to measure; it is copied first (default: this one)")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.phase:
        sys.path.insert(0, str(options.code))  # before anything imports dossier
        print(json.dumps(_phase_main(options.phase, options.project)))
        return 0

    sizes = [tuple(int(n) for n in size.lower().split("x")) for size in options.sizes.split(",")]
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    code = snapshot(options.checkout.resolve(), workdir / "checkout")
    report: dict = {"machine": machine(), "command": " ".join([Path(sys.executable).name, *sys.argv]), "rows": []}
    print(f"Machine: {report['machine']}\nMeasuring a copy of {options.checkout.resolve()} in {workdir}", flush=True)
    rows = []
    for index, (sources, entities) in enumerate(sizes):
        runs = options.runs_largest if options.runs_largest and index == len(sizes) - 1 else options.runs
        row = measure_corpus(sources, entities, options.seed, workdir, runs, code, log=lambda m: print(m, flush=True),
                             mkdocs=not options.no_mkdocs)
        rows.append(row)
        report["rows"].append(asdict(row))
        _save(options.json, report)
    if not options.no_aliases:
        largest = max(sizes)
        report["aliases"] = run_phase("aliases", workdir / f"corpus-{largest[0]}x{largest[1]}", code)
        _save(options.json, report)
    report["machine"]["load_average_after"] = os.getloadavg()
    _save(options.json, report)
    print()
    print(format_table(rows))
    print()
    if len(rows) > 1:
        print(format_ratios(rows[-2], rows[-1]))
        largest = rows[-1]
        if largest.mkdocs_s:
            print(f"At {largest.sources:,} sources: total / MkDocs = {largest.total_s / largest.mkdocs_s:.3f}; "
                  f"Markdown / MkDocs = {largest.generate_s / largest.mkdocs_s:.3f}")
    small = rows[0]
    print(f"{COMPARED_ENTITY}: {small.entity_page_kb:.1f} KB HTML ({small.entity_markdown_kb:.1f} KB Markdown) at "
          f"{small.sources:,} sources; {rows[-1].entity_page_kb:.1f} KB ({rows[-1].entity_markdown_kb:.1f} KB) at "
          f"{rows[-1].sources:,}: × {rows[-1].entity_page_kb / small.entity_page_kb:.2f}" if small.entity_page_kb else "")
    if "aliases" in report:
        print(format_aliases(report["aliases"], max(sizes)[0]))
    print(f"Load average: before {report['machine']['load_average']}, after {report['machine']['load_average_after']}")
    return 0


def _save(path: Path | None, report: dict) -> None:
    if path:
        path.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
