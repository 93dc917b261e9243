"""Small builders of model values for tests that need no files."""

from __future__ import annotations

from html.parser import HTMLParser

from dossier.content.model import Citation, Claim, Content, Entity, Paragraph, Relation, Source
from dossier.report import Position


def source(source_id: str, *paragraphs: str, title: str = "A title") -> Source:
    return Source(
        id=source_id,
        title=title,
        publisher=None,
        author=None,
        published=None,
        url=None,
        notes=None,
        paragraphs=tuple(Paragraph(n, text) for n, text in enumerate(paragraphs, start=1)),
        position=Position(f"content/sources/{source_id}.yml"),
        text_path=f"content/sources/{source_id}.txt",
    )


def cite(source_id: str, quote: str, line: int = 1) -> Citation:
    return Citation(source_id, quote, Position("content/entities/x.yml", line, 1))


def entity(entity_id: str, name: str = "", aliases=(), summary="A summary.", relations=(), claims=(), type="organization") -> Entity:
    return Entity(
        id=entity_id,
        name=name or entity_id,
        type=type,
        aliases=tuple(aliases),
        summary=summary,
        relations=tuple(relations),
        claims=tuple(claims),
        position=Position(f"content/entities/{entity_id}.yml", 1, 1),
    )


def claim(text: str, *citations: Citation) -> Claim:
    return Claim(text, None, tuple(citations), Position("content/entities/x.yml", 1, 1))


def relation(subject: str, type: str, target: str, *citations: Citation) -> Relation:
    return Relation(type, subject, target, None, None, tuple(citations), Position(f"content/entities/{subject}.yml", 1, 1))


def content(sources=(), entities=(), events=()) -> Content:
    return Content(
        sources={s.id: s for s in sources},
        entities={e.id: e for e in entities},
        events={e.id: e for e in events},
    )


class QuoteParts(HTMLParser):
    """The words of each cited quote on a source page, gathered from every mark carrying its
    data-quote (a quote that overlaps another without nesting is in parts), and how many parts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: dict[str, str] = {}
        self.parts: dict[str, int] = {}
        self.paragraph: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            attributes = dict(attrs)
            quote = attributes.get("data-quote")
            self._open.append(quote)
            if quote:
                self.parts[quote] = self.parts.get(quote, 0) + 1
                self.paragraph[quote] = attributes["data-paragraph"]

    def handle_endtag(self, tag):
        if tag == "mark":
            self._open.pop()

    def handle_data(self, data):
        for quote in self._open:
            if quote:
                self.words[quote] = self.words.get(quote, "") + data
