"""`build.py new source` with a saved page or a URL, run as an editor runs it (a real process),
against pages on a local server: what is written, what is refused, and that check then verifies
quotes from the extracted text as it does from a pasted one."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pytest

from tests.helpers import copy_project
from tests.helpers import run_build_py as run
from tests.tools.server import LocalServer, Route

PAGES = Path(__file__).parent / "pages"
RFI = (PAGES / "rfi-kidal-fr.html").read_bytes()
RFI_ID = "mali-a-kidal-l-armee-et-ses-suppletifs-russes-face-a-une"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def written(project) -> set[str]:
    content = project.content_dir
    return {path.relative_to(content).as_posix() for path in content.rglob("*") if path.is_file()}


def test_a_saved_page_becomes_the_article_its_kept_copy_and_a_filled_yaml(project, tmp_path):
    saved = tmp_path / "Mali _ à Kidal.html"
    saved.write_bytes(RFI)
    before = written(project)
    result = run(project, "new", "source", str(saved))
    assert result.returncode == 0, result.stderr
    sources, captures = project.content_dir / "sources", project.content_dir / "captures"
    assert written(project) - before == {f"sources/{RFI_ID}.txt", f"sources/{RFI_ID}.yml", f"captures/{RFI_ID}.html"}
    assert result.stdout == (
        f"Wrote {sources}/{RFI_ID}.txt (the article, 9 paragraphs), {captures}/{RFI_ID}.html (the page as saved) and "
        f"{sources}/{RFI_ID}.yml: compare the text with the page, check each field (commented ones were not on the "
        "page), then run make check.\n"
        f"Language: French (fr), as the page declares it. If the article is in another language, change "
        f"'language: fr' in {sources}/{RFI_ID}.yml (a BCP 47 tag: en, fr, ar, ...).\n"
    )
    assert (captures / f"{RFI_ID}.html").read_bytes() == RFI
    assert (sources / f"{RFI_ID}.txt").read_text() == (PAGES / "rfi-kidal-fr.expected.txt").read_text()
    retrieved = datetime.datetime.fromtimestamp(saved.stat().st_mtime, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert (sources / f"{RFI_ID}.yml").read_text().splitlines() == [
        "# yaml-language-server: $schema=../../schemas/source.schema.json",
        'title: "Mali : à Kidal, l’armée et ses supplétifs russes face à une « guerre d’usure »"',
        'publisher: "RFI"',
        '# via: ""                   # who republished a wire story: "AFP, via Yemen Now News"',
        'author: "Serge Daniel"',
        "published: 2025-07-30",
        "language: fr",
        'url: "https://www.rfi.fr/fr/afrique/20250730-mali-kidal-armee-suppletifs-russes-guerre-usure"',
        "# archive_url: https://web.archive.org/... # an archived copy, if there is one",
        f"retrieved: {retrieved} # UTC",
        f"sha256: {hashlib.sha256(RFI).hexdigest()} # of content/captures/{RFI_ID}.html, the page as retrieved",
        "# partial: true             # if the copy is incomplete (a paywall, one page of several)",
    ]


def test_a_page_that_declares_no_language_gets_one_guessed_from_its_text_and_says_so(project, tmp_path):
    saved = tmp_path / "sans-langue.html"
    saved.write_bytes((PAGES / "arabic-mali-ar.html").read_bytes().replace(b' lang="ar"', b"").replace(b'dir="rtl"', b"")
                     .replace(b'<meta property="og:locale" content="ar_AR">', b""))
    result = run(project, "new", "source", str(saved), "--id", "arabic-mali")
    assert result.returncode == 0, result.stderr
    annotation = project.content_dir / "sources" / "arabic-mali.yml"
    assert result.stdout.splitlines()[-1] == (
        "Language: Arabic (ar), guessed from the text. If the article is in another language, change "
        f"'language: ar' in {annotation} (a BCP 47 tag: en, fr, ar, ...)."
    )
    assert "language: ar                # guessed from the text: check it" in annotation.read_text().splitlines()
    assert run(project, "check").returncode == 0


def test_quotes_are_verified_on_the_extracted_text_as_on_a_pasted_one(project, tmp_path):
    saved = tmp_path / "page.htm"
    saved.write_bytes(RFI)
    assert run(project, "new", "source", str(saved), "--id", "rfi-kidal").returncode == 0
    entity = project.content_dir / "entities" / "kidal-attack-test.yml"
    quote = "affirmant avoir tué « un nombre important » de soldats"  # the page has narrow no-break spaces inside « »
    entity.write_text(
        "# yaml-language-server: $schema=../../schemas/entity.schema.json\n"
        'name: "Kidal attack test"\ntype: organization\nsummary: "A test entity."\n'
        f'claims:\n  - text: "The FLA claimed the attack."\n    cite: [{{source: rfi-kidal, quote: "{quote}"}}]\n'
        '  - text: "A wrong quote."\n    cite: [{source: rfi-kidal, quote: "affirmant avoir tué des centaines de soldats"}]\n'
    )
    result = run(project, "check")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert [error.split(": error: ")[0] for error in errors] == ["content/entities/kidal-attack-test.yml:9:39"]
    assert errors[0].endswith("affirmant avoir tué [-des centaines-]{+« un nombre important »+} de soldats")


def test_a_url_is_fetched_once_politely_and_kept_exactly_as_served(project):
    page = (PAGES / "reuters-niger-en.html").read_bytes()
    with LocalServer({"/old-address": Route(status=301, location="/article"), "/article": Route(page)}) as server:
        before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        result = run(project, "new", "source", server.url("/old-address"), "--allow-private", "--id", "niger-envoy")
        after = datetime.datetime.now(datetime.timezone.utc)
    assert result.returncode == 0, result.stderr
    assert [request.path for request in server.requests] == ["/old-address", "/article"]
    assert {request.user_agent for request in server.requests} == {
        "Dossier/1 (source import and drift check of an evidence site; one request at a time)"
    }
    assert (project.content_dir / "captures" / "niger-envoy.html").read_bytes() == page
    yaml = (project.content_dir / "sources" / "niger-envoy.yml").read_text()
    assert 'author: "Moussa Aksar, Ange Aboa"' in yaml.splitlines()
    assert 'url: "https://www.reuters.com/world/africa/niger-junta-orders-expulsion-eu-envoy-state-tv-says-2025-05-15/"' in yaml
    retrieved = next(line.split()[1] for line in yaml.splitlines() if line.startswith("retrieved:"))
    assert before <= datetime.datetime.strptime(retrieved, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc) <= after
    assert run(project, "check").returncode == 0


@pytest.mark.parametrize(
    "routes, path, extra, message",
    [
        ({"/a": Route(RFI)}, "/a", [], "error: refused 127.0.0.1: it is a loopback, private or reserved address; only "
         "public addresses are fetched (--allow-private fetches from this machine or a local network)"),
        ({"/a": Route(status=302, location="file:///etc/passwd")}, "/a", ["--allow-private"],
         "error: refused 'file:///etc/passwd': only http:// and https:// addresses are fetched (where {url} redirects)"),
        ({"/gone": Route(b"gone", 404, "text/plain")}, "/gone", ["--allow-private"],
         "error: {url}: the server answered 404 Not Found: check the address in a browser"),
        ({"/a.pdf": Route(b"%PDF-1.7", 200, "application/pdf")}, "/a.pdf", ["--allow-private"],
         "error: {url} is application/pdf, not a web page: save the text as a .txt file and import that"),
        ({"/big": Route(b"<p>" + b"x" * 5_000_001, 200)}, "/big", ["--allow-private"],
         "error: refused {url}: the page is larger than 5 MB"),
        ({"/menu": Route(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")}, "/menu", ["--allow-private"],
         "error: no article was found in the page (1 words of text outside its menus and banners): save the "
         "article's text as a .txt file and import that instead"),
    ],
    ids=["private-address", "redirect-to-file", "not-found", "not-html", "too-large", "no-article"],
)
def test_a_page_that_cannot_be_imported_is_refused_and_nothing_is_written(project, routes, path, extra, message):
    before = written(project)
    with LocalServer(routes) as server:
        result = run(project, "new", "source", server.url(path), *extra)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == message.format(url=server.url(path)) + "\n"
    assert written(project) == before


def test_an_id_that_is_not_an_id_is_refused_before_anything_is_written(project, tmp_path):
    saved = tmp_path / "page.html"
    saved.write_bytes(RFI)
    before = written(project)
    result = run(project, "new", "source", str(saved), "--id", "Kidal Attack")
    assert (result.returncode, result.stderr) == (  # as for a .txt: wrong usage, with the command to run instead
        2, "error: 'Kidal Attack' is not an id: use lowercase letters, digits and hyphens, at most 80 characters "
        f"(e.g. 'wagner-group'). Try: make new-source FILE={saved} ID=kidal-attack (or .venv/bin/python build.py new source {saved} --id kidal-attack)\n"
    )
    assert written(project) == before


def test_an_address_that_is_not_http_is_refused_as_wrong_usage(project):
    result = run(project, "new", "source", "ftp://example.org/article.html")
    assert (result.returncode, result.stderr) == (2, "error: ftp://example.org/article.html: only http:// and https:// pages are fetched\n")


def test_the_same_page_or_the_same_text_is_not_imported_twice(project, tmp_path):
    saved = tmp_path / "page.html"
    saved.write_bytes(RFI)
    assert run(project, "new", "source", str(saved), "--id", "first").returncode == 0
    again = run(project, "new", "source", str(saved), "--id", "second")
    assert (again.returncode, again.stderr) == (
        1, "error: this page is already the source 'first' (its url is "
        "https://www.rfi.fr/fr/afrique/20250730-mali-kidal-armee-suppletifs-russes-guerre-usure): cite that one\n",
    )
    elsewhere = tmp_path / "republished.html"  # the same article under another address
    elsewhere.write_bytes(RFI.replace(b"https://www.rfi.fr/fr/afrique/20250730", b"https://mirror.example.org/20250730"))
    copy = run(project, "new", "source", str(elsewhere), "--id", "third")
    assert (copy.returncode, copy.stderr) == (
        1, "error: this article's text is already the source 'first' (content/sources/first.txt): cite that one\n"
    )
    assert not (project.content_dir / "sources" / "third.yml").exists()


def test_importing_a_page_twice_writes_the_same_bytes(tmp_path):
    saved = tmp_path / "page.html"
    saved.write_bytes((PAGES / "arabic-mali-ar.html").read_bytes())
    outputs = []
    for name in ("one", "two"):
        project = copy_project(tmp_path / name)
        assert run(project, "new", "source", str(saved), "--id", "mali-attack").returncode == 0
        outputs.append([(project.content_dir / part).read_bytes() for part in
                        ("sources/mali-attack.txt", "sources/mali-attack.yml", "captures/mali-attack.html")])
    assert outputs[0] == outputs[1]


def test_again_extracts_the_kept_copy_anew_and_shows_how_the_text_differs(project, tmp_path):
    saved = tmp_path / "page.html"
    saved.write_bytes(RFI)
    assert run(project, "new", "source", str(saved), "--id", "rfi-kidal").returncode == 0
    same = run(project, "new", "source", "--again", "rfi-kidal")
    assert (same.returncode, same.stdout) == (
        0, "content/sources/rfi-kidal.txt is the article as extracted from content/captures/rfi-kidal.html now: no difference.\n"
    )
    text = project.content_dir / "sources" / "rfi-kidal.txt"
    text.write_text(text.read_text().replace("Une population prise en étau\n\n", ""))  # an editor's hand fix
    before = written(project)
    changed = run(project, "new", "source", "--again", "rfi-kidal")
    assert changed.returncode == 1
    assert changed.stdout.splitlines()[:2] == ["--- content/sources/rfi-kidal.txt", "+++ extracted from content/captures/rfi-kidal.html"]
    assert "+Une population prise en étau" in changed.stdout.splitlines()
    assert written(project) == before and "Une population" not in text.read_text()  # nothing is written
    none = run(project, "new", "source", "--again", "a-mixed-picture-how-mali-views-the-wagner-group")
    assert (none.returncode, none.stderr) == (1, (
        "error: content/captures/a-mixed-picture-how-mali-views-the-wagner-group.html: does not exist: only a source "
        "imported from a web page has a kept copy\n"
    ))


def test_again_takes_only_a_source_id_and_never_reads_outside_content(project):
    for given, refusal in (("../../etc/passwd", "not an id"), ("index", "reserved (sources/index.md is the index page)")):
        result = run(project, "new", "source", "--again", given)
        assert (result.returncode, result.stdout, result.stderr) == (
            1, "", f"error: '{given}' cannot be a source's id: it is {refusal}; choose another\n"
        )
