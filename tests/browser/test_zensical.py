"""The site rendered by Zensical instead of MkDocs, in a real browser: what a reader relies on works there too.

The tests are test_reader's own, run on the Zensical site (built by `build --renderer zensical`,
indexed by Pagefind and with the theme's overrides, as the MkDocs site is).
"""

from __future__ import annotations

import pytest

from tests.browser import test_graphs_and_layout, test_reader
from tests.helpers import Server


@pytest.fixture(scope="module")
def zensical_served(zensical_site):
    with Server(zensical_site) as server:
        yield server


@pytest.mark.parametrize("entity_id", test_reader.REQUIRED)
def test_an_entity_page_loads_cleanly_and_its_first_note_opens_the_quote_highlighted_in_view(zensical_served, reader, entity_id):
    test_reader.test_an_entity_page_loads_cleanly_and_its_first_note_opens_the_quote_highlighted_in_view(
        zensical_served, reader, entity_id
    )


def test_every_name_and_alias_of_every_entity_finds_its_entity_first(zensical_served, reader, built_project):
    test_reader.test_every_name_and_alias_of_every_entity_finds_its_entity_first(zensical_served, reader, built_project)


def test_nothing_is_fetched_for_search_until_the_reader_uses_it(zensical_served, reader):
    test_reader.test_nothing_is_fetched_for_search_until_the_reader_uses_it(zensical_served, reader)


def test_a_result_opens_its_page_and_the_filters_narrow_results_by_kind_and_type(zensical_served, reader):
    test_reader.test_a_result_opens_its_page_and_the_filters_narrow_results_by_kind_and_type(zensical_served, reader)


def test_an_entity_link_shows_a_preview_on_hover_and_on_keyboard_focus(zensical_served, reader):
    test_reader.test_an_entity_link_shows_a_preview_on_hover_and_on_keyboard_focus(zensical_served, reader)


def test_hovering_a_footnote_reference_shows_the_note(zensical_served, reader):
    test_reader.test_hovering_a_footnote_reference_shows_the_note(zensical_served, reader)


def test_the_timeline_can_be_narrowed_to_one_entity(zensical_served, reader):
    test_reader.test_the_timeline_can_be_narrowed_to_one_entity(zensical_served, reader)


def test_the_site_graph_finds_an_entity_by_alias_focuses_it_and_its_filters_redraw(zensical_served, reader, built_project):
    test_graphs_and_layout.test_the_site_graph_finds_an_entity_by_alias_focuses_it_and_its_filters_redraw(
        zensical_served, reader, built_project
    )


def test_without_script_the_small_site_graph_is_the_static_svg_and_a_click_opens_a_page(zensical_served, browser, built_project):
    test_graphs_and_layout.test_without_script_the_small_site_graph_is_the_static_svg_and_a_click_opens_a_page(
        zensical_served, browser, built_project
    )


def test_cite_this_page_gives_the_full_address(zensical_served, reader):
    test_reader.test_cite_this_page_gives_the_full_address(zensical_served, reader)


def test_no_page_of_the_site_requests_another_host_opens_a_dialog_or_logs_an_error(zensical_served, browser):
    test_reader.test_no_page_of_the_site_requests_another_host_opens_a_dialog_or_logs_an_error(zensical_served, browser)
