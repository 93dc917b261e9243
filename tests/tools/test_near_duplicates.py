"""`new source` warns, without refusing, when the new article is nearly the text of a source already
there: one AFP dispatch republished by two outlets (another headline, other clutter around it, a few
words edited), as a .txt and as a saved page. An article on the same events is no such copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.text.resemblance import NEARLY_THE_SAME, Probe, passages, share
from tests.helpers import copy_project
from tests.helpers import run_build_py as run

ARTICLES = Path(__file__).parent / "articles"
OUTLET_A = ARTICLES / "afp-mopti-on-outlet-a.txt"
OUTLET_B = ARTICLES / "afp-mopti-on-outlet-b.txt"
SAME_EVENTS = ARTICLES / "wagner-mopti-analysis.txt"
PAGES = Path(__file__).parent / "pages"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def test_one_dispatch_on_two_outlets_shares_most_passages_and_an_article_on_the_same_events_few():
    a, b, other = (passages(path.read_text()) for path in (OUTLET_A, OUTLET_B, SAME_EVENTS))
    assert round(share(a, b), 2) == 0.73  # a word edited in four of eight paragraphs, one cut
    assert share(a, other) < 0.05 and share(b, other) < 0.05
    assert Probe.of(OUTLET_B.read_text()).resemblance(OUTLET_A.read_text()) == share(a, b)
    assert Probe.of(SAME_EVENTS.read_text()).resemblance(OUTLET_A.read_text()) == 0  # ruled out by its sample words


def test_the_second_outlet_s_copy_is_imported_with_a_warning_naming_both(project):
    first = run(project, "new", "source", str(OUTLET_A), "--id", "afp-mopti-outlet-a")
    assert first.returncode == 0 and first.stderr == ""
    second = run(project, "new", "source", str(OUTLET_B), "--id", "afp-mopti-outlet-b")
    assert second.returncode == 0
    assert (project.content_dir / "sources" / "afp-mopti-outlet-b.yml").exists()
    assert second.stderr == (
        "warning: content/sources/afp-mopti-outlet-b.txt is nearly the same text as content/sources/afp-mopti-outlet-a.txt "
        "(the source 'afp-mopti-outlet-a'): 73% of the shorter one's passages are in both, as when one wire story is "
        "republished by two sites. If it is the same story, cite 'afp-mopti-outlet-a' and remove this one: "
        "make remove-source ID=afp-mopti-outlet-b (or .venv/bin/python build.py remove source afp-mopti-outlet-b)\n"
    )


def test_an_article_on_the_same_events_is_imported_without_a_warning(project):
    assert run(project, "new", "source", str(OUTLET_A), "--id", "afp-mopti-outlet-a").returncode == 0
    result = run(project, "new", "source", str(SAME_EVENTS), "--id", "mopti-analysis")
    assert (result.returncode, result.stderr) == (0, "")


def test_the_same_text_again_is_refused_as_a_txt_too(project, tmp_path):
    assert run(project, "new", "source", str(OUTLET_A), "--id", "afp-mopti-outlet-a").returncode == 0
    again = tmp_path / "again.txt"
    again.write_text(OUTLET_A.read_text().upper().replace("\n", "\n\n"))  # only case and line breaks differ
    result = run(project, "new", "source", str(again), "--id", "afp-mopti-again")
    assert result.returncode == 1
    assert result.stderr == (
        "error: this article's text is already the source 'afp-mopti-outlet-a' "
        "(content/sources/afp-mopti-outlet-a.txt): cite that one\n"
    )
    assert not (project.content_dir / "sources" / "afp-mopti-again.txt").exists()


def test_a_saved_page_of_a_dispatch_already_pasted_from_another_site_is_imported_with_a_warning(project, tmp_path):
    # The AFP dispatch Maliweb republished, as another site printed it: its own headline and tail, two words changed.
    extracted = (PAGES / "maliweb-afp-fr.expected.txt").read_text()
    elsewhere = "Tombouctou sous blocus\nPar AFP\n" + extracted.replace("Tombouctou", "Tombouctou (nord)", 1) + "\nÀ lire aussi\nNewsletter\n"
    pasted = tmp_path / "autre-site.txt"
    pasted.write_text(elsewhere)
    assert run(project, "new", "source", str(pasted), "--id", "afp-tombouctou-autre-site").returncode == 0
    saved = tmp_path / "maliweb.html"
    saved.write_bytes((PAGES / "maliweb-afp-fr.html").read_bytes())
    result = run(project, "new", "source", str(saved), "--id", "afp-tombouctou-maliweb")
    assert result.returncode == 0
    assert result.stderr.startswith(
        "warning: content/sources/afp-tombouctou-maliweb.txt is nearly the same text as "
        "content/sources/afp-tombouctou-autre-site.txt (the source 'afp-tombouctou-autre-site'): "
    )
    assert NEARLY_THE_SAME <= int(result.stderr.split("): ")[1].split("%")[0]) / 100 < 1
