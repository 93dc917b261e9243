"""`build.py drift`: fetch each source's page again and say whether what we quote is still there.

Per source with a ``url``: unchanged (the same page bytes as the kept copy, or the same article
text as ours), changed (it differs, but every quote cited from it is still on the page), quote
missing (naming each statement's file and line), gone (the server answers 4xx or 5xx, or the host
no longer exists), or failed (no answer in time, or refused by the fetching rules). Nothing in
content/ is changed. Requests are bounded like an import's (dossier/tools/fetch.py), one at a
time per host, and the whole run has a time budget: sources not reached are reported as such.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from ..content.body import split_paragraphs
from ..content.captures import MAX_CAPTURE_BYTES, fingerprint
from ..content.model import Paragraph, Source
from ..resolve import Resolved
from ..resolve.citations import find_quote
from ..resolve.folded import FoldedSource
from ..text.typography import fold_words
from .extract import NoArticle, extract_article
from .fetch import FetchError, Limits, fetch
from .importer import PAGE_TYPES

STATUSES = ("unchanged", "changed", "quote missing", "gone", "failed", "not checked")
"""Every verdict, in the order the summary counts them."""
WORKERS = 8
"""Hosts fetched at once; each host sees one request at a time."""


@dataclass(frozen=True)
class MissingQuote:
    statement: str
    """Where the citation is written: content/entities/x.yml:12:15."""
    quote: str


@dataclass(frozen=True)
class Finding:
    source_id: str
    path: str
    """The source's YAML, relative to the project."""
    url: str
    status: str
    """One of STATUSES."""
    detail: str = ""
    """What the server said, or why it could not be asked: '404 Not Found', 'no such host'."""
    missing: tuple[MissingQuote, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Settings:
    timeout: float = 15.0
    """Seconds one connection or read may wait."""
    budget: float = 600.0
    """Seconds the whole run may take; sources not fetched by then are 'not checked'."""
    allow_private: bool = False


def drift(resolved: Resolved, settings: Settings = Settings()) -> tuple[list[Finding], int]:
    """A finding for each source with a url, in id order, and how many sources have none."""
    sources = [source for source in resolved.content.sources.values() if source.url]
    by_host: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        by_host[(urlsplit(source.url).hostname or "").lower()].append(source)
    deadline = time.monotonic() + settings.budget
    findings: dict[str, Finding] = {}
    lock = threading.Lock()

    def check_host(host_sources: list[Source]) -> None:
        for source in host_sources:  # one request at a time to a host
            finding = _check_source(source, resolved, settings, deadline)
            with lock:
                findings[source.id] = finding

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(check_host, by_host.values()))
    return [findings[source.id] for source in sorted(sources, key=lambda source: source.id)], len(resolved.content.sources) - len(sources)


def _check_source(source: Source, resolved: Resolved, settings: Settings, deadline: float) -> Finding:
    path = source.position.path
    left = deadline - time.monotonic()
    if left <= 0:
        return Finding(source.id, path, source.url, "not checked", f"the time budget of {settings.budget:g} s was spent")
    limits = Limits(max_bytes=MAX_CAPTURE_BYTES, timeout=settings.timeout, deadline=min(2 * settings.timeout, left), allow_private=settings.allow_private)
    try:
        fetched = fetch(source.url, limits)
    except FetchError as error:
        gone = error.kind == "unreachable" and "no such host" in str(error)
        return Finding(source.id, path, source.url, "gone" if gone else "failed", _short(str(error), source.url))
    if fetched.status >= 400:
        return Finding(source.id, path, source.url, "gone", f"{fetched.status} {fetched.reason}")
    if not 200 <= fetched.status < 300:
        return Finding(source.id, path, source.url, "failed", f"{fetched.status} {fetched.reason}")
    if source.sha256 and fingerprint(fetched.body) == source.sha256:
        return Finding(source.id, path, source.url, "unchanged")
    if fetched.content_type and fetched.content_type not in PAGE_TYPES:
        return Finding(source.id, path, source.url, "failed", f"the address now serves {fetched.content_type}, not a web page")
    try:
        text = extract_article(fetched.body, fetched.url).text
    except NoArticle:
        text = ""
    paragraphs = split_paragraphs(text)
    if fold_words(" ".join(paragraphs)) == fold_words(" ".join(paragraph.text for paragraph in source.paragraphs)):
        return Finding(source.id, path, source.url, "unchanged")
    now = FoldedSource(_as_source(source, paragraphs))
    missing = tuple(
        MissingQuote(str(statement.citation.position), statement.citation.quote)
        for statement in resolved.citing.get(source.id, [])
        if find_quote(statement.citation.quote, now) is None
    )
    if missing:
        return Finding(source.id, path, source.url, "quote missing", missing=tuple(dict.fromkeys(missing)))
    return Finding(source.id, path, source.url, "changed", "every cited quote is still on the page")


def _as_source(source: Source, paragraphs: list[str]) -> Source:
    numbered = tuple(Paragraph(number, text) for number, text in enumerate(paragraphs, start=1))
    return Source(source.id, source.title, None, None, None, source.url, None, numbered, source.position, "")


def _short(message: str, url: str) -> str:
    return message.removeprefix(f"{url}: ")


def report(findings: list[Finding], without_url: int) -> str:
    """The findings for a terminal: a line per source (statements under it), then a summary."""
    lines = []
    for finding in findings:
        detail = f" ({finding.detail})" if finding.detail else ""
        lines.append(f"{finding.path}: {finding.status}{detail}: {finding.url}")
        lines += [f"  {missing.statement}: cites {_quoted(missing.quote)}, no longer on the page" for missing in finding.missing]
    lines.append(summary(findings, without_url))
    return "\n".join(lines) + "\n"


def summary(findings: list[Finding], without_url: int) -> str:
    counts = {status: sum(finding.status == status for finding in findings) for status in STATUSES}
    counted = ", ".join(f"{count} {status}" for status, count in counts.items() if count)
    return f"{len(findings)} source(s) with a url: {counted or 'none'}; {without_url} without a url, not checked."


def as_json(findings: list[Finding], without_url: int) -> str:
    document = {
        "sources": [{**asdict(finding), "missing": [asdict(missing) for missing in finding.missing]} for finding in findings],
        "summary": {**{status: sum(f.status == status for f in findings) for status in STATUSES}, "without url": without_url},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def needs_attention(findings: list[Finding]) -> bool:
    """A quote no longer on its page, or a page gone: what CI should fail on."""
    return any(finding.status in ("quote missing", "gone") for finding in findings)


def _quoted(quote: str, limit: int = 80) -> str:
    quote = " ".join(quote.split())
    return f"“{quote if len(quote) <= limit else quote[: limit - 1] + '…'}”"
