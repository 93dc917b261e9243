"""Search: Pagefind indexes the built HTML, after MkDocs and before the site is swapped in.

Pagefind (PyPI ``pagefind[bin]``, a static, chunked index) reads only each page's
``data-pagefind-body`` (the article; see overrides/main.html) and writes its index and its
script into ``<site>/pagefind/``, which the reader's browser fetches piece by piece, and only
once the search box is used. The whole site is indexed every time.

Sources in French, Arabic and English are one index (``--force-language``), in the site's language.
Pagefind's multilingual indexing (one index per page's ``<html lang>``) searches only the index of
the page the reader is on, so from the site's English pages a French or Arabic source would never
be found; one index finds them all. Pagefind 1.5 folds accents and Arabic hamza forms both when
indexing and searching, so ``defaite`` finds ``défaite`` and ``امنية`` finds ``أمنية``; Arabic words
are found as the text writes them, prefix included (``المعارك``, not ``معارك``): English stemming
leaves them whole. tests/browser/test_languages.py searches a built site for both.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from ..pages import PAGE_KINDS
from ..report import Position, Problem
from .pagefind_order import make_filters_repeatable

SEARCH_FOLDER = "pagefind"
"""Where the index goes in the built site; overrides/partials/header.html loads it from there."""

DEFAULT_SEARCH_LANGUAGE = "en"
"""The one index's language when the built site's home page says none."""

HTML_LANG = re.compile(r"<html\b[^>]*?\blang=\"([^\"]+)\"")

NOT_INDEXED = (
    ".headerlink, .footnote-backref, .quote-context, .source-body > p:not(#p1):not(#p2):not(#p3), "
    ".reading-note, .entities-mentioned, details.mentions"
)
"""Inside the article, but not indexed: the ¶ after headings, the ↩ after notes, the words of a
quote's sentence around the quote (a page is found by what it quotes, not by what it leaves
out), and a source's text after its first three paragraphs; and what a page repeats from other
pages or from every page of its kind: a source page's note on how to read it and its list of
entities mentioned (names found on their own pages), an entity page's snippets of the sources
that mention it (copies of those sources' text).

Pagefind's memory grows with the words it indexes (about 120 bytes a word, held three times
over while it builds the index): whole articles took 460 MB at 1,000 sources (about 4 GB at
10,000), the lead 250 MB; at 10,000 sources the repeated lists and snippets were half of the
6.7 million words left, and Pagefind's peak fell from 2.7 to 1.7 GB without them. A source is
still found by its title, publisher, date and lead; the passages that dossiers quote are found
on the entity pages citing them. See BENCHMARKS.md."""


NOT_READ = tuple(kind.owns.rstrip("/") for kind in PAGE_KINDS if not kind.for_readers and kind.owns.endswith("/"))
"""Folders of the editors' pages, which have no indexed article: Pagefind does not even read them.
The index is byte for byte the same without them, and Pagefind's memory grows with every page it
reads (the coverage pages were 11 % of it at 1,000 sources; see BENCHMARKS.md)."""


PLAIN_NAME = re.compile(r"[A-Za-z0-9._-]+")


def pages_to_read(site_dir: Path) -> str:
    """Pagefind's --glob: every HTML file of the site but those under NOT_READ."""
    folders = sorted(entry.name for entry in site_dir.iterdir()
                     if entry.is_dir() and entry.name not in (*NOT_READ, SEARCH_FOLDER))
    if not all(PLAIN_NAME.fullmatch(folder) for folder in folders):
        return "**/*.{html}"  # a name a glob would read as syntax: Pagefind's default, reading all
    return "{" + ",".join(["*.html", *(f"{folder}/**/*.html" for folder in folders)]) + "}"


def search_language(site_dir: Path) -> str:
    """The one index's language: the site's, as the renderer wrote it into every page's
    ``<html lang>`` from theme.language in mkdocs.yml (see the module's note on why one index)."""
    try:
        with open(site_dir / "index.html", encoding="utf-8") as home:
            found = HTML_LANG.search(home.read(4096))
    except OSError:
        return DEFAULT_SEARCH_LANGUAGE
    return found.group(1) if found else DEFAULT_SEARCH_LANGUAGE


def index_site(site_dir: Path, background: bool = False, output: Path | None = None) -> list[Problem]:
    """Index every page of a built site into ``site_dir/pagefind/`` (or ``output``); problems if
    Pagefind failed.

    ``background`` (the live preview): Pagefind runs at low priority, behind the page rebuilds."""
    _return_freed_memory()  # Pagefind's peak then adds to a small build process, not to MkDocs' peak
    output = output or site_dir / SEARCH_FOLDER
    if output.exists():
        shutil.rmtree(output)  # fragments of pages since removed must not linger
    # Lower priority with nice(1), not preexec_fn: a function run between fork and exec can
    # deadlock in a process with threads (the preview's), and the stuck child then held the
    # preview's output open after Ctrl+C.
    niced = ["nice", "-n", "10"] if background and shutil.which("nice") else []
    command = [
        *niced, sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output),
        "--glob", pages_to_read(site_dir),
        "--exclude-selectors", NOT_INDEXED, "--force-language", search_language(site_dir), "--silent",
    ]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.SubprocessError) as error:
        return [Problem(Position(SEARCH_FOLDER), f"pagefind: could not run: {error}")]
    if result.returncode != 0 or not (output / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()
        return [
            Problem(
                Position(SEARCH_FOLDER),
                f"pagefind: indexing failed ({detail[-1] if detail else f'exit {result.returncode}'}); "
                "run `make .venv/.installed` to install pagefind[bin]",
            )
        ]
    try:
        make_filters_repeatable(output)
    except (OSError, ValueError, KeyError, IndexError) as error:
        return [Problem(Position(SEARCH_FOLDER), f"pagefind: unexpected index files ({error}); is pagefind 1.5.2 installed?")]
    return []



def _return_freed_memory() -> None:
    """Give the memory MkDocs' build freed back to the system (glibc keeps it otherwise).

    At 1,000 sources the build process holds 130 MB after MkDocs and 50 MB after this; Pagefind,
    a process of its own, runs meanwhile and needs about 1.8 GB at 10,000 pages.
    """
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to give back this way
        pass
