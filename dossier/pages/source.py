"""A source's page: the article's text with each cited quote marked and each mention linked,
and the statements that cite it."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from ..content.model import Citation, Source
from ..resolve import CitingStatement, Mention, Passage, Resolved
from ..text.dates import parse_date
from ..text.language_tags import language_attributes, language_label
from ..text.markup import Md, html_text
from ..text.prose import prose_links
from . import Items, PageKind, Pages, timeline
from . import exports
from .addresses import entity_page, source_page
from .site import Site, PageHelpers, directory_url


def pages(site: Site) -> Pages:
    for source in site.content.sources.values():
        yield source_page(source.id), page(site, source)


def page(site: Site, source: Source) -> str:
    resolved = site.resolved
    path = source_page(source.id)
    mentions = resolved.mentions_by_source.get(source.id, [])
    counts = Counter(mention.entity_id for mention in mentions)
    citing = resolved.citing.get(source.id, [])
    statements = _cited_by(citing, resolved, lambda event_id: timeline.event_page(site, event_id))
    helpers = site.helpers(path)
    quotes = {
        passage: resolved.quote_anchors[passage]
        for passage in sorted({resolved.passages[c.citation] for c in citing}, key=lambda p: (p.paragraph, p.start, -p.end))
    }
    body, split = _body_html(source, mentions, quotes, path, _cited_by_paragraph(statements, helpers))
    return site.render(
        "source.md.j2",
        path,
        source=source,
        body=Md(body),
        split_style=_split_quote_style(split),
        mentioned=sorted(counts.items(), key=lambda item: (-item[1], site.content.entities[item[0]].name)),
        citing=statements,
        language=language_label(source.language),
        retrieved=retrieved_label(source.retrieved),
    )


def retrieved_label(value: str | None) -> str | None:
    """'2025-08-06T10:15:03Z' → '6 August 2025, 10:15 UTC'."""
    if not value:
        return None
    return f"{parse_date(value[:10]).label}, {value[11:16]} UTC"


@dataclass(frozen=True)
class CitedBy:
    """One statement that cites a source, listed once, with each of its quotes there."""

    kind: str
    owner_id: str
    text: str
    anchor: str
    quotes: tuple[tuple[Passage, str], ...]
    """(passage, quote anchor) of each of its citations of this source, in paragraph order."""
    citations: tuple[Citation, ...]
    """A citation of each of those passages, in the same order (one with a translation, if any)."""
    page: str
    """The page the statement is on: its entity's, or the timeline page holding the event."""


def _cited_by(citing: list, resolved: Resolved, event_page: Callable[[str], str]) -> list[CitedBy]:
    """The statements citing a source, each once (a relation written on both its entities too),
    in content order."""
    grouped: dict[tuple, dict[Passage, Citation]] = {}
    first: dict[tuple, CitingStatement] = {}
    for statement in citing:
        key = statement.both_ends or (statement.kind, statement.owner_id, statement.anchor)
        passage = resolved.passages[statement.citation]
        found = grouped.setdefault(key, {})
        if passage not in found or (statement.citation.translation and not found[passage].translation):
            found[passage] = statement.citation
        first.setdefault(key, statement)
    listed = []
    for key, cited in grouped.items():
        statement = first[key]
        passages = sorted(cited, key=lambda p: (p.paragraph, p.start))
        listed.append(
            CitedBy(
                statement.kind,
                statement.owner_id,
                statement.text,
                statement.anchor,
                tuple((p, resolved.quote_anchors[p]) for p in passages),
                tuple(cited[p] for p in passages),
                event_page(statement.owner_id) if statement.kind == "event" else entity_page(statement.owner_id),
            )
        )
    return listed


def _cited_by_paragraph(statements: list[CitedBy], page: "PageHelpers") -> dict[int, Md]:
    """For each cited paragraph, a line naming the statements that cite it, each linked to itself.
    Statements that would read the same ('Redut, claim' five times) are named once and numbered:
    'Redut, claims 1, 2, 3, 4, 5', each number linked, its claim's words in its tooltip."""
    by_paragraph: dict[int, dict[str, list[tuple[str, str]]]] = defaultdict(dict)
    for statement in statements:
        label = _cited_by_label(statement, page.resolved.content.entities)
        href = f"{directory_url(page.path, statement.page)}#{statement.anchor}"
        for number in dict.fromkeys(passage.paragraph for passage, _ in statement.quotes):
            links = by_paragraph[number].setdefault(label, [])
            if href not in (known for known, _ in links):
                links.append((href, exports.plain_text(statement.text, page.resolved.content.entities)))
    return {
        number: Md("Cited by " + "; ".join(_cited_by_links(label, links) for label, links in labels.items()))
        for number, labels in by_paragraph.items()
    }


def _cited_by_label(statement: CitedBy, entities: Mapping) -> str:
    if statement.kind == "event":
        return f"event: {statement.text}"
    if statement.kind == "relation":
        return exports.plain_text(statement.text, entities)  # 'Wagner Group operates in Mali'
    if statement.kind == "figure":
        return f"{entities[statement.owner_id].name}: {statement.text.split(':', 1)[0]}"
    return f"{entities[statement.owner_id].name}, claim"


def _cited_by_links(label: str, links: list[tuple[str, str]]) -> str:
    if len(links) == 1:
        return f'<a href="{html_text(links[0][0])}">{html_text(label)}</a>'
    many = f"{label}s" if label.endswith(", claim") else f"{label},"
    numbered = ", ".join(
        f'<a class="cited-by-number" href="{html_text(href)}" title="{html_text(words)}" '
        f'aria-label="{html_text(f"{label} {index}")}">{index}</a>'
        for index, (href, words) in enumerate(links, 1)
    )
    return f"{html_text(many)} {numbered}"


def _split_quote_style(anchors: list[str]) -> Md | None:
    """CSS that highlights every part of a quote split round another one when its anchor is the
    target (the anchors are generated: 'p3-q2', nothing from content)."""
    if not anchors:
        return None
    selectors = ", ".join(f'.source-body:has([id="{a}"]:target) [data-quote="{a}"]' for a in anchors)
    return Md(f"<style>{selectors} {{ background: var(--dossier-target-bg); color: var(--dossier-target-fg); }}</style>")


@dataclass(frozen=True)
class _Span:
    """Something to wrap in a paragraph: a cited quote (a mark with its anchor) or a mention (a link)."""

    start: int
    end: int
    anchor: str = ""
    """For a quote: its anchor, 'p3-q2'."""
    href: str = ""
    """For a mention: the entity page it links to."""

    @property
    def is_quote(self) -> bool:
        return bool(self.anchor)


def _body_html(
    source: Source,
    mentions: list[Mention],
    quotes: dict[Passage, str],
    page: str,
    cited_by: Mapping[int, Md] | None = None,
) -> tuple[str, list[str]]:
    """The body as raw HTML: escaped text, mentions linked, each cited quote wrapped in its own
    mark with its anchor; and the anchors of quotes that overlap another and had to be split.
    Each paragraph says its language and direction (the lines saying what cites it are the site's).

    Raw HTML (not Markdown) so that nothing in the corpus can be read as Markdown syntax.
    Links here bypass MkDocs' link rewriting, so they are written as final directory URLs.
    """
    mentions_in: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        mentions_in[mention.paragraph].append(mention)
    quotes_in: dict[int, list[_Span]] = defaultdict(list)
    for passage, anchor in quotes.items():
        quotes_in[passage.paragraph].append(_Span(passage.start, passage.end, anchor=anchor))
    # Every mention links to an entity page, entities/<id>/ as published: the way there is the same for all.
    entities_url = html_text(directory_url(page, "entities/index.md"))
    split: list[str] = []
    lines = ['<div class="source-body">']
    for paragraph in source.paragraphs:
        found = mentions_in.get(paragraph.number, ())
        if paragraph.number in quotes_in:
            spans = quotes_in[paragraph.number] + [
                _Span(mention.start, mention.end, href=f"{entities_url}{mention.entity_id}/") for mention in found
            ]
            inner = _paragraph_html(paragraph.text, paragraph.number, spans, split)
        else:  # most paragraphs: mentions only, which never overlap
            inner = _mentions_html(paragraph.text, found, entities_url)
        lines.append(
            f'<p id="{paragraph.anchor}"{language_attributes(source.language, paragraph.text)}>'
            f'<a class="paragraph-number" href="#{paragraph.anchor}" '
            f'title="Link to paragraph {paragraph.number}">{paragraph.number}</a> {inner}</p>'
        )
        if cited_by and paragraph.number in cited_by:
            lines.append(f'<p class="cited-by-paragraph">{cited_by[paragraph.number]}</p>')
    lines.append("</div>")
    return "\n".join(lines), split


def _mentions_html(value: str, mentions: Iterable[Mention], entities_url: str) -> str:
    out, position = [], 0
    for mention in mentions:  # in order, never overlapping (leftmost-longest matches)
        if mention.start < position:
            continue
        out.append(html_text(value[position : mention.start]))
        out.append(
            f'<a class="mention" href="{entities_url}{mention.entity_id}/">{html_text(value[mention.start : mention.end])}</a>'
        )
        position = mention.end
    out.append(html_text(value[position:]))
    return "".join(out)


def _paragraph_html(value: str, number: int, spans: list[_Span], split: list[str]) -> str:
    """One paragraph's HTML. Outer spans open first (quotes before mentions of the same extent);
    where two spans overlap without nesting, the inner one is closed and reopened round the
    outer one's end, so the quote that opened first stays whole. A quote split that way keeps
    its anchor on its first part and marks every part with data-quote."""
    ordered = sorted(spans, key=lambda span: (span.start, -span.end, not span.is_quote))
    boundaries = sorted({0, len(value)} | {span.start for span in spans} | {span.end for span in spans})
    starting: dict[int, list[_Span]] = defaultdict(list)
    for span in ordered:
        starting[span.start].append(span)
    out: list[str] = []
    open_spans: list[_Span] = []
    parts: Counter[_Span] = Counter()

    def opening(span: _Span) -> str:
        parts[span] += 1
        if not span.is_quote:
            return f'<a class="mention" href="{span.href}">'
        if parts[span] == 1:
            return f'<mark class="cited" id="{span.anchor}" data-quote="{span.anchor}" data-paragraph="{number}">'
        if span.anchor not in split:
            split.append(span.anchor)
        return f'<mark class="cited" data-quote="{span.anchor}" data-paragraph="{number}">'

    def closing(span: _Span) -> str:
        return "</mark>" if span.is_quote else "</a>"

    position = 0
    for boundary in boundaries:
        out.append(html_text(value[position:boundary]))
        position = boundary
        ending = [span for span in open_spans if span.end == boundary]
        if ending:
            # Close from the innermost out to the outermost span that ends here, then reopen the
            # ones that go on.
            deepest = min(open_spans.index(span) for span in ending)
            reopen = [span for span in open_spans[deepest:] if span.end > boundary]
            for span in reversed(open_spans[deepest:]):
                out.append(closing(span))
            del open_spans[deepest:]
            for span in reopen:
                out.append(opening(span))
                open_spans.append(span)
        for span in starting.get(boundary, ()):
            if span.end <= span.start:
                continue
            # A quote starting inside a mention that ends before it: split the mention, not the quote.
            crossing = [index for index, other in enumerate(open_spans) if other.end < span.end]
            reopen = open_spans[crossing[0] :] if crossing else []
            if span.is_quote and reopen and not any(other.is_quote for other in reopen):
                for other in reversed(reopen):
                    out.append(closing(other))
                del open_spans[crossing[0] :]
            else:
                reopen = []
            out.append(opening(span))
            open_spans.append(span)
            for other in reopen:
                out.append(opening(other))
                open_spans.append(other)
    return "".join(out)



def inputs(resolved: Resolved, source_id: str) -> set[tuple[str, str]]:
    """What a source's page is made of: its files; its mentions, quotes and the statements citing
    it as resolved; the names of the entities it mentions or that cite it."""
    citing = resolved.citing.get(source_id, [])
    shown = {mention.entity_id for mention in resolved.mentions_by_source.get(source_id, [])}
    shown |= {statement.owner_id for statement in citing if statement.kind != "event"}
    shown |= {link.target_id for statement in citing for link in prose_links(statement.text)}
    keys = {(key, source_id) for key in ("source", "mentions", "anchors", "citing")} | {("name", i) for i in shown}
    if any(statement.kind == "event" for statement in citing):
        keys.add(("timeline", "order"))  # which timeline page holds each event it lists
    return keys


KIND = PageKind(
    "source",
    "sources/",
    pages,
    count=lambda resolved: len(resolved.content.sources),
    items=Items(
        key="source",
        ids=lambda resolved: resolved.content.sources,
        page=source_page,
        render=lambda site, source_id: page(site, site.content.sources[source_id]),
        inputs=inputs,
    ),
)
