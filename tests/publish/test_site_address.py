"""The published address (site_url in mkdocs.yml, from DOSSIER_SITE_URL): the sitemap, canonical
links and share previews have it, and a build without it says so."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.helpers import PROJECT_ROOT, copy_project

ADDRESS = "https://example.org/dossier/"
MISSING = (
    "Before publishing, set the site's address: DOSSIER_SITE_URL=https://example.org/dossier/ "
    "(site_url in mkdocs.yml). Without it sitemap.xml lists no page, pages have no canonical link "
    "or share-preview address, and 404.html works only at the root of a domain."
)


def run_build(project, address: str | None) -> subprocess.CompletedProcess:
    environment = {name: value for name, value in os.environ.items() if name != "DOSSIER_SITE_URL"}
    if address is not None:
        environment["DOSSIER_SITE_URL"] = address
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project.root)],
        capture_output=True, text=True, timeout=300, env=environment,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("address") / "project")


def pages(site) -> list[str]:
    """Every page of the site as its address from the root ('entities/jnim/'), 404.html aside."""
    found = []
    for path in site.rglob("index.html"):
        folder = path.parent.relative_to(site).as_posix()
        found.append("" if folder == "." else folder + "/")
    return sorted(found)


def test_a_build_without_the_address_says_what_is_missing(project):
    result = run_build(project, None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == MISSING
    assert "<url>" not in (project.site_dir / "sitemap.xml").read_text(encoding="utf-8")


def test_with_the_address_the_sitemap_lists_every_page_and_each_has_its_canonical_link_and_share_tags(project):
    result = run_build(project, ADDRESS)
    assert result.returncode == 0, result.stderr
    assert MISSING not in result.stdout
    site = project.site_dir
    listed = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    every = pages(site)
    assert len(every) > 40
    assert sorted(listed) == sorted(ADDRESS + page for page in every)
    for page in every:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{ADDRESS}{page}">' in html, page
        assert f'<meta property="og:url" content="{ADDRESS}{page}">' in html, page
        assert '<meta property="og:title" content="' in html and '<meta property="og:description" content="' in html
    jnim = (site / "entities" / "jnim" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="JNIM">' in jnim
    # The 404 page is served at any depth: its styles and scripts are found from the address.
    missing = (site / "404.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="/dossier/assets/dossier.css">' in missing
    assert not re.search(r'(?:href|src)="/assets/', missing)


def test_the_editors_guide_as_published_has_no_link_to_a_local_preview(site):
    guide = (site / "how-to-edit" / "index.html").read_text(encoding="utf-8")
    assert "http://127.0.0.1:8000/" in guide  # still said, as text to type
    assert not re.search(r'href="https?://(?:127\.0\.0\.1|localhost)', guide)
