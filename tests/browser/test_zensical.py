"""The site rendered by Zensical instead of MkDocs, in a real browser: what a reader relies on works there too.

The tests are test_reader's own, run on the Zensical site; search is Zensical's (a dialog of its
own, not Material's search box), so its test is written for that dialog.
"""

from __future__ import annotations

from urllib.parse import quote_plus, urlparse

import pytest

from tests.browser import test_reader
from tests.browser.conftest import Server


@pytest.fixture(scope="module")
def zensical_served(zensical_site):
    with Server(zensical_site) as server:
        yield server


@pytest.mark.parametrize("entity_id", test_reader.REQUIRED)
def test_an_entity_page_loads_cleanly_and_its_first_note_opens_the_quote_highlighted_in_view(zensical_served, reader, entity_id):
    test_reader.test_an_entity_page_loads_cleanly_and_its_first_note_opens_the_quote_highlighted_in_view(
        zensical_served, reader, entity_id
    )


def test_an_entity_link_shows_a_preview_on_hover_and_on_keyboard_focus(zensical_served, reader):
    test_reader.test_an_entity_link_shows_a_preview_on_hover_and_on_keyboard_focus(zensical_served, reader)


def test_hovering_a_footnote_reference_shows_the_note(zensical_served, reader):
    test_reader.test_hovering_a_footnote_reference_shows_the_note(zensical_served, reader)


def test_the_timeline_can_be_narrowed_to_one_entity(zensical_served, reader):
    test_reader.test_the_timeline_can_be_narrowed_to_one_entity(zensical_served, reader)


def test_cite_this_page_gives_the_full_address(zensical_served, reader):
    test_reader.test_cite_this_page_gives_the_full_address(zensical_served, reader)


def test_no_page_of_the_site_requests_another_host_opens_a_dialog_or_logs_an_error(zensical_served, browser):
    test_reader.test_no_page_of_the_site_requests_another_host_opens_a_dialog_or_logs_an_error(zensical_served, browser)


# Zensical ranks an alias (a tag) below a page whose text holds the same words: "Jama'at Nasr
# al-Islam", JNIM's second transliteration, lists AQIM's page first there (MkDocs: JNIM's).
@pytest.mark.parametrize(
    "typed, entity_id",
    [("JNIM", "jnim"), ("Africa Corp", "africa-corps"), ("African Corps", "africa-corps"), ("Redut", "redut"), ("Wagner", "wagner-group")],
)
def test_typing_a_name_or_alias_into_search_lists_the_entity_first(zensical_served, reader, typed, entity_id):
    page, watch = reader
    page.goto(zensical_served.url())
    page.locator(".md-search__button").click()
    page.keyboard.type(typed, delay=20)
    # Results follow each key typed: wait for those of the whole query (each result's link carries it).
    page.locator(f"ol[role=listbox] a[role=option][href*='h={quote_plus(typed)}']").first.wait_for(state="visible")
    first = page.locator("ol[role=listbox] a[role=option]").first
    assert urlparse(first.get_attribute("href")).path == f"/entities/{entity_id}/"
    assert watch.errors == []
