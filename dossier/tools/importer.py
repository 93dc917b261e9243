"""`new source` for a web page: fetched from its address or saved by a browser (.html, .htm).

Writes three files, none over an existing one: content/sources/<id>.txt (the article as
extracted, a paragraph a line), content/captures/<id>.html (the page exactly as fetched or saved)
and content/sources/<id>.yml (what the page states of itself, its retrieval time and the
capture's fingerprint). A page already imported, by its address or its text, is refused.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..content.captures import CAPTURE_SUFFIX, CAPTURES_FOLDER, MAX_CAPTURE_BYTES, capture_file, fingerprint, read_capture
from ..content.load import load_content, read_text
from ..content.schema import SCHEMA_LINE
from ..content.validate import id_refusal, skeleton_problems
from ..pages import RESERVED_IDS
from ..publish.write import create_file
from ..report import errors_in, to_run
from ..text.resemblance import NEARLY_THE_SAME, Probe
from .extract import Article, NoArticle, extract_article
from .fetch import FetchError, Limits, fetch
from .language import guess_language
from .scaffold import first_line, source_id_for, source_skeleton, yaml_string, yaml_word

PAGE_TYPES = ("text/html", "application/xhtml+xml")


class ImportRefused(Exception):
    """Why a page was not imported, said to the editor."""


class IdTaken(ImportRefused):
    """A file of the new source's id exists already: the editor chooses another id (how depends on
    the command, so the message leaves it to the caller)."""

    def __init__(self, path: Path, source_id: str):
        super().__init__(f"{path} already exists: choose another id")
        self.source_id = source_id


class Duplicate(ImportRefused):
    """The article is a source already: ``source_id``."""

    def __init__(self, message: str, source_id: str):
        super().__init__(message)
        self.source_id = source_id


@dataclass(frozen=True)
class NearDuplicate:
    """A source whose text is nearly the new article's (``resemblance``)."""

    source_id: str
    text_path: str
    share: float


@dataclass(frozen=True)
class Imported:
    source_id: str
    written: tuple[Path, ...]
    article: Article | None
    """None for a pasted article (a .txt)."""
    paragraphs: int
    resembles: tuple[NearDuplicate, ...] = ()
    language: str = "en"
    """What the YAML says: the one stated or declared by the page, or one guessed from the article."""
    language_guessed: bool = False


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
    refusal = id_refusal("source", source_id, RESERVED_IDS)
    if refusal:
        raise ImportRefused(f"'{source_id}' cannot be a source's id: it is {refusal}; choose another")


def saved_at(path: Path) -> datetime.datetime:
    """When a browser saved the page: the file's modification time, the best a file can say."""
    return datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.timezone.utc)


@dataclass(frozen=True)
class Stated:
    """What an editor states of a new source beside its page or text (a row of a batch's CSV);
    each value given wins over what the page says of itself."""

    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str | None = None


def import_page(
    content_dir: Path, page: bytes, address: str | None, retrieved: datetime.datetime, source_id: str | None = None,
    stated: Stated = Stated(),
) -> Imported:
    """Extract, check for duplicates, and write the three files of a new source."""
    try:
        article = extract_article(page, address)
    except NoArticle as error:
        raise ImportRefused(f"{error}: save the article's text as a .txt file and import that instead") from None
    given = {key: value for key, value in vars(stated).items() if value}
    article = dataclasses.replace(article, **given, **({"published_guessed": False} if stated.published else {}))
    source_id = source_id or source_id_for(article.title or "source")
    refuse_a_bad_id(source_id)  # the one from the headline too ('Tags' would replace the tags page)
    resembles = check_duplicates(content_dir, article.text, article.url)
    text_file, yaml_file, kept = content_dir / "sources" / f"{source_id}.txt", content_dir / "sources" / f"{source_id}.yml", capture_file(content_dir, source_id)
    language = article.language or guess_language(article.text)
    yaml = source_yaml(source_id, article, retrieved, fingerprint(page), language)
    write_new_source(source_id, {kept: page, text_file: article.text, yaml_file: yaml})
    paragraphs = len(article.text.split("\n\n"))
    return Imported(source_id, (text_file, kept, yaml_file), article, paragraphs, resembles, language, not article.language)


def import_text(content_dir: Path, raw: bytes, text: str, source_id: str | None = None, stated: Stated = Stated(), in_place: bool = False) -> Imported:
    """Check for duplicates, and write a pasted article (unless ``in_place``: already in
    content/sources/) unchanged, with its annotation skeleton."""
    title = stated.title or first_line(text)
    source_id = source_id or source_id_for(title)
    refuse_a_bad_id(source_id)
    resembles = check_duplicates(content_dir, text)
    sources = content_dir / "sources"
    language = stated.language or guess_language(text)
    yaml = source_skeleton(title, text, stated.publisher, stated.published, language, language_guessed=not stated.language)
    files = ({} if in_place else {sources / f"{source_id}.txt": raw}) | {sources / f"{source_id}.yml": yaml}
    write_new_source(source_id, files)
    return Imported(source_id, tuple(files), None, 0, resembles, language, not stated.language)


def write_new_source(source_id: str, files: dict[Path, str | bytes]) -> None:
    """Write a new source's files, all or none: its YAML must pass check on its own (as check reads
    it), no file may exist already, and what was written is removed if a later one fails."""
    yaml_path, yaml = list(files.items())[-1]
    errors = errors_in(skeleton_problems("source", source_id, yaml))
    if errors:
        raise ImportRefused(min(errors).message)
    for path in files:
        if path.exists() or path.is_symlink():
            raise IdTaken(path, source_id)
    written = []
    try:
        for path, data in files.items():
            create_file(path, data)
            written.append(path)
    except OSError as error:
        for path in written:
            path.unlink()
        raise ImportRefused(f"{error.filename or path}: cannot be written ({error.strerror})") from None


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
        ("published", article.published and yaml_word(article.published), "2025-06", "2025, 2025-06 or 2025-06-06: only what is known", guessed),
        ("language", yaml_word(language), "", "", "" if article.language else "guessed from the text: check it"),
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


def check_duplicates(content_dir: Path, text: str, url: str | None = None) -> tuple[NearDuplicate, ...]:
    """Refuses an article whose address or text is already a source (ImportRefused); returns the
    sources whose text is nearly the same (the same wire story on another site), for a warning."""
    loaded = load_content(content_dir)
    fingerprint_of_text, probe = text_fingerprint(text), Probe.of(text)
    near = []
    for file in loaded.files:
        if file.kind != "source":
            continue
        known_url = file.document.data.get("url")
        if url and isinstance(known_url, str) and known_url.strip() == url:
            raise Duplicate(f"this page is already the source '{file.id}' (its url is {url}): cite that one", file.id)
        if file.text is None:
            continue
        if text_fingerprint(file.text) == fingerprint_of_text:
            raise Duplicate(f"this article's text is already the source '{file.id}' ({file.text_path}): cite that one", file.id)
        resemblance = probe.resemblance(file.text)
        if resemblance >= NEARLY_THE_SAME:
            near.append(NearDuplicate(file.id, file.text_path, resemblance))
    return tuple(near)


def near_duplicate_warning(text_path: str, source_id: str, near: NearDuplicate) -> str:
    """The warning for an article imported as ``source_id`` whose text is nearly ``near``'s."""
    return (
        f"warning: {text_path} is nearly the same text as {near.text_path} (the source '{near.source_id}'): "
        f"{near.share:.0%} of the shorter one's passages are in both, as when one wire story is republished by two "
        f"sites. If it is the same story, cite '{near.source_id}' and remove this one: {to_run('remove source', source_id)}"
    )


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
