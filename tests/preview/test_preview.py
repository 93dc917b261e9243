"""The live preview regenerates on save, survives any error in regeneration (content, template)
with a banner on every page, and recovers when it is fixed."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT, RENDERERS, edit_break_and_fix, fetch, free_port, preview, problems, wait_for


def test_saving_a_yaml_file_regenerates_the_page_and_errors_do_not_stop_the_server(built_base, tmp_path):
    with preview(built_base, tmp_path) as running:
        edit_break_and_fix(running)
    assert f"Preview at http://127.0.0.1:{running.port}/" in running.output
    assert "content/entities/africa-corps.yml:4:1: error: duplicate key 'type' (first written on line 3): keep one of them" in running.output
    assert "Traceback" not in running.output
    assert "dirty" not in running.output


def test_the_pages_a_save_touches_all_follow_and_hand_written_pages_and_the_config_are_watched_too(built_base, tmp_path):
    """The edited dossier first; then the other pages showing the edit (the article it cites, the
    data files); a hand-written page of docs/ on its own; a change to mkdocs.yml rebuilds all."""
    with preview(built_base, tmp_path) as running:
        entity = running.root / "content" / "entities" / "africa-corps.yml"
        entity.write_text(entity.read_text().replace("It said it will remain in Mali.", "It said it would stay for good."))
        for address in ("entities/africa-corps/", "sources/base-article/", "data/claims.csv"):
            wait_for(lambda: "It said it would stay for good" in fetch(running.url(address)), f"the edit on {address}")
        guide = running.root / "docs" / "how-to-edit.md"
        guide.write_text(guide.read_text().replace("# ", "# Freshly edited: ", 1))
        wait_for(lambda: "Freshly edited: " in fetch(running.url("how-to-edit/")), "the hand-written page to be rendered again")
        config = running.root / "mkdocs.yml"
        config.write_text(config.read_text().replace("site_name: Dossier", "site_name: Dossier renamed"))
        wait_for(lambda: "Dossier renamed" in fetch(running.url("sources/base-article/")), "every page to be rebuilt")
    assert "Rendered the whole preview" in running.output
    assert "Traceback" not in running.output


def test_a_broken_template_is_reported_and_the_watcher_keeps_going(built_base, tmp_path):
    with preview(built_base, tmp_path) as running:
        template = running.root / "templates" / "entity.md.j2"
        good_template = template.read_text()
        last_line = good_template.count("\n") + 1

        template.write_text(good_template + "{% if %}\n")
        syntax = f"templates/entity.md.j2:{last_line}:1: error: template syntax error: Expected an expression, got 'end of statement block'"
        wait_for(lambda: problems(running.port) == [syntax], "the template error in the banner")

        template.write_text(good_template + "{{ no_such_name.attribute }}\n")
        undefined = (
            f"templates/entity.md.j2:{last_line}:1: error: 'no_such_name' is undefined: "
            "check the name against what dossier/pages/ passes to this template"
        )
        wait_for(lambda: problems(running.port) == [undefined], "the undefined name in the banner")

        template.write_text(good_template)
        wait_for(lambda: problems(running.port) == [], "the banner to be cleared once the template is fixed")
        entity = running.root / "content" / "entities" / "africa-corps.yml"
        entity.write_text(entity.read_text().replace("It said it will remain in Mali.", "Edited after the fix."))
        wait_for(lambda: "Edited after the fix" in fetch(running.url("entities/africa-corps/")), "the edit to appear")
    assert undefined in running.output.splitlines()
    assert "Traceback" not in running.output


def test_every_page_of_the_preview_carries_the_banner_and_it_shows_text_only(built_base, tmp_path):
    with preview(built_base, tmp_path) as running:
        site = running.root / "site"
        pages = sorted(path.relative_to(site).parent.as_posix() for path in site.rglob("index.html"))
        assert "how-to-edit" in pages and "entities/africa-corps" in pages  # hand-written and generated
        for page in pages:
            html = fetch(running.url("" if page == "." else page + "/"))
            assert '<script id="dossier-preview-problems">' in html, page
            assert "textContent = line" in html and "innerHTML" not in html.split("dossier-preview-problems")[1]
    assert not (site / "preview-problems.json").exists(), "the published site never gets the preview's file"


def test_without_file_events_the_watcher_falls_back_to_polling(built_base, tmp_path, monkeypatch, capsys):
    import watchdog.observers

    from dossier.pipeline import Project
    from dossier.preview.loop import Changes, start_observer, watched_folders

    class NoFileEvents(watchdog.observers.Observer):
        def start(self):
            raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watchdog.observers, "Observer", NoFileEvents)
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    project = Project(root)
    changes = Changes(project)
    observer = start_observer(watched_folders(project), changes, poll_seconds=0.2)
    try:
        time.sleep(1)  # the polling observer's first look at the folders
        entity = root / "content" / "entities" / "africa-corps.yml"
        entity.write_text(entity.read_text().replace("It said it will remain in Mali.", "Seen by polling."))
        wait_for(changes.event.is_set, "the save to be seen")
    finally:
        observer.stop()
    assert changes.take() == (True, set(), False)
    assert "File events unavailable (inotify watch limit reached); watching by polling instead." in capsys.readouterr().err


def test_a_whole_build_waits_for_the_search_index_run_in_progress(built_base, tmp_path):
    """MkDocs' whole build (after a change to mkdocs.yml) empties the site folder, and Pagefind
    removes and writes its pagefind/ there: run together, one of them failed on the other's
    removal, and the preview stayed unbuilt until the next save."""
    from dossier.pipeline import Project
    from dossier.preview.loop import Indexer
    from dossier.preview.mkdocs_live import MkDocsLive

    class Site:
        built_while_indexing: list[bool] = []

        def build(self):
            self.built_while_indexing.append(indexing.is_set())

    indexing, release = threading.Event(), threading.Event()

    def index(site_dir):
        indexing.set()
        release.wait(10)
        indexing.clear()
        return []

    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    (tmp_path / "preview").mkdir()
    live = MkDocsLive(Project(root), tmp_path / "preview", "127.0.0.1", free_port())
    live.site, live.indexer = Site(), Indexer(index=index)
    live.indexer.request(live.site_dir)
    assert indexing.wait(10)
    building = threading.Thread(target=live.render, args=([], lambda: False))
    building.start()
    time.sleep(0.5)
    assert Site.built_while_indexing == [], "the whole build waits"
    release.set()
    building.join(10)
    live.stop()
    assert Site.built_while_indexing == [False]


SLOW_PAGEFIND = """#!/bin/sh
# Stands for `nice` (the preview runs `nice -n 10 python -m pagefind ... --output-path DIR`): its
# output folder appears a second after it started, as Pagefind writes its output at its end.
sleep 1
shift 2
for argument; do [ "$previous" = --output-path ] && mkdir -p "$argument"; previous=$argument; done
exec "$@"
"""


def child_processes(pid: int) -> list[int]:
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir() for child in (task / "children").read_text().split()]


def test_stopping_the_preview_while_search_is_indexed_leaves_no_folder_behind(built_base, tmp_path):
    """The first build ends by starting Pagefind, which wrote the site's pagefind/ again once
    the preview had removed its folder: the preview now waits for it."""
    temporary, tools = tmp_path / "tmp", tmp_path / "bin"
    temporary.mkdir()
    tools.mkdir()
    (tools / "nice").write_text(SLOW_PAGEFIND)
    (tools / "nice").chmod(0o755)
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    server = subprocess.Popen(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), "serve", "--port", str(free_port())],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "TMPDIR": str(temporary), "PATH": f"{tools}:{os.environ['PATH']}"},
    )
    try:
        next(line for line in server.stdout if line.startswith("Preview at "))
        while not child_processes(server.pid):  # Pagefind, started by the first build's end
            time.sleep(0.01)
        server.send_signal(signal.SIGTERM)
        output = server.communicate(timeout=60)[0]
    finally:
        if server.poll() is None:
            server.kill()
    time.sleep(1.5)  # what a Pagefind left running would write, it has written
    assert server.returncode == 0
    assert list(temporary.iterdir()) == []
    assert output.splitlines() == ["Waiting for the search index run to end..."]


def test_what_a_change_asks_for_depends_on_where_it_is(tmp_path):
    """Content and templates are regenerated; a hand-written page of docs/ is rendered again on
    its own; the configuration, the theme's overrides and files added to docs/ rebuild
    everything; the generator's own writes to docs/ are not changes (it names what it wrote)."""
    from types import SimpleNamespace

    from dossier.pipeline import Project
    from dossier.preview.loop import Changes

    project = Project(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "methodology.md").write_text("# How\n")

    def after(event_type: str, path: str) -> tuple[bool, set[str], bool]:
        changes = Changes(project)
        changes.dispatch(SimpleNamespace(event_type=event_type, src_path=str(tmp_path / path), is_directory=False))
        return changes.take()

    assert after("modified", "content/entities/wagner-group.yml") == (True, set(), False)
    assert after("created", "templates/entity.md.j2") == (True, set(), False)
    assert after("modified", "docs/methodology.md") == (False, {"methodology.md"}, False)
    assert after("created", "docs/new-page.md") == (False, set(), True)
    assert after("modified", "mkdocs.yml") == (False, set(), True)
    assert after("modified", "overrides/main.html") == (False, set(), True)
    assert after("modified", "docs/entities/wagner-group/index.md") == (False, set(), False)
    assert after("modified", "docs/index.md") == (False, set(), False)
    assert after("opened", "content/entities/wagner-group.yml") == (False, set(), False)
    assert after("modified", ".build.lock") == (False, set(), False)


def serve_process(project: Path, *options: str) -> subprocess.Popen:
    """``build.py serve`` with these options, its output (stdout and stderr) in one text pipe."""
    return subprocess.Popen(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project), "serve", *options],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("port", ["99999", "-1", "http", ""])
def test_a_port_that_is_not_one_is_refused_by_the_command_line(built_base, renderer, port):
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(built_base), "serve", *RENDERERS[renderer][0], "--port", port],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "usage: build.py serve [-h] [--port PORT] [--renderer {mkdocs,zensical}]",
        f"build.py serve: error: argument --port: expected a port from 1 to 65535, or 0 for any free port, but received: '{port}'",
    ]
    assert result.stdout == ""


@pytest.mark.parametrize("renderer", RENDERERS)
def test_a_port_in_use_is_reported_with_the_commands_that_choose_another(built_base, renderer):
    options, make, command = RENDERERS[renderer]
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(built_base), "serve", *options, "--port", str(port)],
            capture_output=True, text=True, timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: cannot listen on 127.0.0.1:{port} (Address already in use): stop the other preview or server there, "
        f"or choose another port ({make} PORT={port + 1}, or .venv/bin/python build.py {command} --port {port + 1})"
    ]
    assert result.stdout == ""


def test_a_port_taken_while_the_preview_builds_is_reported_the_same_way(built_base, tmp_path):
    """The port is checked before the first build and listened on after it: another program
    can take it in between."""
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    port = free_port()
    server = serve_process(root, "--port", str(port))
    try:
        assert server.stdout.readline() == "Building the preview...\n"
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", port))
            taken.listen()
            output = server.communicate(timeout=60)[0]
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode == 2
    assert output.splitlines()[-1] == (
        f"error: cannot listen on 127.0.0.1:{port} (Address already in use): stop the other preview or server there, "
        f"or choose another port (make serve PORT={port + 1}, or .venv/bin/python build.py serve --port {port + 1})"
    )
    assert "Traceback" not in output


@pytest.mark.parametrize("renderer", RENDERERS)
def test_port_0_serves_on_a_free_port_and_says_which(built_base, tmp_path, renderer):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    server = serve_process(root, *RENDERERS[renderer][0], "--port", "0")
    try:
        said = next(found for line in server.stdout if (found := re.match(r"Preview at http://127\.0\.0\.1:(\d+)/ ", line)))
        port = int(said[1])
        assert port != 0
        wait_for(lambda: "It said it will remain in Mali" in fetch(f"http://127.0.0.1:{port}/entities/africa-corps/"), "the page")
    finally:
        server.terminate()
        server.wait(timeout=30)
