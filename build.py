#!/usr/bin/env python3
"""Dossier's command line: check content, generate pages, build or preview the site.

A thin layer: it parses options, calls the ``dossier`` package, prints problems and turns
them into exit codes (0 success, 1 content errors, 2 wrong usage).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dossier.pipeline import Project, build, check, generate
from dossier.report import DossierError, Problem, errors_in, format_report

PROJECT = Project(Path(__file__).resolve().parent)


def _print_problems(problems: list[Problem]) -> None:
    if problems:
        print(format_report(problems), file=sys.stderr)


def command_build(options: argparse.Namespace) -> int:
    summary, problems = build(PROJECT, dirty=options.dirty)
    _print_problems(problems)
    print(
        f"Built {PROJECT.site_dir.relative_to(PROJECT.root)}/ "
        f"({len(summary.written)} page(s) regenerated, {len(summary.removed)} removed). "
        "To view it: python build.py serve, or python -m http.server -d site 8000 and open http://127.0.0.1:8000/"
    )
    return 0


def command_check(options: argparse.Namespace) -> int:
    _, problems = check(PROJECT)
    print(format_report(problems), file=sys.stderr if problems else sys.stdout)
    return 1 if errors_in(problems) else 0


def command_generate(options: argparse.Namespace) -> int:
    summary, problems = generate(PROJECT)
    _print_problems(problems)
    print(f"Generated pages: {len(summary.written)} written, {summary.unchanged} unchanged, {len(summary.removed)} removed.")
    return 0


def command_serve(options: argparse.Namespace) -> int:
    from dossier.serve import serve

    return serve(PROJECT, host="127.0.0.1", port=options.port)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="build.py",
        description="Build the Dossier site from content/ (default: a full build into site/).",
    )
    main.set_defaults(run=command_build, dirty=False)
    commands = main.add_subparsers(title="commands", metavar="COMMAND")

    build_parser = commands.add_parser(
        "build", help="validate, generate pages and render the site into site/ (the default)",
        description="Validate content, write the generated Markdown pages and render the site with MkDocs "
        "in strict mode. The new site replaces site/ only if everything succeeded.",
    )
    build_parser.add_argument("--dirty", action="store_true", help="re-render only pages whose Markdown changed")
    build_parser.set_defaults(run=command_build)

    commands.add_parser(
        "check", help="validate content only; print every problem as path:line:col",
        description="Validate all content without rendering. Prints each problem as "
        "'path:line:col: error: message' and a summary; exits 1 if there is any error.",
    ).set_defaults(run=command_check)

    commands.add_parser(
        "generate", help="validate, then write the generated Markdown pages into docs/",
        description="Validate content and write the generated Markdown pages under docs/entities and docs/sources; "
        "only pages whose text changed are rewritten.",
    ).set_defaults(run=command_generate)

    serve_parser = commands.add_parser(
        "serve", help="live preview on http://127.0.0.1:8000/",
        description="Serve the site on 127.0.0.1, regenerate pages when a file under content/ or templates/ "
        "is saved, and reload the browser. Content errors are printed without stopping the server.",
    )
    serve_parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve_parser.set_defaults(run=command_serve)
    return main


def main(argv: list[str] | None = None) -> int:
    options = parser().parse_args(argv)
    try:
        return options.run(options)
    except DossierError as error:
        print(format_report(error.problems), file=sys.stderr)
        print("Nothing was published: the previous site/ is unchanged.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
