"""check verifies each kept copy against its fingerprint; content without captures keeps working."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from dossier.pipeline import Caches, check
from tests.helpers import PROJECT_ROOT, SAVED_PAGES, copy_project

PAGE = (SAVED_PAGES / "reuters-niger-en.html").read_bytes()


@pytest.fixture
def project(tmp_path):
    project = copy_project(tmp_path / "project")
    saved = tmp_path / "page.html"
    saved.write_bytes(PAGE)
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project.root), "new", "source", str(saved), "--id", "niger"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    return project


def check_errors(project) -> tuple[int, list[str]]:
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project.root), "check"], capture_output=True, text=True,
        timeout=60,  # a read that waited on a FIFO would never end
    )
    return result.returncode, [line for line in result.stderr.splitlines() if ": error: " in line]


def test_a_capture_as_retrieved_passes(project):
    assert check_errors(project) == (0, [])


def test_a_changed_capture_is_an_error_at_its_fingerprint_saying_how_to_restore_it(project):
    capture = project.content_dir / "captures" / "niger.html"
    capture.write_bytes(PAGE.replace(b"72 hours", b"48 hours"))
    changed = hashlib.sha256(capture.read_bytes()).hexdigest()
    assert check_errors(project) == (1, [
        f"content/sources/niger.yml:11:9: error: content/captures/niger.html does not match its fingerprint (its SHA-256 is "
        f"now {changed}): the kept copy must stay exactly as retrieved. Restore it (git checkout -- content/captures/niger.html); "
        "if the page was retrieved again on purpose, write the new sha256 and retrieved"
    ])


def test_a_capture_whose_fingerprint_is_not_recorded_is_an_error(project):
    yaml = project.content_dir / "sources" / "niger.yml"
    yaml.write_text("".join(line for line in yaml.read_text().splitlines(True) if not line.startswith("sha256:")))
    digest = hashlib.sha256(PAGE).hexdigest()
    assert check_errors(project) == (1, [
        f"content/sources/niger.yml:1:1: error: content/captures/niger.html is kept for this source but its fingerprint is "
        f"not recorded: add 'sha256: {digest}' if it is the page as retrieved, or delete the capture"
    ])


def test_a_capture_that_is_a_link_is_refused_and_never_read(project):
    capture = project.content_dir / "captures" / "niger.html"
    capture.unlink()
    os.symlink("/etc/passwd", capture)
    assert check_errors(project) == (1, [
        "content/captures/niger.html:1:1: error: is a symbolic link to '/etc/passwd': links are never followed, so that "
        "nothing outside content/ can be published; put the file or folder itself here instead of a link"
    ])


def test_the_live_preview_sees_a_capture_change_between_two_runs(project):
    caches = Caches()
    assert check(project, caches)[0] is not None
    capture = project.content_dir / "captures" / "niger.html"
    capture.write_bytes(PAGE + b"<!-- edited -->")
    resolved, problems = check(project, caches)
    assert resolved is None
    assert [problem.position.path for problem in problems if problem.severity == "error"] == ["content/sources/niger.yml"]


def test_a_capture_over_five_megabytes_is_refused_without_being_hashed(project):
    (project.content_dir / "captures" / "niger.html").write_bytes(PAGE + b" " * 5_000_000)
    assert check_errors(project) == (1, [
        "content/captures/niger.html:1:1: error: the kept copy is 5.0 MB; captures must be under 5 MB: keep the page "
        "itself, without its images or media"
    ])


def test_a_capture_that_is_a_named_pipe_is_refused_without_waiting_on_it(project):
    capture = project.content_dir / "captures" / "niger.html"
    capture.unlink()
    os.mkfifo(capture)
    assert check_errors(project) == (1, [
        "content/captures/niger.html:1:1: error: is a named pipe (FIFO), not a text file: remove it; content/ holds only "
        "folders and text files"
    ])
