"""The live preview rendered by Zensical (``build.py serve --renderer zensical``): our own
regeneration feeds ``zensical serve`` in a work folder; an edit appears, an error is printed and
shown by the banner without stopping it, its fix appears, search knows the edit, and Ctrl+C or
SIGTERM stops it all and removes the work folder."""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT, edit_break_and_fix, fetch, free_port, preview, wait_for


def test_an_edit_appears_an_error_does_not_stop_it_and_its_fix_appears(built_base, tmp_path):
    with preview(built_base, tmp_path, "--renderer", "zensical") as running:
        page = running.url("entities/africa-corps/")
        assert 'src="../../dossier-preview-problems.js"' in fetch(page), "the banner's script is on every page"
        banner_script = fetch(running.url("dossier-preview-problems.js"))
        assert "code.textContent = line;" in banner_script and "innerHTML" not in banner_script
        edit_break_and_fix(running)
    output = running.output
    assert f"Preview at http://127.0.0.1:{running.port}/ (rendered by Zensical;" in output
    assert "zensical: No issues found" in output.splitlines(), "Zensical's own output is passed through"
    assert "Every page up to date (" in output, "the preview says when Zensical has rendered all a save touched"
    assert "content/entities/africa-corps.yml:4:1: error: duplicate key 'type' (first written on line 3): keep one of them" in output.splitlines()
    assert "Traceback" not in output and "\x1b" not in output, "no traceback, no colour codes"
    assert not (running.root / "docs" / "dossier-preview-problems.js").exists(), "the banner's script is the work copy's only"
    assert not (running.root / "site" / "preview-problems.json").exists(), "the built site is never the preview's"


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_or_sigterm_stops_zensical_too_and_leaves_no_work_folder(built_base, tmp_path, stop):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), "serve", "--port", str(port),
         "--renderer", "zensical"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(server.stdout), daemon=True).start()
    try:
        wait_for(lambda: "It said it will remain in Mali" in fetch(f"http://127.0.0.1:{port}/entities/africa-corps/"),
                 "the first build")
        serving = next(re.match(r"zensical: Serving (\S+)/site on ", line) for line in log if "Serving" in line)
        work = Path(serving[1])
        assert work.name.startswith("dossier-zensical-preview-") and (work / "docs" / "index.md").is_file()
        server.send_signal(stop)
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
    assert not work.exists(), "the work folder is removed"
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "zensical serve stopped with the preview"


def test_search_is_indexed_beside_the_site_and_only_changed_files_are_copied_in(built_base, tmp_path):
    """Zensical reloads every open page when a script in its site changes, and Pagefind writes its
    scripts again on every run: the second run must leave them untouched."""
    from dossier.pipeline import Project
    from dossier.preview.zensical_live import WorkCopy

    work = WorkCopy(Project(built_base), tmp_path)
    shutil.copytree(built_base / "site", work.site, ignore=shutil.ignore_patterns("pagefind"))
    assert work.index(work.site) == []
    script = work.site / "pagefind" / "pagefind.js"
    first = script.stat().st_mtime_ns
    page = work.site / "entities" / "africa-corps" / "index.html"
    page.write_text(page.read_text().replace("It said it will remain in Mali.", "Indexed again."))
    assert work.index(work.site) == []
    assert script.stat().st_mtime_ns == first
    assert sorted(path.name for path in tmp_path.iterdir()) == [".search", "site"]
    fragments = {path.name for path in (work.site / "pagefind" / "fragment").iterdir()}
    assert fragments == {path.name for path in (tmp_path / ".search" / "fragment").iterdir()}, "stale fragments removed"
