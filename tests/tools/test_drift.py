"""`build.py drift` as a real process, against a local server whose pages stay, change, lose a
quoted passage, redirect, vanish and hang; it changes nothing in content/."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT, copy_project
from tests.tools.server import LocalServer, Route

PAGES = Path(__file__).parent / "pages"
QUOTES = {  # a statement citing each source, and the words it quotes
    "kidal": "affirmant avoir tué « un nombre important » de soldats",
    "niger": "ordered the European Union's envoy to leave the country within 72 hours",
    "tombouctou": "Le sac de riz de 50 kilos est passé de 20 000 à 35 000 francs CFA",
    "gao": "قُتل عشرات المدنيين، الجمعة، في هجوم استهدف قرية",
    "analysis": "the change on the ground is smaller than its architects claimed",
    "sahel": "une large part des quelque 2 000 hommes déployés par Wagner",
}
FILES = {"kidal": "rfi-kidal-fr", "niger": "reuters-niger-en", "tombouctou": "maliweb-afp-fr", "gao": "arabic-mali-ar",
         "analysis": "saved-analysis-en", "sahel": "jeuneafrique-wagner-fr"}


def local_page(name: str) -> bytes:
    """A test page without the address it names as its own, so that its url is the local server's."""
    page = (PAGES / f"{name}.html").read_bytes()
    page = re.sub(rb'<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>|<!-- saved from url=[^>]*-->', b"", page)
    return page


def run(project, *arguments, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project.root), *arguments],
        capture_output=True, text=True, timeout=timeout,
    )


def content_bytes(project) -> dict[str, bytes]:
    return {path.relative_to(project.root).as_posix(): path.read_bytes() for path in project.content_dir.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A project with six sources imported from the local server, each cited once; made once."""
    project = copy_project(tmp_path_factory.mktemp("drift") / "project")
    with LocalServer() as server:
        server.routes.update(_original_routes())
        for source_id in FILES:
            result = run(project, "new", "source", server.url(f"/{source_id}"), "--allow-private", "--id", source_id)
            assert result.returncode == 0, result.stderr
        entity = project.content_dir / "entities" / "drift-test.yml"
        claims = "".join(
            f'  - text: "Statement resting on {source_id}."\n    cite: [{{source: {source_id}, quote: "{quote}"}}]\n'
            for source_id, quote in QUOTES.items()
        )
        entity.write_text(
            '# yaml-language-server: $schema=../../schemas/entity.schema.json\nname: "Drift test"\ntype: organization\n'
            f'summary: "Cites every imported source."\nclaims:\n{claims}'
        )
        assert run(project, "check").returncode == 0
        yield project, server


def _original_routes() -> dict[str, Route]:
    return {f"/{source_id}": Route(local_page(name)) for source_id, name in FILES.items()}


@pytest.fixture
def imported(served, tmp_path):
    """The imported project (a copy a test may change) and the server, serving the pages as imported."""
    template, server = served
    project = copy_project(tmp_path / "project", template.root)
    server.routes.clear()
    server.routes.update(_original_routes())
    server.requests.clear()
    return project, server


def test_drift_reports_each_kind_of_change_and_changes_nothing(imported):
    project, server = imported
    server.routes["/niger"] = Route(local_page("reuters-niger-en").replace(b"Updated ago", b"Updated 2 hours ago"))  # same article
    server.routes["/tombouctou"] = Route(  # a paragraph added, the quote kept
        local_page("maliweb-afp-fr").replace(b"<p>AFP</p>", b"<p>Mise \xe0 jour : les prix ont encore augment\xe9 mardi.</p><p>AFP</p>")
    )
    server.routes["/gao"] = Route(local_page("arabic-mali-ar").replace("الجمعة".encode(), "السبت".encode()))  # the quote edited
    server.routes["/analysis"] = Route(status=301, location="/moved-for-good")  # moved, and the new address is gone
    server.routes["/sahel"] = Route(b"Not Found", 404, "text/plain")
    before = content_bytes(project)
    result = run(project, "drift", "--allow-private")
    assert content_bytes(project) == before
    assert result.returncode == 1  # a quote is missing, a page is gone
    assert result.stdout.splitlines() == [
        f"content/sources/analysis.yml: gone (404 Not Found): {server.url('/analysis')}",
        f"content/sources/gao.yml: quote missing: {server.url('/gao')}",
        "  content/entities/drift-test.yml:13:33: cites “قُتل عشرات المدنيين، الجمعة، في هجوم استهدف قرية”, no longer on the page",
        f"content/sources/kidal.yml: unchanged: {server.url('/kidal')}",
        f"content/sources/niger.yml: unchanged: {server.url('/niger')}",
        f"content/sources/sahel.yml: gone (404 Not Found): {server.url('/sahel')}",
        f"content/sources/tombouctou.yml: changed (every cited quote is still on the page): {server.url('/tombouctou')}",
        "6 source(s) with a url: 2 unchanged, 1 changed, 1 quote missing, 2 gone; 4 without a url, not checked.",
    ]
    assert {request.user_agent for request in server.requests} == {
        "Dossier/1 (source import and drift check of an evidence site; one request at a time)"
    }


def test_one_request_at_a_time_to_a_host(imported):
    project, server = imported
    for route in server.routes.values():
        route.delay = 0.2
    assert run(project, "drift", "--allow-private").returncode == 0
    spans = sorted((request.started, request.ended) for request in server.requests)
    assert len(spans) == 6
    assert all(later[0] >= earlier[1] for earlier, later in zip(spans, spans[1:]))


def test_a_page_that_hangs_fails_within_the_timeout_and_the_budget_stops_the_run(imported):
    project, server = imported
    for route in server.routes.values():
        route.delay = 30
    started = time.monotonic()
    result = run(project, "drift", "--allow-private", "--json", "--timeout", "1", "--budget", "2.5", timeout=60)
    elapsed = time.monotonic() - started
    findings = json.loads(result.stdout)
    statuses = [source["status"] for source in findings["sources"]]
    assert statuses.count("failed") >= 2 and statuses.count("not checked") >= 1 and set(statuses) == {"failed", "not checked"}
    details = {source["detail"] for source in findings["sources"] if source["status"] == "failed"}
    assert "no answer within 1 s" in details
    assert all(detail == "no answer within 1 s" or re.fullmatch(r"the page took longer than the \d\.\d s allowed", detail) for detail in details)
    assert {source["detail"] for source in findings["sources"] if source["status"] == "not checked"} == {"the time budget of 2.5 s was spent"}
    assert findings["summary"]["without url"] == 4
    assert result.returncode == 0 and elapsed < 15


def test_json_for_ci_names_each_statement(imported):
    project, server = imported
    server.routes["/kidal"] = Route(local_page("rfi-kidal-fr").replace("affirmant avoir tué".encode(), "affirmant avoir abattu".encode()))
    result = run(project, "drift", "--allow-private", "--json")
    findings = {source["source_id"]: source for source in json.loads(result.stdout)["sources"]}
    assert findings["kidal"] == {
        "source_id": "kidal", "path": "content/sources/kidal.yml", "url": server.url("/kidal"), "status": "quote missing",
        "detail": "", "missing": [{"statement": "content/entities/drift-test.yml:7:35", "quote": QUOTES["kidal"]}],
    }
    assert result.returncode == 1


def test_redirects_to_private_addresses_and_other_schemes_are_refused(imported):
    project, server = imported
    server.routes["/kidal"] = Route(status=302, location="file:///etc/passwd")
    result = run(project, "drift", "--json")  # without --allow-private: the server itself is refused
    findings = {source["source_id"]: source for source in json.loads(result.stdout)["sources"]}
    assert findings["niger"]["status"] == "failed"
    assert findings["niger"]["detail"].startswith("refused 127.0.0.1: it is a loopback, private or reserved address")
    result = run(project, "drift", "--json", "--allow-private")
    findings = {source["source_id"]: source for source in json.loads(result.stdout)["sources"]}
    assert (findings["kidal"]["status"], findings["kidal"]["detail"]) == (
        "failed", f"refused 'file:///etc/passwd': only http:// and https:// addresses are fetched (where {server.url('/kidal')} redirects)"
    )


def test_a_host_that_no_longer_exists_is_gone(imported, monkeypatch):
    """In process, with the name lookup answering 'no such host': a test sends nothing beyond this machine."""
    import socket

    from dossier.pipeline import check
    from dossier.tools.drift import Settings, drift

    project, _ = imported
    yaml = project.content_dir / "sources" / "kidal.yml"
    yaml.write_text(re.sub(r"^url: .*$", 'url: "http://vanished.example.org/article"', yaml.read_text(), flags=re.M))
    real_lookup = socket.getaddrinfo

    def lookup(host, *arguments, **options):
        if host == "vanished.example.org":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real_lookup(host, *arguments, **options)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    resolved, _ = check(project)
    findings = {finding.source_id: finding for finding in drift(resolved, Settings(allow_private=True))[0]}
    assert (findings["kidal"].status, findings["kidal"].detail) == ("gone", "vanished.example.org: no such host (Name or service not known)")


def test_an_address_that_now_serves_something_else_than_a_page_is_not_compared(imported):
    project, server = imported
    server.routes["/niger"] = Route(b"%PDF-1.7 ...", 200, "application/pdf")
    findings = {s["source_id"]: s for s in json.loads(run(project, "drift", "--json", "--allow-private").stdout)["sources"]}
    assert (findings["niger"]["status"], findings["niger"]["detail"]) == ("failed", "the address now serves application/pdf, not a web page")
