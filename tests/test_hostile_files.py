"""Hostile files and folders, tried with real processes: links and special files in the project
(its parts themselves, content/, templates/, docs/, overrides/) for every command, `new`
reading or writing through a link, two builds at once, read-only and leftover folders. Each is
refused with its exact message, a non-zero exit and no traceback, and the published site/ stays
byte for byte as it was; or, for builds at once, both succeed and the site is whole.

Links and FIFOs cannot be checked into git, so the tests make them. Read-only folders stop only
an ordinary user: when the tests run as root, the build runs without the capabilities that let
root ignore file permissions.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from dossier.content.load import read_text
from tests.helpers import PROJECT_ROOT, tree_digest

NOBODY = 65534
AS_ROOT = os.geteuid() == 0
PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 24, 1, 2, 3


@pytest.fixture
def project(built_base) -> Path:
    """A built copy of the small valid project, in a folder any user may enter."""
    parent = Path(tempfile.mkdtemp(prefix="dossier-hostile-"))
    parent.chmod(0o755)
    copy = parent / "project"
    shutil.copytree(built_base, copy, symlinks=True)
    yield copy
    for folder, subfolders, _ in os.walk(parent):
        for name in subfolders:
            os.chmod(Path(folder) / name, 0o755)
    shutil.rmtree(parent)


def run(project: Path, *arguments: str, unprivileged: bool = False, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """build.py as its own process, with a time limit: a FIFO opened by mistake would block it."""
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project), *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_drop_root_powers if unprivileged and AS_ROOT else None,
        cwd=cwd,
    )


def _drop_root_powers() -> None:
    """Root without the capabilities that bypass file permissions: it obeys them as any user does."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def assert_refused(result: subprocess.CompletedProcess, message: str) -> None:
    output = result.stderr + result.stdout
    assert result.returncode == 1, output
    assert message in output.splitlines(), output
    assert "Traceback" not in output
    assert "Nothing was published: the previous site/ is unchanged." in output


def edit(project: Path) -> None:
    """A change of content, so that the build must write pages."""
    entity = project / "content" / "entities" / "africa-corps.yml"
    entity.write_text(entity.read_text().replace("It said it will remain in Mali.", "It said it would stay."))


def link_note(outside: str = "content/") -> str:
    return f"links are never followed, so that nothing outside {outside} can be published; put the file or folder itself here instead of a link"


LINK_NOTE = link_note()


def test_an_article_linked_to_git_config_is_refused_and_never_published(project):
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[credential]\n\thelper = store secret-token-1234\n")
    (project / "content" / "sources" / "leak.txt").symlink_to("../../.git/config")
    (project / "content" / "sources" / "leak.yml").write_text("title: Leak\nlanguage: en\n")
    before = tree_digest(project / "site")
    result = run(project)
    assert_refused(result, f"content/sources/leak.txt:1:1: error: is a symbolic link to '../../.git/config': {LINK_NOTE}")
    assert tree_digest(project / "site") == before
    assert not any(b"secret-token" in path.read_bytes() for path in project.joinpath("docs").rglob("*.md"))


def test_an_article_linked_to_a_file_outside_the_project_is_refused(project, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Title\n\nsecret-token-5678\n")
    (project / "content" / "sources" / "outside.txt").symlink_to(secret)
    (project / "content" / "sources" / "outside.yml").write_text("title: Outside\nlanguage: en\n")
    before = tree_digest(project / "site")
    result = run(project)
    assert_refused(result, f"content/sources/outside.txt:1:1: error: is a symbolic link to '{secret}': {LINK_NOTE}")
    assert tree_digest(project / "site") == before


def test_a_linked_folder_and_a_linked_annotation_are_refused(project, tmp_path):
    outside = tmp_path / "more-entities"
    outside.mkdir()
    (outside / "stranger.yml").write_text("name: Stranger\ntype: person\nsummary: From outside.\n")
    (project / "content" / "entities" / "more").symlink_to(outside)
    (project / "content" / "events" / "linked.yml").symlink_to(project / "content" / "events" / "wagner-arrives.yml")
    before = tree_digest(project / "site")
    result = run(project)
    assert_refused(result, f"content/entities/more:1:1: error: is a symbolic link to '{outside}': {LINK_NOTE}")
    assert_refused(
        result,
        f"content/events/linked.yml:1:1: error: is a symbolic link to '{project / 'content/events/wagner-arrives.yml'}': {LINK_NOTE}",
    )
    assert tree_digest(project / "site") == before


def test_a_fifo_is_refused_without_waiting_for_a_writer(project):
    os.mkfifo(project / "content" / "sources" / "pipe.txt")
    (project / "content" / "sources" / "pipe.yml").write_text("title: Pipe\nlanguage: en\n")
    os.mkfifo(project / "content" / "entities" / "pipe.yml")
    before = tree_digest(project / "site")
    result = run(project)  # would hit the time limit if the build opened a FIFO
    note = "not a text file: remove it; content/ holds only folders and text files"
    assert_refused(result, f"content/entities/pipe.yml:1:1: error: is a named pipe (FIFO), {note}")
    assert_refused(result, f"content/sources/pipe.txt:1:1: error: is a named pipe (FIFO), {note}")
    assert tree_digest(project / "site") == before


def test_an_editors_hidden_lock_link_does_not_stop_the_build(project):
    # Emacs marks a file being edited with a dangling link beside it; hidden files are never read.
    (project / "content" / "entities" / ".#africa-corps.yml").symlink_to("editor@host.4242:1700000000")
    result = run(project)
    assert result.returncode == 0, result.stderr
    assert "africa-corps.yml" not in result.stderr


def test_a_yaml_file_at_the_top_of_content_is_ignored_with_a_warning(project):
    (project / "content" / "wagner.yml").write_text("name: Wagner\n")
    result = run(project)
    assert result.returncode == 0, result.stderr
    assert (
        "content/wagner.yml:1:1: warning: ignored: the build reads YAML files only in content/sources/, content/entities/, "
        "content/events/: move it into one of them or delete it"
    ) in result.stderr.splitlines()


def test_utf16_without_byte_order_mark_is_named_as_such(tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes("Title\n\nText of the article.\n".encode("utf-16-le"))
    assert str(read_text(article, "content/sources/article.txt")[1]) == (
        "content/sources/article.txt:1:1: error: file is UTF-16 text, not UTF-8: save it with UTF-8 encoding"
    )


def test_two_builds_at_once_both_succeed_one_after_the_other_and_the_site_is_whole(project):
    edit(project)
    command = [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project)]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outputs = [process.communicate(timeout=180) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    errors = "".join(err for _, err in outputs)
    assert "Traceback" not in errors
    assert "Another build of this project is running (it holds .build.lock): waiting for it to finish..." in errors
    site = project / "site"
    assert (site / "index.html").is_file()
    assert (site / "entities" / "africa-corps" / "index.html").is_file()
    assert "It said it would stay." in (site / "entities" / "africa-corps" / "index.html").read_text()
    assert sorted(path.name for path in project.iterdir() if path.name.startswith("site")) == ["site"]


needs_another_user = pytest.mark.skipif(not AS_ROOT, reason="making a file this user cannot remove needs root")


@pytest.mark.parametrize(
    "folder, message",
    [
        (
            "site/entities",
            "site/entities:1:1: error: folder is read-only, so the new site cannot replace it: make it writable "
            "(chmod -R u+w site) or delete it, then build again",
        ),
        (
            "docs/entities/africa-corps",
            "docs/entities/africa-corps/index.md:1:1: error: cannot be written or removed (Permission denied): the build remakes "
            "docs/entities/, so delete it (rm -rf docs/entities) or make it writable (chmod -R u+w docs/entities), "
            "then build again",
        ),
    ],
)
def test_a_read_only_site_or_generated_folder_is_reported_and_the_site_left_as_it_was(project, folder, message):
    edit(project)
    before = tree_digest(project / "site")
    (project / folder).chmod(0o555)
    assert_refused(run(project, unprivileged=True), message)
    assert tree_digest(project / "site") == before
    assert sorted(path.name for path in project.iterdir() if path.name.startswith("site")) == ["site"]


def test_a_read_only_zensical_site_is_refused_as_the_mkdocs_one_is(project):
    assert run(project, "build", "--renderer", "zensical").returncode == 0
    edit(project)
    before = tree_digest(project / "site.zensical")
    (project / "site.zensical" / "entities").chmod(0o555)
    assert_refused(
        run(project, "build", "--renderer", "zensical", unprivileged=True),
        "site.zensical/entities:1:1: error: folder is read-only, so the new site cannot replace it: make it writable "
        "(chmod -R u+w site.zensical) or delete it, then build again",
    )
    assert tree_digest(project / "site.zensical") == before


@pytest.mark.parametrize("leftover", ["site.previous", "site.building"])
def test_read_only_leftovers_of_an_earlier_build_are_removed_and_do_not_block_the_next(project, leftover):
    shutil.copytree(project / "site", project / leftover)
    (project / leftover / "entities").chmod(0o555)
    (project / leftover).chmod(0o555)
    edit(project)
    result = run(project, unprivileged=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(path.name for path in project.iterdir() if path.name.startswith("site")) == ["site"]
    assert "It said it would stay." in (project / "site" / "entities" / "africa-corps" / "index.html").read_text()


@needs_another_user
@pytest.mark.parametrize("leftover", ["site.previous", "site.building"])
def test_a_leftover_that_cannot_be_removed_is_reported_and_the_site_kept(project, leftover):
    edit(project)
    before = tree_digest(project / "site")
    stuck = project / leftover / "other-user"
    stuck.mkdir(parents=True)
    (stuck / "page.html").write_text("old")
    for path in (stuck, stuck / "page.html"):  # another user's folder: this one may neither change nor chmod it
        os.chown(path, NOBODY, NOBODY)
    result = run(project, unprivileged=True)
    assert_refused(
        result,
        f"{leftover}/other-user/page.html:1:1: error: cannot be written or removed (Permission denied): the build remakes "
        f"{leftover}/, so delete it (rm -rf {leftover}) or make it writable (chmod -R u+w {leftover}), then build again",
    )
    assert tree_digest(project / "site") == before


def _ignore_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # as a shell does for a background job


@pytest.mark.parametrize("started_as", ["from a terminal", "as a background job"])
def test_a_build_stopped_with_ctrl_c_leaves_the_site_as_it_was_and_no_half_built_folder(project, started_as):
    building = project / "site.building"
    # The small project builds in about a second: should a run finish before the signal could be
    # sent while it renders, try again with another edit (the assertions below are unchanged).
    for edit_number in range(3):
        entity = project / "content" / "entities" / "africa-corps.yml"
        entity.write_text(re.sub(r"It said it (will remain in Mali|would stay \(\d\))\.", f"It said it would stay ({edit_number}).", entity.read_text()))
        before = tree_digest(project / "site")
        build = subprocess.Popen(
            [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_ignore_ctrl_c if started_as == "as a background job" else None,
        )
        while not building.exists() and build.poll() is None:
            time.sleep(0.01)
        if build.poll() is None:
            break
        build.communicate()
    else:
        pytest.fail("the build finished three times before it could be interrupted")
    build.send_signal(signal.SIGINT)  # while MkDocs renders
    _, errors = build.communicate(timeout=60)
    assert (build.returncode, errors.splitlines()[-1:], "Traceback" in errors) == (130, ["Interrupted."], False)
    assert tree_digest(project / "site") == before
    assert sorted(path.name for path in project.iterdir() if path.name.startswith("site")) == ["site"]


def test_an_unreadable_hand_written_page_is_reported_and_never_offered_for_deletion(project):
    (project / "docs" / "methodology.md").chmod(0o000)
    edit(project)
    before = tree_digest(project / "site")
    assert_refused(
        run(project, unprivileged=True),
        "docs/methodology.md:1:1: error: Permission denied: check its permissions and that the disk is not full, then build again",
    )
    assert tree_digest(project / "site") == before
    assert not (project / "site.building").exists()


def test_a_page_the_renderer_fails_on_is_named_without_a_traceback(project):
    # Generated pages can no longer make Python-Markdown recurse this deep (test_hostile_text); a
    # page written by hand still can, and so stands for any renderer failure check cannot foresee.
    (project / "docs" / "deep-emphasis.md").write_text("# Deep\n\n" + "*" * 3000 + "word" + "*" * 3000 + "\n")
    before = tree_digest(project / "site")
    assert_refused(
        run(project),
        "docs/deep-emphasis.md:1:1: error: mkdocs failed with RecursionError: maximum recursion depth exceeded while "
        "calling a Python object. If the page is generated from content/ (which passed check), this is a bug in "
        "Dossier: please report it with that content; if the page is written by hand, simplify it",
    )
    assert tree_digest(project / "site") == before
    assert not (project / "site.building").exists()


# --- the project's parts, for every command (issue 16) ----------------------------------------


def secret_file(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret headline\n\nsecret-token-9012\n")
    return secret


def no_secret_in(folder: Path) -> bool:
    """No file in ``folder`` holds the secret; the links a test planted there are not read."""
    files = [path for path in folder.rglob("*") if path.is_file() and path.resolve().is_relative_to(folder.resolve())]
    return not any(b"secret-token" in path.read_bytes() for path in files)


@pytest.mark.parametrize("part", ["content", "templates", "docs", "overrides", "mkdocs.yml"])
def test_a_part_of_the_project_that_is_a_link_is_refused_and_the_site_kept(project, tmp_path, part):
    elsewhere = tmp_path / part
    shutil.move(project / part, elsewhere)  # the same files, now reached through a link
    (project / part).symlink_to(elsewhere)
    before = tree_digest(project / "site")
    assert_refused(run(project), f"{part}:1:1: error: is a symbolic link to '{elsewhere}': {link_note('the project folder')}")
    assert tree_digest(project / "site") == before


COMMANDS_THAT_READ_THE_PROJECT = [
    ["check"], ["build"], ["build", "--renderer", "zensical"], ["generate"], ["coverage"],
    ["changes", "--since", "HEAD"], ["serve", "--port", "8769"], ["new", "entity", "new-militia"],
    ["new", "source", "article.txt"], ["schema"],
]


@pytest.mark.parametrize("command", COMMANDS_THAT_READ_THE_PROJECT, ids=" ".join)
def test_every_command_refuses_a_linked_content_folder_before_reading_it(project, tmp_path, command):
    elsewhere = tmp_path / "content"
    shutil.move(project / "content", elsewhere)
    (project / "content").symlink_to(elsewhere)
    (tmp_path / "article.txt").write_text("Junta expels envoy\nThe junta expelled the envoy.\n")
    before = tree_digest(project), tree_digest(elsewhere)
    result = run(project, *command, cwd=tmp_path)  # serve would run until the time limit
    assert_refused(result, f"content:1:1: error: is a symbolic link to '{elsewhere}': {link_note('the project folder')}")
    assert (tree_digest(project), tree_digest(elsewhere)) == before  # nothing written: site/, docs/, content


def test_links_anywhere_in_templates_docs_and_overrides_are_refused_hidden_ones_too(project, tmp_path):
    secret = secret_file(tmp_path)
    outside = tmp_path / "folder"
    outside.mkdir()
    (outside / "leak.md").write_text("# Leak\n\nsecret-token-9012\n")
    (project / "docs" / ".hidden.md").symlink_to(secret)
    (project / "docs" / "entities" / "leak").symlink_to(outside)  # a generated folder
    (project / "overrides" / "partials" / "leak.html").symlink_to(secret)
    (project / "templates" / "leak.md.j2").symlink_to(secret)
    os.mkfifo(project / "templates" / "pipe.md.j2")
    edit(project)
    before = tree_digest(project / "site")
    result = run(project)  # would hit the time limit if the build opened the FIFO
    for message in [
        f"docs/.hidden.md:1:1: error: is a symbolic link to '{secret}': {link_note('docs/')}",
        f"docs/entities/leak:1:1: error: is a symbolic link to '{outside}': {link_note('docs/')}",
        f"overrides/partials/leak.html:1:1: error: is a symbolic link to '{secret}': {link_note('overrides/')}",
        f"templates/leak.md.j2:1:1: error: is a symbolic link to '{secret}': {link_note('templates/')}",
        "templates/pipe.md.j2:1:1: error: is a named pipe (FIFO), not a text file: remove it; templates/ holds only "
        "folders and text files",
    ]:
        assert_refused(result, message)
    assert "5 error(s), 0 warning(s)" in result.stderr.splitlines()
    assert tree_digest(project / "site") == before
    assert no_secret_in(project / "site") and no_secret_in(project / "docs")


def test_the_check_the_preview_runs_on_each_save_refuses_a_link_too(project, tmp_path):
    from dossier.pipeline import Project, check

    (project / "templates" / "leak.md.j2").symlink_to(secret_file(tmp_path))
    resolved, problems = check(Project(project))
    assert resolved is None
    assert [str(problem) for problem in problems] == [
        f"templates/leak.md.j2:1:1: error: is a symbolic link to '{tmp_path / 'secret.txt'}': {link_note('templates/')}"
    ]


# --- new source reads a file inside the project as check does (issue 16) ----------------------


@pytest.mark.parametrize(
    "link, typed, refused",
    [
        ("content/sources/x.txt", "content/sources/x.txt", "content/sources/x.txt:1:1: error: is a symbolic link to '{secret}': " + LINK_NOTE),
        ("content/sources/more", "content/sources/more/secret.txt", "content/sources/more:1:1: error: is a symbolic link to '{folder}': " + LINK_NOTE),
        ("downloads", "downloads/secret.txt", "downloads:1:1: error: is a symbolic link to '{folder}': " + link_note("the project folder")),
    ],
    ids=["the article", "a folder under content", "a folder elsewhere in the project"],
)
def test_new_source_never_reads_through_a_link_inside_the_project(project, tmp_path, link, typed, refused):
    secret = secret_file(tmp_path)
    (project / link).symlink_to(secret if link.endswith(".txt") else tmp_path)
    before = tree_digest(project)
    result = run(project, "new", "source", typed, cwd=project)
    output = result.stdout + result.stderr
    assert (result.returncode, "Traceback" in output) == (1, False), output
    assert output.splitlines() == [refused.format(secret=secret, folder=tmp_path), "1 error(s), 0 warning(s)"]
    assert tree_digest(project) == before and no_secret_in(project / "content")


def test_new_source_takes_the_editors_own_file_through_their_own_link(project, tmp_path):
    downloads = tmp_path / "home" / "Downloads"  # a folder reached through a link, outside the project
    downloads.parent.mkdir()
    (tmp_path / "data").mkdir()
    downloads.symlink_to(tmp_path / "data")
    (tmp_path / "data" / "article.txt").write_bytes(b"Junta expels envoy\r\nThe junta expelled the envoy.\r\n")
    result = run(project, "new", "source", str(downloads / "article.txt"))
    assert result.returncode == 0, result.stderr
    written = project / "content" / "sources" / "junta-expels-envoy.txt"
    assert (written.is_symlink(), written.read_bytes()) == (False, (tmp_path / "data" / "article.txt").read_bytes())


def test_new_writes_nothing_through_a_link_planted_where_it_would_write(project, tmp_path):
    target = tmp_path / "written-through-the-link.yml"
    (project / "content" / "entities" / "new-militia.yml").symlink_to(target)  # dangling: nothing there yet
    result = run(project, "new", "entity", "new-militia")
    output = result.stdout + result.stderr
    assert (result.returncode, "Traceback" in output, target.exists()) == (1, False, False), output
    assert output.splitlines() == [
        f"content/entities/new-militia.yml:1:1: error: is a symbolic link to '{target}': {LINK_NOTE}",
        "1 error(s), 0 warning(s)",
    ]


# --- mkdocs.yml never points the build outside the project (issue 16) -------------------------


@pytest.mark.parametrize(
    "replace, by, message",
    [
        ("docs_dir: docs", "docs_dir: /etc", "{line}:11: error: docs_dir must be 'docs', the project's own folder: set it back to docs"),
        ("site_dir: site", "site_dir: ../elsewhere", "{line}:11: error: site_dir must be 'site', the project's own folder: set it back to site"),
        ("  custom_dir: overrides", "  custom_dir: /tmp/theme", "{line}:15: error: theme.custom_dir must be 'overrides', the project's own folder: set it back to overrides"),
        ("site_name: Dossier", "INHERIT: ../../base.yml\nsite_name: Dossier", "{line}:1: error: 'INHERIT' is not allowed here: it would read settings from another file; remove it"),
        ("site_name: Dossier", "hooks: [content/run.py]\nsite_name: Dossier", "{line}:1: error: 'hooks' is not allowed here: hooks run code during the build, and Zensical skips them (the site uses none); remove it"),
        ("  - assets/dossier.js", "  - https://cdn.example.com/x.js", "{line}:5: error: extra_javascript lists 'https://cdn.example.com/x.js': the site loads only its own files; name a file under docs/, e.g. assets/dossier.css"),
        ("  - assets/dossier.css", "  - path: ../../secret.css", "{line}:11: error: extra_css lists '../../secret.css': the site loads only its own files; name a file under docs/, e.g. assets/dossier.css"),
    ],
    ids=["docs_dir", "site_dir", "custom_dir", "INHERIT", "hooks", "a script from another host", "a stylesheet outside docs"],
)
def test_mkdocs_yml_never_points_the_build_outside_the_project(project, replace, by, message):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count(f"\n{replace}") == 1
    text = text.replace(f"\n{replace}", f"\n{by}")
    config.write_text(text, encoding="utf-8")
    before = tree_digest(project / "site")
    changed = by.splitlines()[0].strip().lstrip("- ")
    line = next(number for number, line in enumerate(text.splitlines(), 1) if changed in line)
    assert_refused(run(project), "mkdocs.yml:" + message.format(line=line))
    assert tree_digest(project / "site") == before
