"""History, corrections and statement citations in a browser, at 375 px and 1280 px, on a site built
from a real git repository (the base fixture published, then a claim weakened with a correction),
whose mkdocs.yml names its repository; axe finds nothing serious on the new pages. Its source has an
outlet, a date and an address (the real content's have none yet), so a printed note shows them all."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from dossier.pipeline import build
from tests.helpers import FIXTURES, REPORT, Server, copy_project, edit_wagner, git, open_context, printed_note, screenshot

try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # make test installs it; conftest reports the missing browser stack
    Axe = None

REPOSITORY = "https://example.org/dossier"
WAGNER = "entities/wagner-group/"
ARTICLE = "https://example.org/news/base-article"


@pytest.fixture(scope="module")
def history_site(tmp_path_factory):
    """(server, first commit, second commit), the site built from the second."""
    project = copy_project(tmp_path_factory.mktemp("history") / "project")
    shutil.rmtree(project.content_dir)
    shutil.copytree(FIXTURES / "base" / "content", project.content_dir)
    config = project.config_file
    config.write_text(config.read_text() + f"repo_url: {REPOSITORY}\n")
    article = project.content_dir / "sources" / "base-article.yml"
    article.write_text(article.read_text() + f"url: {ARTICLE}\n")
    root = project.root
    git(root, "init", "-q")
    (root / ".gitignore").write_text("/site/\n/docs/\n/.build.lock\n/.dossier-cache/\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "First publication")
    edit_wagner(root, "    certainty: stated\n", "    certainty: reported\n    correction: Only one report says so.\n")
    git(root, "commit", "-q", "-am", "Weaken the arrival claim", date="2025-04-02T09:30:00Z")
    first, second = git(root, "log", "--format=%H").split()[::-1]
    build(project, jobs=1)
    with Server(project.site_dir) as server:
        yield server, first, second


def test_an_entity_page_links_to_its_history_which_shows_both_commits(history_site, sized):
    server, first, second = history_site
    page, _, name = sized
    page.goto(server.url(WAGNER))
    link = page.get_by_role("link", name="History of its statements")
    assert link.is_visible()
    link.click()
    page.wait_for_url(re.compile("history/wagner-group/$"))
    headings = page.locator("h2").all_inner_texts()
    assert [re.sub(r"\s*¶$", "", text) for text in headings[:2]] == [
        f"2 April 2025, commit {second[:10]}", f"1 March 2025, commit {first[:10]}"
    ]
    change = page.locator("li", has_text="Certainty changed claim")
    assert "Correction: Only one report says so." in change.inner_text()
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name}: the history scrolls sideways"
    screenshot(page, f"history-{name}")


def test_the_corrections_page_gives_the_reason_and_leads_to_the_change_in_its_history(history_site, sized):
    server, _, second = history_site
    page, _, name = sized
    page.goto(server.url("corrections/"))
    item = page.locator("article li").first
    assert item.inner_text().startswith(f"2 April 2025, commit {second[:10]}: Wagner Group, claim")
    assert "Reason: Only one report says so." in item.inner_text()
    screenshot(page, f"corrections-{name}")
    item.get_by_role("link", name="in its history").click()
    page.wait_for_url(re.compile(r"history/wagner-group/#change-" + second[:10] + r"-\d+$"))
    change = page.locator("li", has_text="Certainty changed claim")
    assert change.is_visible() and change.evaluate("li => li.getBoundingClientRect().top") >= 0


def test_a_statement_is_citable_alone_with_its_permalink_access_date_and_version(history_site, sized):
    server, _, second = history_site
    page, _, name = sized
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(server.url(WAGNER))
    today = page.evaluate("new Date().toISOString().slice(0, 10)")
    version = f"Version {second[:10]}, {REPOSITORY}/tree/{second}"
    assert f"Version {second[:10]}." in page.locator(".cite-this").inner_text()
    claim = page.locator("h2#claims + ul > li").first
    anchor = claim.locator("a.permalink").get_attribute("id")
    button = claim.get_by_role("button", name="Cite this claim")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    tools = claim.locator(".statement-cite")
    updated = re.search(r"Last updated (\S+)\.", page.locator(".cite-this").inner_text()).group(1)
    tools.get_by_role("button", name="Copy citation").click()
    tools.get_by_role("status").filter(has_text="Copied.").wait_for()
    address = f"{server.url(WAGNER)}#{anchor}"
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"Dossier. “Wagner Group, claim: late 2021: Its fighters arrived in Mali in late 2021. — reportedly.” "
        f"{address}. Last updated {updated}. {version}. Accessed {today}."
    )
    tools.locator("summary", has_text="BibTeX").click()
    bibtex = tools.locator("pre.cite-bibtex").inner_text()
    assert f"  howpublished = {{\\url{{{address}}}}},\n" in bibtex
    assert f"  version = {{{second[:10]}}},\n" in bibtex
    tools.locator("summary", has_text="RIS").click()
    assert f"UR  - {address}\n" in tools.locator("pre.cite-ris").inner_text()
    tools.locator("summary", has_text="CSL-JSON").click()
    (csl,) = json.loads(tools.locator("pre.cite-csl").inner_text())
    assert csl["URL"] == address and csl["version"] == second[:10] and csl["note"] == version
    tools.scroll_into_view_if_needed()
    screenshot(page, f"statement-citation-{name}")
    button.click()
    assert claim.locator(".statement-cite").count() == 0


def test_a_printed_note_gives_the_outlet_date_title_quote_and_both_addresses(history_site, sized):
    server, _, _ = history_site
    page, _, name = sized
    page.goto(server.url(WAGNER))
    page.emulate_media(media="print")
    note = page.locator(".footnote li").first
    printed = printed_note(note)
    assert re.match(r"Test Wire, June 2025: “[^”]+” Source, paragraph \d+ · original article", printed["text"]), printed
    assert printed["title"] == '" — A base article for tests"'
    assert re.fullmatch(rf'" <{re.escape(server.url("sources/base-article/"))}#p\d+-q\d+>"', printed["source"]), printed
    assert printed["original"] == f'" <{ARTICLE}>"'
    assert page.locator(".md-header").is_hidden() and page.locator(".print-button").is_hidden()
    screenshot(page, f"printed-note-{name}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["history/wagner-group/", "corrections/"])
def test_axe_finds_no_violation_on_the_history_and_corrections_pages(history_site, browser, path, scheme):
    server, _, _ = history_site
    context, _ = open_context(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(server.url(path))
    response = Axe().run(page).response
    context.close()
    REPORT.setdefault("axe", {})[f"{path} ({scheme})"] = {"violations": len(response["violations"])}
    assert [violation["id"] for violation in response["violations"]] == []
