"""build.py: every command has help, check is fast and precise, new writes valid skeletons."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

import build
from tests.conftest import PROJECT_ROOT, copy_project

COMMANDS = [["build"], ["check"], ["generate"], ["serve"], ["schema"], ["new"], ["new", "entity"], ["new", "source"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_explains_itself_with_help(command):
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), *command, "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("usage: build.py")
    assert len(result.stdout.splitlines()) > 4


def test_check_on_the_bundled_content_is_clean_and_answers_in_well_under_a_second(capsys):
    started = time.perf_counter()
    assert build.main(["check"]) == 0
    elapsed = time.perf_counter() - started
    assert capsys.readouterr().out.strip() == "0 error(s), 0 warning(s)"
    print(f"check took {elapsed:.3f} s")


def test_new_entity_writes_a_skeleton_that_passes_check(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    assert build.main(["--project", str(project.root), "new", "entity", "new-militia"]) == 0
    written = (project.content_dir / "entities" / "new-militia.yml").read_text()
    assert written.startswith("# yaml-language-server: $schema=../../schemas/entity.schema.json\nname: New Militia\n")
    assert build.main(["--project", str(project.root), "check"]) == 0
    assert build.main(["--project", str(project.root), "new", "entity", "new-militia"]) == 2
    assert build.main(["--project", str(project.root), "new", "entity", "Not An Id"]) == 2
    assert "already exists" in capsys.readouterr().err


def test_new_source_imports_the_article_unchanged_beside_a_skeleton(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    article = tmp_path / "download.txt"
    article.write_bytes("Junta “expels” envoy\nBody text.\n".encode())
    assert build.main(["--project", str(project.root), "new", "source", str(article)]) == 0
    folder = project.content_dir / "sources"
    assert (folder / "junta-expels-envoy.txt").read_bytes() == article.read_bytes()
    meta = (folder / "junta-expels-envoy.yml").read_text()
    assert meta.startswith('# yaml-language-server: $schema=../../schemas/source.schema.json\ntitle: "Junta “expels” envoy"\n')
    capsys.readouterr()
    assert build.main(["--project", str(project.root), "check"]) == 0
    assert "content/sources/junta-expels-envoy.yml:1:1: warning: source is never cited" in capsys.readouterr().err
