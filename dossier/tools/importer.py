"""`new source` for a web page: fetched from its address or saved by a browser (.html, .htm).

Writes three files, none over an existing one: content/sources/<id>.txt (the article as
extracted, a paragraph a line), content/captures/<id>.html (the page exactly as fetched or saved)
and content/sources/<id>.yml (what the page states of itself, its retrieval time and the
capture's fingerprint). A page already imported, by its address or its text, is refused.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..content.captures import CAPTURE_SUFFIX, CAPTURES_FOLDER, MAX_CAPTURE_BYTES, capture_file, fingerprint, read_capture
from ..content.load import load_content, read_text
from ..content.schema import SCHEMA_LINE
from ..content.validate import id_refusal
from ..publish.write import create_file
from .extract import Article, NoArticle, extract_article
from .fetch import FetchError, Limits, fetch
from .language import guess_language
from .scaffold import source_id_for, yaml_string

PAGE_TYPES = ("text/html", "application/xhtml+xml")


class ImportRefused(Exception):
    """Why a page was not imported, said to the editor."""


@dataclass(frozen=True)
class Imported:
    source_id: str
    written: tuple[Path, ...]
    article: Article
    paragraphs: int
    language: str
    """What the YAML says: the page's declared language, or one guessed from the article."""
    language_guessed: bool


def fetch_page(url: str, allow_private: bool = False) -> tuple[bytes, str]:
    """The page at ``url`` as the server sent it, and the address it was finally fetched from."""
    try:
        fetched = fetch(url, Limits(max_bytes=MAX_CAPTURE_BYTES, allow_private=allow_private))
    except FetchError as error:
        raise ImportRefused(str(error)) from None
    if not 200 <= fetched.status < 300:
        raise ImportRefused(f"{fetched.url}: the server answered {fetched.status} {fetched.reason}: check the address in a browser")
    if fetched.content_type and fetched.content_type not in PAGE_TYPES:
        raise ImportRefused(
            f"{fetched.url} is {fetched.content_type}, not a web page: save the text as a .txt file and import that"
        )
    return fetched.body, fetched.url


def read_saved_page(path: Path) -> bytes:
    """A page saved by a browser, as bytes (its encoding is read from the page)."""
    try:
        if not path.is_file():  # a folder, or a FIFO that would never end
            raise ImportRefused(f"{path} is not a file")
        size = path.stat().st_size
        if size > MAX_CAPTURE_BYTES:
            raise ImportRefused(f"{path} is {size / 1_000_000:.1f} MB; a page must be under {MAX_CAPTURE_BYTES // 1_000_000} MB")
        return path.read_bytes()
    except OSError as error:
        raise ImportRefused(f"{path} cannot be read ({error.strerror})") from None


def refuse_a_bad_id(source_id: str) -> None:
    """The id a page is imported under must pass check's own rule (the command line checks one
    given with --id first, with a suggestion; this also catches one made from a headline)."""
    refusal = id_refusal("source", source_id)
    if refusal:
        raise ImportRefused(f"'{source_id}' cannot be a source's id: it is {refusal}; choose another")


def saved_at(path: Path) -> datetime.datetime:
    """When a browser saved the page: the file's modification time, the best a file can say."""
    return datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.timezone.utc)


def import_page(content_dir: Path, page: bytes, address: str | None, retrieved: datetime.datetime, source_id: str | None = None) -> Imported:
    """Extract, check for duplicates, and write the three files of a new source."""
    try:
        article = extract_article(page, address)
    except NoArticle as error:
        raise ImportRefused(f"{error}: save the article's text as a .txt file and import that instead") from None
    source_id = source_id or source_id_for(article.title or "source")
    refuse_a_bad_id(source_id)  # the one from the headline too ('Tags' would replace the tags page)
    _refuse_duplicates(content_dir, article)
    sources = content_dir / "sources"
    text_file, yaml_file, kept = sources / f"{source_id}.txt", sources / f"{source_id}.yml", capture_file(content_dir, source_id)
    for existing in (text_file, yaml_file, kept):
        if existing.exists() or existing.is_symlink():
            raise ImportRefused(f"{existing} already exists: choose another id with --id")
    create_file(kept, page)
    create_file(text_file, article.text)
    language = article.language or guess_language(article.text)
    create_file(yaml_file, source_yaml(source_id, article, retrieved, fingerprint(page), language))
    return Imported(
        source_id, (text_file, kept, yaml_file), article, len(article.text.split("\n\n")), language, not article.language
    )


def source_yaml(source_id: str, article: Article, retrieved: datetime.datetime, sha256: str, language: str) -> str:
    """The new source's YAML: every field the page states, the others as comments to fill in, and
    its language (the page's, or ``language`` guessed from its text)."""
    guessed = "read from the page's text, not its metadata: check it" if article.published_guessed else ""
    # key, value (None: not on the page), placeholder, what the comment says when it is missing / present
    fields = [
        ("title", _quoted(article.title), '""', "the headline", ""),
        ("publisher", _quoted(article.publisher), '""', "the outlet, as the page names it", ""),
        ("via", _quoted(article.via), '""', 'who republished a wire story: "AFP, via Yemen Now News"', ""),
        ("author", _quoted(article.author), '""', "only if the page names one", ""),
        ("published", article.published, "2025-06", "2025, 2025-06 or 2025-06-06: only what is known", guessed),
        ("language", language, "", "", "" if article.language else "guessed from the text: check it"),
        ("url", _quoted(article.url), "https://...", "the page's own address", ""),
        ("archive_url", None, "https://web.archive.org/...", "an archived copy, if there is one", ""),
        ("retrieved", retrieved.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "", "", "UTC"),
        ("sha256", sha256, "", "", f"of content/captures/{source_id}.html, the page as retrieved"),
        ("partial", None, "true", "if the copy is incomplete (a paywall, one page of several)", ""),
    ]
    text = SCHEMA_LINE.format(kind="source") + "\n"
    for key, value, placeholder, missing, present in fields:
        line, comment = (f"{key}: {value}", present) if value is not None else (f"# {key}: {placeholder}", missing)
        text += f"{line:<27} # {comment}\n" if comment else f"{line}\n"
    return text


def _quoted(value: str | None) -> str | None:
    return yaml_string(value) if value is not None else None


def text_fingerprint(text: str) -> str:
    """The same article whatever its line breaks, spacing or letter case."""
    return hashlib.sha256(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()


def _refuse_duplicates(content_dir: Path, article: Article) -> None:
    """A page whose address or text is already a source is not imported twice."""
    loaded = load_content(content_dir)
    text = text_fingerprint(article.text)
    for file in loaded.files:
        if file.kind != "source":
            continue
        url = file.document.data.get("url")
        if article.url and isinstance(url, str) and url.strip() == article.url:
            raise ImportRefused(f"this page is already the source '{file.id}' (its url is {article.url}): cite that one")
        if file.text is not None and text_fingerprint(file.text) == text:
            raise ImportRefused(f"this article's text is already the source '{file.id}' ({file.text_path}): cite that one")


def extract_again(content_dir: Path, source_id: str) -> tuple[str, str, str, str]:
    """The source's .txt and the article extracted from its kept copy now, with their paths:
    (text path, text, capture path, extracted), for showing how they differ."""
    refuse_a_bad_id(source_id)
    folder = content_dir.name
    text_path = f"{folder}/sources/{source_id}.txt"
    capture_path = f"{folder}/{CAPTURES_FOLDER}/{source_id}{CAPTURE_SUFFIX}"
    text, problem = read_text(content_dir / "sources" / f"{source_id}.txt", text_path)
    if problem:
        raise ImportRefused(f"{problem.position.path}: {problem.message}")
    page, problems = read_capture(capture_file(content_dir, source_id), capture_path)
    if page is None:
        raise ImportRefused(f"{problems[0].position.path}: {problems[0].message}")
    try:
        extracted = extract_article(page).text
    except NoArticle as error:
        raise ImportRefused(f"{capture_path}: {error}") from None
    return text_path, text, capture_path, extracted
