"""Which sources are independent of each other: each source's origin, following ``derived_from``.

A source may say what it was made from (``derived_from:``): another source's id, or a description
of an original the corpus does not hold ('AFP wire'). Sources that lead back to one original count
as one independent source; a source that says nothing counts as its own origin, which is all the
data can say (the site never calls sources independent, only counts them).
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from .model import Source
from .schema import ID_PATTERN


def names_a_source(derived_from: str) -> bool:
    """Whether a ``derived_from`` value is written as a source id (lowercase letters, digits and
    hyphens): then it must be one; anything else ('AFP wire') describes an original outside the corpus."""
    return re.fullmatch(ID_PATTERN, derived_from) is not None


def derivation_chain(source_id: str, sources: Mapping[str, Source]) -> list[str]:
    """The source and every source it derives from, in turn; stops before a repeat (a loop, which
    ``check`` refuses) or at an id that is no source."""
    chain = [source_id]
    while True:
        source = sources.get(chain[-1])
        derived = source.derived_from if source else None
        if not derived or not names_a_source(derived) or derived not in sources or derived in chain:
            return chain
        chain.append(derived)


def origin(source_id: str, sources: Mapping[str, Source]) -> str:
    """What a source comes from in the end: the last source of its chain, or the description that
    source gives of an original outside the corpus (compared without case or extra spaces)."""
    last = derivation_chain(source_id, sources)[-1]
    source = sources.get(last)
    derived = source.derived_from if source else None
    if derived and not names_a_source(derived):
        return "outside: " + " ".join(derived.casefold().split())
    return "source: " + last


def independent_count(source_ids: Iterable[str], sources: Mapping[str, Source]) -> int:
    """How many distinct origins the sources have."""
    return len({origin(source_id, sources) for source_id in source_ids})
