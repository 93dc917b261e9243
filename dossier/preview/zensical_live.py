"""Live preview rendered by Zensical: ``build.py serve --renderer zensical``.

Zensical's live part of the preview's loop (``loop.LivePreview``): our own watcher and regeneration
regenerate only the Markdown a save touches (the pages of the files edited first, then the rest). Zensical
cannot render the project's docs/ where they are (it keeps its output and a cache beside its
configuration and refuses a docs_dir outside that folder, a symbolic link included), so
``zensical serve`` runs in a work folder: a copy of mkdocs.yml, docs/ and overrides/ made at
start, into which each regeneration's written pages are copied and its removed ones deleted.
Zensical sees them, renders again and reloads the browsers showing a page it rewrote. Zensical
0.0.73 keeps the Markdown it parsed but writes every page again on each change (1–3 s at 1,000
sources, see BENCHMARKS.md). A change to mkdocs.yml, the theme's overrides or the files of
docs/ is copied too, and Zensical reloads or rebuilds on its own.

Errors are printed and shown in a banner on every page, as in the MkDocs preview. Zensical runs
no MkDocs hooks, so the banner is a script named in the work copy's ``extra_javascript`` (in its
docs/, never in the project's) that reads ``preview-problems.json`` every second: that file is
written straight into Zensical's site folder, where Zensical keeps files it did not write, and
Zensical reloads a page only when that page or a script changed.

Search is Pagefind's, over Zensical's output after each of its builds. Pagefind writes its
bundle into a folder of the work copy, and only the files that differ are copied into the
site's pagefind/: Zensical reloads every open page when a script in the site changes, and
Pagefind writes its scripts again on every run.

Zensical's own output is passed through, its colours removed and any other control character
escaped as in our messages. Ctrl+C or SIGTERM stops Zensical too and removes the work folder.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from typing import Callable, Iterable

from ..pipeline import Project
from ..publish.search import SEARCH_FOLDER, index_site
from ..publish.renderers.zensical import ANSI_COLOUR, zensical_config
from ..publish.write import WriteSummary
from ..report import Position, Problem
from ..text.characters import visible
from .banner import PROBLEMS_FILE, SHOW_PROBLEMS, Banner
from .loop import Indexer

WORK_PREFIX = "dossier-zensical-preview-"
BANNER_SCRIPT = "dossier-preview-problems.js"
"""The banner's script, in the work copy's docs/ only."""

# textContent only, as the MkDocs preview's banner (the messages quote content).
BANNER_JS = """(function () {
  var shown = "";
  function show(lines) {
    var old = document.querySelector(".dossier-preview-problems");
    if (old) old.remove();
%s  }
  function look() {
    fetch("/%s", {cache: "no-store"}).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (text) {
      if (text !== shown) { shown = text; show(JSON.parse(text)); }
    }).catch(function () {}).then(function () { setTimeout(look, 1000); });
  }
  look();
})();
""" % (SHOW_PROBLEMS, PROBLEMS_FILE)

FIRST_BUILD_PATIENCE = 600.0
AFTER_CHANGE_PATIENCE = 30.0
"""Seconds after which changes are copied in even though Zensical has not said its build ended."""

_BUILT = re.compile(r"^(?:No issues found|\d+ issues? found)$")
"""The line Zensical prints when a build (the first or a rebuild) is done."""


class WorkCopy:
    """The folder Zensical serves: mkdocs.yml, docs/ and overrides/ copied from the project, and
    its output in site/. A file is written only when it differs, so Zensical sees only real changes.

    What a regeneration wrote waits (``queue``) until Zensical's build running ends (``flush``):
    Zensical 0.0.73 can miss a file changed while it builds, and a page then stayed stale until
    the next save (seen at 1,000 sources, where its build takes seconds)."""

    def __init__(self, project: Project, folder: Path) -> None:
        self.project, self.folder = project, folder
        self.docs, self.site = folder / "docs", folder / "site"
        self.to_copy: dict[str, None] = {}
        self.to_remove: dict[str, None] = {}
        self.mirror_wanted = False
        self.unconfirmed: list[str] = []
        """Pages the last flush copied, to write again with the next one (see ``flush``)."""

    def mirror(self) -> bool:
        """Make the copy's configuration, docs and overrides the project's, with the banner; True
        when anything changed."""
        import yaml

        config, docs, overrides = zensical_config(self.project.config_file)
        config["extra_javascript"] = [*(config.get("extra_javascript") or []), BANNER_SCRIPT]
        changed = self.put(self.folder / "mkdocs.yml", yaml.safe_dump(config, sort_keys=False, allow_unicode=True).encode("utf-8"))
        changed |= self.put(self.docs / BANNER_SCRIPT, BANNER_JS.encode("utf-8"))
        changed |= self.sync(docs, self.docs, keep={BANNER_SCRIPT})
        if overrides:
            changed |= self.sync(overrides, self.folder / "overrides")
        return changed

    def queue(self, summary: WriteSummary | None = None, pages=()) -> None:
        """Note the pages a regeneration wrote and removed, and hand-written pages saved, as to copy."""
        written, removed = (summary.written, summary.removed) if summary is not None else ([], [])
        for path in [*written, *pages]:
            self.to_remove.pop(path, None)
            self.to_copy[path] = None
        for path in removed:
            self.to_copy.pop(path, None)
            self.to_remove[path] = None

    def waiting(self) -> bool:
        return bool(self.to_copy or self.to_remove or self.mirror_wanted)

    def flush(self) -> bool:
        """Copy what waits into the copy (each page as it is now); True when anything changed.

        The pages the flush before copied are written again with it, once: Zensical 0.0.73 now and
        then misses a file it is told of (a page stayed stale through later builds), and the
        first part of a save (the page open) is always followed by the rest."""
        changed = False
        if self.mirror_wanted:
            self.mirror_wanted = False
            try:
                changed = self.mirror()
            except Exception as error:  # noqa: BLE001 — a broken mkdocs.yml must not stop the preview
                problem = Problem(Position("mkdocs.yml"), f"the preview could not copy it for Zensical: {error}; fix and save again")
                print(problem, file=sys.stderr, flush=True)
        previous, self.unconfirmed = self.unconfirmed, []
        for path in self.to_copy:
            try:
                data = (self.project.docs_dir / path).read_bytes()
            except OSError:  # removed again since: its own file event follows
                continue
            if self.put(self.docs / path, data):
                changed = True
                self.unconfirmed.append(path)
        for path in self.to_remove:
            changed |= self.remove(self.docs / path)
        for path in previous:
            if path not in self.to_copy and (self.docs / path).is_file():
                changed |= self.put(self.docs / path, (self.docs / path).read_bytes(), again=True)
        self.to_copy, self.to_remove = {}, {}
        return changed

    def put(self, path: Path, data: bytes, again: bool = False) -> bool:
        """Write ``path`` whole, if it differs (or ``again``); True when written."""
        if not again and path.is_file() and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        # In place, not renamed over: Zensical's watcher then missed some pages replaced by a
        # renamed file (stale through later builds, at 1,000 sources); Zensical reads a file a
        # moment after it is told of it, when this short write is long done.
        path.write_bytes(data)
        return True

    def remove(self, path: Path) -> bool:
        if not path.is_file():
            return False
        path.unlink()
        folder = path.parent
        while folder != self.folder and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()  # the page was the index.md of a folder of its own
            folder = folder.parent
        return True

    def sync(self, source: Path, target: Path, keep: set[str] = frozenset()) -> bool:
        """Make ``target`` hold the files of ``source``, except those in ``keep`` (paths in it);
        True when anything changed."""
        wanted = {path.relative_to(source).as_posix() for path in source.rglob("*") if path.is_file()}
        changed = False
        for relative in sorted(wanted):
            changed |= self.put(target / relative, (source / relative).read_bytes())
        if target.is_dir():
            for path in sorted(target.rglob("*")):
                relative = path.relative_to(target).as_posix()
                if path.is_file() and relative not in wanted and relative not in keep:
                    changed |= self.remove(path)
        return changed

    def index(self, site_dir: Path) -> list:
        """Pagefind over Zensical's site, its bundle copied in where it differs (see the module's text)."""
        bundle = self.folder / ".search"
        problems = index_site(site_dir, background=True, output=bundle)
        if not problems:
            self.sync(bundle, site_dir / SEARCH_FOLDER)
        return problems


class Zensical:
    """``zensical serve`` in the work folder, its output printed as it comes."""

    def __init__(self, folder: Path, host: str, port: int, on_built) -> None:
        self.on_built = on_built
        self.idle = threading.Event()
        """Set when a build has ended and no change was copied in since."""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "zensical", "serve", "--config-file", "mkdocs.yml", "--dev-addr", f"{host}:{port}"],
            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            text=True, encoding="utf-8", errors="replace",
        )
        self._reader = threading.Thread(target=self._pass_output, daemon=True)
        self._reader.start()

    def _pass_output(self) -> None:
        for line in self.process.stdout:
            line = ANSI_COLOUR.sub("", line.rstrip("\n"))  # it colours its output even when piped
            print(f"zensical: {visible(line)}", flush=True)
            if _BUILT.match(line.strip()):
                self.idle.set()
                self.on_built()

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.running():
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=5)


class ZensicalLive:
    """The preview rendered by ``zensical serve`` on a work copy in ``folder``, served on host:port."""

    building = "Building the preview with Zensical..."

    def __init__(self, project: Project, folder: Path, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.work = WorkCopy(project, folder)
        self.banner = Banner(self.work.site)
        self.indexer = Indexer(index=self.work.index)
        self.zensical: Zensical | None = None
        self.first_build = threading.Event()
        self.copied_at, self.patience = time.monotonic(), FIRST_BUILD_PATIENCE

    def queue(self, summary: WriteSummary | None = None, pages: Iterable[str] = ()) -> None:
        self.work.queue(summary, pages)

    def everything(self) -> None:
        self.work.mirror_wanted = True

    def render(self, first: list[str], should_stop: Callable[[], bool]) -> None:
        """Start Zensical on a copy of the project the first time; then copy what waits into the
        copy, between Zensical's builds (it renders on its own, the page of the save first)."""
        work, zensical = self.work, self.zensical
        if zensical is None:
            work.mirror()
            work.to_copy, work.to_remove = {}, {}
            self.zensical = Zensical(work.folder, self.host, self.port, on_built=self._built)
            return
        # If no build ends after a copy, Zensical missed it: after a while the pages are written
        # again (or what waits goes in anyway).
        idle, waited_long = zensical.idle.is_set(), time.monotonic() - self.copied_at > self.patience
        if (work.waiting() and (idle or waited_long)) or (work.unconfirmed and waited_long and not idle):
            zensical.idle.clear()
            if work.flush():
                self.copied_at, self.patience = time.monotonic(), AFTER_CHANGE_PATIENCE
            else:
                zensical.idle.set()

    def _built(self) -> None:
        self.banner.write()  # Zensical empties its site folder as it starts
        self.indexer.request(self.work.site)
        if not self.first_build.is_set():
            self.first_build.set()
            print(
                f"Preview at http://{self.host}:{self.port}/ (rendered by Zensical; it reloads when you save a file under "
                "content/ or templates/; Ctrl+C stops it)",
                flush=True,
            )

    def ready(self) -> bool:
        return self.zensical is None or self.zensical.idle.is_set() or time.monotonic() - self.copied_at > self.patience

    def waiting(self) -> bool:
        return self.zensical is None or self.work.waiting() or not self.zensical.idle.is_set()

    def up_to_date(self) -> None:
        pass  # Pagefind runs after each of Zensical's builds (``_built``)

    def serve(self) -> tuple[int, str]:
        self.zensical.process.wait()
        return 1, f"error: Zensical stopped (exit {self.zensical.process.returncode}): see its messages above"

    def stop(self) -> None:
        if self.zensical is not None:
            self.zensical.stop()
        self.indexer.close()  # Pagefind writes into the work folder
