"""A reader taps a note on a phone (375 px) and clicks one on a desktop (1280 px), on a site of
French and Arabic sources (tests/fixtures/languages): the pop-up shows the quote's sentence with the
quoted words marked and the rest muted, in its language and direction, the credited translation,
and a link to the original article at the passage. Screenshots in test-artifacts/."""

from __future__ import annotations

import shutil

import pytest

from dossier.pipeline import build
from tests.helpers import ARTIFACTS, FIXTURES, REPORT, Server, copy_project, open_context

SIZES = [("phone", {"width": 375, "height": 812}), ("desktop", {"width": 1280, "height": 900})]
WAGNER = "entities/wagner-group/"


@pytest.fixture(scope="module")
def languages_served(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("languages") / "project")
    shutil.rmtree(project.content_dir)
    shutil.copytree(FIXTURES / "languages" / "content", project.content_dir)
    build(project)
    with Server(project.site_dir) as server:
        yield server


def open_note(page, name: str, number: int):
    marker = page.locator(f".md-content a.footnote-ref[href='#fn:{number}']").first
    marker.scroll_into_view_if_needed()
    if name == "phone":
        marker.tap()
    else:
        marker.click()
    popup = page.get_by_role("dialog", name=f"Note {number}")
    popup.wait_for(state="visible")
    box = popup.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= page.viewport_size["width"], f"{name}: the pop-up leaves the screen"
    return popup


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    REPORT.setdefault("screenshots", {})[name] = str(path.relative_to(ARTIFACTS.parent))


def test_a_tapped_note_shows_the_sentence_the_marked_quote_its_translation_and_the_original(languages_served, sized):
    page, _, name = sized
    page.goto(languages_served.url(WAGNER))
    popup = open_note(page, name, 1)
    sentence = popup.locator(".quote-in-sentence")
    assert sentence.get_attribute("lang") == "fr"
    assert sentence.locator("mark.quoted").inner_text() == "«\u202fNous avons subi un nombre important de morts\u202f»"
    assert ", a reconnu un responsable de Wagner" in sentence.locator(".quote-context").inner_text()
    # The rest of the sentence is muted: another colour than the quoted words'.
    colours = sentence.evaluate(
        "s => [getComputedStyle(s.querySelector('.quote-context')).color, getComputedStyle(s.querySelector('mark')).color]"
    )
    assert colours[0] != colours[1]
    translation = popup.locator(".quote-translation")
    assert translation.inner_text() == "“We suffered a large number of deaths” Machine translation: DeepL 2026-11"
    assert translation.is_visible()
    original = popup.get_by_role("link", name="original article (leaves this site)")
    assert original.get_attribute("href") == (
        "https://www.example.org/afp/2024/07/29/mali-embuscade-tinzaouatene"
        "#:~:text=Nous%20avons%20subi%20un%20nombre%20important%20de%20morts"
    )
    assert popup.get_by_role("link", name="archived copy (leaves this site)").is_visible()
    screenshot(page, f"note-translation-{name}")


def test_an_arabic_quote_reads_right_to_left_in_its_note(languages_served, sized):
    page, _, name = sized
    page.goto(languages_served.url(WAGNER))
    popup = open_note(page, name, 4)
    sentence = popup.locator(".quote-in-sentence")
    assert (sentence.get_attribute("lang"), sentence.evaluate("s => getComputedStyle(s).direction")) == ("ar", "rtl")
    assert sentence.locator("mark.quoted").inner_text() == "وانتشرت قوات فاغـــنر في البلاد"
    assert popup.locator(".translation-credit").inner_text() == "Translation by Karim Haddad"
    # The outlet and the headline are Arabic too.
    assert [popup.locator(selector).get_attribute("dir") for selector in ("cite", ".note-popup__title")] == ["rtl", "rtl"]
    # Right to left: the sentence's first words (before the quote) stand to the right of the quoted ones.
    context_box = sentence.locator(".quote-context").first.bounding_box()
    mark_box = sentence.locator("mark.quoted").bounding_box()
    if abs(context_box["y"] - mark_box["y"]) < 2:  # on one line
        assert context_box["x"] > mark_box["x"]
    screenshot(page, f"note-arabic-{name}")


def test_hovering_a_note_marker_previews_the_sentence_and_the_translation(languages_served, browser):
    context, watch = open_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(languages_served.url(WAGNER))
    page.locator(".md-content a.footnote-ref[href='#fn:2']").first.hover()
    tooltip = page.locator("#note-popup").filter(has_text="a large number of deaths")  # our pop-up, as a preview
    tooltip.wait_for(state="visible")
    assert tooltip.locator(".quote-in-sentence[lang='fr'] mark.quoted").inner_text() == '"un nombre important de morts"'
    assert "Translation by Awa Traoré" in tooltip.inner_text()
    screenshot(page, "note-hover-preview-desktop")
    context.close()
    assert watch.errors == [] and watch.outside == []


def test_search_finds_a_page_by_the_words_it_quotes_not_by_the_rest_of_their_sentence(languages_served, browser):
    """'mercenaires' is in the sentence of the Wagner Group's first note, outside its quote, and
    nowhere else on its page: the source is found by it, the entity page is not; quoted words find it."""
    from tests.helpers import search_for

    context, watch = open_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(languages_served.url())

    def found(words: str) -> set[str]:
        search_for(page, words)
        links = page.locator(".dossier-search__results a")
        return {link.get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for link in links.all()}

    left_out = found("mercenaires")
    assert "fr-embuscade-tinzaouatene" in left_out and "wagner-group" not in left_out
    assert "wagner-group" in found("subi")  # « Nous avons subi un nombre important de morts »
    context.close()
    assert watch.errors == [] and watch.outside == []
