"""The live preview in a real browser: the page open follows each save by itself, and the error
banner is on every page, generated or hand-written, as plain text, gone once the content is fixed."""

from __future__ import annotations

import pytest

from tests.helpers import RENDERERS, preview, problems, wait_for

MESSAGE = (
    "content/entities/africa-corps.yml:4:1: error: duplicate key 'type' (first written on line 3): keep one of them"
)


def open_page(page, url: str) -> None:
    """Open a page; the preview's live reload may interrupt a navigation once, so try again."""
    from playwright.sync_api import Error

    for attempt in range(3):
        try:
            page.goto(url)
            return
        except Error:
            if attempt == 2:
                raise
            page.wait_for_timeout(500)


def test_the_banner_shows_the_errors_as_plain_text_on_every_page_until_fixed(built_base, tmp_path, reader):
    page, watch = reader
    banner = page.locator(".dossier-preview-problems")
    with preview(built_base, tmp_path) as running:
        entity = running.root / "content" / "entities" / "africa-corps.yml"
        original = entity.read_text()
        entity.write_text(original.replace("type: military unit", "type: military unit\ntype: again"))
        wait_for(lambda: problems(running.port)[:1] == [MESSAGE], "the error to reach the banner")
        for address in ("", "how-to-edit/", "entities/wagner-group/", "sources/base-article/"):
            open_page(page, running.url(address))
            banner.wait_for(state="visible")
            assert banner.locator(".admonition-title").inner_text() == "This preview is out of date: fix these errors and save again"
            assert banner.locator("li").first.inner_text() == MESSAGE  # no Markdown backslash escapes
        entity.write_text(original)
        wait_for(lambda: problems(running.port) == [], "the banner to be cleared")
        open_page(page, running.url("how-to-edit/"))
        page.locator("h1").first.wait_for()
        assert banner.count() == 0
    assert watch.outside == []


def test_under_zensical_the_open_page_shows_the_errors_and_drops_them_once_fixed(built_base, tmp_path, reader):
    """Zensical runs no hooks and reloads a page only when it changed: the banner's script (named
    in the work copy's extra_javascript) reads the errors every second, on every page."""
    page, watch = reader
    banner = page.locator(".dossier-preview-problems")
    with preview(built_base, tmp_path, "--renderer", "zensical") as running:
        open_page(page, running.url("entities/wagner-group/"))
        page.locator("h1").first.wait_for()
        assert banner.count() == 0
        entity = running.root / "content" / "entities" / "africa-corps.yml"
        original = entity.read_text()
        entity.write_text(original.replace("type: military unit", "type: military unit\ntype: again"))
        banner.wait_for(state="visible", timeout=30_000)  # on the page already open
        assert banner.locator(".admonition-title").inner_text() == "This preview is out of date: fix these errors and save again"
        assert banner.locator("li").first.inner_text() == MESSAGE
        open_page(page, running.url("how-to-edit/"))
        banner.wait_for(state="visible")
        entity.write_text(original)
        banner.wait_for(state="detached", timeout=30_000)
    assert watch.outside == []


@pytest.mark.parametrize("renderer", RENDERERS)
def test_the_open_page_follows_each_save_by_itself_and_the_banner_comes_and_goes(built_base, tmp_path, reader, renderer):
    """No navigation once the page is open: the preview must reload it (MkDocs' live-reload
    script under MkDocs, Zensical's own under Zensical) after the edit, the error and the fix."""
    from playwright.sync_api import expect

    page, watch = reader
    article = page.locator("article")
    banner = page.locator(".dossier-preview-problems")
    with preview(built_base, tmp_path, *RENDERERS[renderer][0]) as running:
        open_page(page, running.url("entities/africa-corps/"))
        expect(article).to_contain_text("It said it will remain in Mali.")
        entity = running.root / "content" / "entities" / "africa-corps.yml"
        original = entity.read_text()

        entity.write_text(original.replace("It said it will remain in Mali.", "It said it would stay for good."))
        expect(article).to_contain_text("It said it would stay for good.", timeout=30_000)

        entity.write_text(original.replace("type: military unit", "type: military unit\ntype: again"))
        expect(banner.locator("li").first).to_have_text(MESSAGE, timeout=30_000)
        expect(article).to_contain_text("It said it would stay for good.")  # the last good page stays

        entity.write_text(original.replace("It said it will remain in Mali.", "Fixed and back."))
        expect(article).to_contain_text("Fixed and back.", timeout=30_000)
        expect(banner).to_have_count(0, timeout=30_000)
    assert watch.outside == []
    assert watch.errors == []
