"""The live preview regenerates on save, survives any error in regeneration (content, template)
with a banner on every page, and recovers when it is fixed."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import json
import urllib.request

from tests.conftest import PROJECT_ROOT

TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def test_saving_a_yaml_file_regenerates_the_page_and_errors_do_not_stop_the_server(built_base, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(server.stdout), daemon=True).start()
    page = f"http://127.0.0.1:{port}/entities/africa-corps/"
    entity = root / "content" / "entities" / "africa-corps.yml"
    original = entity.read_text()
    try:
        wait_for(lambda: "It said it will remain in Mali" in fetch(page), "the first build")

        entity.write_text(original.replace("It said it will remain in Mali.", "It said it would stay for good."))
        wait_for(lambda: "It said it would stay for good" in fetch(page), "the edited claim to appear")

        entity.write_text(original.replace("type: military unit", "type: military unit\ntype: again"))
        wait_for(lambda: any("duplicate key 'type'" in line for line in log), "the error to be printed")
        assert server.poll() is None, "the server stopped on a content error"
        wait_for(lambda: problems(port), "the error to be published to the banner")
        assert problems(port)[0] == (
            "content/entities/africa-corps.yml:4:1: error: duplicate key 'type' (first written on line 3): keep one of them"
        )
        assert "It said it would stay for good" in fetch(page), "the last good page is still served"

        entity.write_text(original.replace("It said it will remain in Mali.", "Fixed and back."))
        wait_for(lambda: "Fixed and back" in fetch(page), "the fixed file to be shown")
        wait_for(lambda: problems(port) == [], "the banner to be cleared")
    finally:
        server.terminate()
        server.wait(timeout=10)
    output = "".join(log)
    assert f"Preview at http://127.0.0.1:{port}/" in output
    assert "content/entities/africa-corps.yml:4:1: error: duplicate key 'type' (first written on line 3): keep one of them" in output
    assert "Traceback" not in output
    assert "dirty" not in output


def problems(port: int) -> list[str]:
    """The errors the preview's banner shows, as plain text."""
    text = fetch(f"http://127.0.0.1:{port}/preview-problems.json")
    return json.loads(text) if text else []


def test_a_broken_template_is_reported_and_the_watcher_keeps_going(built_base, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(server.stdout), daemon=True).start()
    page = f"http://127.0.0.1:{port}/entities/africa-corps/"
    template = root / "templates" / "entity.md.j2"
    good_template = template.read_text()
    entity = root / "content" / "entities" / "africa-corps.yml"
    try:
        wait_for(lambda: "It said it will remain in Mali" in fetch(page), "the first build")
        lines = good_template.count("\n")

        template.write_text(good_template + "{% if %}\n")
        wait_for(lambda: problems(port), "the template error in the banner")
        assert problems(port) == [
            f"templates/entity.md.j2:{lines + 1}:1: error: template error: Expected an expression, got 'end of statement block'"
        ]

        template.write_text(good_template + "{{ no_such_name.attribute }}\n")
        wait_for(lambda: "is undefined" in " ".join(problems(port)), "the undefined name in the banner")
        assert problems(port) == [f"templates/entity.md.j2:{lines + 1}:1: error: template error: 'no_such_name' is undefined"]
        assert server.poll() is None

        template.write_text(good_template)
        wait_for(lambda: problems(port) == [], "the banner to be cleared once the template is fixed")
        entity.write_text(entity.read_text().replace("It said it will remain in Mali.", "Edited after the fix."))
        wait_for(lambda: "Edited after the fix" in fetch(page), "the edit to appear")
    finally:
        server.terminate()
        server.wait(timeout=10)
    output = "".join(log)
    assert f"templates/entity.md.j2:{lines + 1}:1: error: template error: 'no_such_name' is undefined" in output
    assert "Traceback" not in output


def test_every_page_of_the_preview_carries_the_banner_and_it_shows_text_only(built_base, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: fetch(f"http://127.0.0.1:{port}/"), "the first build")
        pages = sorted(path.relative_to(root / "site").parent.as_posix() for path in (root / "site").rglob("index.html"))
        assert "how-to-edit" in pages and "entities/africa-corps" in pages  # hand-written and generated
        for page in pages:
            html = fetch(f"http://127.0.0.1:{port}/{'' if page == '.' else page + '/'}")
            assert '<script id="dossier-preview-problems">' in html, page
            assert "textContent = line" in html and "innerHTML" not in html.split("dossier-preview-problems")[1]
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert not (root / "site" / "preview-problems.json").exists(), "the published site never gets the preview's file"


def test_without_file_events_the_watcher_falls_back_to_polling(built_base, tmp_path, monkeypatch, capsys):
    import watchdog.observers

    from dossier.pipeline import Project
    from dossier.serve import watch

    class NoFileEvents(watchdog.observers.Observer):
        def start(self):
            raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watchdog.observers, "Observer", NoFileEvents)
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(Project(root), stop), kwargs={"poll_seconds": 0.2}, daemon=True)
    watcher.start()
    try:
        time.sleep(1)  # the polling observer's first look at the folders
        entity = root / "content" / "entities" / "africa-corps.yml"
        entity.write_text(entity.read_text().replace("It said it will remain in Mali.", "Seen by polling."))
        page = root / "docs" / "entities" / "africa-corps.md"
        wait_for(lambda: "Seen by polling" in page.read_text(), "the page to be regenerated")
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert "File events unavailable (inotify watch limit reached); watching by polling instead." in capsys.readouterr().err
