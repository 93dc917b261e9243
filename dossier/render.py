"""Render: resolved content → {page path: Markdown}, through the Jinja2 templates.

Templates receive plain data and helpers. Any value a template prints is escaped as inert
Markdown text unless it is ``Md`` (built by ``markup`` or the helpers here), so forgetting to
escape is not possible.
"""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from .markup import Md, front_matter, html_text, markdown_link, prose, text
from .model import Citation, Entity, Source
from .prose import prose_links
from .resolve import Mention, Passage, Resolved

GENERATED_FOLDERS = ("entities", "sources")
"""Folders of docs/ that belong to the generator: every file in them is written by it."""

SNIPPET_CONTEXT = 70
"""Characters of context shown each side of a mention in 'Mentioned in'."""

TYPE_HEADINGS = {
    "organization": "Organizations",
    "armed group": "Armed groups",
    "private military company": "Private military companies",
    "military unit": "Military units",
    "armed forces": "Armed forces",
    "government": "Governments",
    "state body": "State bodies",
    "international mission": "International missions",
    "person": "People",
    "place": "Places",
}


def entity_page(entity_id: str) -> str:
    return f"entities/{entity_id}.md"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.md"


def render_site(resolved: Resolved, templates_dir: Path) -> dict[str, str]:
    """Every generated page, keyed by its path under docs/, in a stable order."""
    renderer = _Renderer(resolved, templates_dir)
    pages = {"entities/index.md": renderer.entity_index(), "sources/index.md": renderer.source_index()}
    for entity in resolved.content.entities.values():
        pages[entity_page(entity.id)] = renderer.entity(entity)
    for source in resolved.content.sources.values():
        pages[source_page(source.id)] = renderer.source(source)
    return pages


@dataclass
class Note:
    """One numbered footnote: a passage of a source, and every place on the page citing it."""

    number: int
    citation: Citation
    passage: Passage


@dataclass
class Footnotes:
    """Numbers a page's citations in order of first use; one passage cited twice shares a number."""

    resolved: Resolved
    notes: list[Note] = field(default_factory=list)
    _by_passage: dict[Passage, Note] = field(default_factory=dict)

    def refs(self, citations: tuple[Citation, ...]) -> Md:
        """The footnote references for a statement's citations, e.g. '[^1][^3]'."""
        numbers = []
        for citation in citations:
            passage = self.resolved.passages[citation]
            if passage not in self._by_passage:
                note = Note(len(self.notes) + 1, citation, passage)
                self.notes.append(note)
                self._by_passage[passage] = note
            numbers.append(self._by_passage[passage].number)
        return Md("".join(f"[^{number}]" for number in dict.fromkeys(numbers)))


class _Renderer:
    def __init__(self, resolved: Resolved, templates_dir: Path):
        self.resolved = resolved
        self.content = resolved.content
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            autoescape=False,  # Markdown, not HTML: escaping is done by finalize below
            finalize=_escape_unless_safe,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    def _render(self, template: str, page: str, **context: Any) -> str:
        helpers = _PageHelpers(self.resolved, page)
        return self.env.get_template(template).render(page=helpers, content=self.content, **context)

    def entity(self, entity: Entity) -> str:
        page = entity_page(entity.id)
        footnotes = Footnotes(self.resolved)
        mentions_by_source: dict[str, list[Mention]] = defaultdict(list)
        for mention in self.resolved.mentions_by_entity.get(entity.id, []):
            mentions_by_source[mention.source_id].append(mention)
        return self._render(
            "entity.md.j2",
            page,
            entity=entity,
            footnotes=footnotes,
            relations=sorted(
                self.resolved.relations.get(entity.id, []),
                key=lambda view: (view.label, self.content.entities[view.other_id].name, view.other_id),
            ),
            events=self.resolved.events.get(entity.id, []),
            mentions=[(self.content.sources[sid], found) for sid, found in sorted(mentions_by_source.items())],
            backlinks=self.resolved.backlinks.get(entity.id, []),
        )

    def source(self, source: Source) -> str:
        page = source_page(source.id)
        mentions = self.resolved.mentions_by_source.get(source.id, [])
        counts = Counter(mention.entity_id for mention in mentions)
        citing = self.resolved.citing.get(source.id, [])
        return self._render(
            "source.md.j2",
            page,
            source=source,
            body=Md(_body_html(source, mentions, [self.resolved.passages[c.citation] for c in citing], page)),
            mentioned=sorted(counts.items(), key=lambda item: (-item[1], self.content.entities[item[0]].name)),
            citing=citing,
        )

    def entity_index(self) -> str:
        groups: dict[str, list[Entity]] = defaultdict(list)
        for entity in self.content.entities.values():
            groups[entity.type].append(entity)
        ordered = [
            (TYPE_HEADINGS[kind], sorted(groups[kind], key=lambda e: (e.name.casefold(), e.id)))
            for kind in TYPE_HEADINGS
            if kind in groups
        ]
        return self._render("entities-index.md.j2", "entities/index.md", groups=ordered)

    def source_index(self) -> str:
        counts = Counter(c.source_id for c in self.resolved.passages)
        sources = sorted(
            self.content.sources.values(),
            key=lambda s: (s.published.sort_key if s.published else (0, 0, 0), s.title.casefold(), s.id),
            reverse=True,
        )
        return self._render("sources-index.md.j2", "sources/index.md", sources=sources, citation_counts=counts)


class _PageHelpers:
    """What a template may call to link, quote and format, relative to the page it renders."""

    def __init__(self, resolved: Resolved, path: str):
        self.resolved = resolved
        self.path = path

    def url(self, target: str) -> str:
        """The relative Markdown path from this page to another page (with optional #anchor)."""
        target_path, _, anchor = target.partition("#")
        relative = posixpath.relpath(target_path, posixpath.dirname(self.path) or ".")
        return relative + (f"#{anchor}" if anchor else "")

    def entity_link(self, entity_id: str, label: str | None = None) -> Md:
        entity = self.resolved.content.entities[entity_id]
        return markdown_link(text(label or entity.name), self.url(entity_page(entity_id)))

    def source_link(self, source_id: str, anchor: str = "", label: str | None = None) -> Md:
        source = self.resolved.content.sources[source_id]
        target = source_page(source_id) + (f"#{anchor}" if anchor else "")
        return markdown_link(text(label or source.title), self.url(target))

    def prose(self, value: str | None, paragraphs: bool = False) -> Md:
        return prose(value or "", self.entity_link, paragraphs=paragraphs)

    def front_matter(self, value: str) -> Md:
        return front_matter(value)

    def external_link(self, url: str) -> Md:
        return markdown_link(text(url), url)

    def quote(self, citation: Citation) -> Md:
        """The quoted words as the source has them, not as the editor typed them."""
        passage = self.resolved.passages[citation]
        paragraph = self.resolved.content.sources[passage.source_id].paragraphs[passage.paragraph - 1]
        return text(paragraph.text[passage.start : passage.end])

    def snippet(self, mention: Mention) -> Md:
        """A mention in its context, the mentioned words in bold."""
        paragraph = self.resolved.content.sources[mention.source_id].paragraphs[mention.paragraph - 1].text
        start = max(0, mention.start - SNIPPET_CONTEXT)
        end = min(len(paragraph), mention.end + SNIPPET_CONTEXT)
        before, after = paragraph[start : mention.start], paragraph[mention.end : end]
        # Cut at word boundaries so the snippet does not open or close mid-word.
        if start > 0:
            before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
        if end < len(paragraph):
            after = after.rsplit(" ", 1)[0] + "…" if " " in after else after + "…"
        return Md(f"{text(before.lstrip())}**{text(paragraph[mention.start : mention.end])}**{text(after.rstrip())}")

    def first_sentence(self, value: str) -> str:
        """The first sentence of editor prose as plain text, [[links]] replaced by their labels."""
        entities = self.resolved.content.entities
        plain = value
        for link in reversed(prose_links(value)):
            label = link.label or (entities[link.target_id].name if link.target_id in entities else link.target_id)
            end = value.index("]]", link.offset) + 2
            plain = plain[: link.offset] + label + plain[end:]
        sentence = " ".join(plain.split()).split(". ", 1)[0]
        return sentence if sentence.endswith(".") else sentence + "."


def _escape_unless_safe(value: Any) -> Any:
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    return text(str(value))


def _body_html(source: Source, mentions: list[Mention], cited: list[Passage], page: str) -> str:
    """The body as raw HTML: escaped text, mentions linked, cited passages marked.

    Raw HTML (not Markdown) so that nothing in the corpus can be read as Markdown syntax.
    Links here bypass MkDocs' link rewriting, so they are written as final directory URLs.
    """
    mentions_in: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        mentions_in[mention.paragraph].append(mention)
    marks_in: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for passage in cited:
        if passage.source_id == source.id:
            marks_in[passage.paragraph].append((passage.start, passage.end))
    lines = ['<div class="source-body">']
    for paragraph in source.paragraphs:
        inner = _paragraph_html(paragraph.text, mentions_in[paragraph.number], marks_in[paragraph.number], page)
        lines.append(
            f'<p id="{paragraph.anchor}"><a class="paragraph-number" href="#{paragraph.anchor}" '
            f'title="Link to paragraph {paragraph.number}">{paragraph.number}</a> {inner}</p>'
        )
    lines.append("</div>")
    return "\n".join(lines)


def _paragraph_html(value: str, mentions: list[Mention], marks: list[tuple[int, int]], page: str) -> str:
    # A mark that starts or ends inside a mention grows to cover it, so tags always nest.
    spans = []
    for start, end in sorted(marks):
        for mention in mentions:
            if mention.start < start < mention.end:
                start = mention.start
            if mention.start < end < mention.end:
                end = mention.end
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    opens = {start: '<mark class="cited">' for start, _ in spans}
    closes = {end: "</mark>" for _, end in spans}
    mention_at = {mention.start: mention for mention in mentions}
    out, position = [], 0
    boundaries = sorted(set(opens) | set(closes) | set(mention_at) | {len(value)})
    for boundary in boundaries:
        if boundary < position:
            continue
        out.append(html_text(value[position:boundary]))
        position = boundary
        if boundary in closes:
            out.append(closes[boundary])
        if boundary in opens:
            out.append(opens[boundary])
        if boundary in mention_at:
            mention = mention_at[boundary]
            href = directory_url(page, entity_page(mention.entity_id))
            out.append(f'<a class="mention" href="{html_text(href)}">{html_text(value[mention.start:mention.end])}</a>')
            position = mention.end
    return "".join(out)


def directory_url(from_page: str, to_page: str) -> str:
    """The URL from one page to another as MkDocs publishes them ('a/b.md' → 'a/b/')."""
    def published(page: str) -> str:
        stem = posixpath.splitext(page)[0]
        return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem

    return posixpath.relpath(published(to_page), published(from_page)) + "/"
