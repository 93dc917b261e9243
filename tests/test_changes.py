"""`build.py changes --since REV`: what a content change does to the evidence, on a real git history."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import build
from tests.conftest import FIXTURES, copy_project

GIT_ENV = {
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_AUTHOR_NAME": "An Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "An Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "PATH": "/usr/bin:/bin",
}


def git(folder: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=folder, env=GIT_ENV, check=True, capture_output=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def base_project_in_git(tmp_path: Path) -> Path:
    """The small base fixture, committed once: the revision a change is compared with."""
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project.content_dir)
    shutil.copytree(FIXTURES / "base" / "content", project.content_dir)
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "Base")
    return project.root


def test_changes_reports_each_statement_relation_source_and_page_a_commit_changes(tmp_path, capsys):
    root = base_project_in_git(tmp_path)
    entities, sources = root / "content" / "entities", root / "content" / "sources"
    wagner = entities / "wagner-group.yml"
    edit(wagner, "text: Its fighters arrived in Mali in late 2021.\n    date: late 2021\n    certainty: stated",
         "text: Its fighters reached Mali in late 2021.\n    date: 2021\n    certainty: reported")
    edit(wagner, """relations:
  - type: succeeded-by
    target: africa-corps
    certainty: claimed
    according_to: "[[africa-corps]]"
    cite:
      - source: base-article
        quote: "said it will remain in Mali"
""", "")
    edit(entities / "africa-corps.yml", 'quote: "The Africa Corps, under the Russian defence ministry, said it will remain in Mali."',
         'quote: "under the Russian defence ministry, said it will remain in Mali"')
    (sources / "second-article.txt").write_text("Second article\nWagner left Mali in 2025.\n", encoding="utf-8")
    (sources / "second-article.yml").write_text('title: "Second article"\nbody:\n  start_after: "Second article"\n')
    edit(wagner, "claims:\n", """claims:
  - text: It left Mali in 2025.
    date: 2025
    cite:
      - source: second-article
        quote: "Wagner left Mali in 2025"
""")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The change under review")
    capsys.readouterr()

    assert build.main(["--project", str(root), "changes", "--since", "HEAD~1"]) == 0
    report = capsys.readouterr().out
    assert report == """\
## What this change does to the evidence

Since `HEAD~1`: 1 statement(s) added, 1 removed, 2 changed; 1 source(s) added, 0 removed; 11 page(s) change.

### Entity `africa-corps`: Africa Corps

- **changed** claim: “It said it will remain in Mali.”
  - citation of `base-article`, quote changed: “The Africa Corps, under the Russian defence ministry, said it will remain in Mali.” → “under the Russian defence ministry, said it will remain in Mali”
- **removed** relation (written on `wagner-group`): “Wagner Group succeeded by Africa Corps”
  - cites `base-article`, “said it will remain in Mali”

### Entity `wagner-group`: Wagner Group

- **added** claim: “It left Mali in 2025.”
  - cites `second-article`, “Wagner left Mali in 2025”
- **removed** relation: “Wagner Group succeeded by Africa Corps”
  - cites `base-article`, “said it will remain in Mali”
- **changed** claim: “Its fighters reached Mali in late 2021.”
  - reworded: “Its fighters arrived in Mali in late 2021.” → “Its fighters reached Mali in late 2021.”
  - certainty: stated → reported
  - date: late 2021 → 2021

### Source `second-article` (new)

- **added**: “Second article”

### Pages whose text changes

- `data/claims.csv`
- `data/entities.json`
- `data/index.md`
- `data/relations.csv`
- `entities/africa-corps/index.md`
- `entities/wagner-group/index.md`
- `graph/index.md`
- `index.md`
- `sources/base-article/index.md`
- `sources/index.md`
- `sources/second-article/index.md` (new)
"""


def test_changes_since_the_same_content_says_nothing_changed_and_a_wrong_revision_is_a_usage_error(tmp_path, capsys):
    root = base_project_in_git(tmp_path)
    assert build.main(["--project", str(root), "changes", "--since", "HEAD"]) == 0
    assert capsys.readouterr().out == "## What this change does to the evidence\n\nNo change to the evidence since `HEAD`.\n"
    assert build.main(["--project", str(root), "changes", "--since", "no-such-branch"]) == 2
    assert capsys.readouterr().err == (
        "error: 'no-such-branch' is not a revision of this git repository (try origin/main or HEAD~1)\n"
    )


def test_text_from_the_content_cannot_become_markup_in_the_summary(tmp_path, capsys):
    root = base_project_in_git(tmp_path)
    edit(root / "content" / "entities" / "wagner-group.yml", "text: Its fighters arrived in Mali in late 2021.",
         "text: 'Its fighters <script>alert(1)</script> arrived [here](javascript:x) in **Mali** in late 2021.'")
    assert build.main(["--project", str(root), "changes", "--since", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert (
        "  - reworded: “Its fighters arrived in Mali in late 2021.” → “Its fighters \\<script\\>alert(1)\\</script\\> "
        "arrived \\[here\\](javascript:x) in \\*\\*Mali\\*\\* in late 2021.”\n"
    ) in out


def test_a_revision_that_fails_todays_check_is_compared_by_its_statements_without_pages(tmp_path, capsys):
    root = base_project_in_git(tmp_path)
    africa_corps = root / "content" / "entities" / "africa-corps.yml"
    right, wrong = "said it will remain in Mali.", "said it will stay in Mali."
    edit(africa_corps, right, wrong)  # a quote the source does not contain: today's check refuses it
    git(root, "commit", "-q", "-am", "A quote that is not in the source")
    edit(africa_corps, wrong, right)
    assert build.main(["--project", str(root), "changes", "--since", "HEAD"]) == 0
    assert capsys.readouterr().out == """\
## What this change does to the evidence

Since `HEAD`: 0 statement(s) added, 0 removed, 1 changed; 0 source(s) added, 0 removed; pages not compared.

### Entity `africa-corps`: Africa Corps

- **changed** claim: “It said it will remain in Mali.”
  - reworded: “It said it will stay in Mali.” → “It said it will remain in Mali.”
  - citation of `base-article`, quote changed: “The Africa Corps, under the Russian defence ministry, said it will stay in Mali.” → “The Africa Corps, under the Russian defence ministry, said it will remain in Mali.”

### Pages whose text changes

Not compared: the content at `HEAD` does not pass today's check (1 error(s)), so its pages cannot be rendered; \
the statements above are compared as far as its files could be read.
"""
