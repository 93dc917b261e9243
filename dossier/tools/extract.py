"""An article's text and metadata from a web page, as the page was fetched or saved.

trafilatura finds the article among the page's menus, banners, share buttons and related-story
blocks (BENCHMARKS.md, "Article extraction", compares it with readability-lxml on our test pages);
this module then removes what it keeps that is not the article (the headline, which the YAML
holds, and "Read also" links between paragraphs) and reads the metadata a page states about
itself. Nothing here fetches, writes, or turns page text into markup: the page is untrusted and
only ever read as data.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html
import trafilatura

from ..text.dates import DATE_PATTERN

READ_ALSO = re.compile(
    r"^(?:à lire aussi|a lire aussi|lire aussi|lire également|à lire également|voir aussi|read also|also read"
    r"|read more|see also|related|اقرأ أيضا|اقرأ أيضاً|اقرأ ايضا)\s*[:：]",
    re.IGNORECASE,
)
"""A line that links another article from between the paragraphs ("À lire aussi : …"), in the
languages of the field. Only a short line that starts so is dropped: the article's own words never
start with a label and a colon."""
_READ_ALSO_MAX_LENGTH = 250

MIN_ARTICLE_WORDS = 20
"""Fewer words than this is a menu or an error page, not an article (a wire brief has 50)."""

WIRE_AGENCIES = frozenset(
    name.casefold()
    for name in (
        "AFP", "Agence France-Presse", "Agence France Presse", "AP", "Associated Press", "The Associated Press",
        "Reuters", "dpa", "EFE", "ANSA", "Xinhua", "Anadolu", "Anadolu Agency", "APS", "MAP", "ANP",
        "أ.ف.ب", "أ ف ب", "فرانس برس", "رويترز", "الأناضول",
    )
)
"""Bylines that name a news agency rather than a person: the page republishes a wire story, so
the agency is the publisher and the site is ``via``."""

_BYLINE_WORD = re.compile(r"^(?:by|par|de|بقلم)\s+", re.IGNORECASE)
_SAVED_FROM = re.compile(rb"<!-- saved from url=\(\d+\)(https?://[^\s>]+?) ?-->")
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")

_DATE_METAS = (
    "article:published_time", "og:article:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
    "dcterms.date", "dcterms.issued", "pubdate", "publishdate", "publish-date", "parsely-pub-date", "sailthru.date",
)
"""<meta> names or properties that state when a page was published, most specific first."""


@dataclass(frozen=True)
class Article:
    """What a page says of itself, and its article's text."""

    text: str
    """The article, a paragraph a line with a blank line between, ending in a newline; no headline."""
    title: str | None
    author: str | None
    published: str | None
    """A date in the YAML's form (2025, 2025-06 or 2025-06-06), as precise as the page states it."""
    published_guessed: bool
    """True when no metadata states the date and it was read from the page's text."""
    publisher: str | None
    via: str | None
    """The site that republished a wire story, when the byline names a news agency."""
    url: str | None
    """The page's canonical address."""
    language: str | None
    """The primary language subtag the page declares ('fr' for fr-FR)."""


class NoArticle(ValueError):
    """The page has no article text that could be found."""


def extract_article(page: bytes, address: str | None = None) -> Article:
    """The article in ``page`` (bytes as fetched or saved; the encoding is read from the page).

    ``address`` is where it was fetched from, for relative canonical links and as the last resort
    for ``url``. Raises NoArticle when no article text is found.
    """
    extracted = trafilatura.extract(page, output_format="txt", include_comments=False, include_tables=True)
    metadata = trafilatura.extract_metadata(page)
    tree = _tree(page)
    title = _clean(metadata.title) if metadata else None
    text = _article_text(extracted or "", title)
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise NoArticle(f"no article was found in the page ({len(text.split())} words of text outside its menus and banners)")
    author = _author(metadata.author if metadata else None)
    publisher = _clean(metadata.sitename) if metadata else None
    via = None
    if author and author.casefold() in WIRE_AGENCIES:
        publisher, via, author = author, (publisher if publisher and publisher.casefold() != author.casefold() else None), None
    published, guessed = _published(tree, metadata.date if metadata else None)
    return Article(
        text=text,
        title=title,
        author=author,
        published=published,
        published_guessed=guessed,
        publisher=publisher,
        via=via,
        url=_canonical(tree, page, address),
        language=_language(tree),
    )


def _tree(page: bytes):
    try:
        return lxml.html.document_fromstring(page)
    except (lxml.etree.ParserError, ValueError):
        return None


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _article_text(extracted: str, title: str | None) -> str:
    lines = [" ".join(line.split()) for line in extracted.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0] == title:
        lines = lines[1:]  # the headline: the YAML's title holds it
    lines = [line for line in lines if not (len(line) <= _READ_ALSO_MAX_LENGTH and READ_ALSO.match(line))]
    return "\n\n".join(lines) + "\n" if lines else ""


def _author(value: str | None) -> str | None:
    names = [_BYLINE_WORD.sub("", name.strip()) for name in (value or "").split(";")]
    return _clean(", ".join(name for name in names if name))


def _published(tree, guessed: str | None) -> tuple[str | None, bool]:
    """The publication date the page states in its metadata, as precisely as stated; else the
    date trafilatura read from the page's text, marked as a guess."""
    for value in _stated_dates(tree):
        date = _date_part(value)
        if date:
            return date, False
    date = _date_part(guessed or "")
    return (date, True) if date else (None, False)


def _stated_dates(tree):
    if tree is None:
        return
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        yield from _json_ld_dates(script.text_content())
    metas = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        metas.setdefault(key, meta.get("content"))
    yield from (metas[name] for name in _DATE_METAS if name in metas)
    yield from tree.xpath('//time[@itemprop="datePublished"]/@datetime | //time[@pubdate]/@datetime')
    yield from tree.xpath("//article//time/@datetime")


def _json_ld_dates(text: str):
    try:
        data = json.loads(text)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if isinstance(item.get("datePublished"), str):
                yield item["datePublished"]
            stack.extend(value for key, value in item.items() if key == "@graph")


def _date_part(value: str) -> str | None:
    """'2025-07-30T14:02:11+00:00' → '2025-07-30' (the publisher's own date, as written)."""
    match = re.match(r"\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?![\d])", value, re.ASCII)
    if not match or not re.match(DATE_PATTERN, match.group(1)):
        return None
    return match.group(1)


def _canonical(tree, page: bytes, address: str | None) -> str | None:
    """The address the page names as its own (rel=canonical, then og:url), else the address a
    browser wrote into the saved file, else where it was fetched from."""
    found = None
    if tree is not None:
        links = tree.xpath('//link[@rel="canonical"]/@href') + tree.xpath('//meta[@property="og:url"]/@content')
        found = next((link.strip() for link in links if link.strip()), None)
    if not found:
        saved = _SAVED_FROM.search(page[:4096])
        found = saved.group(1).decode("ascii", "replace") if saved else None
    if found and address:
        found = urljoin(address, found)
    found = found or address
    return found if found and found.split(":", 1)[0].lower() in ("http", "https") else None


def _language(tree) -> str | None:
    if tree is None:
        return None
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    declared = declared or next(iter(tree.xpath('//meta[@property="og:locale"]/@content')), None)
    match = _LANGUAGE.match((declared or "").strip())
    return match.group(1).lower() if match else None
