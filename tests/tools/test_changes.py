"""`build.py changes --since REV`: what a content change does to the evidence, on a real git history."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import build
from dossier.tools.changes import _refused_entry
from tests.helpers import FIXTURES, PROJECT_ROOT, copy_project

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
        quote: "The Africa Corps, under the Russian defence ministry, said it will remain in Mali."
        context: "Wagner’s fighters arrived in Mali"
""", "")
    edit(entities / "africa-corps.yml", 'quote: "The Africa Corps, under the Russian defence ministry, said it will remain in Mali."',
         'quote: "under the Russian defence ministry, said it will remain in Mali"')
    (sources / "second-article.txt").write_text("Second article\nWagner left Mali in 2025.\n", encoding="utf-8")
    (sources / "second-article.yml").write_text('title: "Second article"\nlanguage: en\nbody:\n  start_after: "Second article"\n')
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
  - cites `base-article`, “The Africa Corps, under the Russian defence ministry, said it will remain in Mali.”

### Entity `wagner-group`: Wagner Group

- **added** claim: “It left Mali in 2025.”
  - cites `second-article`, “Wagner left Mali in 2025”
- **removed** relation: “Wagner Group succeeded by Africa Corps”
  - cites `base-article`, “The Africa Corps, under the Russian defence ministry, said it will remain in Mali.”
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
        "arrived `[here](javascript:x)` in \\*\\*Mali\\*\\* in late 2021.”\n"
    ) in out


# Each word as the claim says it, and as the summary shows it: GitHub would link, mention, reference,
# strike or draw it, so it is escaped, or shown as code where GitHub acts after escapes are gone.
GITHUB_WORDS = [
    ("https://evil.example/x", "`https://evil.example/x`"),
    ("HTTP://EVIL.EXAMPLE", "`HTTP://EVIL.EXAMPLE`"),
    ("(www.evil.example).", "`(www.evil.example).`"),
    ("mailto:someone@evil.example", "`mailto:someone@evil.example`"),
    ("someone@evil.example", "`someone@evil.example`"),
    ("@octocat", "`@octocat`"),
    ("@evil-org/everyone,", "`@evil-org/everyone,`"),
    ("#123", "`#123`"),
    ("GH-7", "`GH-7`"),
    ("evil/repo#9", "`evil/repo#9`"),
    (":tada:", "`:tada:`"),
    ("~~struck~~", "\\~\\~struck\\~\\~"),
    ("~one~", "\\~one\\~"),
    ("$x^2$", "\\$x^2\\$"),
    ("`https://in.backticks`", "`` `https://in.backticks` ``"),
    ("a``b@c", "```a``b@c```"),
    ("plain", "plain"),
    ("10:30", "10:30"),
]


def test_words_github_would_turn_into_links_mentions_or_references_stay_text_in_the_summary(tmp_path, capsys):
    root = base_project_in_git(tmp_path)
    written = " ".join(word for word, _ in GITHUB_WORDS)
    edit(root / "content" / "entities" / "wagner-group.yml", "text: Its fighters arrived in Mali in late 2021.",
         "text: '" + written + "'")
    assert build.main(["--project", str(root), "changes", "--since", "HEAD"]) == 0
    lines = capsys.readouterr().out.splitlines()
    shown = " ".join(shown for _, shown in GITHUB_WORDS)
    assert f"  - reworded: “Its fighters arrived in Mali in late 2021.” → “{shown}”" in lines
    assert f"- **changed** claim: “{shown}”" in lines


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


def link_note(outside: str = "content/") -> str:
    return f"links are never followed, so that nothing outside {outside} can be published; put the file or folder itself here instead of a link"


LINK_NOTE = link_note()


def run_changes(root: Path, revision: str) -> subprocess.CompletedProcess:
    """`build.py changes` as its own process, as the pull-request workflow runs it."""
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), "changes", "--since", revision],
        capture_output=True, text=True, env={**GIT_ENV, "PYTHONPATH": ""}, timeout=120,
    )


def test_links_in_a_revisions_content_or_templates_are_refused_where_they_are(tmp_path):
    root = base_project_in_git(tmp_path)
    (root / "content" / "entities" / "passwd.yml").symlink_to("/etc/passwd")  # tarfile: AbsoluteLinkError
    (root / "content" / "sources" / "up").symlink_to("../../..")  # tarfile: LinkOutsideDestinationError
    (root / "templates" / "entity.md.j2").unlink()
    (root / "templates" / "entity.md.j2").symlink_to("/etc/hostname")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Links, as check refuses them today")
    git(root, "rm", "-q", "content/entities/passwd.yml", "content/sources/up", "templates/entity.md.j2")
    git(root, "checkout", "-q", "HEAD~1", "--", "templates/entity.md.j2")
    result = run_changes(root, "HEAD")
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr == (
        f"HEAD:content/entities/passwd.yml:1:1: error: is a symbolic link to '/etc/passwd': {LINK_NOTE}\n"
        f"HEAD:content/sources/up:1:1: error: is a symbolic link to '../../..': {LINK_NOTE}\n"
        f"HEAD:templates/entity.md.j2:1:1: error: is a symbolic link to '/etc/hostname': {link_note('templates/')}\n"
        "3 error(s), 0 warning(s)\n"
        "error: the content at HEAD holds links or special files, which check refuses and changes never reads: "
        "compare with a revision that has the files themselves in their place\n"
    )


def test_a_revision_whose_content_folder_is_a_link_is_refused(tmp_path):
    root = base_project_in_git(tmp_path)
    git(root, "mv", "content", "elsewhere")
    (root / "content").symlink_to("elsewhere")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "content/ as a link")
    (root / "content").unlink()  # the change under review puts the folder itself back
    (root / "elsewhere").rename(root / "content")
    result = run_changes(root, "HEAD")
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr == (
        f"HEAD:content:1:1: error: is a symbolic link to 'elsewhere': {link_note('the project folder')}\n"
        "1 error(s), 0 warning(s)\n"
        "error: the content at HEAD holds links or special files, which check refuses and changes never reads: "
        "compare with a revision that has the files themselves in their place\n"
    )


def test_what_git_cannot_hold_but_an_archive_could_is_refused_before_extraction(tmp_path):
    # git stores only files, folders, links and submodules (an empty folder in an archive); the
    # rest is refused all the same, so that nothing but files and folders inside the folder is written.
    def entry(name: str, kind: bytes, link: str = "") -> tarfile.TarInfo:
        member = tarfile.TarInfo(name)
        member.type, member.linkname = kind, link
        return member

    refused = [
        str(_refused_entry(member, "HEAD~1", tmp_path))
        for member in (
            entry("content/pipe", tarfile.FIFOTYPE),
            entry("content/hard.yml", tarfile.LNKTYPE, "content/entities/wagner-group.yml"),
            entry("content/../../escape.yml", tarfile.REGTYPE),
        )
    ]
    assert refused == [
        "HEAD~1:content/pipe:1:1: error: is a special file, not a text file: remove it; content/ holds only folders and text files",
        "HEAD~1:content/hard.yml:1:1: error: is a special file, not a text file: remove it; content/ holds only folders and text files",
        f"HEAD~1:content/../../escape.yml:1:1: error: cannot be read safely ('content/../../escape.yml' would be extracted to "
        f"'{tmp_path.parent / 'escape.yml'}', which is outside the destination): compare with another revision",
    ]
    assert _refused_entry(entry("content/entities/fine.yml", tarfile.REGTYPE), "HEAD~1", tmp_path) is None


def test_a_changed_translation_and_its_translator_are_reported(tmp_path):
    """A translation is what most readers of a quote read: a new wording, or a person's translation
    in place of a machine's, is a change to the evidence a reviewer should see."""
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project.content_dir)
    shutil.copytree(FIXTURES / "languages" / "content", project.content_dir)
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "Base")
    tinzaouatene = project.content_dir / "entities" / "tinzaouatene.yml"
    edit(tinzaouatene, '        translation: "lost dozens of men in Tinzaouatene"\n'
                       '        translated_by: {machine: DeepL, version: "2026-11"}\n', "")
    edit(project.content_dir / "entities" / "mali.yml",
         'translation: "Since the 2020 coup, Colonel Assimi Goïta’s junta has turned to Russia"\n'
         '        translated_by: {machine: DeepL, version: "2026-11"}',
         'translation: "Since the 2020 coup, the junta of Colonel Assimi Goïta has turned towards Russia"\n'
         '        translated_by: {person: Awa Traoré}')
    result = run_changes(project.root, "HEAD")
    assert result.returncode == 0, result.stderr
    # A translation removed (check now warns about it; changes reports what the content does).
    assert """\
- **changed** claim: “The army and the Wagner Group lost dozens of men there.”
  - citation of `fr-lourdes-pertes-wagner`, translated by changed: “Machine translation: DeepL 2026-11” → (none)
  - citation of `fr-lourdes-pertes-wagner`, translation changed: “lost dozens of men in Tinzaouatene” → (none)
""" in result.stdout
    assert """\
### Entity `mali`: Mali

- **changed** claim: “Its junta turned to Russia after the 2020 coup.”
  - citation of `fr-embuscade-tinzaouatene`, translated by changed: “Machine translation: DeepL 2026-11” → “Translation by Awa Traoré”
  - citation of `fr-embuscade-tinzaouatene`, translation changed: “Since the 2020 coup, Colonel Assimi Goïta’s junta has turned to Russia” → “Since the 2020 coup, the junta of Colonel Assimi Goïta has turned towards Russia”
""" in result.stdout
    # The notes on the entities' pages, and "Cited by" on the sources'.
    assert result.stdout.split("### Pages whose text changes")[1] == (
        "\n\n- `entities/mali/index.md`\n- `entities/tinzaouatene/index.md`\n"
        "- `sources/fr-embuscade-tinzaouatene/index.md`\n- `sources/fr-lourdes-pertes-wagner/index.md`\n"
    )
