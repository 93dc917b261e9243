"""The benchmark cannot rot: a small synthetic corpus is valid content and measures every column.

The full benchmark (10,000 sources, minutes of MkDocs) is run by hand: see BENCHMARKS.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dossier.pipeline import Project, check

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import make_corpus  # noqa: E402
import run  # noqa: E402


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_synthetic_corpus_passes_check_with_no_error_and_no_warning(tmp_path):
    counts = make_corpus.make_corpus(100, 20, seed=1, out=tmp_path / "content")
    resolved, problems = check(Project(tmp_path))
    assert [str(problem) for problem in problems] == []
    assert len(resolved.content.sources) == 100 and len(resolved.content.entities) == 20
    assert len(resolved.passages) == counts["citations"]
    assert all(resolved.mentions_by_entity.get(entity_id) for entity_id in resolved.content.entities)


def test_the_same_seed_writes_the_same_corpus_and_another_seed_another(tmp_path):
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        make_corpus.make_corpus(30, 12, seed=seed, out=tmp_path / name)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_the_first_entities_are_the_same_whatever_the_corpus_size(tmp_path):
    make_corpus.make_corpus(100, 20, seed=1, out=tmp_path / "small")
    make_corpus.make_corpus(300, 40, seed=1, out=tmp_path / "large")
    compared = f"entities/{run.COMPARED_ENTITY}.yml"
    assert files(tmp_path / "small")[compared] == files(tmp_path / "large")[compared]


def test_articles_name_entities_in_other_typography_than_the_yaml(tmp_path):
    make_corpus.make_corpus(100, 20, seed=1, out=tmp_path / "content")
    articles = "".join(path.read_text(encoding="utf-8") for path in (tmp_path / "content" / "sources").glob("*.txt"))
    words = [len(path.read_text(encoding="utf-8").split()) for path in (tmp_path / "content" / "sources").glob("*.txt")]
    assert "’s " in articles and "\u00a0" in articles and "–" in articles
    assert 600 <= min(words) and max(words) <= 1_700  # 600 to 1,500 words of body, plus the planted quotes


def test_one_run_of_the_benchmark_fills_every_column(tmp_path):
    row = run.measure_corpus(100, 20, seed=1, workdir=tmp_path, runs=1, log=lambda message: None)
    for name, title, _ in run.COLUMNS:
        assert getattr(row, name) > 0, title
    assert row.mkdocs_warnings == 0
    assert row.pages > 120  # 100 sources, 20 entities, indexes and the hand-written pages
    table = run.format_table([row])
    assert table.count("\n") == 2 and "| 100 | 20 |" in table


def test_the_hostile_cases_stay_within_the_size_limits_and_give_the_errors_they_are_meant_to(tmp_path):
    import pathological

    from dossier.content.load import MAX_FILE_BYTES

    expected = {"issue-long-quotes": (3, "quote not found in long-article"), "misspelt-links": (3_000, "Did you mean")}
    for name, (errors, wording) in expected.items():
        pathological.CASES[name](tmp_path / name / "content")
        sizes = [path.stat().st_size for path in (tmp_path / name / "content").rglob("*") if path.is_file()]
        assert max(sizes) < MAX_FILE_BYTES
        _, problems = check(Project(tmp_path / name))
        assert len(problems) == errors and all(wording in problem.message for problem in problems), name
