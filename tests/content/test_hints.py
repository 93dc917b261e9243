"""Messages that show the fix: suggestions for misspelt ids, keys and values; the word diff of a
quote not found; and where file-level problems point."""

from __future__ import annotations

import random
import shutil

from dossier.pipeline import Project, check
from dossier.report import Position, Problem, did_you_mean
from tests.helpers import PROJECT_ROOT

IDS = frozenset(
    ["segou", "wagner-group", "africa-corps", "yevgeny-prigozhin", "mali", "malian-armed-forces", "al-qaeda", "news"]
)


def test_an_id_with_a_part_too_many_or_too_few_suggests_the_id_it_begins_or_ends_with():
    assert did_you_mean("segou-region", IDS) == " Did you mean 'segou'?"
    assert did_you_mean("wagner", IDS) == " Did you mean 'wagner-group'?"
    assert did_you_mean("prigozhin", IDS) == " Did you mean 'yevgeny-prigozhin'?"


def test_accents_case_and_separators_are_ignored():
    assert did_you_mean("ségou", IDS) == " Did you mean 'segou'?"
    assert did_you_mean("Wagner Group", IDS) == " Did you mean 'wagner-group'?"
    assert did_you_mean("armed_group", ["armed group", "armed forces"]) == " Did you mean 'armed group'?"


def test_a_letter_changed_missing_doubled_or_swapped_is_forgiven():
    assert did_you_mean("wagner-grop", IDS) == " Did you mean 'wagner-group'?"
    assert did_you_mean("africa-corp", IDS) == " Did you mean 'africa-corps'?"
    assert did_you_mean("newz", IDS) == " Did you mean 'news'?"
    assert did_you_mean("yevgeny-prigozzhin", IDS) == " Did you mean 'yevgeny-prigozhin'?"
    assert did_you_mean("wagenr-group", IDS) == " Did you mean 'wagner-group'?"
    assert did_you_mean("aliasses", ["aliases", "name", "type"]) == " Did you mean 'aliases'?"


def test_the_nearest_come_first_and_nothing_far_is_suggested():
    assert did_you_mean("mali-armed-forces", IDS) == " Did you mean 'malian-armed-forces' or 'mali'?"
    assert did_you_mean("junta", IDS) == ""
    assert did_you_mean("al", IDS) == ""
    assert did_you_mean("", IDS) == ""


def test_three_thousand_misspelt_ids_among_five_thousand_each_get_their_own_id_back():
    rng = random.Random(1)
    letters = "abcdefghijklmnopqrstuvwxyz"
    ids = sorted({"-".join("".join(rng.choice(letters) for _ in range(6)) for _ in range(2)) for _ in range(5_000)})
    choices = frozenset(ids)
    for wanted in ids[:3_000]:
        at = rng.randrange(len(wanted))
        wrong = wanted[:at] + wanted[at + 1 :] if wanted[at] != "-" else wanted + "x"
        assert f"'{wanted}'" in did_you_mean(wrong, choices), wrong


def test_a_problem_with_a_whole_file_points_at_its_first_line():
    assert str(Problem(Position("content/sources/x.yml"), "source is never cited", "warning")) == (
        "content/sources/x.yml:1:1: warning: source is never cited"
    )
    assert str(Position("content/entities/x.yml", 7, 13)) == "content/entities/x.yml:7:13"


def test_on_the_real_content_misspelt_targets_links_and_event_entities_get_the_real_id(tmp_path):
    shutil.copytree(PROJECT_ROOT / "content", tmp_path / "content")
    (tmp_path / "content" / "entities" / "test-entity.yml").write_text(
        "# yaml-language-server: $schema=../../schemas/entity.schema.json\n"
        "name: Test entity\ntype: place\nsummary: Near [[kidal-region]] and [[timbuctu]], not [[Sikassó]].\n"
        "relations:\n  - type: located-in\n    target: mali-armed-forces\n    cite:\n"
        "      - source: wagner-to-withdraw-from-mali-after-completing-mission\n"
        '        quote: "Insurgents have expanded their reach into the southeast as well."\n',
        encoding="utf-8",
    )
    _, problems = check(Project(tmp_path))
    assert [str(problem) for problem in problems] == [
        "content/entities/test-entity.yml:4:15: error: link [[kidal-region]]: 'kidal-region' is not an entity in "
        "content/entities/. Did you mean 'kidal'?",
        "content/entities/test-entity.yml:4:36: error: link [[timbuctu]]: 'timbuctu' is not an entity in "
        "content/entities/. Did you mean 'timbuktu'?",
        "content/entities/test-entity.yml:4:54: error: link [[Sikassó]]: 'Sikassó' is not an entity in "
        "content/entities/. Did you mean 'sikasso'?",
        "content/entities/test-entity.yml:7:13: error: relation target: 'mali-armed-forces' is not an entity in "
        "content/entities/. Did you mean 'malian-armed-forces' or 'mali'?",
    ]


def test_on_the_real_content_a_misquoted_claim_shows_the_words_that_differ(tmp_path):
    shutil.copytree(PROJECT_ROOT / "content", tmp_path / "content")
    entity = tmp_path / "content" / "entities" / "wagner-group.yml"
    text = entity.read_text(encoding="utf-8")
    entity.write_text(
        text.replace('(PMC), appeared in Mali in December 2021 and is still operating', '(PMC), appeared in Mali in November 2021 and is still\u00a0operating'),
        encoding="utf-8",
    )
    line = text[: text.index('(PMC), appeared in Mali in December 2021 and is still')].count("\n") + 1
    _, problems = check(Project(tmp_path))
    assert [str(problem) for problem in problems] == [
        f"content/entities/wagner-group.yml:{line}:16: error: quote not found in a-mixed-picture-how-mali-views-the-wagner-group: "
        "copy the words exactly from content/sources/a-mixed-picture-how-mali-views-the-wagner-group.txt. "
        "Closest passage, paragraph 3, marking [-your words-] and {+the source's+}: "
        "The Wagner Group, a Russian private military company (PMC), appeared in Mali in [-November-]{+December+} 2021 "
        "and is still operating there as of March 2024"
    ]
