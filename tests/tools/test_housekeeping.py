"""`build.py rename source OLD NEW` and `build.py remove source ID`, run as an editor runs them (a real
process) on a copy of the project: what they change, byte for byte, and what they refuse."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT, copy_project
from tests.helpers import run_build_py as run

PAGES = Path(__file__).parent / "pages"
AP = "wagner-to-withdraw-from-mali-after-completing-mission"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def snapshot(project) -> dict[str, bytes]:
    content = project.content_dir
    return {path.relative_to(content).as_posix(): path.read_bytes() for path in sorted(content.rglob("*")) if path.is_file()}


ENTITY_CITING_THE_PAGE = """\
# yaml-language-server: $schema=../../schemas/entity.schema.json
name: "Kidal test"   # a comment that stays
type: place
summary: "A town; see [[rfi-kidal]], the entity, which a source's rename leaves alone."
claims:
  - text: "Fighting went on."
    cite: [{source: rfi-kidal, quote: "affirmant avoir tué « un nombre important » de soldats"}]
  - text: "Fighting went on, again."
    cite:
      - source: "rfi-kidal"      # quoted, with a comment
        quote: "affirmant avoir tué « un nombre important » de soldats"
"""
ENTITY_NAMED_LIKE_THE_SOURCE = """\
# yaml-language-server: $schema=../../schemas/entity.schema.json
name: "RFI Kidal"
type: organization
summary: "An entity whose id is also a source's id."
"""


@pytest.fixture
def imported(project, tmp_path):
    """The project with an RFI page imported as 'rfi-kidal' (a kept copy) and cited in every way YAML writes it."""
    saved = tmp_path / "page.html"
    saved.write_bytes((PAGES / "rfi-kidal-fr.html").read_bytes())
    assert run(project, "new", "source", str(saved), "--id", "rfi-kidal").returncode == 0
    (project.content_dir / "entities" / "kidal-test.yml").write_text(ENTITY_CITING_THE_PAGE)
    (project.content_dir / "entities" / "rfi-kidal.yml").write_text(ENTITY_NAMED_LIKE_THE_SOURCE)
    assert run(project, "check").returncode == 0
    return project


def test_rename_moves_the_three_files_and_rewrites_only_the_id_in_each_citation(imported):
    before = snapshot(imported)
    result = run(imported, "rename", "source", "rfi-kidal", "kidal-war-of-attrition")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "Renamed the source 'rfi-kidal' to 'kidal-war-of-attrition': content/sources/kidal-war-of-attrition.txt, "
        "content/captures/kidal-war-of-attrition.html, content/sources/kidal-war-of-attrition.yml, "
        "and 2 citation(s) in 1 file(s). Run make check.\n"
    )
    after = snapshot(imported)
    renamed = {"sources/rfi-kidal.txt": "sources/kidal-war-of-attrition.txt", "captures/rfi-kidal.html": "captures/kidal-war-of-attrition.html",
               "sources/rfi-kidal.yml": "sources/kidal-war-of-attrition.yml"}
    assert set(after) == {renamed.get(name, name) for name in before}
    assert after["sources/kidal-war-of-attrition.txt"] == before["sources/rfi-kidal.txt"]
    assert after["captures/kidal-war-of-attrition.html"] == before["captures/rfi-kidal.html"]  # its fingerprint still holds
    assert after["sources/kidal-war-of-attrition.yml"] == before["sources/rfi-kidal.yml"].replace(
        b"of content/captures/rfi-kidal.html", b"of content/captures/kidal-war-of-attrition.html"
    )
    assert after["entities/kidal-test.yml"].decode() == ENTITY_CITING_THE_PAGE.replace(
        "{source: rfi-kidal,", "{source: kidal-war-of-attrition,"
    ).replace('source: "rfi-kidal"', 'source: "kidal-war-of-attrition"')  # the [[rfi-kidal]] link names the entity
    assert after["entities/rfi-kidal.yml"] == before["entities/rfi-kidal.yml"]
    unchanged = set(before) - set(renamed) - {"entities/kidal-test.yml"}
    assert all(after[name] == before[name] for name in unchanged)
    check = run(imported, "check")
    assert check.returncode == 0 and (check.stdout + check.stderr).splitlines()[-1].startswith("0 error(s)")


def test_rename_of_a_bundled_source_changes_its_id_and_nothing_else_in_every_file_citing_it(project):
    before = snapshot(project)
    result = run(project, "rename", "source", AP, "ap-wagner-withdraws")
    assert result.returncode == 0, result.stderr
    citing = {name: data.count(AP.encode()) for name, data in before.items() if name.startswith(("entities/", "events/"))}
    citations, files = sum(citing.values()), sum(1 for count in citing.values() if count)
    assert files > 10  # the bundled content cites it widely
    assert result.stdout.endswith(f"and {citations} citation(s) in {files} file(s). Run make check.\n")
    after = snapshot(project)
    assert after == {
        name.replace(AP, "ap-wagner-withdraws"): data.replace(AP.encode(), b"ap-wagner-withdraws") for name, data in before.items()
    }
    assert run(project, "check").returncode == 0


@pytest.mark.parametrize(
    "old, new, code, message",
    [
        (AP, "AP Wagner", 2, "error: 'AP Wagner' is not an id: use lowercase letters, digits and hyphens, at most 80 characters "
         f"(e.g. 'wagner-group'). Try: make rename-source FROM={AP} TO=ap-wagner (or .venv/bin/python build.py rename source {AP} ap-wagner)"),
        (AP, "tags", 2, "error: the id 'tags' is reserved (the site uses it): choose another. "
         f"Try: make rename-source FROM={AP} TO=tags-source (or .venv/bin/python build.py rename source {AP} tags-source)"),
        (AP, "a-mixed-picture-how-mali-views-the-wagner-group", 2,
         "error: {content}/sources/a-mixed-picture-how-mali-views-the-wagner-group.txt already exists: choose another id, or remove that source first"),
        ("no-such-source", "new-id", 2, "error: there is no source 'no-such-source' (content/sources/no-such-source.yml)"),
        ("../entities/mali", "new-id", 2, "error: there is no source '../entities/mali' (content/sources/../entities/mali.yml)"),
    ],
    ids=["not an id", "reserved", "taken", "no such source", "a path"],
)
def test_rename_refuses_and_changes_nothing(project, old, new, code, message):
    before = snapshot(project)
    result = run(project, "rename", "source", old, new)
    assert (result.returncode, result.stdout, result.stderr) == (code, "", message.format(content=project.content_dir) + "\n")
    assert snapshot(project) == before


def test_rename_refuses_content_that_check_refuses(project):
    mali = project.content_dir / "entities" / "mali.yml"
    mali.write_text(mali.read_text().replace("type:", "tyep:", 1))
    before = snapshot(project)
    result = run(project, "rename", "source", AP, "ap-wagner-withdraws")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("content/entities/mali.yml:")
    assert result.stderr.endswith("Nothing was renamed: fix these errors first (make check), then rename again.\n")
    assert snapshot(project) == before


def test_remove_refuses_a_cited_source_listing_each_citation(imported):
    before = snapshot(imported)
    result = run(imported, "remove", "source", "rfi-kidal")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "content/entities/kidal-test.yml:7:21: error: cites the source 'rfi-kidal': cite another source here, or remove this citation\n"
        "content/entities/kidal-test.yml:10:17: error: cites the source 'rfi-kidal': cite another source here, or remove this citation\n"
        "2 error(s), 0 warning(s)\n"
        "Nothing was removed: 'rfi-kidal' is cited 2 time(s), listed above.\n"
    )
    assert snapshot(imported) == before


def test_remove_deletes_an_uncited_source_with_its_kept_copy(imported):
    (imported.content_dir / "entities" / "kidal-test.yml").unlink()
    before = snapshot(imported)
    result = run(imported, "remove", "source", "rfi-kidal")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "Removed the source 'rfi-kidal': content/sources/rfi-kidal.txt, content/captures/rfi-kidal.html, content/sources/rfi-kidal.yml.\n"
    )
    assert snapshot(imported) == {
        name: data for name, data in before.items() if name not in ("sources/rfi-kidal.txt", "captures/rfi-kidal.html", "sources/rfi-kidal.yml")
    }
    assert run(imported, "check").returncode == 0


def test_remove_refuses_while_a_file_cannot_be_read(project):
    (project.content_dir / "entities" / "broken.yml").write_text("name: [unclosed\n")
    before = snapshot(project)
    result = run(project, "remove", "source", AP)
    assert result.returncode == 1
    assert result.stderr.startswith("content/entities/broken.yml:")
    assert result.stderr.endswith(
        "Nothing was removed: while a file cannot be read, what cites the source cannot be known. Fix it first (make check).\n"
    )
    assert snapshot(project) == before


def test_remove_of_no_such_source_is_wrong_usage(project):
    result = run(project, "remove", "source", "../entities/mali")
    assert (result.returncode, result.stderr) == (2, "error: there is no source '../entities/mali' (content/sources/../entities/mali.yml)\n")
    assert (project.content_dir / "entities" / "mali.yml").exists()


@pytest.mark.parametrize(
    "target, variables, command",
    [
        ("rename-source", ["FROM=old-id", "TO=new-id"], '.venv/bin/python build.py rename source "old-id" "new-id"'),
        ("remove-source", ["ID=old-id"], '.venv/bin/python build.py remove source "old-id"'),
    ],
)
def test_the_make_forms_run_the_commands(tmp_path, target, variables, command):
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(PROJECT_ROOT / name, tmp_path / name)
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / ".installed").touch()  # newer than requirements.txt: set up already
    # --no-print-directory: under `make test` (as CI runs it) this make is nested and would say where it is.
    planned = subprocess.run(["make", "--no-print-directory", "-n", target, *variables], cwd=tmp_path, capture_output=True, text=True)
    assert planned.stdout.splitlines()[-1] == command
    usage = subprocess.run(["make", "--silent", target], cwd=tmp_path, capture_output=True, text=True)
    assert usage.returncode == 2
    assert usage.stderr.startswith(f"usage: make {target} ")


def test_rename_keeps_line_ends_a_byte_order_mark_and_permissions(project):
    africa_corps, mali = project.content_dir / "entities" / "africa-corps.yml", project.content_dir / "entities" / "mali.yml"
    africa_corps.write_bytes(africa_corps.read_bytes().replace(b"\n", b"\r\n"))  # saved on Windows
    mali.write_bytes(b"\xef\xbb\xbf" + mali.read_bytes())  # with a byte order mark
    mali.chmod(0o664)
    before = snapshot(project)
    assert run(project, "rename", "source", AP, "ap-wagner-withdraws").returncode == 0
    after = snapshot(project)
    for name in ("entities/africa-corps.yml", "entities/mali.yml"):
        assert after[name] == before[name].replace(AP.encode(), b"ap-wagner-withdraws") != before[name]
    assert mali.stat().st_mode & 0o777 == 0o664
    assert run(project, "check").returncode == 0
