"""Sources in French and Arabic in a real browser (issue 18): the French and Arabic fixture
project (tests/fixtures/languages) built as `make site` builds, served, and read in Chromium.

Arabic text runs right to left (its computed direction, where its full stop lands, which side its
paragraph number is on; a screenshot in test-artifacts/), French text hyphenates as French, and
search finds French words with and without their accents and Arabic words, from the site's
English pages (one Pagefind index: dossier/publish/search.py says why). The same project
configured French (`theme.language: fr`) marks English words, not French ones, as foreign.
"""

from __future__ import annotations

import json
import shutil

import pytest

from dossier.pipeline import build
from tests.helpers import (
    ARABIC,
    ARTIFACTS,
    FRENCH_AGENCY,
    FRENCH_RADIO,
    PROJECT_ROOT,
    REPORT,
    Server,
    language_project,
    replace,
    screenshot,
    search_for,
)


@pytest.fixture(scope="module")
def languages_served(tmp_path_factory):
    """The French and Arabic project, its Arabic agency story marked as the French one retold."""
    project = language_project(tmp_path_factory.mktemp("languages-site") / "project")
    with open(project.content_dir / "sources" / f"{ARABIC}.yml", "a", encoding="utf-8") as arabic:
        arabic.write(f"derived_from: {FRENCH_AGENCY}\n")
    _, problems = build(project)
    assert problems == []
    with Server(project.site_dir) as server:
        yield server


def test_an_arabic_source_reads_right_to_left_with_its_full_stop_on_the_left(languages_served, reader):
    page, watch = reader
    page.goto(languages_served.url(f"sources/{ARABIC}/"))
    paragraph = page.locator("#p2")
    assert paragraph.get_attribute("lang") == "ar"
    assert paragraph.evaluate("p => getComputedStyle(p).direction") == "rtl"
    assert page.locator("h1 span[lang='ar']").evaluate("s => getComputedStyle(s).direction") == "rtl"
    # Where the sentence's first word and its closing full stop are drawn: right to left, the
    # sentence starts at the right and its full stop ends it on the left.
    places = paragraph.evaluate(
        """p => {
          const text = [...p.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
          const range = document.createRange();
          const start = text.textContent.search(/\\S/);
          range.setStart(text, start); range.setEnd(text, start + 1);
          const first = range.getBoundingClientRect();
          const last = p.lastChild;
          range.setStart(last, last.textContent.length - 1); range.setEnd(last, last.textContent.length);
          const stop = range.getBoundingClientRect();
          const number = p.querySelector('.paragraph-number').getBoundingClientRect();
          return {first: first.left, stop: stop.right, stopText: range.toString(), number: number.left,
                  line: Math.abs(first.top - stop.top) < first.height};
        }"""
    )
    assert places["stopText"] == "."
    assert places["line"], "the test paragraph should fit on one line"
    assert places["stop"] < places["first"], "the full stop should be left of the first word"
    assert places["number"] > places["first"], "the paragraph number should be on the right, where the text starts"
    ARTIFACTS.mkdir(exist_ok=True)
    paragraph.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "arabic-right-to-left.png"))
    REPORT["arabic source: first word x, full stop x"] = [round(places["first"]), round(places["stop"])]
    assert watch.errors == [] and watch.outside == []


def test_french_text_says_its_language_and_hyphenates(languages_served, reader):
    page, _ = reader
    page.goto(languages_served.url(f"sources/{FRENCH_AGENCY}/"))
    paragraph = page.locator("#p1")
    assert paragraph.get_attribute("lang") == "fr"
    assert paragraph.get_attribute("dir") is None
    assert paragraph.evaluate("p => [getComputedStyle(p).hyphens, getComputedStyle(p).direction]") == ["auto", "ltr"]
    assert page.evaluate("document.documentElement.lang") == "en"  # the site's own language


def test_two_sources_one_retelling_the_other_read_as_one_independent_source(languages_served, sized):
    page, _, name = sized
    page.goto(languages_served.url("entities/csp/"))
    counts = page.locator("h2#claims + ul > li > .source-count")
    assert counts.all_inner_texts() == ["2 sources, 1 independent", "single source"]
    both = counts.first
    assert "single" in both.get_attribute("class").split()  # all of it rests on one origin
    both.scroll_into_view_if_needed()
    box = both.bounding_box()
    assert both.is_visible() and box["x"] + box["width"] <= page.viewport_size["width"]
    screenshot(page, f"independent-sources-{name}")


SEARCHES = [
    ("défaite", FRENCH_AGENCY),
    ("defaite", FRENCH_AGENCY),
    ("tués", FRENCH_AGENCY),
    ("tues", FRENCH_AGENCY),
    ("armée", FRENCH_RADIO),
    ("armee", FRENCH_RADIO),
    ("تينزاواتين", ARABIC),
    ("مقتل", ARABIC),
]


@pytest.mark.parametrize("typed, source_id", SEARCHES)
def test_search_finds_french_words_with_or_without_accents_and_arabic_words(languages_served, reader, typed, source_id):
    page, watch = reader
    page.goto(languages_served.url(""))
    search_for(page, typed)
    results = page.locator(".dossier-search__results li")
    hrefs = results.locator("a").evaluate_all("links => links.map(l => new URL(l.href).pathname)")
    assert f"/sources/{source_id}/" in hrefs
    found = results.nth(hrefs.index(f"/sources/{source_id}/"))
    language = source_id[:2]
    assert found.locator("a").get_attribute("lang") == language
    assert found.locator("p").evaluate("p => [p.lang, p.dir]") == [language, "auto"]
    assert found.locator("p mark").count() >= 1
    REPORT.setdefault("language search: results", {})[typed] = len(hrefs)
    assert watch.errors == []


ENGLISH_SOURCE = "content/sources/separatists-clash-with-malian-army-russian-allies-in-north"
ENGLISH_CLAIM = """
  - text: Separatists said they killed dozens of soldiers.
    certainty: claimed
    cite:
      - source: separatists-clash-with-malian-army-russian-allies-in-north
        quote: "killed 'dozens' of Malian soldiers"
        translation: "tué des « dizaines » de soldats maliens"
        translated_by: {person: Editor}
"""


@pytest.fixture(scope="module")
def french_site(tmp_path_factory):
    """The French and Arabic project, plus one English source cited, with `theme.language: fr`."""
    project = language_project(tmp_path_factory.mktemp("french-site") / "project")
    for suffix in (".txt", ".yml"):
        shutil.copy(PROJECT_ROOT / f"{ENGLISH_SOURCE}{suffix}", project.root / f"{ENGLISH_SOURCE}{suffix}")
    with open(project.content_dir / "entities" / "tinzaouatene.yml", "a", encoding="utf-8") as entity:
        entity.write(ENGLISH_CLAIM)
    replace(project.config_file, "  language: en\n", "  language: fr\n")
    _, problems = build(project)
    assert problems == []  # no warning: French quotes need no translation on a French site
    with Server(project.site_dir) as server:
        yield server, project


def test_a_site_configured_french_marks_english_words_not_french_ones(french_site, reader):
    served, project = french_site
    page, watch = reader
    page.goto(served.url("entities/tinzaouatene/"))
    assert page.evaluate("document.documentElement.lang") == "fr"
    notes = page.locator(".footnote li cite")
    languages = notes.evaluate_all("cites => cites.map(c => [c.textContent, c.getAttribute('lang'), c.closest('[lang]').lang])")
    assert ["RFI", None, "fr"] in languages  # French, the site's own language: nothing to mark
    assert ["Several killed as separatists clash…", "en", "en"] in languages
    quote = page.locator(".footnote li .quote-in-sentence[lang='en']")
    assert quote.count() == 1 and "killed 'dozens' of Malian soldiers" in quote.text_content()
    feed = (project.site_dir / "feeds" / "index.xml").read_text(encoding="utf-8")
    assert 'xml:lang="fr"' in feed
    # Search is one index in the site's language, French here: its stemming and its word splitting.
    index = json.loads((project.site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(index["languages"]) == ["fr"]
    search_for(page, "défaites")
    found = page.locator(".dossier-search__results li a").evaluate_all("links => links.map(l => new URL(l.href).pathname)")
    assert f"/sources/{FRENCH_AGENCY}/" in found
    assert watch.errors == []
