"""`build.py coverage` and the editors' coverage page, on the bundled content."""

from __future__ import annotations


import pytest

import build
from dossier.pipeline import Project, check
from dossier.text.demonyms import is_demonym
from dossier.pages.coverage_report import Candidate, coverage
from tests.helpers import PROJECT_ROOT

WITHDRAW = "wagner-to-withdraw-from-mali-after-completing-mission"
MIXED = "a-mixed-picture-how-mali-views-the-wagner-group"
CLASH = "separatists-clash-with-malian-army-russian-allies-in-north"
REALIGNMENT = "strategic-realignment-wagner-withdrawal-from-mali"


@pytest.fixture(scope="module")
def resolved():
    resolved, problems = check(Project(PROJECT_ROOT))
    assert resolved is not None, problems
    return resolved


def test_uncited_paragraphs_are_exactly_those_no_citation_points_at(resolved):
    found = coverage(resolved)
    cited = {(passage.source_id, passage.paragraph) for passage in resolved.passages.values()}
    every = {(source.id, paragraph.number) for source in resolved.content.sources.values() for paragraph in source.paragraphs}
    listed = {(source_id, paragraph.number) for source_id, paragraphs in found.uncited.items() for paragraph in paragraphs}
    assert listed == every - cited
    assert found.paragraphs == len(every)
    # The section headings of the AP story are what no statement cites there.
    assert [paragraph.text for paragraph in found.uncited[WITHDRAW]][:2] == [
        "Timeline of Wagner’s Involvement in Mali",
        "Telegram Statement and Claimed Successes",
    ]


def test_names_in_several_sources_that_belong_to_no_entity_are_candidates(resolved):
    found = coverage(resolved).candidates
    assert Candidate("Associated Press", (MIXED, CLASH)) in found
    assert Candidate("Telegram", (REALIGNMENT, WITHDRAW)) in found
    names = {candidate.name for candidate in found}
    known = {name for entity in resolved.content.entities.values() for name in entity.names}
    assert not names & known
    assert not names & {"The", "In", "But", "Wagner Group", "JNIM", "Mali"}
    assert all(len(candidate.source_ids) >= 2 for candidate in found)


def test_nationality_adjectives_and_demonyms_are_no_candidates(resolved):
    # Each is capitalised in three or two of the four articles: they were proposed before.
    names = {candidate.name for candidate in coverage(resolved).candidates}
    assert not names & {"Malian", "Russian", "African"}
    for word in ("Malian", "Maliens", "malienne", "RUSSES", "française", "Algerians", "burkinabè", "Ivoiriennes",
                 "مالي", "الماليين", "روسية", "الروس", "الفرنسيون", "Malian Russian"):
        assert is_demonym(word), word
    for name in ("Mali", "Bamako", "African Union", "Russie", "Frenchie", "باماكو"):
        assert not is_demonym(name), name


def test_entities_a_source_mentions_but_never_cite_it_are_listed(resolved):
    uncited = coverage(resolved).uncited_mentions
    assert uncited == {CLASH: [("sahel", 1)]}
    mentioned = {mention.entity_id for mention in resolved.mentions_by_source[CLASH]}
    assert "sahel" in mentioned


def test_the_coverage_command_prints_the_report(resolved, capsys):
    found = coverage(resolved)
    uncited = sum(len(paragraphs) for paragraphs in found.uncited.values())
    assert build.main(["coverage"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# Coverage of the corpus\n\n{uncited} of 53 paragraph(s) in 4 source(s) are cited by no statement; ")
    assert "- ¶2: Timeline of Wagner’s Involvement in Mali\n" in out
    assert f"- `{CLASH}`: `sahel` (1)\n" in out


def test_the_editors_page_is_built_outside_the_readers_navigation_and_search(site):
    page = (site / "coverage" / "index.html").read_text(encoding="utf-8")
    assert "Coverage of the corpus" in page
    assert f'href="../sources/{WITHDRAW}/#p2"' in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "coverage/" not in home
    assert "data-pagefind-body" not in page  # Pagefind indexes only the pages that have one
    assert "data-pagefind-body" in home


def test_a_large_corpus_gets_an_overview_and_parts_each_source_in_exactly_one(resolved):
    """Beyond PART_SIZE sources the editors' page would grow without end (55 MB at 10,000
    sources): it becomes an overview (counts, candidate names, the parts) and parts by year."""
    from dossier.pages.coverage_report import pages

    single = dict(pages(resolved))
    assert list(single) == ["coverage/index.md"]
    split = dict(pages(resolved, part_size=2))
    overview = split.pop("coverage/index.md")
    assert split and all(path.startswith("coverage/sources/") for path in split)
    for path in split:
        assert f"](../{path})" in overview
        assert "[All parts](../../index.md)" in split[path]
    found = coverage(resolved)
    for source_id, paragraphs in found.uncited.items():
        for paragraph in paragraphs:
            link = f"[¶{paragraph.number}](../../../sources/{source_id}/index.md#p{paragraph.number})"
            assert sum(page.count(link) for page in split.values()) == 1, link
    for source_id in found.uncited_mentions:
        heading = f"](../../../sources/{source_id}/index.md): "
        assert sum(page.count(heading) for page in split.values()) == 1, source_id
    assert "## Names in several sources that belong to no entity" in overview
