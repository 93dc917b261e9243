"""How much of one article's text another holds: the same wire story republished by two sites
(a few words edited, another headline, other menus and related stories around it).

Texts are compared by their passages of five words (shingles), letter case and punctuation
aside: two sites' copies of one dispatch share most of them, two articles on the same events share
few (names and set phrases: "the Russian paramilitary group Wagner"). Comparing a new article with
every source would read each one's words (seconds at 10,000 sources), so a source is first asked
for a few of the new article's words, taken across its length, as plain substring searches; only
a source holding most of them is compared passage by passage (BENCHMARKS.md, "Near-identical
sources").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PASSAGE_WORDS = 5
NEARLY_THE_SAME = 0.5
"""The share of the shorter text's passages found in the other from which two texts are one story:
republished copies share 70 to 100 % (a word changed in every other paragraph costs about a quarter),
articles on the same events under 10 %."""
SAMPLE_WORDS = 16
"""How many of the new article's words a source is asked for before it is compared in full."""
_WORD = re.compile(r"\w+")


def passages(text: str) -> frozenset[tuple[str, ...]]:
    """Every run of five consecutive words of ``text``, case and punctuation aside."""
    words = _WORD.findall(text.casefold())
    return frozenset(zip(*(words[start:] for start in range(PASSAGE_WORDS))))


def share(first: frozenset, second: frozenset) -> float:
    """The share of the shorter text's passages that the other one has too (0 when either has none)."""
    shorter = min(len(first), len(second))
    return len(first & second) / shorter if shorter else 0.0


@dataclass(frozen=True)
class Probe:
    """A new article, ready to be compared with many others."""

    passages: frozenset[tuple[str, ...]]
    sample: tuple[str, ...]
    """Its longest word in each of SAMPLE_WORDS stretches of its length, as written."""

    @classmethod
    def of(cls, text: str) -> "Probe":
        words = [word for word in (token.strip(".,;:!?«»\"'“”‘’()[]") for token in text.split()) if word.isalpha()]
        stretches = [words[part * len(words) // SAMPLE_WORDS : (part + 1) * len(words) // SAMPLE_WORDS] for part in range(SAMPLE_WORDS)]
        return cls(passages(text), tuple(max(stretch, key=len) for stretch in stretches if stretch))

    def resemblance(self, text: str) -> float:
        """The share of passages ``text`` and this article have in common (``share``), or 0 when
        ``text`` lacks more than half of the sample words, which rules it out quickly."""
        allowed_missing, missing = len(self.sample) // 2, 0
        for word in self.sample:
            if word not in text:
                missing += 1
                if missing > allowed_missing:
                    return 0.0
        return share(self.passages, passages(text))
