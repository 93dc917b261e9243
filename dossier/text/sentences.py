"""Where the sentence around a passage of text starts and ends.

One rule for every use: the dropped-hedge check reads the sentence a quote sits in, and notes
show that sentence to readers, the quoted words marked in it.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?\u061f](?:[\u00a0\u202f ]?[\"'”’»›)\]])*(?=\s)")
"""A full stop, question or exclamation mark (the Arabic one too), with any closing quotes or
brackets (French guillemets after a space: 'pertes. »'), before a space; not after an initial
('U.S. officials', 'J. Smith')."""


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The start and end in ``text`` of the sentence(s) holding ``text[start:end]``; a passage
    may end its sentence, or run over several."""
    begins = 0
    for found in _SENTENCE_END.finditer(text, 0, start):
        begins = found.end()
    stop = _SENTENCE_END.search(text, max(start, end - 1))
    begins += len(text[begins:start]) - len(text[begins:start].lstrip())
    return begins, stop.end() if stop else len(text)
