"""The generated pages made, proven and written by several processes, docs/ byte for byte the same.

Once the content is resolved, each part of the pages (``pages.PagesPart``: a few entities' or
sources' pages, or all the pages of a kind such as the coverage) is made of the resolved content
alone. The parent compiles the templates, then forks workers that inherit the site (copy-on-write,
never pickled); each makes the pages of the parts it is given, proves their front matter
(``frontmatter.proven_pages``) and writes them (``write.write_if_changed``), and sends back only
the paths and problems. The parent takes the results in page order, as one process meets the
pages: the pages refused by the proof in the same order, the first error (a template's, a file
that cannot be written) raised as one process raises it; then it removes the stale pages.
"""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from ..pages import PagesPart
from ..pages.site import Site
from ..progress import QUIET, Progress
from ..report import Problem
from .frontmatter import proven_pages
from .processes import can_fork, forked_workers, picklable
from .write import WriteSummary, remove_stale_pages, write_if_changed

MIN_PAGES_PER_PROCESS = 100
"""Fewer pages than this per process are made in this one: a small site (the bundled one, a
test's) is generated in a fraction of a second, less than forking would cost."""


class GenerationStopped(Exception):
    """A process making pages ended before its pages were done (killed for lack of memory, say)."""


@dataclass
class _PartWritten:
    """What making one part's pages did: the pages written or unchanged, in order, those refused
    by the proof, and the exception that stopped it, if any."""

    pages: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unreadable: list[Problem] = field(default_factory=list)
    error: BaseException | None = None


# What the workers make pages of, set by the parent before it forks them (inherited, never pickled).
_work: dict = {}


def write_pages_in_parallel(
    docs_dir: Path,
    site: Site,
    parts: Sequence[PagesPart],
    generated_folders: tuple[str, ...],
    jobs: int,
    progress: Progress = QUIET,
    total: int = 0,
) -> tuple[WriteSummary, list[Problem]]:
    """Make the generated folders of ``docs_dir`` hold exactly the pages of ``parts`` whose front
    matter is proven, with ``jobs`` processes: what ``write_pages(docs_dir, proven_pages(pages, ...))``
    does in one. Returns the summary and the pages refused (``proven_pages``' problems, in page
    order); raises the first error of a page (TemplateProblem, OSError) in page order, and then
    removes nothing. ``total``: how many pages there are, about (``pages.page_count``)."""
    jobs = min(jobs, total // MIN_PAGES_PER_PROCESS) if can_fork() else 1
    _work.update(site=site, parts=parts, docs_dir=docs_dir)
    try:
        summary, unreadable, kept = WriteSummary(), [], set()
        with closing(_parts_written(len(parts), jobs)) as results:  # closed: the workers stop on an error
            for result in results:
                kept.update(result.pages)
                summary.written += result.written
                summary.unchanged += len(result.pages) - len(result.written)
                unreadable += result.unreadable
                if result.error is not None:
                    raise result.error
                progress.show("Pages generated", len(kept), max(total, len(kept)))
    finally:
        _work.clear()
    summary.written.sort()
    summary.removed = remove_stale_pages(docs_dir, generated_folders, kept)
    return summary, unreadable


def _parts_written(count: int, jobs: int) -> Iterator[_PartWritten]:
    """Each part's result, in page order: made here one after the other, or by ``jobs`` workers."""
    if jobs <= 1:
        yield from map(_write_part, range(count))
        return
    _work["site"].compile_templates()
    parts = _work["parts"]
    # Parts made of a whole kind (the coverage, the graph: about a second each at 3,000 sources)
    # go first, so that no worker is left with one at the end while the others wait.
    order = sorted(range(count), key=lambda index: parts[index].item_ids is not None)
    with forked_workers(jobs, initializer=_mark_worker) as workers:
        futures = {index: workers.submit(_write_part, index) for index in order}
        try:
            for index in range(count):
                yield futures[index].result()
        except BrokenProcessPool:
            raise GenerationStopped(
                "a process generating pages stopped (out of memory?): build again with --jobs 1, or with more memory"
            ) from None


def _write_part(index: int) -> _PartWritten:
    """Make, prove and write one part's pages (in a worker, or in the parent with one process)."""
    docs_dir: Path = _work["docs_dir"]
    result = _PartWritten()
    try:
        for path, markdown in proven_pages(_work["parts"][index].pages(_work["site"]), result.unreadable, docs_dir.name):
            if write_if_changed(docs_dir / path, markdown):
                result.written.append(path)
            result.pages.append(path)
    except Exception as error:  # noqa: BLE001 — raised again by the parent, in page order
        # Sent back to the parent from a worker; raised as it is (traceback and all) in the parent.
        result.error = picklable(error) if _work.get("in_worker") else error
    return result


def _mark_worker() -> None:
    _work["in_worker"] = True
