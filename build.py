#!/usr/bin/env python3
"""Dossier's command line: check content, generate pages, build or preview the site.

A thin layer: it parses options, calls the ``dossier`` package, prints problems and turns
them into exit codes (0 success, 1 content errors, 2 wrong usage).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from typing import Callable

from dossier.content.load import link_on_the_way, read_file, special_file_problem
from dossier.content.schema import ENTITY_TYPES, MAX_ID_LENGTH
from dossier.content.validate import NOT_AN_ID, id_refusal, skeleton_problems
from dossier.publish.history import why_unavailable
from dossier.pipeline import (
    Project, build, check, check_published, configured_site_url, export_schemas, generate, layout_problems,
)
from dossier.pages import RESERVED_IDS
from dossier.progress import Progress
from dossier.publish.renderers import DEFAULT_RENDERER, RENDERERS
from dossier.publish.write import create_file
from dossier.report import DossierError, Problem, errors_in, format_report, to_run, workflow_annotations
from dossier.text.characters import visible, visible_lines
from dossier.tools.language import language_said
from dossier.tools.scaffold import entity_id_for, entity_skeleton, first_line, source_id_for

HERE = Path(__file__).resolve().parent


def _print_problems(problems: list[Problem]) -> None:
    if problems:
        print(format_report(problems), file=sys.stderr)
        _annotate(problems)


def _annotate(problems: list[Problem]) -> None:
    # In GitHub Actions, each problem also becomes an annotation on its line of the pull request.
    if os.environ.get("GITHUB_ACTIONS") and problems:
        sys.stderr.flush()
        print(workflow_annotations(problems), flush=True)


def command_build(project: Project, options: argparse.Namespace) -> int:
    summary, problems = build(project, progress=Progress.for_terminal(), renderer=options.renderer, jobs=options.jobs)
    _print_problems(problems)
    site_dir = project.rendered_site(options.renderer)
    print(
        f"Built {visible(str(site_dir))}/ ({len(summary.written)} page(s) regenerated, {len(summary.removed)} removed).\n"
        f"To view it: make {RENDERERS[options.renderer].serve_target} (live preview), or "
        f".venv/bin/python -m http.server -d {visible(site_dir.name)} 8000 and open http://127.0.0.1:8000/"
    )
    if history_unavailable := why_unavailable(project.root):
        print(f"Note: {history_unavailable}; the history pages, the Corrections page and the feeds say so.")
    if not configured_site_url(project):
        print(SITE_URL_MISSING)
    return 0


SITE_URL_MISSING = (
    "Before publishing, set the site's address: DOSSIER_SITE_URL=https://example.org/dossier/ "
    "(site_url in mkdocs.yml). Without it sitemap.xml lists no page, pages have no canonical link "
    "or share-preview address, and 404.html works only at the root of a domain."
)


def command_check(project: Project, options: argparse.Namespace) -> int:
    _, problems = check_published(project)
    print(format_report(problems), file=sys.stderr if problems else sys.stdout)
    _annotate(problems)
    return 1 if errors_in(problems) else 0


def command_generate(project: Project, options: argparse.Namespace) -> int:
    summary, problems = generate(project, progress=Progress.for_terminal(), jobs=options.jobs)
    _print_problems(problems)
    print(f"Generated pages: {len(summary.written)} written, {summary.unchanged} unchanged, {len(summary.removed)} removed.")
    return 0


def command_serve(project: Project, options: argparse.Namespace) -> int:
    from dossier.preview.serve import serve  # the preview's modules, only for this command

    return serve(project, host="127.0.0.1", port=options.port, renderer=options.renderer)


def command_schema(project: Project, options: argparse.Namespace) -> int:
    changed = export_schemas(project)
    print(f"Schemas in {project.schemas_dir}: {', '.join(changed) + ' rewritten' if changed else 'already up to date'}.")
    return 0


def _id_refused(kind: str, item_id: str, try_instead: Callable[[str], str]) -> str | None:
    """Why ``item_id`` cannot be a new ``kind``'s id (check's own rule), with ``try_instead``'s
    command for a valid one (``to_run``: both forms); None if it can be."""
    refusal = id_refusal(kind, item_id, RESERVED_IDS)
    if refusal is None:
        return None
    if refusal == NOT_AN_ID:
        suggestion = entity_id_for(item_id)
        message = (
            f"'{item_id}' is not an id: use lowercase letters, digits and hyphens, "
            f"at most {MAX_ID_LENGTH} characters (e.g. 'wagner-group')."
        )
    else:
        suggestion = f"{item_id}-{kind}"
        message = f"the id '{item_id}' is {refusal}: choose another."
    return visible(f"error: {message}" + (f" Try: {try_instead(suggestion)}" if suggestion else ""))


def _refuse_links(project: Project, path: Path) -> Problem | None:
    """The Problem check reports for the first symbolic link inside the project that reading or
    writing ``path`` would follow; None if there is none."""
    link = link_on_the_way(path, project.root)
    return special_file_problem(link, link.relative_to(project.root).as_posix()) if link else None


def command_new_entity(project: Project, options: argparse.Namespace) -> int:
    entity_id = options.id
    name = options.name or (entity_id if entity_id != entity_id_for(entity_id) else None)
    refused = _id_refused(
        "entity", entity_id, lambda valid: to_run("new entity", valid, name=name)
    )
    if refused:
        print(refused, file=sys.stderr)
        return 2
    skeleton = entity_skeleton(entity_id, options.name, options.type)
    errors = errors_in(skeleton_problems("entity", entity_id, skeleton))
    if errors:  # the name, the skeleton's only free text: check would refuse it
        print(visible(f"error: --name: {min(errors).message.removeprefix('name: ')}"), file=sys.stderr)
        return 2
    path = project.content_dir / "entities" / f"{entity_id}.yml"
    link = _refuse_links(project, path)
    if link:
        print(format_report([link]), file=sys.stderr)
        return 1
    try:
        create_file(path, skeleton)
    except FileExistsError:
        print(visible(f"error: {path} already exists: edit it, or choose another id"), file=sys.stderr)
        return 2
    print(
        visible(f"Wrote {path}: fill in its {'' if options.type else 'type, '}aliases, summary and claims, then run make check.")
    )
    return 0


def command_new_source(project: Project, options: argparse.Namespace) -> int:
    if (options.file is None) == (options.again is None):
        print("error: name an article, a saved page or an address to import, or --again ID, not both", file=sys.stderr)
        return 2
    if options.again:
        return _extract_again(project, options.again)
    if options.metadata:
        return _new_sources_from_csv(project, options)
    typed = options.file  # echoed as typed: a Path would print 'https://…' as 'https:/…'
    if "://" in typed:
        return _new_source_from_page(project, options)
    article = Path(typed)
    link = _refuse_links(project, article)  # inside the project, a file is read as check reads it
    if link:
        print(format_report([link]), file=sys.stderr)
        return 1
    if article.suffix.lower() in (".html", ".htm"):
        return _new_source_from_page(project, options)
    from dossier.tools import importer
    if not article.is_file():
        print(visible(f"error: {typed} is not a file: save the article as a text file and give its path"), file=sys.stderr)
        return 2
    real = article.resolve()  # no link inside the project on the way: any link followed is the editor's own
    inside = real.is_relative_to(project.root)
    raw, text, problem = read_file(real, real.relative_to(project.root).as_posix() if inside else typed)
    if problem:
        print(format_report([problem]), file=sys.stderr)
        return 1
    title = first_line(text)
    folder = project.content_dir / "sources"
    # An article already saved into content/sources/ only needs its annotation file.
    in_place = real.suffix == ".txt" and real.parent == folder and options.id in (None, real.stem)
    source_id = options.id or (real.stem if in_place else source_id_for(title))
    refused = _id_refused("source", source_id, lambda valid: to_run("new source", typed, id=valid))
    if refused:
        print(refused, file=sys.stderr)
        return 2
    written = ([] if in_place else [folder / f"{source_id}.txt"]) + [folder / f"{source_id}.yml"]
    for path in written:
        link = _refuse_links(project, path)
        if link:
            print(format_report([link]), file=sys.stderr)
            return 1
        if path.exists():
            print(visible(f"error: {path} already exists: choose another id: {to_run('new source', typed, id=f'{source_id}-2')}"), file=sys.stderr)
            return 2
    try:  # the article exactly as received
        imported = importer.import_text(project.content_dir, raw, text, source_id, in_place=in_place)
    except importer.ImportRefused as error:
        print(f"error: {visible(str(error))}", file=sys.stderr)
        return 1
    article_line = "" if in_place else f"{folder / source_id}.txt (the article, unchanged) and "
    print(
        visible(
            f"Wrote {article_line}{folder / source_id}.yml: check the title, add what the "
            "text says of publisher, author and date, and mark the body with start_after/end_before "
            "(suggestions are in the file). Then run make check."
        )
    )
    print(visible(language_said(imported.language, imported.language_guessed, folder / f"{source_id}.yml")))
    _warn_near_duplicates(project, source_id, imported.resembles)
    return 0


def _warn_near_duplicates(project: Project, source_id: str, resembles) -> None:
    from dossier.tools.importer import near_duplicate_warning

    for near in resembles:
        print(visible(near_duplicate_warning(f"{project.content_dir.name}/sources/{source_id}.txt", source_id, near)), file=sys.stderr)


def _new_sources_from_csv(project: Project, options: argparse.Namespace) -> int:
    from dossier.tools import batch

    if options.id:
        print("error: --id names one source: with --metadata, give each row's id in the CSV's id column", file=sys.stderr)
        return 2
    folder = Path(options.file)
    if not folder.is_dir():
        print(visible(f"error: {options.file} is not a folder: with --metadata, name the folder the CSV's files are in"), file=sys.stderr)
        return 2
    for kept in ("sources", "captures"):  # what the import writes into, never through a link
        link = _refuse_links(project, project.content_dir / kept / "new")
        if link:
            print(format_report([link]), file=sys.stderr)
            return 1
    try:
        rows = batch.read_rows(Path(options.metadata), options.metadata)
    except batch.BatchRefused as error:
        print(visible(str(error)), file=sys.stderr)
        return 2
    counts = {"imported": 0, "skipped": 0, "error": 0}
    for outcome in batch.import_rows(project.content_dir, project.root, folder, rows, options.allow_private):
        counts[outcome.kind] += 1
        where = f"{options.metadata}:{outcome.row.line}"
        label = "error: " if outcome.kind == "error" else "skipped: " if outcome.kind == "skipped" else ""
        print(visible(f"{where}: {label}{outcome.message}"), file=sys.stderr if outcome.kind == "error" else sys.stdout, flush=True)
        for warning in outcome.warnings:
            print(visible(f"{where}: {warning}"), file=sys.stderr, flush=True)
    print(
        f"{counts['imported']} imported, {counts['skipped']} skipped (already sources), {counts['error']} failed"
        + (": fix those rows and run the same command again (rows already imported are skipped)." if counts["error"] else ". Then run make check.")
    )
    return 1 if counts["error"] else 0


def _extract_again(project: Project, source_id: str) -> int:
    import difflib

    from dossier.tools import importer

    try:
        text_path, text, capture_path, extracted = importer.extract_again(project.content_dir, source_id)
    except importer.ImportRefused as error:
        print(f"error: {visible(str(error))}", file=sys.stderr)
        return 1
    if text == extracted:
        print(f"{text_path} is the article as extracted from {capture_path} now: no difference.")
        return 0
    diff = difflib.unified_diff(text.splitlines(True), extracted.splitlines(True), text_path, f"extracted from {capture_path}")
    print(visible_lines("".join(diff)), end="")
    return 1


def _new_source_from_page(project: Project, options: argparse.Namespace) -> int:
    import datetime

    from dossier.tools import importer
    from dossier.content.schema import is_web_address

    for folder in ("sources", "captures"):  # what the import writes into, never through a link
        link = _refuse_links(project, project.content_dir / folder / "new")
        if link:
            print(format_report([link]), file=sys.stderr)
            return 1
    refused = options.id and _id_refused(
        "source", options.id, lambda valid: to_run("new source", options.file, id=valid)
    )
    if refused:  # before anything is fetched
        print(refused, file=sys.stderr)
        return 2
    try:
        if "://" in options.file:
            if not is_web_address(options.file):
                print(f"error: {visible(options.file)}: only http:// and https:// pages are fetched", file=sys.stderr)
                return 2
            retrieved = datetime.datetime.now(datetime.timezone.utc)
            page, address = importer.fetch_page(options.file, options.allow_private)
        else:
            page, address = importer.read_saved_page(Path(options.file)), None
            retrieved = importer.saved_at(Path(options.file))
        imported = importer.import_page(project.content_dir, page, address, retrieved, options.id)
    except importer.IdTaken as error:
        print(visible(f"error: {error}: {to_run('new source', options.file, id=f'{error.source_id}-2')}"), file=sys.stderr)
        return 2
    except importer.ImportRefused as error:
        print(f"error: {visible(str(error))}", file=sys.stderr)
        return 1
    text, kept, annotation = imported.written
    print(
        f"Wrote {text} (the article, {imported.paragraphs} paragraphs), {kept} (the page as "
        f"{'fetched' if address else 'saved'}) and {annotation}: compare the text with the page, check each field "
        "(commented ones were not on the page), then run make check."
    )
    print(visible(language_said(imported.language, imported.language_guessed, annotation)))
    _warn_near_duplicates(project, imported.source_id, imported.resembles)
    return 0


def command_rename_source(project: Project, options: argparse.Namespace) -> int:
    from dossier.content.load import load_content
    from dossier.tools import housekeeping

    old, new = options.old, options.new
    refused = _id_refused("source", new, lambda valid: to_run("rename source", old, valid))
    if refused:
        print(refused, file=sys.stderr)
        return 2
    _, problems = check(project)
    if errors_in(problems):  # renaming rewrites citations: only content that check can read whole
        print(format_report(problems), file=sys.stderr)
        print("Nothing was renamed: fix these errors first (make check), then rename again.", file=sys.stderr)
        return 1
    content = project.content_dir
    if id_refusal("source", old, RESERVED_IDS) or not (content / "sources" / f"{old}.yml").is_file():
        print(visible(f"error: there is no source '{old}' (content/sources/{old}.yml)"), file=sys.stderr)
        return 2
    taken = housekeeping.source_files(content, new)
    if taken:
        print(visible(f"error: {taken[0]} already exists: choose another id, or remove that source first"), file=sys.stderr)
        return 2
    loaded = load_content(content)
    places = housekeeping.citations_of(loaded, old)
    edits = {}
    try:
        for path in sorted({place.path for place in places}):
            text = next(file.document.text for file in loaded.files if file.path == path)
            edits[path] = housekeeping.rewritten(text, [place for place in places if place.path == path], old, new)
    except housekeeping.Refused as error:
        print(f"error: {visible(str(error))}", file=sys.stderr)
        return 1
    own = content / "sources" / f"{old}.yml"  # its fingerprint's comment names the kept copy
    own_text = own.read_text(encoding="utf-8-sig")
    edits[own.relative_to(project.root).as_posix()] = own_text.replace(f"captures/{old}.html", f"captures/{new}.html")
    renamed = [(path, path.with_name(path.name.replace(old, new, 1))) for path in housekeeping.source_files(content, old)]
    try:
        for path, text in edits.items():
            file = project.root / path
            housekeeping.replace_text(file, ("\ufeff" if file.read_bytes().startswith(b"\xef\xbb\xbf") else "") + text)
        for path, new_path in renamed:
            path.rename(new_path)
    except OSError as error:  # a read-only folder: what was done is said, so that it can be finished by hand
        print(
            visible(
                f"error: {error.filename}: cannot be written ({error.strerror}); the rename stopped there: make the "
                f"folder writable, then see git status and finish it, or undo it (git checkout -- content)"
            ),
            file=sys.stderr,
        )
        return 1
    print(
        visible(
            f"Renamed the source '{old}' to '{new}': {', '.join(path.relative_to(project.root).as_posix() for _, path in renamed)}, "
            f"and {len(places)} citation(s) in {len({place.path for place in places})} file(s). Run make check."
        )
    )
    return 0


def command_remove_source(project: Project, options: argparse.Namespace) -> int:
    from dossier.content.load import load_content
    from dossier.tools import housekeeping

    source_id = options.id
    content = project.content_dir
    if id_refusal("source", source_id, RESERVED_IDS) or not (content / "sources" / f"{source_id}.yml").is_file():
        print(visible(f"error: there is no source '{source_id}' (content/sources/{source_id}.yml)"), file=sys.stderr)
        return 2
    loaded = load_content(content)
    unreadable = errors_in(loaded.problems)
    if unreadable:  # a file that cannot be read may cite it
        print(format_report(unreadable), file=sys.stderr)
        print("Nothing was removed: while a file cannot be read, what cites the source cannot be known. Fix it first (make check).", file=sys.stderr)
        return 1
    places = housekeeping.citations_of(loaded, source_id)
    if places:
        print(format_report(housekeeping.citing_problems(places, source_id)), file=sys.stderr)
        print(f"Nothing was removed: '{source_id}' is cited {len(places)} time(s), listed above.", file=sys.stderr)
        return 1
    removed = housekeeping.source_files(content, source_id)
    try:
        for path in removed:
            path.unlink()
    except OSError as error:
        print(visible(f"error: {error.filename}: cannot be removed ({error.strerror}): make its folder writable, then remove it again"), file=sys.stderr)
        return 1
    print(f"Removed the source '{source_id}': {', '.join(path.relative_to(project.root).as_posix() for path in removed)}.")
    return 0


def command_changes(project: Project, options: argparse.Namespace) -> int:
    from dossier.tools.changes import ChangesError, RevisionRefused, changes_report

    try:
        print(visible_lines(changes_report(project, options.since)), end="")
    except RevisionRefused as error:
        print(format_report(error.problems), file=sys.stderr)
        print(f"error: {visible(str(error))}", file=sys.stderr)
        return 1
    except ChangesError as error:
        print(f"error: {visible(str(error))}", file=sys.stderr)
        return 2
    except DossierError as error:
        print(format_report(error.problems), file=sys.stderr)
        print("The content has errors: fix them (make check), then compare again.", file=sys.stderr)
        return 1
    return 0


def command_coverage(project: Project, options: argparse.Namespace) -> int:
    from dossier.pages.coverage_report import report

    resolved, problems = check(project)
    if resolved is None:
        print(format_report(problems), file=sys.stderr)
        return 1
    print(visible_lines(report(resolved)), end="")  # article text, shown in a terminal
    return 0


def command_drift(project: Project, options: argparse.Namespace) -> int:
    from dossier.tools import drift

    resolved, problems = check(project)
    if resolved is None:
        print(format_report(problems), file=sys.stderr)
        print("The content has errors: fix them (make check), then look for drift.", file=sys.stderr)
        return 1
    settings = drift.Settings(timeout=options.timeout, budget=options.budget, allow_private=options.allow_private)
    findings, without_url = drift.drift(resolved, settings)
    print(visible_lines(drift.as_json(findings, without_url) if options.json else drift.report(findings, without_url)), end="")
    return 1 if drift.needs_attention(findings) else 0


def port_number(text: str) -> int:
    """--port: a port from 1 to 65535, or 0 for one the system says is free."""
    port = int(text) if text.isascii() and text.isdigit() else -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            f"expected a port from 1 to 65535, or 0 for any free port, but received: '{visible(text)}'"
        )
    return port


def _positive_count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, 1 or more, but got {text!r}")
    return int(text)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="build.py",
        description="Build the Dossier site from content/ (default: a full build into site/).",
    )
    main.add_argument("--project", type=Path, default=HERE, help="the project folder, holding mkdocs.yml (default: this one)")
    main.set_defaults(run=command_build, renderer=DEFAULT_RENDERER, jobs=None)
    commands = main.add_subparsers(title="commands", metavar="COMMAND")

    build_parser = commands.add_parser(
        "build", help="validate, generate pages and render the site into site/ (the default)",
        description="Validate content, write the generated Markdown pages and render the site with MkDocs "
        "in strict mode. The new site replaces site/ only if everything succeeded.",
    )
    build_parser.add_argument(
        "--renderer",
        choices=list(RENDERERS),
        default=DEFAULT_RENDERER,
        help="what renders the generated pages: mkdocs (the default, into site/) or zensical (into site.zensical/, "
        "to check the site without Material for MkDocs)",
    )
    build_parser.add_argument(
        "--jobs",
        type=_positive_count,
        metavar="N",
        help="how many processes generate the pages and render them with MkDocs (default: one per available "
        "core); the site is byte for byte the same whatever N, and --jobs 1 is MkDocs' own single-process build",
    )
    build_parser.set_defaults(run=command_build)

    commands.add_parser(
        "check", help="validate content only; print every problem as path:line:col",
        description="Validate all content without rendering. Prints each problem as "
        "'path:line:col: error: message' and a summary; exits 1 if there is any error.",
    ).set_defaults(run=command_check)

    generate_parser = commands.add_parser(
        "generate", help="validate, then write the generated Markdown pages into docs/",
        description="Validate content and write the generated Markdown pages under docs/; "
        "only pages whose text changed are rewritten, and pages of deleted content are removed.",
    )
    generate_parser.add_argument(
        "--jobs",
        type=_positive_count,
        metavar="N",
        help="how many processes generate the pages (default: one per available core; a small site, one); "
        "docs/ is byte for byte the same whatever N",
    )
    generate_parser.set_defaults(run=command_generate)

    serve_parser = commands.add_parser(
        "serve", help="live preview on http://127.0.0.1:8000/",
        description="Serve the site on 127.0.0.1, regenerate pages when a file under content/ or templates/ "
        "is saved, and reload the browser. Errors (content or templates) are printed and shown in a banner on "
        "every page without stopping the server.",
    )
    serve_parser.add_argument(
        "--port", type=port_number, default=8000, help="port to listen on, or 0 for any free port (default 8000)"
    )
    serve_parser.add_argument(
        "--renderer",
        choices=list(RENDERERS),
        default=DEFAULT_RENDERER,
        help="what renders the preview: mkdocs (the default) or zensical (zensical serve in a work folder, "
        "fed the pages each save regenerates)",
    )
    serve_parser.set_defaults(run=command_serve)

    commands.add_parser(
        "schema", help="write the JSON Schema files under schemas/ from the schema in code",
        description="Regenerate schemas/source.schema.json, entity.schema.json and event.schema.json, which "
        "editors' YAML tools use for completion and inline errors.",
    ).set_defaults(run=command_schema)

    changes_parser = commands.add_parser(
        "changes", help="what the content change does to the evidence since a git revision, in Markdown",
        description="Compare the content at a git revision with the working tree and report, per entity, event and "
        "source, the statements added, removed or changed (with their quotes), relations on either end, sources "
        "added or removed, and the pages whose text changes. The report is Markdown.",
    )
    changes_parser.add_argument("--since", required=True, metavar="REV", help="the git revision to compare with, e.g. origin/main")
    changes_parser.set_defaults(run=command_changes)

    commands.add_parser(
        "coverage", help="what nobody has annotated yet: uncited paragraphs, names without an entity, uncited mentions",
        description="List, as Markdown: per source, the paragraphs no statement cites; names and acronyms that occur "
        "in several sources but belong to no entity (candidates for new entities or aliases); and, per source, the "
        "entities it mentions that none of their statements cites. The built site has the same list at /coverage/.",
    ).set_defaults(run=command_coverage)

    drift_parser = commands.add_parser(
        "drift", help="fetch each source's url again: unchanged, changed, a cited quote missing, or gone",
        description="Fetch every source's url again and report, per source: unchanged, changed (every cited quote "
        "still on the page), quote missing (with each citing statement's file:line), gone (4xx/5xx, or no such host) "
        "or failed (no answer in time, or refused). Changes nothing. One request at a time per host; exits 1 when a "
        "quote is missing or a page is gone.",
    )
    drift_parser.add_argument("--json", action="store_true", help="print the findings as JSON (for CI)")
    drift_parser.add_argument("--timeout", type=float, default=15.0, metavar="SECONDS", help="how long one connection or read may wait (default 15)")
    drift_parser.add_argument("--budget", type=float, default=600.0, metavar="SECONDS", help="how long the whole run may take (default 600); sources not reached are reported as not checked")
    drift_parser.add_argument("--allow-private", action="store_true", help="let urls reach this machine or a private network: for tests and local mirrors only")
    drift_parser.set_defaults(run=command_drift)

    rename_parser = commands.add_parser(
        "rename", help="rename a source: its files and every citation of it",
        description="Rename a source's files (.txt, .yml, its kept copy) and rewrite every citation of it "
        "(source: OLD) in content/, in place: comments, order and formatting are kept. Refused while check "
        "finds errors.",
    )
    rename_kinds = rename_parser.add_subparsers(title="kinds", metavar="KIND", required=True)
    rename_source = rename_kinds.add_parser("source", help="rename content/sources/OLD.* to NEW", description="Rename a source and rewrite every citation of it.")
    rename_source.add_argument("old", metavar="OLD", help="the source's id now")
    rename_source.add_argument("new", metavar="NEW", help="its new id")
    rename_source.set_defaults(run=command_rename_source)

    remove_parser = commands.add_parser(
        "remove", help="remove a source that nothing cites",
        description="Remove a source's files (.txt, .yml, its kept copy). Refused while anything cites it: each "
        "citation is listed as file:line.",
    )
    remove_kinds = remove_parser.add_subparsers(title="kinds", metavar="KIND", required=True)
    remove_source = remove_kinds.add_parser("source", help="remove content/sources/ID.*", description="Remove a source nothing cites.")
    remove_source.add_argument("id", metavar="ID", help="the source's id")
    remove_source.set_defaults(run=command_remove_source)

    new_parser = commands.add_parser(
        "new", help="start a new entity or source from a valid skeleton",
        description="Write a new content file that already passes check, with the schema line on top.",
    )
    kinds = new_parser.add_subparsers(title="kinds", metavar="KIND", required=True)
    entity_parser = kinds.add_parser(
        "entity", help="new content/entities/<id>.yml", description="Write content/entities/<id>.yml from a skeleton."
    )
    entity_parser.add_argument("id", help="the new entity's id, e.g. wagner-group")
    entity_parser.add_argument("--name", help="the name readers know it by, e.g. \"Ségou\" (default: from the id)")
    entity_parser.add_argument("--type", choices=ENTITY_TYPES, metavar="TYPE", help=f"one of: {', '.join(ENTITY_TYPES)}")
    entity_parser.set_defaults(run=command_new_entity)
    source_parser = kinds.add_parser(
        "source", help="import an article as content/sources/<id>.txt with a .yml beside it",
        description="Copy an article's text unchanged into content/sources/ and write its annotation skeleton. "
        "The id comes from the first line (the headline) unless --id is given. A web page (a saved .html or a URL) "
        "is kept as content/captures/<id>.html with its SHA-256 in the YAML, its article extracted into the .txt "
        "and its metadata (title, author, date, publisher, language, address) into the YAML.",
    )
    source_parser.add_argument(
        "file", metavar="FILE_OR_URL", nargs="?",
        help="the article's text file (UTF-8), a web page saved by a browser (.html, .htm) or its http(s) address",
    )
    source_parser.add_argument("--id", help="the source id (default: from the headline)")
    source_parser.add_argument(
        "--metadata", metavar="CSV",
        help="import a batch: FILE_OR_URL is then the folder of the CSV's files; the CSV has a row per source with the "
        "columns url or file, and optionally publisher, published, language, title and id",
    )
    source_parser.add_argument(
        "--again", metavar="ID",
        help="extract the article from source ID's kept copy again and show how it differs from its .txt (writes nothing)",
    )
    source_parser.add_argument(
        "--allow-private", action="store_true",
        help="let a URL (or its redirects) reach this machine or a private network: for tests and local mirrors only",
    )
    source_parser.set_defaults(run=command_new_source)
    return main


def main(argv: list[str] | None = None) -> int:
    options = parser().parse_args(argv)
    project = Project(options.project.resolve())
    try:
        refused = layout_problems(project)  # before any command reads the project
        if refused:
            raise DossierError(refused)
        return options.run(project, options)
    except DossierError as error:
        print(format_report(error.problems), file=sys.stderr)
        _annotate(error.problems)
        print("Nothing was published: the previous site/ is unchanged.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)  # what a stopped build left behind, the next one removes
        return 130


if __name__ == "__main__":
    # Ctrl+C stops a build or the preview even when this was started from a shell that ignores it
    # (a background job, a CI runner): Python installs its handler only where SIGINT is not ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.exit(main())
