"""History pages, the Corrections page and the Atom feeds, from a real git repository through
`build.py build` (real processes): two commits show both, the feeds are valid Atom with ids that
never change, the same commits build the same bytes, and a shallow clone says what it cannot know."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import feedparser

from tests.helpers import PROJECT_ROOT, edit_wagner, git, published_base

WAGNER = "content/entities/wagner-group.yml"


def build(root: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), "build", "--jobs", "1"],
        capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(root), "NO_MKDOCS_2_WARNING": "1",
                                             "SOURCE_DATE_EPOCH": "1735689600"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def two_commits(tmp_path: Path) -> Path:
    """The base fixture published on 1 March 2025, then its claim weakened with a correction on 2 April."""
    root = published_base(tmp_path)
    edit_wagner(root, "    certainty: stated\n", "    certainty: reported\n    correction: Only one report says so.\n")
    git(root, "commit", "-q", "-am", "Weaken the arrival claim", date="2025-04-02T09:30:00Z")
    return root


def test_an_entitys_history_after_two_commits_shows_both_and_the_correction_is_listed(tmp_path):
    root = two_commits(tmp_path)
    first, second = git(root, "log", "--format=%h", "--abbrev=10").split()[::-1]
    result = build(root)
    assert "history unavailable" not in result.stdout

    page = text_of((root / "site/history/wagner-group/index.html").read_text())
    assert f"2 April 2025, commit {second}" in page and f"1 March 2025, commit {first}" in page
    assert page.index(second) < page.index(first)  # newest first
    assert (
        "Certainty changed claim: “Its fighters arrived in Mali in late 2021.”; certainty: stated → reported "
        "Correction: Only one report says so."
    ) in page
    assert "Added claim: “Its fighters arrived in Mali in late 2021.”" in page
    assert "Added relation: “Wagner Group succeeded by Africa Corps”" in page

    entity = (root / "site/entities/wagner-group/index.html").read_text()
    assert '<a href="../../history/wagner-group/">History of its statements</a>' in entity
    assert '<link rel="alternate" type="application/atom+xml" title="Changes: Wagner Group" href="../../feeds/wagner-group.xml">' in entity

    corrections = text_of((root / "site/corrections/index.html").read_text())
    assert (
        f"2 April 2025 , commit {second}: Wagner Group , claim “Its fighters arrived in Mali in late 2021.”, certainty "
        "changed. Reason: Only one report says so. ( in its history )"
    ) in corrections


def test_the_feeds_are_valid_atom_with_ids_that_stay_and_a_withdrawal_is_an_entry_of_its_own(tmp_path):
    root = two_commits(tmp_path)
    build(root)
    site_feed = (root / "site/feeds/index.xml").read_bytes()
    before = feedparser.parse(site_feed)
    assert not before.bozo and before.version == "atom10"
    assert before.feed.title == "Dossier: changes to the evidence"
    assert before.entries[0].title == "Correction: Wagner Group: claim certainty changed"
    assert before.entries[0].updated == "2025-04-02T09:30:00+00:00"
    assert len({entry.id for entry in before.entries}) == len(before.entries)
    entity = feedparser.parse((root / "site/feeds/wagner-group.xml").read_bytes())
    assert not entity.bozo and entity.feed.title == "Dossier: changes to Wagner Group"
    assert entity.entries[0].link == "../history/wagner-group/#" + entity.entries[0].link.split("#")[1]

    build(root)  # the same commits build the same bytes: no date from the clock
    assert (root / "site/feeds/index.xml").read_bytes() == site_feed

    path = root / WAGNER
    path.write_text(
        path.read_text().split("claims:\n")[0]
        + "claims: []\ncorrections:\n  - removed: Its fighters arrived in Mali in late 2021.\n    reason: The source was misread.\n"
    )
    git(root, "commit", "-q", "-am", "Withdraw the arrival claim", date="2025-05-03T10:00:00Z")
    build(root)
    after = feedparser.parse((root / "site/feeds/index.xml").read_bytes())
    assert not after.bozo
    assert after.entries[0].title == "Correction: Wagner Group: claim removed"
    assert "Correction: The source was misread." in after.entries[0].summary
    assert [entry.id for entry in after.entries[1:]] == [entry.id for entry in before.entries]


def test_a_shallow_clone_builds_and_says_its_history_is_unavailable(tmp_path):
    root = two_commits(tmp_path)
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True, capture_output=True)
    result = build(clone)
    unavailable = (
        "history unavailable: the site was built from a shallow clone, which lacks the earlier commits "
        "(fetch them: git fetch --unshallow)"
    )
    assert f"Note: {unavailable}; the history pages, the Corrections page and the feeds say so." in result.stdout
    page = text_of((clone / "site/history/wagner-group/index.html").read_text())
    assert "H" + unavailable[1:] + "." in page
    feed = feedparser.parse((clone / "site/feeds/index.xml").read_bytes())
    assert not feed.bozo and feed.entries == [] and feed.feed.subtitle == unavailable
