"""Pagefind leaves out the folders of the editors' pages, and the index is the same without them."""

from __future__ import annotations

import shutil
import subprocess
import sys
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
