"""build.py: every command has help, check is fast and precise, new writes valid skeletons."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

import build
from tests.helpers import PROJECT_ROOT, copy_project, tree_digest

COMMANDS = [["build"], ["check"], ["generate"], ["serve"], ["schema"], ["changes"], ["coverage"], ["drift"], ["new"], ["new", "entity"], ["new", "source"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_explains_itself_with_help(command):
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), *command, "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("usage: build.py")
    assert len(result.stdout.splitlines()) > 4


def test_check_on_the_bundled_content_is_clean_and_answers_in_well_under_a_second(capsys):
    started = time.perf_counter()
    assert build.main(["check"]) == 0
    elapsed = time.perf_counter() - started
    assert capsys.readouterr().out.strip() == "0 error(s), 0 warning(s)"
    print(f"check took {elapsed:.3f} s")


def test_new_entity_writes_a_skeleton_that_passes_check(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    assert build.main(["--project", str(project.root), "new", "entity", "new-militia"]) == 0
    written = (project.content_dir / "entities" / "new-militia.yml").read_text()
    assert written.startswith("# yaml-language-server: $schema=../../schemas/entity.schema.json\nname: \"New Militia\"\n")
    assert build.main(["--project", str(project.root), "check"]) == 0
    assert build.main(["--project", str(project.root), "new", "entity", "new-militia"]) == 2
    assert build.main(["--project", str(project.root), "new", "entity", "Not An Id"]) == 2
    assert "already exists" in capsys.readouterr().err


def test_new_source_imports_the_article_unchanged_beside_a_skeleton(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    article = tmp_path / "download.txt"
    article.write_bytes("Junta “expels” envoy\nBody text.\n".encode())
    assert build.main(["--project", str(project.root), "new", "source", str(article)]) == 0
    folder = project.content_dir / "sources"
    assert (folder / "junta-expels-envoy.txt").read_bytes() == article.read_bytes()
    meta = (folder / "junta-expels-envoy.yml").read_text()
    assert meta.startswith(
        '# yaml-language-server: $schema=../../schemas/source.schema.json\ntitle: "Junta “expels” envoy"\n'
        "language: en              # guessed from the text: check it (a BCP 47 tag: en, fr, ar, ...)\n"
    )
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Language: English (en), guessed from the text. If the article is in another language, change "
        f"'language: en' in {folder / 'junta-expels-envoy.yml'} (a BCP 47 tag: en, fr, ar, ...)."
    )
    assert build.main(["--project", str(project.root), "check"]) == 0
    assert "content/sources/junta-expels-envoy.yml:1:1: warning: source is never cited" in capsys.readouterr().err


@pytest.mark.parametrize("language, text", [
    ("fr", "Mali : l’armée reprend le contrôle de Kidal\nSelon des sources sécuritaires, les soldats maliens seraient entrés dans la ville mardi.\n"),
    ("ar", "مالي: الجيش يستعيد كيدال\nوقالت مصادر أمنية إن الجنود الماليين دخلوا المدينة يوم الثلاثاء بحسب شهود.\n"),
])
def test_new_source_guesses_the_language_of_a_french_or_arabic_text(tmp_path, capsys, language, text):
    project = copy_project(tmp_path / "project")
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    assert build.main(["--project", str(project.root), "new", "source", str(article), "--id", "imported"]) == 0
    annotation = project.content_dir / "sources" / "imported.yml"
    assert annotation.read_text().splitlines()[2].startswith(f"language: {language}  ")
    assert f"change 'language: {language}' in {annotation}" in capsys.readouterr().out


def test_new_entity_takes_the_display_name_and_type_and_check_warns_of_the_placeholder(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    assert build.main(["--project", str(project.root), "new", "entity", "segou", "--name", "Ségou", "--type", "place"]) == 0
    written = (project.content_dir / "entities" / "segou.yml").read_text()
    assert written.splitlines()[1:3] == ['name: "Ségou"', 'type: "place"']
    capsys.readouterr()
    assert build.main(["--project", str(project.root), "check"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "content/entities/segou.yml:5:11: warning: skeleton placeholder text is still here: "
        "replace it with what the sources say before publishing",
        "0 error(s), 1 warning(s)",
    ]


def test_a_refused_entity_id_suggests_its_slug_and_keeps_the_name(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    assert build.main(["--project", str(project.root), "new", "entity", "ségou"]) == 2
    assert capsys.readouterr().err == (
        "error: 'ségou' is not an id: use lowercase letters, digits and hyphens, at most 80 characters "
        "(e.g. 'wagner-group'). Try: make new-entity ID=segou NAME='ségou' (or .venv/bin/python build.py new entity segou --name 'ségou')\n"
    )
    assert build.main(["--project", str(project.root), "new", "entity", "Ségou Region", "--name", "Ségou"]) == 2
    assert capsys.readouterr().err.endswith("Try: make new-entity ID=segou-region NAME='Ségou' (or .venv/bin/python build.py new entity segou-region --name 'Ségou')\n")


ARTICLE_WITH_CLUTTER = """Junta expels envoy
By A. Writer
The junta expelled the envoy on Monday.
Related stories
Another story entirely
"""


def test_new_source_suggests_where_the_body_starts_and_ends_and_the_suggestion_works(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    article = tmp_path / "download.txt"
    article.write_text(ARTICLE_WITH_CLUTTER)
    assert build.main(["--project", str(project.root), "new", "source", str(article)]) == 0
    meta_path = project.content_dir / "sources" / "junta-expels-envoy.yml"
    meta = meta_path.read_text()
    assert meta.endswith(
        "# body:                   # suggested from the text: check both phrases in the .txt, then uncomment\n"
        '#   start_after: "Junta expels envoy"\n'
        '#   end_before: "Related stories"\n'
    )
    meta_path.write_text(meta.replace("# body:", "body:").replace("#   ", "  "))
    assert build.main(["--project", str(project.root), "check"]) == 0
    from dossier.pipeline import check

    resolved, _ = check(project)
    paragraphs = [paragraph.text for paragraph in resolved.content.sources["junta-expels-envoy"].paragraphs]
    assert paragraphs == ["By A. Writer", "The junta expelled the envoy on Monday."]


def test_body_suggestions_on_the_bundled_articles_match_what_editors_chose_where_the_text_shows_it():
    from dossier.tools.scaffold import body_markers

    folder = PROJECT_ROOT / "content" / "sources"
    suggested = {path.stem: body_markers(path.read_text()) for path in sorted(folder.glob("*.txt"))}
    assert suggested == {
        "a-mixed-picture-how-mali-views-the-wagner-group": (
            "A Mixed Picture: How Mali Views the Wagner Group",
            "The views expressed in this Commentary are the author’s, and do not represent those of RUSI or any other institution.",
        ),
        "separatists-clash-with-malian-army-russian-allies-in-north": (
            "Several killed as separatists clash with Malian army, Russian allies in the conflict-hit north",
            "Hashtags",
        ),
        "strategic-realignment-wagner-withdrawal-from-mali": (
            "Strategic Realignment: Wagner’s Withdrawal from Mali and Russia’s Enduring Presence",
            None,
        ),
        "wagner-to-withdraw-from-mali-after-completing-mission": (
            "Wagner to withdraw from Mali after ‘completing mission’",
            "1 thought on “Wagner to withdraw from Mali after ‘completing mission’”",
        ),
    }


def test_the_hint_for_an_article_without_annotation_works_as_printed(tmp_path, capsys, monkeypatch):
    project = copy_project(tmp_path / "project")
    article = project.content_dir / "sources" / "saved-by-hand.txt"
    article.write_text("Junta expels envoy\nThe junta expelled the envoy on Monday.\n")
    assert build.main(["--project", str(project.root), "check"]) == 1
    assert (
        "content/sources/saved-by-hand.txt:1:1: error: article has no annotation file: write saved-by-hand.yml with "
        "make new-source FILE=content/sources/saved-by-hand.txt "
        "(or .venv/bin/python build.py new source content/sources/saved-by-hand.txt)"
    ) in capsys.readouterr().err.splitlines()
    monkeypatch.chdir(project.root)  # where make runs: the project folder
    assert build.main(["--project", str(project.root), "new", "source", "content/sources/saved-by-hand.txt"]) == 0
    assert capsys.readouterr().out.startswith(f"Wrote {project.content_dir / 'sources' / 'saved-by-hand'}.yml: ")
    assert sorted(path.name for path in (project.content_dir / "sources").glob("saved-by-hand.*")) == [
        "saved-by-hand.txt", "saved-by-hand.yml"
    ]
    assert build.main(["--project", str(project.root), "check"]) == 0


# --- what `new` takes goes through check's own rules, before anything is written (issue 16) ----

ID_RULE = "use lowercase letters, digits and hyphens, at most 80 characters (e.g. 'wagner-group')."
TRY = ".venv/bin/python build.py"


def run_new(project: Path, *arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project), "new", *arguments],
        capture_output=True, text=True, timeout=60, cwd=cwd,
    )


def assert_refused_as_usage(result: subprocess.CompletedProcess, message: str) -> None:
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message + "\n")


@pytest.mark.parametrize(
    "entity_id, message",
    [
        ("Bad Id", f"error: 'Bad Id' is not an id: {ID_RULE} Try: make new-entity ID=bad-id NAME='Bad Id' (or {TRY} new entity bad-id --name 'Bad Id')"),
        ("Wagner", f"error: 'Wagner' is not an id: {ID_RULE} Try: make new-entity ID=wagner NAME=Wagner (or {TRY} new entity wagner --name Wagner)"),
        ("a" * 81, f"error: '{'a' * 81}' is not an id: {ID_RULE} Try: make new-entity ID={'a' * 80} NAME={'a' * 81} (or {TRY} new entity {'a' * 80} --name {'a' * 81})"),
        ("../../x/evil", f"error: '../../x/evil' is not an id: {ID_RULE} Try: make new-entity ID=x-evil NAME=../../x/evil (or {TRY} new entity x-evil --name ../../x/evil)"),
        ("index", f"error: the id 'index' is reserved (entities/index.md is the index page): choose another. Try: make new-entity ID=index-entity (or {TRY} new entity index-entity)"),
        ("tags", f"error: the id 'tags' is reserved (the site uses it): choose another. Try: make new-entity ID=tags-entity (or {TRY} new entity tags-entity)"),
        (
            "evil\x1b]52;c;aGk=\x07",
            f"error: 'evil\\e]52;c;aGk=\\x07' is not an id: {ID_RULE} Try: make new-entity ID=evil-52-c-agk NAME='evil\\e]52;c;aGk=\\x07' (or {TRY} new entity evil-52-c-agk --name 'evil\\e]52;c;aGk=\\x07')",
        ),
    ],
    ids=["space", "upper case", "too long", "a path", "index", "reserved", "escape sequence"],
)
def test_new_entity_refuses_every_id_check_refuses_and_writes_nothing(tmp_path, entity_id, message):
    project = copy_project(tmp_path / "project")
    before = tree_digest(tmp_path)
    assert_refused_as_usage(run_new(project.root, "entity", entity_id), message)
    assert tree_digest(tmp_path) == before  # nothing written, inside the project or beside it


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--id", "../../x/evil"], f"error: '../../x/evil' is not an id: {ID_RULE} Try: make new-source FILE=article.txt ID=x-evil (or {TRY} new source article.txt --id x-evil)"),
        (["--id", "Bad Id"], f"error: 'Bad Id' is not an id: {ID_RULE} Try: make new-source FILE=article.txt ID=bad-id (or {TRY} new source article.txt --id bad-id)"),
        (["--id", "index"], f"error: the id 'index' is reserved (sources/index.md is the index page): choose another. Try: make new-source FILE=article.txt ID=index-source (or {TRY} new source article.txt --id index-source)"),
        ([], f"error: the id 'tags' is reserved (the site uses it): choose another. Try: make new-source FILE=article.txt ID=tags-source (or {TRY} new source article.txt --id tags-source)"),
    ],
    ids=["a path", "space", "index", "reserved, from the headline"],
)
def test_new_source_refuses_every_id_check_refuses_and_writes_nothing(tmp_path, arguments, message):
    project = copy_project(tmp_path / "project")
    (tmp_path / "article.txt").write_text("Tags\nThe text of the article.\n")
    before = tree_digest(tmp_path)
    assert_refused_as_usage(run_new(project.root, "source", "article.txt", *arguments, cwd=tmp_path), message)
    assert tree_digest(tmp_path) == before


@pytest.mark.parametrize(
    "name, message",
    [
        ("Ségou\u200b", "error: --name: contains U+200B (zero width space, invisible): delete it (such characters come with text pasted from PDFs and web pages)"),
        ("X\x1b[2JY", "error: --name: the escape \\u001b writes U+001B (a control character, invisible): remove it"),
        ("x" * 501, "error: --name: is 501 characters long; at most 500 are allowed"),
        ("   ", "error: --name: is empty: write the text or remove the key"),
    ],
    ids=["invisible character", "escape sequence", "too long", "blank"],
)
def test_new_entity_refuses_a_name_check_would_refuse_and_writes_nothing(tmp_path, name, message):
    project = copy_project(tmp_path / "project")
    before = tree_digest(tmp_path)
    assert_refused_as_usage(run_new(project.root, "entity", "segou", "--name", name), message)
    assert tree_digest(tmp_path) == before


def test_a_hostile_name_stays_one_quoted_value_and_adds_no_key(tmp_path):
    project = copy_project(tmp_path / "project")
    name = 'X"\nrelations: [{type: fights, target: wagner-group}]\nclaims: >-\n  x'
    result = run_new(project.root, "entity", "segou", "--name", name)
    assert result.returncode == 0, result.stderr
    written = yaml.safe_load((project.content_dir / "entities" / "segou.yml").read_text(encoding="utf-8"))
    assert (written["name"], written["relations"], written["claims"]) == (name, [], [])
    assert list(written) == ["name", "type", "aliases", "summary", "relations", "claims"]


def test_new_source_echoes_a_path_that_is_not_a_file_as_typed(tmp_path):
    project = copy_project(tmp_path / "project")
    assert_refused_as_usage(
        run_new(project.root, "source", "articles//kidal.txt"),  # a Path would print 'articles/kidal.txt'
        "error: articles//kidal.txt is not a file: save the article as a text file and give its path",
    )


def test_new_source_leaves_invisible_characters_out_of_the_title_so_check_passes(tmp_path):
    project = copy_project(tmp_path / "project")
    article = tmp_path / "article.txt"
    article.write_text("Junta ex\u00adpels envoy\nThe junta expelled the envoy.\nComments\u200b\n")
    assert run_new(project.root, "source", str(article)).returncode == 0
    annotation = (project.content_dir / "sources" / "junta-expels-envoy.yml").read_text(encoding="utf-8")
    assert 'title: "Junta expels envoy"\n' in annotation
    assert "suggested from the text" not in annotation  # neither phrase is suggested: each holds one
    assert (project.content_dir / "sources" / "junta-expels-envoy.txt").read_bytes() == article.read_bytes()
    assert build.main(["--project", str(project.root), "check"]) == 0
