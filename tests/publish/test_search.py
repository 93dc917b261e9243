"""Pagefind leaves out the folders of the editors' pages, and the index is the same without them;
within a page, it indexes the page's own text, not what the page repeats from others."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

from dossier.publish.pagefind_order import make_filters_repeatable
from dossier.publish.search import NOT_INDEXED, index_site, pages_to_read
from tests.helpers import tree_digest


def test_the_index_is_the_same_without_reading_the_coverage_pages(built_base, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_base / "site", site, ignore=shutil.ignore_patterns("pagefind"))
    assert (site / "coverage" / "index.html").is_file()
    assert "coverage" not in pages_to_read(site) and "entities/**/*.html" in pages_to_read(site)

    assert index_site(site) == []
    every_page = tmp_path / "every-page"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(every_page),
                    "--exclude-selectors", NOT_INDEXED, "--silent"], check=True)
    make_filters_repeatable(every_page)
    assert tree_digest(site / "pagefind") == tree_digest(every_page)


def test_a_folder_name_a_glob_would_misread_makes_pagefind_read_every_page(tmp_path):
    (tmp_path / "coverage").mkdir()
    (tmp_path / "notes,{draft}").mkdir()
    assert pages_to_read(tmp_path) == "**/*.{html}"


def indexed_pages(site: Path) -> dict[str, str]:
    """What Pagefind indexed of each page: its address and the text it searches."""
    pages = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        page = json.loads(data)
        pages[page["url"]] = page["content"]
    return pages


def test_what_a_page_repeats_from_other_pages_is_not_indexed_and_its_own_text_is(built_base):
    site = built_base / "site"
    pages = indexed_pages(site)
    sources = {url: text for url, text in pages.items() if url.startswith("/sources/") and url != "/sources/"}
    entities = {url: text for url, text in pages.items() if url.startswith("/entities/") and url != "/entities/"}
    assert sources and entities
    for url, text in sources.items():
        html = (site / url.strip("/") / "index.html").read_text(encoding="utf-8")
        # the page's own title and first paragraph are searched ...
        title = re.search(r'<h1 id="title">(.*?)<', html).group(1)
        first_words = re.sub(r"<[^>]+>", "", re.search(r'<p id="p1"[^>]*>(.*?)</p>', html, re.S).group(1)).split()[1:6]
        assert unescape(title).strip() in text and " ".join(unescape(word) for word in first_words) in text, url
        # ... the note on how to read a source page and the list of entities it mentions are not
        assert "follows exactly as received" in html and "follows exactly" not in text, url
        assert 'class="entities-mentioned"' not in html or not re.search(r"\d+ mentions?\b", text), url
    mentioned = [url for url in entities
                 if 'class="quote mentions"' in (site / url.strip("/") / "index.html").read_text(encoding="utf-8")]
    assert mentioned
    for url in mentioned:
        # An entity page's snippets of the sources mentioning it ("¶3: …the words around it…") are
        # copies of those sources' text; its name and statements are its own.
        assert not re.search(r"¶\d+: ", entities[url]), url
        name = unescape(re.search(r'<h1 id="title">(.*?)<', (site / url.strip("/") / "index.html").read_text(encoding="utf-8")).group(1))
        assert name.strip() in entities[url], url
