"""`build.py new source DIR --metadata sources.csv`, run as an editor runs it (a real process), with
saved pages, pasted articles and addresses on a local server: each row reported, the CSV's values in
the YAML, and nothing written for a row that fails."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import copy_project
from tests.helpers import run_build_py as run
from tests.tools.server import LocalServer, Route

PAGES = Path(__file__).parent / "pages"
ARTICLES = Path(__file__).parent / "articles"
RFI_ID = "mali-a-kidal-l-armee-et-ses-suppletifs-russes-face-a-une"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def written(project) -> dict[str, bytes]:
    content = project.content_dir
    return {path.relative_to(content).as_posix(): path.read_bytes() for path in sorted(content.rglob("*")) if path.is_file()}


@pytest.fixture
def folder(tmp_path):
    saved = tmp_path / "batch"
    saved.mkdir()
    shutil.copy(PAGES / "rfi-kidal-fr.html", saved / "rfi.html")
    shutil.copy(ARTICLES / "afp-mopti-on-outlet-a.txt", saved / "outlet-a.txt")
    shutil.copy(ARTICLES / "afp-mopti-on-outlet-b.txt", saved / "outlet-b.txt")
    return saved


def test_a_batch_reports_each_row_and_writes_nothing_for_a_failed_one(project, folder):
    before = written(project)
    with LocalServer({"/niger": Route((PAGES / "reuters-niger-en.html").read_bytes()), "/gone": Route(b"gone", 404, "text/plain")}) as server:
        csv_file = folder / "sources.csv"
        csv_file.write_text(
            "file,url,publisher,published,language,id,title\n"
            "rfi.html,,Radio France Internationale,2025-07-30,fr,,\n"
            f",{server.url('/niger')},,,,niger-envoy,\n"
            "outlet-a.txt,,AFP,2025-03-14,en,afp-mopti,\n"
            "outlet-a.txt,,AFP,2025-03-14,en,afp-mopti-again,\n"
            "outlet-b.txt,,AFP,2025-13-14,en,afp-mopti-b,\n"
            f",{server.url('/gone')},,,,gone,\n"
            '"outlet-b.txt",,"AFP, via Sahel Daily",2025-03-14,en,afp-mopti-b,"Dozens killed\n'
            'in central Mali"\n'
            "missing.txt,,,,,,\n"
        )
        result = run(project, "new", "source", str(folder), "--metadata", str(csv_file), "--allow-private")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{csv_file}:2: imported as {RFI_ID}",
        f"{csv_file}:3: imported as niger-envoy",
        f"{csv_file}:4: imported as afp-mopti",
        f"{csv_file}:5: skipped: duplicate of afp-mopti",
        f"{csv_file}:8: imported as afp-mopti-b",
        "4 imported, 1 skipped (already sources), 3 failed: fix those rows and run the same command again "
        "(rows already imported are skipped).",
    ]
    assert result.stderr.splitlines() == [
        f"{csv_file}:6: error: published: '2025-13-14' is not a real date: there is no month 13",
        f"{csv_file}:7: error: {server.url('/gone')}: the server answered 404 Not Found: check the address in a browser",
        f"{csv_file}:8: warning: content/sources/afp-mopti-b.txt is nearly the same text as content/sources/afp-mopti.txt "
        "(the source 'afp-mopti'): 73% of the shorter one's passages are in both, as when one wire story is republished by "
        "two sites. If it is the same story, cite 'afp-mopti' and remove this one: make remove-source ID=afp-mopti-b "
        "(or .venv/bin/python build.py remove source afp-mopti-b)",
        f"{csv_file}:10: error: {folder / 'missing.txt'} is not a file",
    ]
    after = written(project)
    new_ids = {"sources/" + name for source in (RFI_ID, "niger-envoy", "afp-mopti", "afp-mopti-b") for name in (f"{source}.txt", f"{source}.yml")}
    assert set(after) - set(before) == new_ids | {f"captures/{RFI_ID}.html", "captures/niger-envoy.html"}
    rfi = after[f"sources/{RFI_ID}.yml"].decode().splitlines()
    assert rfi[2:7] == [  # the CSV's values win over the page's
        'publisher: "Radio France Internationale"',
        '# via: ""                   # who republished a wire story: "AFP, via Yemen Now News"',
        'author: "Serge Daniel"',
        "published: 2025-07-30",
        "language: fr",
    ]
    assert after["sources/afp-mopti-b.yml"].decode().splitlines()[1:6] == [
        'title: "Dozens killed\\nin central Mali"',
        "language: en",
        'publisher: "AFP, via Sahel Daily"',
        '# author: ""              # only if the text names one',
        "published: 2025-03-14",
    ]
    check = run(project, "check")
    assert check.returncode == 0, check.stderr


def test_running_the_batch_again_skips_every_row_already_imported(project, folder):
    csv_file = folder / "sources.csv"
    csv_file.write_text("file,publisher\nrfi.html,RFI\noutlet-a.txt,AFP\n")
    assert run(project, "new", "source", str(folder), "--metadata", str(csv_file)).returncode == 0
    before = written(project)
    again = run(project, "new", "source", str(folder), "--metadata", str(csv_file))
    assert (again.returncode, again.stderr) == (0, "")
    assert again.stdout.splitlines() == [
        f"{csv_file}:2: skipped: duplicate of {RFI_ID}",
        f"{csv_file}:3: skipped: duplicate of mali-at-least-40-civilians-killed-in-attack-on-villages-near",
        "0 imported, 2 skipped (already sources), 0 failed. Then run make check.",
    ]
    assert written(project) == before


@pytest.mark.parametrize(
    "text, message",
    [
        ("file,publsher\nrfi.html,RFI\n", "{csv}:1: error: unknown column 'publsher'. Did you mean 'publisher'? The columns are: "
         "url, file, publisher, published, language, title, id"),
        ("publisher\nRFI\n", "{csv}:1: error: the first line names the columns, with 'url' or 'file' among them"),
        (b"file\nr\xe9.html\n", "{csv}:2:1: error: file is not UTF-8 text (byte 0xe9 cannot be read): save it with UTF-8 encoding"),
    ],
    ids=["misspelt column", "no url or file column", "not UTF-8"],
)
def test_a_csv_that_is_no_batch_is_refused_before_any_row(project, folder, text, message):
    csv_file = folder / "sources.csv"
    csv_file.write_bytes(text if isinstance(text, bytes) else text.encode())
    before = written(project)
    result = run(project, "new", "source", str(folder), "--metadata", str(csv_file))
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message.format(csv=csv_file) + "\n")
    assert written(project) == before


def test_a_row_never_reads_through_a_link_inside_the_project(project, folder, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret headline\nA secret that must never be imported into the site, whatever the CSV says.\n")
    inside = project.root / "downloads"
    inside.mkdir()
    (inside / "article.txt").symlink_to(secret)
    csv_file = folder / "sources.csv"
    csv_file.write_text("file\narticle.txt\n")
    before = written(project)
    result = run(project, "new", "source", str(inside), "--metadata", str(csv_file))
    assert result.returncode == 1
    assert result.stderr == (
        f"{csv_file}:2: error: downloads/article.txt:1:1: is a symbolic link to '{secret}': links are never followed, "
        "so that nothing outside the project folder can be published; put the file or folder itself here instead of a link\n"
    )
    assert written(project) == before
