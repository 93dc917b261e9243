"""'Last updated' dates from git: one log over the entities' folder, the build's date as fallback."""

import subprocess

from dossier.publish.history import build_date, entity_dates, latest_dates


def test_each_file_takes_the_date_of_the_newest_commit_that_touched_it():
    log = "\x1f2025-03-02\ncontent/entities/wagner.yml\n\n\x1f2024-01-05\ncontent/entities/wagner.yml\ncontent/entities/mali.yml\n"
    assert latest_dates(log) == {"mali": "2024-01-05", "wagner": "2025-03-02"}


def test_dates_come_from_the_git_history_of_each_entity_file(tmp_path):
    def git(*args, date):
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=tmp_path, env=env, check=True, capture_output=True)

    folder = tmp_path / "content" / "entities"
    folder.mkdir(parents=True)
    git("init", "-q", date="2024-01-01T12:00:00Z")
    (folder / "a.yml").write_text("name: A\n")
    (folder / "b.yml").write_text("name: B\n")
    git("add", ".", date="2024-01-01T12:00:00Z")
    git("commit", "-q", "-m", "first", date="2024-01-01T12:00:00Z")
    (folder / "b.yml").write_text("name: B2\n")
    git("commit", "-q", "-am", "second", date="2024-06-30T12:00:00Z")
    assert entity_dates(tmp_path) == {"a": "2024-01-01", "b": "2024-06-30"}


def test_without_git_there_are_no_dates_and_the_build_date_stands_in(tmp_path, monkeypatch):
    assert entity_dates(tmp_path) == {}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    assert build_date(tmp_path) == "2025-01-01"
