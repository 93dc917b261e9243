"""The kinds of content file, in one list: what load, validate, the schema export and the
preview's regeneration know of each kind.

Adding a kind is its line here, its schema (``schema``), its model and builder (``model``,
``build``), its field on ``model.Content`` (named as its folder), its own checks if it has any
(``validate._check_file``), and its page kind (``pages``, whose ``Items.key`` names the kind here:
pages import content, never the reverse).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from pydantic import BaseModel

from ..report import Problem
from .build import build_entity, build_event, build_source
from .model import Content
from .schema import EntitySchema, EventSchema, SourceSchema

if TYPE_CHECKING:  # load reads this registry
    from .load import LoadedFile


@dataclass(frozen=True)
class ContentKind:
    name: str
    """'source': what a file of the kind is called in messages, in schemas/<name>.schema.json
    and in the first line of its files."""
    folder: str
    """'sources': its folder under content/, and the field of ``model.Content`` holding its items."""
    schema: type[BaseModel]
    """What one file of the kind may say, checked by ``validate`` and exported for editors."""
    build: Callable[[LoadedFile, Any, list[Problem]], Any]
    """(file, its checked schema, problems) → its item of the model, or None (with a problem) if
    it cannot be built (a source whose body is not found)."""
    text_suffix: str | None = None
    """'.txt' for a source: the file kept beside each annotation (the article, stored unchanged)."""

    def items(self, content: Content) -> dict:
        """The kind's items in ``content``, by id."""
        return getattr(content, self.folder)


CONTENT_KINDS: tuple[ContentKind, ...] = (
    ContentKind("source", "sources", SourceSchema, build_source, text_suffix=".txt"),
    ContentKind("entity", "entities", EntitySchema, build_entity),
    ContentKind("event", "events", EventSchema, build_event),
)
"""Every kind of content file, in the order the build reads them."""

KINDS: dict[str, ContentKind] = {kind.name: kind for kind in CONTENT_KINDS}
"""The kinds by name ('source')."""
