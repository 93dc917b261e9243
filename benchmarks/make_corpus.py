#!/usr/bin/env python3
"""Write a synthetic content/ folder in exactly the format of docs/how-to-edit.md.

    python benchmarks/make_corpus.py --sources 1000 --entities 100 --seed 1 --out /tmp/corpus/content

Articles are 600 to 1,500 words of newswire-like prose with entity names and aliases sprinkled
through them, often in another typography than the YAML gives (curly apostrophes, dash and space
variants, capitals, line breaks). Every entity has cited claims, relations, a figure (sources
disagree on about half of them) and an event, and every citation quotes a sentence the article
really contains. The same seed always writes the same files.

Stable across corpus sizes, so one entity's page can be compared at 100 and at 10,000 sources:
entity ``entity-0001`` has the same name, claims, relations, figure and event, citing the same
source ids, whatever --sources and --entities are (as long as both corpora hold it). Entity k
owns a block of ``BLOCK`` consecutive sources and cites only those; what grows with the corpus
is how many *other* articles mention it, which is what a real corpus does too.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from dossier.resolve.hedges import attribution_phrases, hedge_words  # noqa: E402  (the project root, when run as a script)
from dossier.content.schema import READS_BOTH_WAYS  # noqa: E402

BLOCK = 10
"""Citation slots each entity fills: 4 claims, 3 relations, 2 figure values, 1 event."""
WINDOW = 10
"""Relations and events of entity k involve entities within k ± WINDOW, so they do not depend on M."""

# Types repeat every 12 entities; people and places twice, as a real corpus has more of them.
TYPE_CYCLE = (
    "armed group",
    "private military company",
    "person",
    "place",
    "government",
    "armed forces",
    "person",
    "place",
    "organization",
    "military unit",
    "state body",
    "international mission",
)

ONSETS = ("b", "d", "g", "k", "l", "m", "n", "r", "s", "t", "z", "br", "dr", "kh", "sh", "tr", "gh", "ts")
VOWELS = ("a", "e", "i", "o", "u", "ou", "ai")
CODAS = ("", "", "", "n", "r", "l", "m", "k", "t")
FIRST_NAMES = (
    "Amadou", "Bakary", "Cheick", "Dramane", "Fatoumata", "Hamadoun", "Ibrahim", "Kadiatou", "Moussa",
    "Oumar", "Salif", "Seydou", "Aminata", "Boubacar", "Mariam", "Yacouba", "Issa", "Adama", "Awa", "Sidi",
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

# Filler: sentences with no entity, and sentences that name one or two entities ({a}, {b}).
FILLER = (
    "Residents said the market had reopened after weeks of closures, although prices remained high.",
    "Humanitarian workers described roads that were cut for days at a time during the rainy season.",
    "The ministry did not respond to several requests for comment on the figures.",
    "Analysts cautioned that information from the area is difficult to verify independently.",
    "Several local officials, speaking on condition of anonymity, gave differing accounts of the events.",
    "Aid convoys have been forced to travel with armed escorts since the beginning of the year.",
    "A teacher in the town said that most schools had been closed for more than a year.",
    "Farmers reported that livestock had been seized or driven away from grazing land.",
    "The security situation has deteriorated steadily across the central regions, according to observers.",
    "Diplomats in the capital said negotiations over a ceasefire had stalled again in recent weeks.",
    "Satellite images reviewed by researchers showed new fortifications along the main road.",
    "A spokesman declined to give casualty figures but said operations would continue.",
    "The United Nations said tens of thousands of people had fled their homes since the fighting began.",
    "Mobile phone networks were cut in several districts, making it hard for families to get news.",
    "Local radio stations reported a curfew that was later lifted without explanation.",
)
MENTIONS = (
    "{a} has been active in the region for several years, according to people familiar with its operations.",
    "Witnesses said fighters linked to {a} passed through the villages before dawn.",
    "A statement attributed to {a} denied any involvement in the attack.",
    "Officials accused {a} of blocking supply routes to the north.",
    "The report describes how {a} recruits among young men who have lost their herds.",
    "Relations between {a} and {b} have been tense since the spring, several sources said.",
    "{a} and {b} were both named in a confidential briefing seen by reporters.",
    "Some residents said they feared {a} more than {b}.",
    "Observers noted that {b} had stepped in where {a} had withdrawn.",
    "{a}’s leadership has not commented publicly on the allegations.",
    "Supporters of {a} gathered in the town square after Friday prayers.",
    "In a rare interview, a commander close to {a} spoke of {b} with open hostility.",
)

CLAIMS = (
    ("{s} was reported to control {n} checkpoints along the road to {p} in {y}.",
     "[[{sid}]] was reported to control {n} checkpoints on the road to [[{pid}]]."),
    ("According to local officials, {s} collected taxes from traders in at least {n} markets during {y}.",
     "According to local officials, [[{sid}]] taxed traders in at least {n} markets."),
    ("{s} announced in {m} {y} that it would open {n} new offices across the region.",
     "[[{sid}]] announced {n} new offices across the region."),
    ("A confidential report said {s} had received {n} armoured vehicles from foreign suppliers in {y}.",
     "A confidential report says [[{sid}]] received {n} armoured vehicles from abroad."),
    ("Researchers counted {n} incidents involving {s} in the first half of {y}.",
     "Researchers counted {n} incidents involving [[{sid}]] in the first half of the year."),
    ("{s} signed a memorandum with local leaders in {m} {y}, according to two people present.",
     "[[{sid}]] signed a memorandum with local leaders, according to two people present."),
    ("Witnesses said {s} evacuated {n} families from the outskirts of {p} in {y}.",
     "Witnesses say [[{sid}]] evacuated {n} families from the outskirts of [[{pid}]]."),
)
RELATION_SENTENCES = {
    "allied-with": "Officials confirmed that {s} had formed an alliance with {t} in {y}.",
    "fights": "Since {y}, {s} has repeatedly clashed with {t} in the borderlands.",
    "supports": "Diplomats said {s} provided training and supplies to {t} from {y}.",
    "affiliated-with": "{s} is widely regarded as affiliated with {t}, a link first reported in {y}.",
    "competes-with": "{s} competes with {t} for contracts and influence, analysts said in {y}.",
    "paid-by": "Documents show that {s} was paid by {t} under a contract signed in {y}.",
    "operates-in": "{s} has operated in and around {t} since {y}.",
    "located-in": "{s} is based in {t}, according to records from {y}.",
    "led-by": "{s} has been led by {t} since {y}, according to its own statements.",
    "commanded-by": "From {y}, {s} was placed under the command of {t}.",
    "member-of": "{s} became a member of {t} in {y}.",
    "part-of": "{s} was folded into {t} during a reorganisation in {y}.",
}
FIGURE_SENTENCE = "Estimates gathered by {outlet} put the strength of {s} at {value} in {y}."
EVENT_SENTENCE = "In {m} {y}, {s} and {t} clashed near {p}, leaving several people dead."

OUTLETS = ("the Sahel Monitor", "Radio Tamani", "the Conflict Observatory", "Desert Wire", "the Bamako Review",
           "Agence Sahel Presse", "the Niger Basin Journal", "West Africa Dispatch")
SEASONS = ("early", "mid", "late")

# Typographic variants of the same words: what a source prints instead of what the editor typed.
_VARIANTS = {"'": ("’", "‘", "'"), "-": ("–", "‑", "-"), " ": (" ", " ", "\u00a0")}


@dataclass
class EntitySpec:
    """One synthetic entity: its YAML fields and the sentences its citations quote."""

    index: int
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)

    @property
    def spellings(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class Planned:
    """A sentence some citation quotes: it must appear, whole, in the article of ``source``."""

    source: int
    sentence: str


def entity_id(k: int) -> str:
    return f"entity-{k:04d}"


def source_id(i: int) -> str:
    return f"source-{i:05d}"


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)).capitalize()


def _name_for(k: int, kind: str, rng: random.Random) -> tuple[str, list[str]]:
    """A name and candidate aliases for entity k of the given type."""
    w = _word(rng, rng.choice((2, 3)))
    if kind == "person":
        first = rng.choice(FIRST_NAMES)
        last = rng.choice((w, f"N'{w}", f"Ag {w}", f"al-{w}"))
        return f"{first} {last}", [last]
    if kind == "place":
        return (f"{w}-{_word(rng, 2)}" if rng.random() < 0.3 else w), []
    suffix = {
        "armed group": ("Liberation Front", "Brigades", "Movement for Unity"),
        "private military company": ("Group", "Security Services", "Consulting"),
        "government": ("Transitional Government", "Military Council"),
        "armed forces": ("Armed Forces", "Defence Forces"),
        "organization": ("Institute", "Foundation", "Centre for Strategic Studies"),
        "military unit": ("Battalion", "Rapid Intervention Brigade"),
        "state body": ("Intelligence Directorate", "Ministry of Mines"),
        "international mission": ("Stabilisation Mission", "Training Mission"),
    }[kind]
    name = f"{w} {rng.choice(suffix)}"
    words = name.split()
    aliases = [w]
    if len(words) >= 3:
        aliases.append("".join(part[0] for part in words if part[0].isupper()))  # an acronym: "KLF"
    return name, aliases


def make_entities(count: int, seed: int) -> list[EntitySpec]:
    """Entities 1..count; entity k depends only on the seed and entities before it."""
    taken: set[str] = set()
    entities = []
    for k in range(1, count + 1):
        rng = random.Random(f"{seed}:entity:{k}")
        kind = TYPE_CYCLE[(k - 1) % len(TYPE_CYCLE)]
        while True:
            name, aliases = _name_for(k, kind, rng)
            if _fold(name) not in taken:
                break
        spec = EntitySpec(k, entity_id(k), name, kind)
        taken.add(_fold(name))
        for alias in aliases:
            if _fold(alias) not in taken:
                spec.aliases.append(alias)
                taken.add(_fold(alias))
        entities.append(spec)
    return entities


def _fold(spelling: str) -> str:
    return " ".join(spelling.replace("’", "'").replace("–", "-").lower().split())


def _variant(spelling: str, rng: random.Random) -> str:
    """The spelling as a source might print it: other quotes, dashes, spaces or capitals."""
    if rng.random() < 0.5:
        return spelling
    out = "".join(rng.choice(_VARIANTS[c]) if c in _VARIANTS else c for c in spelling)
    if rng.random() < 0.1 and not (spelling.isupper() and len(spelling) <= 6):
        out = out.upper()
    return out


def _year(rng: random.Random) -> int:
    return rng.randint(2015, 2025)


def _window(k: int, count: int) -> list[int]:
    return [j for j in range(max(1, k - WINDOW), min(count, k + WINDOW) + 1) if j != k]


def _nearest_of_type(k: int, count: int, kind: str, rng: random.Random) -> int | None:
    found = [j for j in _window(k, count) if TYPE_CYCLE[(j - 1) % len(TYPE_CYCLE)] == kind]
    return rng.choice(found) if found else None


def _relation_type(target_kind: str, rng: random.Random) -> str:
    if target_kind == "place":
        return rng.choice(("operates-in", "located-in"))
    if target_kind == "person":
        return rng.choice(("led-by", "commanded-by"))
    return rng.choice(("allied-with", "fights", "supports", "affiliated-with", "competes-with", "paid-by",
                       "member-of", "part-of"))


def _quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _certainty(sentence: str, indent: str) -> str:
    """'certainty: reported' where the quoted sentence attributes or hedges, and 'according_to'
    with the words that say whose it is where it attributes, as an honest editor would write them
    (check warns otherwise)."""
    if not hedge_words(sentence):
        return ""
    phrases = attribution_phrases(sentence)
    according_to = f"{indent}according_to: {_quote(phrases[0][:200])}\n" if phrases else ""
    return f"{indent}certainty: reported\n{according_to}"


def plan_entity(spec: EntitySpec, entities: list[EntitySpec], sources: int, seed: int) -> tuple[str, list[Planned]]:
    """Entity k's YAML and the sentences its citations quote; depends on k and its window only."""
    rng = random.Random(f"{seed}:plan:{spec.index}")
    count = len(entities)
    block = max(BLOCK, math.ceil(sources / count))
    slots = [((spec.index - 1) * block + j) % sources for j in range(block)]
    by_index = {e.index: e for e in entities}
    planned: list[Planned] = []

    def say(slot: int, sentence: str) -> tuple[int, str]:
        planned.append(Planned(slots[slot], sentence))
        return slots[slot], sentence

    def cite(slot_and_sentence: tuple[int, str], indent: str) -> str:
        source, sentence = slot_and_sentence
        # The editor types straight quotes and plain hyphens; the source may not.
        typed = sentence.replace("’", "'").replace("–", "-")
        return f"{indent}- source: {source_id(source)}\n{indent}  quote: {_quote(typed)}\n"

    window = _window(spec.index, count)
    place = _nearest_of_type(spec.index, count, "place", rng) or (window[0] if window else spec.index)
    lines = [
        "# yaml-language-server: $schema=../../schemas/entity.schema.json",
        f"name: {_quote(spec.name)}",
        f"type: {spec.type}",
    ]
    if spec.aliases:
        lines.append("aliases:")
        lines += [f"  - {_quote(alias)}" for alias in spec.aliases]
    linked = rng.sample(window, min(2, len(window)))
    summary = f"A synthetic {spec.type} for benchmarks"
    if linked:
        summary += ", linked to " + " and ".join(f"[[{entity_id(j)}]]" for j in linked)
    lines.append(f"summary: {_quote(summary + '. It exists only to measure how Dossier scales.')}")

    relations = []
    targets = rng.sample(window, min(3, len(window)))
    for slot, target in zip((4, 5, 6), targets):
        other = by_index[target]
        kind = _relation_type(other.type, rng)
        if kind in READS_BOTH_WAYS and target < spec.index:
            # Written on the lower-numbered entity only: on both, it would be one relation twice (check warns).
            kind = "supports"
        y = _year(rng)
        sentence = RELATION_SENTENCES[kind].format(s=spec.name, t=other.name, y=y)
        relations.append(
            f"  - type: {kind}\n    target: {other.id}\n    since: {y}\n    as_of: {y}\n{_certainty(sentence, '    ')}    cite:\n"
            + cite(say(slot, sentence), "      ")
        )
    if relations:
        lines.append("relations:")
        lines += [r.rstrip("\n") for r in relations]

    lines.append("claims:")
    extra_slots = list(range(BLOCK, block))
    claimed: set[tuple[str, str]] = set()
    for slot in [0, 1, 2, 3, *extra_slots]:
        while True:  # a claim with the words and date of an earlier one would be a repeat (check warns)
            template, text = CLAIMS[rng.randrange(len(CLAIMS))]
            values = dict(s=spec.name, sid=spec.id, n=rng.randint(3, 90), p=by_index[place].name,
                          pid=by_index[place].id, y=_year(rng), m=rng.choice(MONTHS))
            date = f"{rng.choice(SEASONS)} {values['y']}" if rng.random() < 0.5 else str(values["y"])
            if (text.format(**values), date) not in claimed:
                break
        claimed.add((text.format(**values), date))
        sentence = template.format(**values)
        lines.append(f"  - text: {_quote(text.format(**values))}\n    date: {date}\n{_certainty(sentence, '    ')}    cite:")
        lines.append(cite(say(slot, template.format(**values)), "      ").rstrip("\n"))

    disagree = rng.random() < 0.5
    first = rng.randint(3, 40) * 50
    second = first * rng.choice((2, 3)) if disagree else first
    lines.append("figures:\n  - measure: Strength\n    values:")
    for slot, number in ((7, first), (8, second)):
        y = _year(rng)
        value = f"about {number:,} fighters"
        sentence = FIGURE_SENTENCE.format(outlet=rng.choice(OUTLETS), s=spec.name, value=value, y=y)
        lines.append(f"      - value: {_quote(value)}\n        as_of: {y}\n{_certainty(sentence, '        ')}        cite:")
        lines.append(cite(say(slot, sentence), "          ").rstrip("\n"))
    return "\n".join(lines) + "\n", planned


def plan_event(spec: EntitySpec, entities: list[EntitySpec], sources: int, seed: int) -> tuple[str, str, Planned]:
    """Entity k's event: (file id, YAML, the quoted sentence)."""
    rng = random.Random(f"{seed}:event:{spec.index}")
    count = len(entities)
    block = max(BLOCK, math.ceil(sources / count))
    source = ((spec.index - 1) * block + 9) % sources
    window = _window(spec.index, count)
    other = entities[rng.choice(window) - 1] if window else spec
    place_index = _nearest_of_type(spec.index, count, "place", rng)
    place = entities[place_index - 1] if place_index else other
    y, month = _year(rng), rng.randrange(12)
    sentence = EVENT_SENTENCE.format(m=MONTHS[month], y=y, s=spec.name, t=other.name, p=place.name)
    typed = sentence.replace("’", "'").replace("–", "-")
    involved = list(dict.fromkeys([spec.id, other.id]))
    text = (
        "# yaml-language-server: $schema=../../schemas/event.schema.json\n"
        f"date: {y}-{month + 1:02d}\n"
        f"title: {_quote(f'{spec.name} and {other.name} clash near {place.name}')}\n"
        f"text: {_quote(f'[[{spec.id}]] and [[{other.id}]] clashed near [[{place.id}]].')}\n"
        f"entities: [{', '.join(involved)}]\n"
        f"place: {place.id}\n"
        f"{_certainty(sentence, '')}"
        "cite:\n"
        f"  - source: {source_id(source)}\n    quote: {_quote(typed)}\n"
    )
    return f"{y}-{month + 1:02d}-{spec.id}-clash", text, Planned(source, sentence)


class _Popularity:
    """Picks entities Zipf-like: a few are named everywhere, most rarely, as in real news."""

    def __init__(self, entities: list[EntitySpec]):
        self.entities = entities
        weights = [1 / (k ** 0.9) for k in range(1, len(entities) + 1)]
        total, running = sum(weights), 0.0
        self.cumulative = []
        for weight in weights:
            running += weight
            self.cumulative.append(running / total)

    def pick(self, rng: random.Random) -> EntitySpec:
        import bisect

        return self.entities[min(bisect.bisect_left(self.cumulative, rng.random()), len(self.entities) - 1)]


def make_article(i: int, planned: list[str], owners: list[EntitySpec], popularity: _Popularity,
                 seed: int) -> tuple[str, str]:
    """(article text, source YAML) for source i, holding every planned sentence whole."""
    rng = random.Random(f"{seed}:source:{i}")
    target_words = rng.randint(600, 1500)
    paragraphs: list[list[str]] = []
    words = 0
    while words < target_words:
        paragraph = []
        for _ in range(rng.randint(2, 5)):
            if rng.random() < 0.45:
                a = rng.choice(owners) if owners and rng.random() < 0.3 else popularity.pick(rng)
                b = popularity.pick(rng)
                sentence = rng.choice(MENTIONS).format(
                    a=_variant(rng.choice(a.spellings), rng), b=_variant(rng.choice(b.spellings), rng)
                )
            else:
                sentence = rng.choice(FILLER)
            paragraph.append(sentence)
            words += sentence.count(" ") + 1
        paragraphs.append(paragraph)
    for sentence in planned:
        paragraph = rng.choice(paragraphs)
        paragraph.insert(rng.randint(0, len(paragraph)), sentence)
    owner = owners[0].name if owners else "the region"
    title = f"{owner}: {rng.choice(('fighting', 'talks', 'tensions', 'withdrawal', 'accusations'))} " \
            f"in {rng.choice(MONTHS)} (report {i})"
    blank_lines = rng.random() < 0.1
    if blank_lines:
        body = "\n\n".join(textwrap.fill(" ".join(p), 78, break_on_hyphens=False, break_long_words=False) for p in paragraphs)
    else:
        body = "\n".join(" ".join(p) for p in paragraphs)
    clutter = rng.random() < 0.2
    yaml_lines = [
        "# yaml-language-server: $schema=../../schemas/source.schema.json",
        f"title: {_quote(title)}",
        f"publisher: {_quote(rng.choice(OUTLETS).removeprefix('the ').title())}",
    ]
    if rng.random() < 0.6:
        yaml_lines.append(f"author: {_quote(rng.choice(FIRST_NAMES) + ' ' + _word(rng, 2))}")
    if rng.random() < 0.9:
        y, month, day = _year(rng), rng.randint(1, 12), rng.randint(1, 28)
        yaml_lines.append(f"published: {rng.choice((f'{y}', f'{y}-{month:02d}', f'{y}-{month:02d}-{day:02d}'))}")
    yaml_lines.append(f"url: https://example.org/news/{source_id(i)}")
    yaml_lines.append("language: en")
    text = body + "\n"
    if clutter or blank_lines:
        yaml_lines.append("body:")
        if clutter:
            text = f"Home | World | Africa\nShare this article\n{title}\n4 min read\n{body}\nRelated Articles\n" \
                   "Sign up for our newsletter\n"
            yaml_lines += ['  start_after: "4 min read"', '  end_before: "Related Articles"']
        if blank_lines:
            yaml_lines.append("  paragraphs: blank-lines")
    return text, "\n".join(yaml_lines) + "\n"


def make_corpus(sources: int, entities: int, seed: int, out: Path) -> dict[str, int]:
    """Write the corpus into ``out`` (a content/ folder); return counts of what was written."""
    if sources < 1 or entities < 2:
        raise ValueError("need at least 1 source and 2 entities")
    specs = make_entities(entities, seed)
    for folder in ("sources", "entities", "events"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    planned_by_source: dict[int, list[str]] = {}
    owners_by_source: dict[int, list[EntitySpec]] = {}
    citations = 0
    for spec in specs:
        yaml_text, planned = plan_entity(spec, specs, sources, seed)
        (out / "entities" / f"{spec.id}.yml").write_text(yaml_text, encoding="utf-8")
        event_id, event_text, event_planned = plan_event(spec, specs, sources, seed)
        (out / "events" / f"{event_id}.yml").write_text(event_text, encoding="utf-8")
        for item in (*planned, event_planned):
            planned_by_source.setdefault(item.source, []).append(item.sentence)
            owners = owners_by_source.setdefault(item.source, [])
            if spec not in owners:
                owners.append(spec)
            citations += 1
    popularity = _Popularity(specs)
    for i in range(sources):
        text, yaml_text = make_article(i, planned_by_source.get(i, []), owners_by_source.get(i, []), popularity, seed)
        (out / "sources" / f"{source_id(i)}.txt").write_text(text, encoding="utf-8")
        (out / "sources" / f"{source_id(i)}.yml").write_text(yaml_text, encoding="utf-8")
    return {"sources": sources, "entities": entities, "events": entities, "citations": citations}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, required=True, help="number of articles (N)")
    parser.add_argument("--entities", type=int, required=True, help="number of entities (M), at least 2")
    parser.add_argument("--seed", type=int, default=1, help="the same seed writes the same corpus (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="the content/ folder to write (created if missing)")
    options = parser.parse_args(argv)
    if options.out.exists() and any(options.out.iterdir()):
        parser.error(f"{options.out} is not empty: give a new folder")
    counts = make_corpus(options.sources, options.entities, options.seed, options.out)
    print(f"Wrote {counts['sources']} sources, {counts['entities']} entities, {counts['events']} events, "
          f"{counts['citations']} citations into {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
