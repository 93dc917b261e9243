"""The only reader of content/: files on disk → parsed YAML documents and raw article text.

Nothing here judges what the files say; it only reads them safely, so that a file that is too
big, not UTF-8, or not YAML becomes a located Problem instead of a traceback.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..report import Position, Problem, to_run
from .captures import CAPTURE_SUFFIX, CAPTURES_FOLDER, Capture, find_capture, unclaimed_capture_problems
from .kinds import CONTENT_KINDS, ContentKind
from .stamps import look
from .yamlfile import YamlDocument, YamlProblem, parse_yaml

MAX_FILE_BYTES = 1_000_000
"""Articles are tens of kilobytes and annotations less; a megabyte is a mistake or an attack."""

PROJECT_FOLDERS = ("content", "templates", "docs", "overrides")
"""The folders a project is read from; with mkdocs.yml, its parts."""


@dataclass
class LoadedFile:
    """One annotation file, read and parsed but not yet checked against the schema."""

    kind: str
    """The name of its kind ('source', 'entity', ...: see ``kinds``)."""
    id: str
    """The file name without its extension."""
    path: str
    """The file's path relative to the project, as messages show it."""
    document: YamlDocument
    text: str | None = None
    """For a kind with a text file (a source): its raw text (the article), exactly as stored."""
    text_path: str | None = None
    capture: Capture | None = None
    """For a source: its kept copy in content/captures/, if it has one."""


@dataclass
class LoadedContent:
    """Every readable annotation file, and the problems met reading the others."""

    files: list[LoadedFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def load_content(content_dir: Path, cache: dict | None = None) -> LoadedContent:
    """Read every annotation and article under ``content_dir``, in a stable order.

    ``cache`` (for a long-lived process) keeps each file as read, keyed by its path, and parses
    again only files whose bytes changed (for a source, its article's too), as ``stamps`` tells.
    """
    loaded = LoadedContent()
    if content_dir.is_symlink():  # the same rule as for anything inside it
        loaded.problems.append(special_file_problem(content_dir, content_dir.name))
        return loaded
    if not content_dir.is_dir():
        loaded.problems.append(Problem(Position(str(content_dir)), "content folder not found: run from the project folder"))
        return loaded
    listings: dict[str, list[os.DirEntry]] = {}
    refused = _refuse_links_and_special_files(content_dir, loaded, listings)
    # Paths are strings here, not pathlib paths: the preview runs this loop on every save, over
    # every file, and a Path operation costs microseconds (a quarter of a second at 10,000 sources).
    content_name = content_dir.name
    for kind in CONTENT_KINDS:
        folder = kind.folder
        directory = f"{content_dir}/{folder}"
        entries = listings.get(directory)  # listed only if a folder itself, not a link
        if directory in refused or entries is None:
            continue
        files = {entry.name for entry in entries if entry.is_file()}
        for entry in entries:
            name, path = entry.name, entry.path
            if name.startswith(".") or path in refused or (name.endswith(".yml") and path[:-4] + ".txt" in refused):
                continue  # hidden files are never read; refused ones are reported, with the source they belong to
            relative = f"{content_name}/{folder}/{name}"
            if name.endswith(".yml") and name in files:
                if cache is None:
                    _load_annotation(kind, Path(path), relative, loaded)
                else:
                    _load_cached(kind, path, relative, loaded, cache)
            elif kind.text_suffix and name.endswith(kind.text_suffix):
                if name.removesuffix(kind.text_suffix) + ".yml" not in files:
                    loaded.problems.append(
                        Problem(
                            Position(relative),
                            f"article has no annotation file: write {name.removesuffix(kind.text_suffix)}.yml with {to_run('new source', relative)}",
                        )
                    )
            else:
                loaded.problems.append(
                    Problem(Position(relative), f"ignored: only .yml files belong in content/{folder}/", "warning")
                )
    captures = f"{content_dir}/{CAPTURES_FOLDER}"
    if captures in listings and captures not in refused:
        source_ids = {entry.name[:-4] for entry in listings.get(f"{content_dir}/sources", []) if entry.name.endswith(".yml")}
        loaded.problems += unclaimed_capture_problems(listings[captures], source_ids, f"{content_name}/{CAPTURES_FOLDER}")
    return loaded


_NOTHING_KEPT = ((None, None, None), None)


def _load_cached(kind: ContentKind, path: str, relative: str, loaded: LoadedContent, cache: dict) -> None:
    kept_seen, kept = cache.get(relative, _NOTHING_KEPT)
    # Looked at before they are read, so that a change in between shows next time.
    annotation = look(path, kept_seen[0])
    article = look(path[:-4] + kind.text_suffix, kept_seen[1]) if kind.text_suffix else None
    capture = look(_capture_path(path), kept_seen[2]) if kind.text_suffix else None
    if annotation is not kept_seen[0] or article is not kept_seen[1] or capture is not kept_seen[2]:  # see stamps
        if kept is None or (annotation, article, capture) != kept_seen:
            kept = LoadedContent()
            _load_annotation(kind, Path(path), relative, kept)
        cache[relative] = ((annotation, article, capture), kept)
    loaded.files += kept.files
    loaded.problems += kept.problems


_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device file"),
    (stat.S_ISBLK, "a device file"),
)


def _refuse_links_and_special_files(content_dir: Path, loaded: LoadedContent, listings: dict[str, list[os.DirEntry]]) -> set[str]:
    """Report every symbolic link and special file under content/; the set of those paths.

    Links are never followed, even to a file inside content/: a link can publish any file of
    the build machine (a system file, .git/config). Special files are never opened, since
    opening a FIFO waits for a writer forever. Only the folder listing's own file types and
    lstat are used here, which never block. Also warns about YAML files in folders the build
    does not read. ``listings`` receives each folder's entries, sorted by name.
    """
    refused: set[str] = set()
    project_dir = content_dir.parent
    read_folders = {str(content_dir / kind.folder) for kind in CONTENT_KINDS}
    folders = [str(content_dir)]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as listing:
            entries = listings[folder] = sorted(listing, key=lambda entry: entry.name)
        for entry in entries:
            if entry.name.startswith("."):
                # Hidden files are never read, so they may be anything: editors keep lock files
                # there (Emacs' .#name is a symbolic link), and the operating system its own.
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif not entry.is_file(follow_symlinks=False):
                path = Path(entry.path)
                problem = special_file_problem(path, path.relative_to(project_dir).as_posix())
                if problem:
                    loaded.problems.append(problem)
                    refused.add(entry.path)
            elif entry.name.endswith((".yml", ".yaml")) and folder not in read_folders:
                loaded.problems.append(_unread_yaml_warning(Path(entry.path).relative_to(project_dir).as_posix()))
    return refused


def _unread_yaml_warning(relative: str) -> Problem:
    folders = ", ".join(f"content/{kind.folder}/" for kind in CONTENT_KINDS)
    return Problem(
        Position(relative),
        f"ignored: the build reads YAML files only in {folders}: move it into one of them or delete it",
        "warning",
    )


def special_file_problem(path: Path, relative: str) -> Problem | None:
    """A Problem if ``path`` is a symbolic link or anything but a regular file or folder.

    ``relative`` is its path from the project folder: the message names the part of the project
    (content/, docs/, ...) that nothing may be published from outside of."""
    try:
        mode = path.lstat().st_mode
    except OSError as error:
        return Problem(Position(relative), f"cannot be read ({error.strerror}): check its permissions")
    if stat.S_ISLNK(mode):
        return link_problem(relative, os.readlink(path))
    for test, kind in _SPECIAL_FILES:
        if test(mode):
            return not_a_text_file_problem(relative, kind)
    return None


def links_and_special_files(folder: Path, project_dir: Path) -> list[Problem]:
    """A Problem for every symbolic link and special file anywhere under ``folder``, hidden ones
    included, in path order; none is followed or opened."""
    problems = []
    folders = [folder]
    while folders:
        current = folders.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as error:
            relative = current.relative_to(project_dir).as_posix()
            problems.append(Problem(Position(relative), f"cannot be read ({error.strerror}): check its permissions"))
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            elif not entry.is_file(follow_symlinks=False):
                path = Path(entry.path)
                problem = special_file_problem(path, path.relative_to(project_dir).as_posix())
                if problem:
                    problems.append(problem)
    return sorted(problems)


MAX_LINKS = 40
"""How many symbolic links the system follows in one path before it gives up (Linux's limit)."""


def link_on_the_way(path: Path, folder: Path) -> Path | None:
    """The first symbolic link inside ``folder`` (a real path) that opening ``path`` would follow.

    ``path`` is followed one part at a time, as the system does, so a link is seen whether it is
    the file itself or a folder on the way; links outside ``folder`` (an editor's own Downloads
    folder, say) are followed. None if opening ``path`` follows no link inside ``folder``.
    """
    reached, followed = Path("/"), 0
    to_visit = list(reversed((Path.cwd() / path).parts[1:]))  # '..' kept: it applies after a link
    while to_visit:
        part = to_visit.pop()
        if part == "..":
            reached = reached.parent  # ``reached`` holds no link, so its parent is the real one
            continue
        step = reached / part
        if not step.is_symlink():
            reached = step
            continue
        if step.is_relative_to(folder):
            return step
        followed += 1
        if followed > MAX_LINKS:
            return None  # a loop of links: opening the path fails, and says so
        target = Path(os.readlink(step))
        if target.is_absolute():
            reached = Path("/")
        to_visit += reversed(target.parts[1:] if target.is_absolute() else target.parts)
    return None


def _part_of_the_project(relative: str) -> str:
    """The part of the project (content/, docs/, ...) that ``relative`` lies in, as messages name it."""
    top = relative.split("/", 1)[0]
    return f"{top}/" if "/" in relative and top in PROJECT_FOLDERS else "the project folder"


def link_problem(relative: str, target: str, where: str | None = None) -> Problem:
    """Why a symbolic link at ``relative`` (to ``target``) is refused, wherever it is found;
    ``where`` names it in the message when that differs (``REV:path`` for a git revision)."""
    return Problem(
        Position(where or relative),
        f"is a symbolic link to {target!r}: links are never followed, so that nothing outside "
        f"{_part_of_the_project(relative)} can be published; put the file or folder itself here instead of a link",
    )


def not_a_text_file_problem(relative: str, kind: str, where: str | None = None) -> Problem:
    """Why ``relative``, a special file of ``kind`` ('a socket'), is refused, wherever it is found."""
    return Problem(
        Position(where or relative),
        f"is {kind}, not a text file: remove it; {_part_of_the_project(relative)} holds only folders and text files",
    )


def _load_annotation(kind: ContentKind, path: Path, relative: str, loaded: LoadedContent) -> None:
    text, problem = read_text(path, relative)
    if problem:
        loaded.problems.append(problem)
        return
    item = annotation(kind.name, path.stem, relative, text)
    if isinstance(item, Problem):
        loaded.problems.append(item)
        return
    if kind.text_suffix:  # a source: its article, and the page it was taken from if kept
        article = path.with_suffix(kind.text_suffix)
        item.text_path = relative[: -len(".yml")] + kind.text_suffix
        if not article.is_file() and not article.is_symlink():
            loaded.problems.append(Problem(Position(relative), f"the article text {article.name} is missing beside it"))
            return
        item.text, problem = read_text(article, item.text_path)
        if problem:
            loaded.problems.append(problem)
            return
        capture_relative = f"{relative.rsplit('/', 2)[0]}/{CAPTURES_FOLDER}/{path.stem}{CAPTURE_SUFFIX}"
        item.capture = find_capture(Path(_capture_path(str(path))), capture_relative, loaded.problems)
    loaded.files.append(item)


def _capture_path(annotation: str) -> str:
    """content/sources/<id>.yml → content/captures/<id>.html."""
    folder, name = os.path.split(annotation)
    return os.path.join(os.path.dirname(folder), CAPTURES_FOLDER, name[: -len(".yml")] + CAPTURE_SUFFIX)


def annotation(kind: str, item_id: str, relative: str, text: str) -> LoadedFile | Problem:
    """An annotation file's text parsed, or the Problem that stops it being read."""
    try:
        document = parse_yaml(text)
    except YamlProblem as error:
        return Problem(Position(relative, error.line, error.col), error.message)
    if document.data is None:
        return Problem(Position(relative), "file has no content: fill it in or delete it")
    if not isinstance(document.data, dict):
        return Problem(Position(relative, 1, 1), "expected 'key: value' lines at the top of the file")
    return LoadedFile(kind=kind, id=item_id, path=relative, document=document)


def read_text(path: Path, relative: str) -> tuple[str, Problem | None]:
    """A file's text, or a Problem saying why it cannot be used as text (see ``read_file``)."""
    _, text, problem = read_file(path, relative)
    return text, problem


def read_file(path: Path, relative: str) -> tuple[bytes, str, Problem | None]:
    """A file's bytes and text, or a Problem saying why it cannot be used as text.

    Opened without following a link and without waiting (a FIFO would block), then checked to
    be a regular file, so that a file swapped for a link after load_content looked is refused too.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return b"", "", special_file_problem(path, relative)
        return b"", "", Problem(Position(relative), f"cannot be read ({error.strerror}): check that it exists and is readable")
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return b"", "", special_file_problem(path, relative) or Problem(Position(relative), "is not a regular file: remove it")
        size = status.st_size
        if size > MAX_FILE_BYTES:
            return b"", "", Problem(
                Position(relative),
                f"file is {size / 1_000_000:.1f} MB; content files must be under {MAX_FILE_BYTES // 1_000_000} MB: "
                "split it or remove what does not belong",
            )
        raw = handle.read(MAX_FILE_BYTES + 1)
    return raw, *_decoded(raw, relative)


def _decoded(raw: bytes, relative: str) -> tuple[str, Problem | None]:
    if not raw.strip():
        return "", Problem(Position(relative), "file is empty: fill it in or delete it")
    if _looks_like_utf16(raw):
        return "", Problem(Position(relative), "file is UTF-16 text, not UTF-8: save it with UTF-8 encoding")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return "", Problem(Position(relative, line, 1), "file contains a NUL byte: it is not a text file; save it as UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return "", Problem(
            Position(relative, line, 1),
            f"file is not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be read): save it with UTF-8 encoding",
        )
    return text.removeprefix("\ufeff"), None


def _looks_like_utf16(raw: bytes) -> bool:
    """A UTF-16 byte order mark, or a NUL in every other byte, as Latin text in UTF-16 has."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = raw[:4096]
    half = len(sample) // 2
    return half >= 2 and max(sample[0::2].count(0), sample[1::2].count(0)) >= half * 0.9
