"""Regenerating only what a change touches, for the live preview's long-lived process.

Each run keeps what it read, parsed and resolved (``pipeline.Caches``) and the resolved content.
The next run compares the new resolved content with it, key by key (``changed``), and renders
again only the pages whose declared inputs (``pages.Items.inputs``) meet a changed key, plus
the pages of kinds made of everything (indexes, timeline, graph, ...) when what they are made
of changed. Pages whose Markdown is the same are not written, so the preview's MkDocs renders
only the others. A full build never comes here and stays what ``pipeline.generate`` writes.

The live preview runs in two parts (``regenerate_first``, then ``finish``): first the pages of
the entities and sources whose own files changed, which is the page an editor has open and
costs one page's work whatever the corpus's size; then everything else the change touches
(pages that show the edited entity's name, indexes, data files, coverage), a moment later.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable

from ..content.kinds import CONTENT_KINDS
from ..content.stamps import Seen, look
from ..pages import PAGE_KINDS, GENERATED_FOLDERS, PageKind
from ..pages.site import Site, TemplateProblem
from ..pages.timeline import timeline_group
from ..pipeline import Caches, Project, build_lock, check, main_dossiers, reported_file_errors, site_language
from ..publish.frontmatter import proven_pages
from ..publish.history import build_date, entity_dates, site_history
from ..publish.write import WriteSummary, write_if_changed, write_pages
from ..report import DossierError, Problem, errors_in
from ..resolve import Resolved

Key = tuple[str, str]


def changed(old: Resolved, new: Resolved) -> set[Key]:
    """Every key (see ``pages.Items.inputs``) whose value differs between two runs."""
    keys: set[Key] = {(kind, item_id) for kind, before, after in _own_items(old, new) for item_id in _differing(before, after)}
    for item_id in old.content.entities.keys() | new.content.entities.keys():
        if _shown_as(old, item_id) != _shown_as(new, item_id):
            keys.add(("name", item_id))
    if _timeline_order(old) != _timeline_order(new):
        keys.add(("timeline", "order"))
    for key, before, after in (
        ("relations-of", old.relations, new.relations),
        ("backlinks-of", old.backlinks, new.backlinks),
        ("events-of", old.events, new.events),
        ("mentions-of", old.mentions_by_entity, new.mentions_by_entity),
        ("mentions", old.mentions_by_source, new.mentions_by_source),
        ("citing", old.citing, new.citing),
    ):
        keys |= {(key, item_id) for item_id in _differing(before, after)}
    keys |= {("anchors", source_id) for source_id in _anchors_changed(old.quote_anchors, new.quote_anchors)}
    return keys


def own_changes(old: Resolved, new: Resolved) -> set[Key]:
    """The entities, sources and events whose own files changed or are new: what the first part
    of a preview's regeneration needs, found without comparing anything derived."""
    return {(kind, item_id) for kind, before, after in _own_items(old, new) for item_id in _differing(before, after) if item_id in after}


def _own_items(old: Resolved, new: Resolved) -> tuple[tuple[str, dict, dict], ...]:
    """(key, before, after) for what the editors' files make: the items of each content kind."""
    return tuple((kind.name, kind.items(old.content), kind.items(new.content)) for kind in CONTENT_KINDS)


def _differing(before: dict, after: dict) -> set[str]:
    """The ids whose values differ, or that only one side has. The cached check hands back the
    same object for what did not change, so most are told apart without comparing."""
    return {key for key in before.keys() | after.keys() if before.get(key) is not after.get(key) and before.get(key) != after.get(key)}


def _shown_as(resolved: Resolved, entity_id: str) -> tuple[str, str] | None:
    """What other pages show of an entity: its name (links, lists) and type (colours, groups)."""
    entity = resolved.content.entities.get(entity_id)
    return (entity.name, entity.type) if entity else None


def _timeline_order(resolved: Resolved) -> list[tuple[str, str]]:
    """The events in timeline order with their groups: what decides which timeline page holds each."""
    events = sorted(resolved.content.events.values(), key=lambda event: event.sort_key)
    return [(event.id, timeline_group(event)) for event in events]


def _anchors_changed(before: dict, after: dict) -> set[str]:
    """The sources where a quote's anchor changed, or a quote was found or lost."""
    if before == after:
        return set()
    differing = before.keys() ^ after.keys()
    differing |= {passage for passage, anchor in after.items() if before.get(passage, anchor) != anchor}
    return {passage.source_id for passage in differing}


def pages_to_render(old: Resolved, new: Resolved, keys: set[Key], kinds: tuple[PageKind, ...] = PAGE_KINDS):
    """(kind, ids of its items to render again, pages of removed items) for each kind; the ids are
    None for a kind without items whose pages must all be rendered again."""
    for kind in kinds:
        items = kind.items
        if items is None:
            unchanged = kind.made_of is not None and kind.made_of(old) == kind.made_of(new)
            yield kind, [] if unchanged else None, ()
            continue
        before, after = set(items.ids(old)), set(items.ids(new))
        redo = [
            item_id
            for item_id in items.ids(new)
            if item_id not in before
            or items.inputs(new, item_id) & keys
            or items.inputs(old, item_id) & keys
        ]
        yield kind, redo, [items.page(item_id) for item_id in sorted(before - after)]


class _Stopped(Exception):
    """``finish`` was asked to stop: nothing is written, and the rest stays to do."""


@dataclass
class _Pending:
    """A regeneration whose first part is written and the rest not yet."""

    site: Site
    resolved: Resolved
    done: set[str]
    """Pages the first part rendered from this content."""


@dataclass
class Preview:
    """The live preview's state between saves: caches, the last good content whose pages are all
    written, and which pages each kind of page made of everything wrote last time (to remove an
    index part no longer there).

    A failed run changes nothing: the pages stay the last good ones, and the next good run is
    compared with the last good content."""

    project: Project
    caches: Caches = field(default_factory=Caches)
    resolved: Resolved | None = None
    written_by_kind: dict[str, set[str]] = field(default_factory=dict)
    templates_seen: dict[str, Seen] = field(default_factory=dict)
    """The templates as read for the compiled ones ``caches.pages`` holds, by name (``stamps``)."""
    dates: tuple = ()
    main_ids: tuple = ()
    pending: _Pending | None = None
    """A first part written, the rest to do (``finish``); ``resolved`` stays the content before it."""

    def regenerate(self) -> tuple[WriteSummary, list[Problem]]:
        """Check, then write what changed, as ``pipeline.generate`` does (under the build lock,
        every page's front matter proven); raise DossierError on any error."""
        with build_lock(self.project):
            return self.regenerate_pages(first_only=False)

    def regenerate_first(self) -> tuple[WriteSummary, list[Problem]]:
        """As ``regenerate``, but write only the pages of the entities and sources whose own files
        changed (all pages, the first time); ``finish`` writes the rest."""
        with build_lock(self.project):
            return self.regenerate_pages(first_only=True)

    def finish(self, should_stop: Callable[[], bool] = lambda: False) -> WriteSummary | None:
        """Write the rest of what the last ``regenerate_first`` found changed (nothing if done).

        Everything is rendered before anything is written, so it can stop part-way with nothing
        written when ``should_stop`` says so (a new save came: it goes first). Then None, and
        the rest stays to do."""
        pending = self.pending
        if pending is None:
            return WriteSummary()
        with build_lock(self.project):
            unreadable: list[Problem] = []
            try:
                with self._written_whole_or_forgotten(unreadable):
                    summary = self._write_changed(
                        pending.site, self.resolved, pending.resolved, unreadable, pending.done, should_stop
                    )
            except _Stopped:
                return None
            self.resolved, self.pending = pending.resolved, None
            return summary

    def regenerate_pages(self, first_only: bool) -> tuple[WriteSummary, list[Problem]]:
        resolved, problems = check(self.project, self.caches)
        if resolved is None or errors_in(problems):
            raise DossierError(problems)
        if not self.dates:  # git dates and the build date do not change while the preview runs
            self.dates = (
                entity_dates(self.project.root),
                build_date(self.project.root),
                site_history(self.project.root, self.project.config_file),
            )
        templates = self._look_at_templates()
        if templates != self.templates_seen:
            # The compiled templates and what page kinds kept are made again, and every page is
            # written again: until a run does so, even if this one fails.
            self.caches.pages.clear()
            self.templates_seen, self.resolved, self.pending = templates, None, None
        site = Site(
            resolved,
            self.project.templates_dir,
            self.dates[0],
            self.dates[1],
            main_ids=main_dossiers(self.project),
            cache=self.caches.pages,
            history=self.dates[2],
            language=site_language(self.project),
        )
        unreadable: list[Problem] = []
        with self._written_whole_or_forgotten(unreadable, problems):
            if self.resolved is None or site.main_ids != self.main_ids:
                summary, complete = self._write_all(site, unreadable), True
            elif first_only:
                own = self._own_pages(site, self.resolved, resolved)
                summary, complete = self._write(own, [], unreadable), False
            else:
                summary, complete = self._write_changed(site, self.resolved, resolved, unreadable), True
        if complete:
            self.resolved, self.pending = resolved, None
        else:
            self.pending = _Pending(site, resolved, set(own))
        self.main_ids = site.main_ids
        return summary, problems

    @contextmanager
    def _written_whole_or_forgotten(self, unreadable: list[Problem], problems: list[Problem] = ()):
        """Raise DossierError for a template error or a page that could not be written; then some
        pages may be written and others not, so the next good run writes all."""
        try:
            with reported_file_errors(self.project):
                yield
        except TemplateProblem as error:
            self.resolved, self.pending = None, None
            raise DossierError([*problems, error.problem]) from None
        if unreadable:
            self.resolved, self.pending = None, None
            raise DossierError([*problems, *unreadable])

    def _write_all(self, site: Site, unreadable: list[Problem]) -> WriteSummary:
        self.written_by_kind = {}

        def pages():
            for kind in PAGE_KINDS:
                written = self.written_by_kind.setdefault(kind.name, set())
                for path, markdown in kind.pages(site):
                    written.add(path)
                    yield path, markdown

        docs = self.project.docs_dir
        return write_pages(docs, proven_pages(pages(), unreadable, docs.name), GENERATED_FOLDERS)

    def _own_pages(self, site: Site, old: Resolved, new: Resolved) -> dict[str, str]:
        """The pages of the entities and sources whose own files changed, rendered."""
        own = own_changes(old, new)
        rendered = {}
        for kind in PAGE_KINDS:
            items = kind.items
            if items is not None:
                ids = items.ids(new)
                rendered.update(
                    (items.page(item_id), items.render(site, item_id))
                    for key, item_id in sorted(own)
                    if key == items.key and item_id in ids
                )
        return rendered

    def _write_changed(
        self,
        site: Site,
        old: Resolved,
        new: Resolved,
        unreadable: list[Problem],
        done: set[str] = frozenset(),
        should_stop: Callable[[], bool] = lambda: False,
    ) -> WriteSummary:
        keys = changed(old, new)
        if not keys:
            return WriteSummary()
        # Everything is rendered before anything is written, so that a failing template (or a
        # stop) leaves every page as it was.
        rendered: dict[str, str] = {}
        removed: list[str] = []
        written_by_kind = dict(self.written_by_kind)
        for kind, redo, gone in pages_to_render(old, new, keys):
            if should_stop():
                raise _Stopped
            if redo is None:
                pages = dict(kind.pages(site))
                gone = sorted(written_by_kind.get(kind.name, set()) - pages.keys())
                written_by_kind[kind.name] = set(pages)
            else:  # none, for a kind without items whose pages are unchanged (graph.made_of)
                pages = {}
                for path, item_id in ((kind.items.page(item_id), item_id) for item_id in redo):
                    if path not in done:
                        pages[path] = kind.items.render(site, item_id)
                        if len(pages) % 50 == 0 and should_stop():
                            raise _Stopped
            rendered.update(pages)
            removed += gone
        self.written_by_kind = written_by_kind
        return self._write(rendered, removed, unreadable)

    def _write(self, rendered: dict[str, str], removed: list[str], unreadable: list[Problem]) -> WriteSummary:
        summary = WriteSummary()
        docs = self.project.docs_dir
        for path, markdown in proven_pages(rendered.items(), unreadable, docs.name):
            if write_if_changed(docs / path, markdown):
                summary.written.append(path)
            else:
                summary.unchanged += 1
        for path in removed:
            target = docs / path
            target.unlink(missing_ok=True)
            folder = target.parent
            if folder != docs / path.split("/", 1)[0] and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()  # the page was the index.md of a folder of its own
            summary.removed.append(path)
        summary.written.sort()
        return summary

    def _look_at_templates(self) -> dict[str, Seen]:
        """Each template as it is now: unequal to ``templates_seen`` when one changed (``stamps``)."""
        return {
            path.name: look(str(path), self.templates_seen.get(path.name), follow_links=True)
            for path in sorted(self.project.templates_dir.iterdir())
            if path.is_file()
        }
