"""Every command the editor's guide and the README show works as written on a fresh clone.

The walkthrough at the top of docs/how-to-edit.md is followed step by step on a copy of the
project made into a git repository (standing for the clone): its article is saved where it says,
its edits are made as it shows them, and each command in its shell blocks is run in order. The
README's commands are run the same way. Only commands that need the network (clone, push) or are
this very test suite or a part of it (make test, make test-quick) are skipped, and the list of
skipped commands is exact.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT, free_port

GUIDE = PROJECT_ROOT / "docs" / "how-to-edit.md"
README = PROJECT_ROOT / "README.md"
WALKTHROUGH_HEADING = "## Your first change, step by step"

SKIPPED = {
    "git clone https://github.com/OWNER/dossier.git && cd dossier": "needs the network; the copy is the clone",
    "git push -u origin add-segou": "needs the network",
    "make test": "is this test suite",
    "make test-quick": "is part of this test suite (the tests marked neither browser nor slow)",
    ".venv/bin/python benchmarks/run.py": "is the scale benchmark: minutes long, run by hand",
    ".venv/bin/python build.py new source https://…": "needs the network (tests/tools/ import from a local server)",
    "make new-source FILE=https://…": "needs the network (tests/tools/ import from a local server)",
    ".venv/bin/python build.py new source <folder> --metadata <folder>/sources.csv": "needs a folder of articles and its CSV (tests/tools/test_batch.py)",
    ".venv/bin/python build.py remove source <id>": "is refused on the bundled content, where every source is cited (tests/tools/test_housekeeping.py)",
    "make remove-source ID=<id>": "is refused on the bundled content, where every source is cited (tests/tools/test_housekeeping.py)",
}
LONG_RUNNING = ("make serve", ".venv/bin/python build.py serve")
SOURCE_ID = "russian-instructors-seen-in-segou"


def walkthrough() -> str:
    guide = GUIDE.read_text(encoding="utf-8")
    start = guide.index(WALKTHROUGH_HEADING)
    end = guide.index("\n## ", start + len(WALKTHROUGH_HEADING))
    return guide[start:end]


def code_blocks(markdown: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", markdown, re.M | re.S)


def commands_in(markdown: str) -> list[str]:
    """Each command line of the Markdown's sh blocks, without its trailing comment."""
    return [
        re.sub(r"\s+#\s.*$", "", line).strip()
        for block in code_blocks(markdown, "sh")
        for line in block.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def readme_table_commands() -> list[str]:
    """Both columns of the README's command table."""
    readme = README.read_text(encoding="utf-8")
    return [
        code
        for row in re.findall(r"^\|(.*)\|$", readme, re.M)
        for cell in row.split("|")[:2]
        for code in re.findall(r"`([^`]+)`", cell)
        if code.startswith(("make ", ".venv/bin/python build.py"))
    ]


def inline_commands(markdown: str) -> list[str]:
    """Commands written inline in prose, such as `make coverage`: each one, once."""
    found = re.findall(r"`((?:make|\.venv/bin/python) [^`]+)`", markdown)
    return sorted({command for command in found if "..." not in command and "<" not in command})


class Clone:
    """A copy of the project's files (tracked, or new and not ignored) as a git repository with an
    origin/main, using our .venv."""

    def __init__(self, root: Path, home: Path):
        self.root = root
        self.home = home
        self.port = free_port()
        self.preview_page = "/"
        """The page the preview must serve; its text must contain ``preview_text``."""
        self.preview_text = "Dossier"
        tracked = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
        ).stdout.split("\0")
        for name in filter(None, tracked):
            if (PROJECT_ROOT / name).is_file():
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(PROJECT_ROOT / name, root / name)  # keeps times: make sees .venv as up to date
        home.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "The project as cloned")
        self.git("update-ref", "refs/remotes/origin/main", "HEAD")
        (root / ".venv").symlink_to(PROJECT_ROOT / ".venv")

    @property
    def env(self) -> dict[str, str]:
        # An editor types these commands in a plain shell: not inside `make test`, whose make
        # variables would make the inner make print "Entering directory" lines.
        outer_make = ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")
        return {
            **{name: value for name, value in os.environ.items() if name not in outer_make},
            "HOME": str(self.home),
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_AUTHOR_NAME": "An Editor",
            "GIT_AUTHOR_EMAIL": "editor@example.org",
            "GIT_COMMITTER_NAME": "An Editor",
            "GIT_COMMITTER_EMAIL": "editor@example.org",
            "PORT": str(self.port),  # `make serve` reads it: parallel test runs must not share port 8000
        }

    def git(self, *arguments: str) -> str:
        return subprocess.run(
            ["git", *arguments], cwd=self.root, env=self.env, capture_output=True, text=True, check=True
        ).stdout

    def run(self, command: str) -> subprocess.CompletedProcess:
        if command.startswith(LONG_RUNNING):
            return self.serve(command)
        result = subprocess.run(
            ["bash", "-c", command], cwd=self.root, env=self.env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, f"{command!r} failed:\n{result.stdout}\n{result.stderr}"
        return result

    def serve(self, command: str) -> subprocess.CompletedProcess:
        """Start the preview, fetch the entity page it serves, then stop it as Ctrl+C would."""
        if command.startswith(".venv/bin/python"):
            command += f" --port {self.port}"
        process = subprocess.Popen(
            ["bash", "-c", command], cwd=self.root, env=self.env, start_new_session=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        try:
            page = None
            for _ in range(240):
                assert process.poll() is None, f"{command!r} stopped:\n{process.stdout.read()}"
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{self.preview_page}", timeout=2) as response:
                        page = response.read().decode()
                        break
                except OSError:
                    time.sleep(0.5)
            assert page and self.preview_text in page, f"{command!r} did not serve {self.preview_page}"
        finally:
            os.killpg(process.pid, signal.SIGINT)
            output, _ = process.communicate(timeout=30)
        return subprocess.CompletedProcess(command, 0, output, "")


@pytest.fixture
def clone(tmp_path) -> Clone:
    return Clone(tmp_path / "dossier", tmp_path / "home")


def test_the_walkthrough_works_as_written_on_a_fresh_clone(clone):
    guide = walkthrough()
    article, = code_blocks(guide, "text")
    suggestion, entity_file = code_blocks(guide, "yaml")
    (clone.home / "segou-article.txt").write_text(article, encoding="utf-8")
    clone.preview_page, clone.preview_text = "/entities/segou/", "Russian instructors arrived at the town"
    commands = commands_in(guide)
    assert [command for command in commands if command in SKIPPED] == [
        "git clone https://github.com/OWNER/dossier.git && cd dossier",
        "git push -u origin add-segou",
    ]
    outputs = {}
    for command in commands:
        if command in SKIPPED:
            continue
        outputs[command] = clone.run(command)
        if command.startswith("make new-source"):
            # Step 4, as the guide says: the suggested body lines are there; uncomment them.
            annotation = clone.root / "content" / "sources" / f"{SOURCE_ID}.yml"
            assert annotation.read_text(encoding="utf-8").endswith(suggestion)
            annotation.write_text(annotation.read_text(encoding="utf-8").replace(suggestion, re.sub(
                r"^# ?", "", suggestion, flags=re.M)), encoding="utf-8")
        if command.startswith("make new-entity"):
            # Step 6: the entity file as the guide shows it.
            (clone.root / "content" / "entities" / "segou.yml").write_text(entity_file, encoding="utf-8")
    assert outputs["make check"].stdout.endswith("0 error(s), 0 warning(s)\n")
    assert "Installed .git/hooks/pre-commit" in outputs["make hooks"].stdout
    committed = clone.git("show", "--stat", "--format=%s", "HEAD")
    assert committed.startswith("Add Ségou, cited from the report of Russian instructors there\n")
    assert f"content/sources/{SOURCE_ID}.txt" in committed and "content/entities/segou.yml" in committed
    # The commit ran the hook: it ran make check, and it refuses content with an error.
    assert "0 error(s), 0 warning(s)" in outputs['git commit -m "Add Ségou, cited from the report of Russian instructors there"'].stderr
    (clone.root / "content" / "entities" / "segou.yml").write_text(entity_file.replace("type: place", "type: town"))
    refused = subprocess.run(["git", "commit", "-qam", "Broken"], cwd=clone.root, env=clone.env, capture_output=True, text=True)
    assert refused.returncode != 0
    assert "content/entities/segou.yml:3:7: error: type: 'town' is not one of" in refused.stderr


def test_every_other_command_in_the_readme_or_the_guide_works_as_written_on_a_fresh_clone(clone):
    """The README's shell block and its command table, and commands written inline in either file."""
    article, = code_blocks(walkthrough(), "text")
    (clone.root / "article.txt").write_text(article, encoding="utf-8")  # the editor's downloaded article
    readme, guide = README.read_text(encoding="utf-8"), GUIDE.read_text(encoding="utf-8")
    commands = sorted(set(commands_in(readme)) | set(inline_commands(readme + guide)) | set(readme_table_commands()))
    assert {"make coverage", "make changes", "make hooks", ".venv/bin/python build.py --help"} <= set(commands)
    assert [command for command in commands if command in SKIPPED] == [
        ".venv/bin/python benchmarks/run.py", ".venv/bin/python build.py new source <folder> --metadata <folder>/sources.csv",
        ".venv/bin/python build.py new source https://…", ".venv/bin/python build.py remove source <id>",
        "make new-source FILE=https://…", "make remove-source ID=<id>", "make test",
        "make test-quick",
    ]
    for command in commands:
        if command in SKIPPED:
            continue
        clone.run(command)
        clone.git("checkout", "-q", "--", "content")
        clone.git("clean", "-fdq", "--", "content")
