"""The correction rule, through `build.py check` in a real git repository: a published statement
made weaker, or removed, needs its correction; the exact messages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import FIXTURES, PROJECT_ROOT, copy_project, edit_wagner, git, published_base

WAGNER = "content/entities/wagner-group.yml"


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), "check"], capture_output=True, text=True
    )


def test_a_statement_made_less_certain_needs_a_correction_with_its_reason(tmp_path):
    root = published_base(tmp_path)
    edit_wagner(root, "    certainty: stated\n", "    certainty: reported\n")
    result = check(root)
    assert result.returncode == 1
    assert (
        f"{WAGNER}:18:11: error: this claim is weaker than at HEAD (certainty: stated → reported): "
        "add correction: with the reason, which the Corrections page shows"
    ) in result.stderr.splitlines()
    edit_wagner(root, "    certainty: reported\n", "    certainty: reported\n    correction: Only one report says so.\n")
    assert check(root).returncode == 0
    # Committed: CI checks the commit against the one before it, and finds the correction there.
    git(root, "commit", "-q", "-am", "Weaken the arrival claim")
    assert check(root).returncode == 0


def test_a_further_weakening_needs_a_reason_of_its_own(tmp_path):
    root = published_base(tmp_path)
    edit_wagner(root, "    certainty: stated\n", "    certainty: reported\n    correction: Only one report says so.\n")
    git(root, "commit", "-q", "-am", "Weaken")
    edit_wagner(root, "    certainty: reported\n", "    certainty: disputed\n")
    result = check(root)
    assert result.returncode == 1
    assert (
        f"{WAGNER}:18:11: error: this claim is weaker than at HEAD (certainty: reported → disputed), and its "
        "correction: is the one it had there: write the reason for this change"
    ) in result.stderr.splitlines()


def test_a_removed_statement_is_recorded_under_corrections_with_its_text_and_reason(tmp_path):
    root = published_base(tmp_path)
    path = root / WAGNER
    text = path.read_text()
    path.write_text(text.split("claims:\n")[0] + "claims: []\n")
    result = check(root)
    assert result.returncode == 1
    assert (
        f"{WAGNER}:2:7: error: the claim “Its fighters arrived in Mali in late 2021.” was removed since HEAD: add it "
        'under corrections: as - removed: "Its fighters arrived in Mali in late 2021." with reason: why it was '
        "withdrawn, which the Corrections page shows"
    )
    path.write_text(
        path.read_text()
        + "corrections:\n  - removed: Its fighters arrived in Mali in late 2021.\n    reason: The source was misread.\n"
    )
    assert check(root).returncode == 0, check(root).stderr


def test_without_git_there_is_nothing_published_to_compare_with(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project.content_dir)
    shutil.copytree(FIXTURES / "base" / "content", project.content_dir)
    edit_wagner(project.root, "    certainty: stated\n", "    certainty: disputed\n")
    assert check(project.root).returncode == 0


def test_a_withdrawn_source_makes_a_statement_weaker_and_the_history_says_which():
    # The rule and the history read the same comparison (dossier/content/compare.py).
    import dataclasses

    from dossier.content.corrections import correction_problems
    from dossier.content.history import Commit, commit_changes
    from tests.helpers import claim, cite, content, entity

    two = claim("Arrived in 2021.", cite("article", "Wagner arrived in"), cite("second", "a second report"))
    one = claim("Arrived in 2021.", cite("article", "Wagner arrived in"))
    before = content(entities=[entity("wagner", "Wagner", claims=[two])])
    after = content(entities=[entity("wagner", "Wagner", claims=[one])])
    (problem,) = correction_problems(before, after, "HEAD~1")
    assert problem.message == (
        "this claim is weaker than at HEAD~1 (source 'second' withdrawn): add correction: with the reason, "
        "which the Corrections page shows"
    )
    corrected = content(entities=[entity("wagner", "Wagner", claims=[dataclasses.replace(one, correction="Misread.")])])
    assert correction_problems(before, corrected, "HEAD~1") == []
    (change,) = commit_changes(before, corrected, Commit("a" * 40, "2025-04-02", "2025-04-02T09:30:00+00:00"))
    assert (change.kinds, change.details, change.correction) == (("source withdrawn",), ("source withdrawn: second",), "Misread.")


FIGURE = """figures:
  - measure: When it arrived
    difference: precision
    values:
      - value: late 2021
        cite:
          - source: base-article
            quote: "Wagner's fighters arrived in Mali in late 2021"
      - value: in Mali
        certainty: reported
        according_to: the article
        cite:
          - source: base-article
            quote: "Wagner’s fighters arrived in Mali in late 2021, according to the article."
"""


def test_a_figures_values_put_in_another_order_and_reworded_need_no_correction(tmp_path):
    root = published_base(tmp_path)
    with (root / WAGNER).open("a") as file:
        file.write(FIGURE)
    git(root, "commit", "-q", "-am", "A figure")
    first, second = FIGURE.split("      - value: ")[1:]
    (root / WAGNER).write_text((root / WAGNER).read_text().replace(
        "      - value: " + first + "      - value: " + second.rstrip("\n") + "\n",
        "      - value: " + second.rstrip("\n") + "\n      - value: " + first,
    ))
    edit_wagner(root, "value: late 2021\n", "value: late 2021, when its fighters arrived\n")  # and reworded
    edit_wagner(root, "value: in Mali\n", "value: in Mali, as the article says\n")
    assert "      - value: in Mali" in (root / WAGNER).read_text().split("      - value: late 2021")[0]  # reordered
    result = check(root)
    assert result.returncode == 0, result.stderr


def test_a_link_put_around_words_that_stay_reads_as_links_changed_not_as_the_same_words_twice():
    import dataclasses

    from dossier.content.history import Commit, commit_changes
    from tests.helpers import cite, claim, content, entity

    quoted = cite("article", "Wagner arrived in")
    before = claim("The Malian government began talks.", quoted)
    linked = claim("The [[mali|Malian government]] began talks.", quoted)
    commit = Commit("a" * 40, "2025-04-02", "2025-04-02T09:30:00+00:00")
    (change,) = commit_changes(
        content(entities=[entity("wagner", "Wagner", claims=[before])]), content(entities=[entity("wagner", "Wagner", claims=[linked])]), commit
    )
    assert (change.kinds, change.details) == (("links changed",), ())
    # Words changed as well: the before and after are both shown, as for any rewording.
    reworded = claim("The [[mali|Malian junta]] began talks.", quoted)
    (change,) = commit_changes(
        content(entities=[entity("wagner", "Wagner", claims=[before])]), content(entities=[entity("wagner", "Wagner", claims=[reworded])]), commit
    )
    assert (change.kinds, change.details) == (
        ("reworded",), ("“The Malian government began talks.” → “The [[mali|Malian junta]] began talks.”",)
    )
    # An attribute too (who says so): its words unchanged, a link put around them.
    said = dataclasses.replace(before, attribution=dataclasses.replace(before.attribution, according_to="the RUSI commentary"))
    said_linked = dataclasses.replace(before, attribution=dataclasses.replace(before.attribution, according_to="the [[rusi|RUSI]] commentary"))
    (change,) = commit_changes(
        content(entities=[entity("wagner", "Wagner", claims=[said])]), content(entities=[entity("wagner", "Wagner", claims=[said_linked])]), commit
    )
    assert change.details == ("according to: links changed",)
