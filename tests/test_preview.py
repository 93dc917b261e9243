"""The live preview regenerates on save, survives a content error and recovers when it is fixed."""

from __future__ import annotations

import gzip
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request

from dossier.pagefind_order import SIGNATURE, unpack
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


def fetch_bytes(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return b""


def searchable_text(base: str, url: str) -> str:
    """What the preview's search index holds for the page at ``url`` ('' if not indexed yet)."""
    entry = fetch_bytes(base + "pagefind/pagefind-entry.json")
    if not entry:
        return ""
    meta_hash = json.loads(entry)["languages"]["en"]["hash"]
    meta = fetch_bytes(f"{base}pagefind/pagefind.{meta_hash}.pf_meta")
    if not meta:
        return ""
    pages = unpack(meta)[1]  # MetaIndex: version, pages ([hash, word count]), ...
    for page_hash, _ in pages:
        fragment = fetch_bytes(f"{base}pagefind/fragment/{page_hash}.pf_fragment")
        if fragment:
            found = json.loads(gzip.decompress(fragment).removeprefix(SIGNATURE))
            if found["url"] == url:
                return found["content"]
    return ""


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
        base = f"http://127.0.0.1:{port}/"
        wait_for(lambda: "It said it would stay for good" in searchable_text(base, "/entities/africa-corps/"),
                 "search in the preview to know the edited claim")

        entity.write_text(original.replace("type: military unit", "type: military unit\ntype: again"))
        wait_for(lambda: any("duplicate key 'type'" in line for line in log), "the error to be printed")
        assert server.poll() is None, "the server stopped on a content error"
        wait_for(lambda: "This preview is out of date" in fetch(page), "the error to be shown on the page")
        assert "duplicate key" in fetch(page)
        assert "It said it would stay for good" in fetch(page), "the last good page is still served"

        entity.write_text(original.replace("It said it will remain in Mali.", "Fixed and back."))
        wait_for(lambda: "Fixed and back" in fetch(page), "the fixed file to be shown")
        assert "This preview is out of date" not in fetch(page)
    finally:
        server.terminate()
        server.wait(timeout=10)
    output = "".join(log)
    assert "content/entities/africa-corps.yml:4:1: error: duplicate key 'type' (first written on line 3)" in output
    assert "Traceback" not in output, output
