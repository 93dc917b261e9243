"""Publishing never loses the site: atomic swaps, write-if-changed pages, repeatable output."""

from __future__ import annotations

import gzip
import json
import re
from html import unescape
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import build
from dossier.pages import GENERATED_FOLDERS
from dossier.pipeline import LOCK_FILE, Project, generate
from tests.helpers import PROJECT_ROOT, copy_project, tree_digest

GENERATED = tuple(f"docs/{folder}" for folder in GENERATED_FOLDERS)


def outputs_digest(root: Path) -> dict[str, str]:
    digest = {}
    for folder in (root / "site", *[root / g for g in GENERATED]):
        digest |= {f"{folder.name}/{k}": v for k, v in tree_digest(folder).items()}
    return digest


def copy_of_built_base(built_base: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    return root


def reword_africa_corps_claim(root: Path, words: str) -> None:
    entity = root / "content" / "entities" / "africa-corps.yml"
    entity.write_text(entity.read_text().replace("It said it will remain in Mali.", words))


def test_two_builds_of_the_same_content_in_different_folders_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")
    first = copy_project(tmp_path / "first")
    second = copy_project(tmp_path / "elsewhere" / "second")
    assert build.main(["--project", str(first.root)]) == 0
    assert build.main(["--project", str(second.root)]) == 0
    shutil.rmtree(second.site_dir)
    assert build.main(["--project", str(second.root)]) == 0
    assert outputs_digest(first.root) == outputs_digest(second.root)


def test_generation_rewrites_only_pages_whose_text_changed_and_removes_stale_ones(built_base, tmp_path):
    root = copy_of_built_base(built_base, tmp_path)
    project = Project(root)
    summary, _ = generate(project)
    assert summary.written == [] and summary.removed == []
    reword_africa_corps_claim(root, "It says it stays in Mali.")
    entity = project.content_dir / "entities" / "africa-corps.yml"
    summary, _ = generate(project)
    assert {"entities/africa-corps/index.md", "sources/base-article/index.md"} <= set(summary.written)
    assert "entities/wagner-group/index.md" not in summary.written and summary.unchanged > 0
    entity.unlink()
    wagner = project.content_dir / "entities" / "wagner-group.yml"
    wagner.write_text(wagner.read_text().replace("[[africa-corps]]", "Africa Corps").split("relations:")[0]
                      + "claims:" + wagner.read_text().split("claims:")[1])
    summary, _ = generate(project)
    assert "entities/africa-corps/index.md" in summary.removed
    assert not (project.docs_dir / "entities" / "africa-corps.md").exists()


def test_a_rebuild_after_an_edit_changes_that_page_and_keeps_the_others_byte_for_byte(built_base, tmp_path, capsys):
    root = copy_of_built_base(built_base, tmp_path)
    before = tree_digest(root / "site")
    reword_africa_corps_claim(root, "It says it stays.")
    assert build.main(["--project", str(root), "build"]) == 0, capsys.readouterr().err
    assert "It says it stays" in (root / "site" / "entities" / "africa-corps" / "index.html").read_text()
    after = tree_digest(root / "site")
    assert after["entities/wagner-group/index.html"] == before["entities/wagner-group/index.html"]
    assert after["entities/africa-corps/index.html"] != before["entities/africa-corps/index.html"]


def test_a_build_that_mkdocs_rejects_leaves_the_previous_site(built_base, tmp_path, capsys):
    root = copy_of_built_base(built_base, tmp_path)
    before = tree_digest(root / "site")
    (root / "docs" / "methodology.md").write_text("# Methodology\n\nSee [the missing page](missing.md).\n")
    assert build.main(["--project", str(root)]) == 1
    output = capsys.readouterr().err
    assert "mkdocs: Doc file 'methodology.md' contains a link 'missing.md', but the target is not found" in output
    assert tree_digest(root / "site") == before
    assert not (root / "site.building").exists()


def test_a_zensical_build_goes_beside_the_mkdocs_site_and_one_it_rejects_leaves_the_previous_one(built_base, tmp_path, capsys):
    root = copy_of_built_base(built_base, tmp_path)
    mkdocs_site = tree_digest(root / "site")
    assert build.main(["--project", str(root), "build", "--renderer", "zensical"]) == 0, capsys.readouterr().err
    assert "Built " + str(root / "site.zensical") in capsys.readouterr().out
    zensical_site = tree_digest(root / "site.zensical")
    assert "entities/wagner-group/index.html" in zensical_site and tree_digest(root / "site") == mkdocs_site
    # Only the site is written beside the project: Zensical's cache stays in its temporary folder.
    hidden = sorted(path.name for path in root.iterdir() if path.name.startswith("."))
    assert hidden == [LOCK_FILE]
    (root / "docs" / "methodology.md").write_text("# Methodology\n\nSee [the missing page](missing.md).\n")
    assert build.main(["--project", str(root), "build", "--renderer", "zensical"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == "docs/methodology.md:3:24: error: zensical: page does not exist"
    assert tree_digest(root / "site.zensical") == zensical_site
    assert not (root / "site.zensical.building").exists()


@pytest.mark.parametrize("kill_after", [0.6, 1.0, 1.4, 1.8])
def test_a_build_killed_half_way_leaves_a_complete_site(built_base, tmp_path, kill_after):
    root = copy_of_built_base(built_base, tmp_path)
    old = tree_digest(root / "site")
    reword_africa_corps_claim(root, "It says it stays.")
    reference = tmp_path / "reference"
    shutil.copytree(root, reference)
    assert build.main(["--project", str(reference)]) == 0
    new = tree_digest(reference / "site")

    process = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root)])
    time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait()
    site = root / "site"
    if not site.exists():  # killed between the two renames: the next build restores it
        assert (root / "site.previous").is_dir()
        assert build.main(["--project", str(root), "check"]) == 0
        assert build.main(["--project", str(root)]) == 0
        assert tree_digest(site) == new
    else:
        assert tree_digest(site) in (old, new)


def indexed_pages(site: Path) -> int:
    """How many pages Pagefind's index in site/pagefind/ covers."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def pages_with_an_article(site: Path) -> int:
    return sum(1 for page in site.rglob("*.html") if "data-pagefind-body" in page.read_text(encoding="utf-8"))


def test_search_indexes_every_page_after_a_build_and_after_a_rebuild(built_base, tmp_path, capsys):
    root = copy_of_built_base(built_base, tmp_path)
    site = root / "site"
    not_for_readers = {"404.html", "coverage/index.html"}  # the coverage page is for editors
    assert indexed_pages(site) == pages_with_an_article(site) == len(list(site.rglob("*.html"))) - len(not_for_readers)
    reword_africa_corps_claim(root, "It says it stays.")
    assert build.main(["--project", str(root), "build"]) == 0, capsys.readouterr().err
    assert indexed_pages(site) == pages_with_an_article(site)
    assert "It says it stays." in indexed_text(site, "/entities/africa-corps/")
    assert "It says it stays." not in indexed_text(site, "/entities/wagner-group/")


def indexed_text(site: Path, url: str) -> str:
    """The text Pagefind's index holds for the page at ``url`` (its fragment file)."""
    for path in (site / "pagefind" / "fragment").iterdir():
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        if fragment["url"] == url:
            return fragment["content"]
    raise AssertionError(f"{url} is not in the search index")


def _first_words_not_in(text: str, elsewhere: str, length: int = 10) -> str | None:
    """The first run of ``length`` words of ``text`` that the rest of the page does not hold."""
    words = text.split()
    runs = (" ".join(words[start : start + length]) for start in range(max(1, len(words) - length + 1)))
    return next((run for run in runs if run not in elsewhere), None)


def test_search_indexes_a_sources_title_and_lead_but_not_the_rest_of_its_text(site):
    page = "sources/a-mixed-picture-how-mali-views-the-wagner-group"
    html = (site / page / "index.html").read_text(encoding="utf-8")
    body = html.split('<div class="source-body">', 1)[1].split("</div>", 1)[0]
    html = html.replace(body, "")
    body = re.sub(r'<a class="paragraph-number"[^>]*>\d+</a>', "", body)
    # What else the page has indexed, e.g. the passages quoted under "Cited by" (not the rest of
    # their sentences, which search leaves out).
    elsewhere = plain_words(re.sub(r'<span class="quote-context">.*?</span>', " ", html, flags=re.S))
    paragraphs = {int(n): plain_words(text) for n, text in re.findall(r'<p id="p(\d+)"[^>]*>(.*?)</p>', body, re.S)}
    indexed = " ".join(indexed_text(site, f"/{page}/").split())
    assert "A Mixed Picture" in indexed and all(paragraphs[n][:80] in indexed for n in (1, 2, 3))
    only_in_body = [words for n, text in paragraphs.items() if n > 3 for words in [_first_words_not_in(text, elsewhere)] if words]
    assert len(only_in_body) > 5 and not any(words in indexed for words in only_in_body)


def plain_words(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
