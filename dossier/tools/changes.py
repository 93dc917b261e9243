"""What a change does to the evidence: the content at a git revision against the working tree.

Both versions go through the same load → validate → resolve stages, and their pages are rendered
in memory; the report lists, per entity, event and source, the statements added, removed or
changed (reworded, re-cited, re-dated, or any other attribute a statement has), relations on
either end, sources added or removed, and the pages whose text changes. Statements are compared
by their attributes generically, so a field added to the schema is compared without new code here.
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from pathlib import Path

from ..content.compare import Statement, attributes, entity_statements, event_statements, match
from ..content.load import load_content
from ..content.validate import validate_content
from ..pages import READER_KINDS, RESERVED_IDS, iter_pages
from ..publish.revisions import RevisionError as ChangesError, RevisionRefused, extract_content, refused_entry as _refused_entry  # noqa: F401 (tests import them here)
from ..pipeline import Project, check
from ..report import DossierError, errors_in
from ..resolve import Resolved, no_cycle_collection, resolve

def content_at(project: Project, revision: str, into: Path) -> Project:
    """A project folder holding content/ and templates/ as they were at ``revision``."""
    extract_content(project.root, revision, into)
    return Project(into)


def _resolved(project: Project) -> Resolved:
    resolved, problems = check(project)
    if resolved is None:
        raise DossierError(errors_in(problems))
    return resolved


def _pages(project: Project, resolved: Resolved) -> dict[str, str]:
    # One "last updated" date for every page in both versions: it comes from git history and the
    # day of the build, not from the content compared.
    same_date = {entity_id: "2000-01-01" for entity_id in resolved.content.entities}
    return dict(iter_pages(resolved, project.templates_dir, last_updated=same_date, kinds=READER_KINDS))


# ---------------------------------------------------------------------------------------------
# Statements, generically


# ---------------------------------------------------------------------------------------------
# Comparing


def _change_lines(before: Statement, after: Statement) -> list[str]:
    lines = []
    if before.text != after.text:
        lines.append(f"reworded: {_quoted(before.text)} → {_quoted(after.text)}")
    old_attributes, new_attributes = dict(before.attributes), dict(after.attributes)
    for name in sorted(old_attributes.keys() | new_attributes.keys()):
        was, now = old_attributes.get(name, ""), new_attributes.get(name, "")
        if was != now:
            lines.append(f"{_label(name)}: {_md(was) or '(none)'} → {_md(now) or '(none)'}")
    lines += _citation_changes(before.citations, after.citations)
    return lines


def _citation_changes(before, after) -> list[str]:
    removed = [citation for citation in before if citation not in after]
    added = [citation for citation in after if citation not in before]
    lines = []
    for old, new in zip(removed, added):
        old_fields, new_fields = dict(old), dict(new)
        if old_fields.get("source_id") != new_fields.get("source_id"):
            lines.append(f"citation now of `{new_fields.get('source_id')}` instead of `{old_fields.get('source_id')}`: "
                         f"{_quoted(new_fields.get('quote', ''))}")
            continue
        for name in sorted(old_fields.keys() | new_fields.keys()):
            if old_fields.get(name, "") != new_fields.get(name, ""):
                lines.append(f"citation of `{new_fields.get('source_id')}`, {_label(name)} changed: "
                             f"{_quoted_or_none(old_fields.get(name, ''))} → {_quoted_or_none(new_fields.get(name, ''))}")
    for citation in removed[len(added):]:
        lines.append(f"citation removed: {_cited(citation)}")
    for citation in added[len(removed):]:
        lines.append(f"citation added: {_cited(citation)}")
    return lines


def _cited(citation) -> str:
    fields = dict(citation)
    return f"`{fields.get('source_id')}`, {_quoted(fields.get('quote', ''))}"


def _statement_lines(verb: str, statement: Statement, where: str = "") -> list[str]:
    lines = [f"- **{verb}** {statement.kind}{where}: {_quoted(statement.text)}"]
    lines += [f"  - cites {_cited(citation)}" for citation in statement.citations]
    return lines


def _section_lines(old: list[Statement], new: list[Statement]) -> tuple[list[str], dict[str, int]]:
    removed, added, changed = match(old, new)
    lines = []
    for statement in added:
        lines += _statement_lines("added", statement)
    for statement in removed:
        lines += _statement_lines("removed", statement)
    for before, after in changed:
        lines.append(f"- **changed** {after.kind}: {_quoted(after.text)}")
        lines += [f"  - {line}" for line in _change_lines(before, after)]
    return lines, {"added": len(added), "removed": len(removed), "changed": len(changed)}


def _field_lines(before, after, leave_out: set[str]) -> list[str]:
    """Changes to an entity's or source's own fields (name, summary, title, ...)."""
    old, new = dict(attributes(before, leave_out)), dict(attributes(after, leave_out))
    return [
        f"- **{_label(name)}**: {_quoted(old.get(name, '')) if old.get(name) else '(none)'} → "
        f"{_quoted(new.get(name, '')) if new.get(name) else '(none)'}"
        for name in sorted(old.keys() | new.keys())
        if old.get(name, "") != new.get(name, "")
    ]


def changes_report(project: Project, revision: str) -> str:
    """The Markdown report of what the working tree changes in the evidence since ``revision``."""
    after = _resolved(project)
    after_pages = _pages(project, after)
    with tempfile.TemporaryDirectory(prefix="dossier-changes-") as folder:
        before_project = content_at(project, revision, Path(folder))
        before, old_errors = _resolved_as_far_as_possible(before_project)
        # Rules tighten over time: older content may fail today's check. Its statements can still
        # be compared; its pages cannot be rendered safely, so they are not.
        before_pages = None if old_errors else _pages(before_project, before)
    return _report(revision, before, after, before_pages, after_pages, old_errors)


def _resolved_as_far_as_possible(project: Project) -> tuple[Resolved, int]:
    """The content resolved with every file that could be read, and how many errors today's check finds."""
    with no_cycle_collection():
        content, problems = validate_content(load_content(project.content_dir), RESERVED_IDS)
        resolved, resolve_problems = resolve(content)
    return resolved, len(errors_in(problems + resolve_problems))


def _report(
    revision: str, before: Resolved, after: Resolved, before_pages: dict | None, after_pages: dict, old_errors: int = 0
) -> str:
    sections: dict[str, list[str]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    old_entities, new_entities = before.content.entities, after.content.entities

    def count(numbers: dict[str, int]) -> None:
        for name, number in numbers.items():
            totals[name] += number

    for entity_id in sorted(old_entities.keys() | new_entities.keys()):
        old = entity_statements(before.content, entity_id) if entity_id in old_entities else []
        new = entity_statements(after.content, entity_id) if entity_id in new_entities else []
        lines, numbers = _section_lines(old, new)
        count(numbers)
        if entity_id in old_entities and entity_id in new_entities:
            lines = _field_lines(old_entities[entity_id], new_entities[entity_id], {"id", "relations", "claims", "figures", "alias_positions", "corrections"}) + lines
        sections[_entity_heading(entity_id, before, after)] += lines
        # A relation added or removed shows on its target's section too: its page changes as well.
        for line_verb, statements in (("added", _relations_only(new, old)), ("removed", _relations_only(old, new))):
            for statement in statements:
                target = statement.key.split(" ")[2]
                if target != entity_id:
                    heading = _entity_heading(target, before, after)
                    sections[heading] += _statement_lines(line_verb, statement, f" (written on `{entity_id}`)")

    for event_id in sorted(before.content.events.keys() | after.content.events.keys()):
        old = event_statements(before.content, event_id) if event_id in before.content.events else []
        new = event_statements(after.content, event_id) if event_id in after.content.events else []
        lines, numbers = _section_lines(old, new)
        count(numbers)
        sections[f"Event `{event_id}`"] += lines

    old_sources, new_sources = before.content.sources, after.content.sources
    for source_id in sorted(old_sources.keys() | new_sources.keys()):
        heading = f"Source `{source_id}`"
        if source_id not in old_sources:
            totals["sources added"] += 1
            sections[heading + " (new)"].append(f"- **added**: {_quoted(new_sources[source_id].title)}")
            continue
        if source_id not in new_sources:
            totals["sources removed"] += 1
            sections[heading + " (removed)"].append(f"- **removed**: {_quoted(old_sources[source_id].title)}")
            continue
        old, new = old_sources[source_id], new_sources[source_id]
        lines = _field_lines(old, new, {"id", "paragraphs", "text_path"})
        old_paragraphs = [paragraph.text for paragraph in old.paragraphs]
        new_paragraphs = [paragraph.text for paragraph in new.paragraphs]
        if old_paragraphs != new_paragraphs:
            lines.append(f"- **body**: {len(old_paragraphs)} paragraph(s) → {len(new_paragraphs)} paragraph(s)")
        sections[heading] += lines

    if before_pages is None:
        pages = []
        page_lines = [
            f"Not compared: the content at {_code(revision)} does not pass today's check ({old_errors} error(s)), so its "
            "pages cannot be rendered; the statements above are compared as far as its files could be read."
        ]
    else:
        pages = sorted(
            path for path in before_pages.keys() | after_pages.keys() if before_pages.get(path) != after_pages.get(path)
        )
        page_lines = [
            f"- `{path}`" + (" (new)" if path not in before_pages else " (removed)" if path not in after_pages else "")
            for path in pages
        ]

    changed_sections = [(heading, lines) for heading, lines in sections.items() if lines]
    if not changed_sections and not pages and before_pages is not None:
        return f"## What this change does to the evidence\n\nNo change to the evidence since {_code(revision)}.\n"
    summary = (
        f"{totals['added']} statement(s) added, {totals['removed']} removed, {totals['changed']} changed; "
        f"{totals['sources added']} source(s) added, {totals['sources removed']} removed; "
        + (f"{len(pages)} page(s) change." if before_pages is not None else "pages not compared.")
    )
    out = ["## What this change does to the evidence", "", f"Since {_code(revision)}: {summary}", ""]
    for heading, lines in sorted(changed_sections, key=lambda section: _order(section[0])):
        out += [f"### {heading}", "", *lines, ""]
    if page_lines:
        out += ["### Pages whose text changes", "", *page_lines, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _relations_only(these: list[Statement], minus: list[Statement]) -> list[Statement]:
    keys = {statement.key for statement in minus if statement.kind == "relation"}
    return [statement for statement in these if statement.kind == "relation" and statement.key not in keys]


def _entity_heading(entity_id: str, before: Resolved, after: Resolved) -> str:
    old, new = before.content.entities.get(entity_id), after.content.entities.get(entity_id)
    name = (new or old).name if (new or old) else entity_id
    state = " (new)" if old is None else " (removed)" if new is None else ""
    return f"Entity `{entity_id}`: {_md(name)}{state}"


def _order(heading: str) -> tuple[int, str]:
    return ({"Entity": 0, "Event": 1, "Source": 2}[heading.split(" ")[0]], heading)


def _label(name: str) -> str:
    return name.removesuffix("_id").replace("_", " ")


def _md(value: str) -> str:
    """Editor or article text as inert GitHub Markdown on one line, for a pull request's summary.

    Markup characters (strikethrough's '~' and math's '$' included) are escaped with a backslash.
    GitHub also makes links, mentions, issue references and emoji out of plain words, and some of
    that after the Markdown is read, where escapes are already gone; it never does inside code. So
    a word it would change is shown as code: `https://x.org`, `www.x.org`, `@name`, `a@b.org`,
    `#12`, `GH-12`, `:smile:`. Fewer escapes than pages need (markup.text), so that the report
    still reads well in a terminal."""
    return " ".join(_code(word) if _GITHUB_WORD.search(word) else _MARKUP.sub(r"\\\1", word) for word in value.split())


_MARKUP = re.compile(r"([\\`*_\[\]<>|#&~$])")
# Where GitHub links a word (GFM's autolinks: www., a scheme such as https: or mailto:, an e-mail
# address) or turns it into a mention, an issue reference or an emoji.
_GITHUB_WORD = re.compile(r"(?i)www\.|[a-z][a-z0-9+.-]*:\S|@\w|#\d|\bgh-\d|:[\w+-]+:")


def _code(value: str) -> str:
    """``value`` as a Markdown code span: fenced by more backticks than it holds in a row, and set
    off by a space where it starts or ends with one (the space is not shown)."""
    fence = "`" * (1 + max((len(run) for run in re.findall("`+", value)), default=0))
    padding = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{padding}{value}{padding}{fence}"


def _quoted(value: str) -> str:
    return f"“{_md(value)}”"


def _quoted_or_none(value: str) -> str:
    """A value that was or is now left out reads '(none)', as a statement's fields do."""
    return _quoted(value) if value else "(none)"
