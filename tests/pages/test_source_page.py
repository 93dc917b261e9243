"""The source page shows where an imported source comes from: outlet and via, author, date,
language, address, archived copy, retrieval, the kept copy and its fingerprint; page text stays text."""

from __future__ import annotations

import hashlib

from tests.helpers import SAVED_PAGES, copy_project
from tests.helpers import run_build_py as run

PAGE = (SAVED_PAGES / "maliweb-afp-fr.html").read_bytes()


def test_the_source_page_shows_the_provenance_chain(tmp_path):
    project = copy_project(tmp_path / "project")
    saved = tmp_path / "page.html"
    saved.write_bytes(PAGE)
    assert run(project, "new", "source", str(saved), "--id", "tombouctou").returncode == 0
    yaml = project.content_dir / "sources" / "tombouctou.yml"
    text = yaml.read_text()
    text = text.replace("# archive_url: https://web.archive.org/...", 'archive_url: "https://web.archive.org/web/2025/https://www.maliweb.net/x.html"')
    text = text.replace("# partial: true ", "partial: true   ")
    text = text.replace('via: "Maliweb.net"', 'via: "Maliweb.net <script>alert(1)</script>"')
    text = "\n".join(line if not line.startswith("retrieved:") else "retrieved: 2025-08-06T10:15:03Z" for line in text.splitlines()) + "\n"
    yaml.write_text(text)
    result = run(project, "generate")
    assert result.returncode == 0, result.stderr
    page = (project.docs_dir / "sources" / "tombouctou" / "index.md").read_text()
    table = page[page.index("| Field | Value |") : page.index("| Paragraphs |")].splitlines()
    assert table == [
        "| Field | Value |",
        "|---|---|",
        "| Publisher | AFP, via Maliweb\\.net &lt;script&gt;alert\\(1\\)&lt;/script&gt; |",
        "| Author | not named in the text |",
        "| Published | 5 August 2025 |",
        "| Language | French \\(fr\\) |",
        "| Address | [https://www\\.maliweb\\.net/societe/tombouctou\\-le\\-blocus\\-se\\-resserre\\-les\\-prix\\-flambent\\-3061234\\.html]"
        "(https://www.maliweb.net/societe/tombouctou-le-blocus-se-resserre-les-prix-flambent-3061234.html) |",
        "| Archived copy | [https://web\\.archive\\.org/web/2025/https://www\\.maliweb\\.net/x\\.html]"
        "(https://web.archive.org/web/2025/https://www.maliweb.net/x.html) |",
        "| Retrieved | 6 August 2025, 10:15 UTC |",
        "| Kept copy | content/captures/tombouctou\\.html, in the project's repository: the page exactly as retrieved, "
        "not published here (it is the publisher's page, scripts included) |",
        f"| Fingerprint | SHA-256 {hashlib.sha256(PAGE).hexdigest()}: `check` refuses a kept copy that differs from it |",
        "| Completeness | partial: the copy is incomplete |",
    ]
    assert "The article's text follows as extracted from the kept copy;" in page
    assert not list(project.docs_dir.rglob("*.html"))  # the capture is never copied into the site


def test_a_source_without_a_capture_shows_no_provenance_rows(tmp_path):
    project = copy_project(tmp_path / "project")
    assert run(project, "generate").returncode == 0
    page = (project.docs_dir / "sources" / "a-mixed-picture-how-mali-views-the-wagner-group" / "index.md").read_text()
    assert [row.split(" |")[0] for row in page.splitlines() if row.startswith("| ") and not row.startswith("| Field")] == [
        "| Publisher", "| Author", "| Published", "| Language", "| Paragraphs"
    ]
    assert "The article's text follows exactly as received;" in page
