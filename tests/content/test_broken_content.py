"""Broken and hostile content: each case is one small file under tests/fixtures/broken/<folder>/,
named after what is wrong with it. Adding it to a valid, already built project must give the
exact message, the exit code, no traceback, and leave the published site/ byte for byte as it was.
Hostile-but-valid cases build, and their payloads reach the pages as inert text.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from tests.content.broken_cases import CASES
from tests.helpers import FIXTURES, PROJECT_ROOT, project_with_case, run_build, tree_digest


def test_the_suite_covers_every_fixture_and_at_least_thirty_cases():
    on_disk = {f"{path.parent.name}/{path.stem}" for path in (FIXTURES / "broken").rglob("*") if path.is_file()}
    assert on_disk == {case.name for case in CASES} | {
        stem if "/" in stem else f"{case.name.split('/')[0]}/{stem}" for case in CASES for stem in case.also
    }
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", [case for case in CASES if case.exit_code], ids=lambda case: case.name)
def test_broken_content_is_reported_exactly_and_the_site_stays_as_it_was(case, built_base, tmp_path, capsys):
    project = project_with_case(built_base, tmp_path, case.name, case.also)
    before = tree_digest(project / "site")
    code, output = run_build(project, capsys)
    assert code == case.exit_code
    assert case.message in output.splitlines()
    assert "Traceback" not in output
    assert "Nothing was published: the previous site/ is unchanged." in output
    assert tree_digest(project / "site") == before


def test_a_file_of_several_megabytes_is_refused_without_reading_it(built_base, tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(built_base, project)
    (project / "content" / "entities" / "huge-file.yml").write_text("name: x\n" + "# padding\n" * 500_000)
    before = tree_digest(project / "site")
    code, output = run_build(project, capsys)
    assert code == 1
    assert (
        "content/entities/huge-file.yml:1:1: error: file is 5.0 MB; content files must be under 1 MB: "
        "split it or remove what does not belong"
    ) in output.splitlines()
    assert tree_digest(project / "site") == before


@pytest.mark.slow  # builds the site, or runs build.py as a process
def test_a_broken_build_exits_non_zero_without_a_traceback_as_a_process(built_base, tmp_path):
    project = project_with_case(built_base, tmp_path, "entities/yaml-alias-bomb")
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/entities/yaml-alias-bomb.yml:2:4: error: YAML anchors (&a) are not allowed" in result.stderr


class _ActiveMarkup(HTMLParser):
    """Collects anything in a page that a browser would run or fetch because of content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "object", "embed") or (tag == "img" and dict(attrs).get("src") == "x"):
            self.found.append(f"<{tag}>")
        # A data block (JSON-LD) is not run; any other script is.
        script_type = (dict(attrs).get("type") or "text/javascript").lower()
        self._in_script = tag == "script" and "json" not in script_type

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")


@pytest.mark.slow  # builds the site, or runs build.py as a process
@pytest.mark.parametrize("case", [case for case in CASES if case.once], ids=lambda case: case.name)
def test_a_repeat_builds_with_a_warning_and_the_page_shows_it_once(case, built_base, tmp_path, capsys):
    project = project_with_case(built_base, tmp_path, case.name, case.also)
    code, output = run_build(project, capsys)
    assert (code, "Traceback" in output) == (0, False)
    assert case.message in output.splitlines()
    for page, html in case.once:
        assert (project / "site" / page).read_text(encoding="utf-8").count(html) == 1, (page, html)


@pytest.mark.slow  # builds the site, or runs build.py as a process
@pytest.mark.parametrize("case", [case for case in CASES if not case.exit_code and "hostile" not in case.name and not case.once], ids=lambda case: case.name)
def test_misplaced_content_builds_with_a_warning_and_is_not_published(case, built_base, tmp_path, capsys):
    project = project_with_case(built_base, tmp_path, case.name, case.also)
    code, output = run_build(project, capsys)
    assert (code, "Traceback" in output) == (0, False)
    assert case.message in output.splitlines()
    assert not any("misplaced" in path.name for path in (project / "site").rglob("*"))


@pytest.mark.slow  # builds the site, or runs build.py as a process
@pytest.mark.parametrize("case", [case for case in CASES if not case.exit_code and "hostile" in case.name], ids=lambda case: case.name)
def test_hostile_content_builds_and_reaches_every_page_as_inert_text(case, built_base, tmp_path, capsys):
    project = project_with_case(built_base, tmp_path, case.name, case.also)
    code, output = run_build(project, capsys)
    assert code == 0, output
    assert case.message == "" or case.message in output.splitlines()
    pages = sorted((project / "site").rglob("*.html"))
    payload_pages = [page for page in pages if "alert(" in page.read_text(encoding="utf-8")]
    assert payload_pages, "the payload should be on some page, as text"
    for page in pages:
        parser = _ActiveMarkup()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], page
