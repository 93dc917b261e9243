"""Each source's paragraphs folded once, shared by quote location and mention finding."""

from __future__ import annotations

from ..model import Source
from ..typography import FoldedText, fold


class FoldedSources:
    """The folded paragraphs of each source, computed on first use and then kept."""

    def __init__(self, sources: dict[str, Source]):
        self._sources = sources
        self._folded: dict[str, list[FoldedText]] = {}

    def paragraphs(self, source_id: str) -> list[FoldedText]:
        """The folded text of each paragraph of the source, in order."""
        if source_id not in self._folded:
            self._folded[source_id] = [fold(p.text) for p in self._sources[source_id].paragraphs]
        return self._folded[source_id]
