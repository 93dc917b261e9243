#!/usr/bin/env python3
"""Time `check` on hostile inputs that stay within the size limits (issue 8, item 5).

    python benchmarks/pathological.py                       # every case, this checkout
    python benchmarks/pathological.py --cases issue-long-quotes,misspelt-relation-targets
    python benchmarks/pathological.py --checkout /tmp/old   # another checkout (e.g. before a change)

Every file stays under the 1 MB limit of dossier/content/load.py and every quote under the schema's
20,000 characters; what is hostile is how the pieces meet:

- issue-long-quotes: three wrong quotes of 19 KB against a one-paragraph 480 KB article (the
  case in issue 8: 255 s before).
- max-long-quotes: 45 wrong quotes of 19,000 characters (a 0.9 MB entity file) against a
  one-paragraph 990 KB article.
- many-short-quotes: 3,500 wrong quotes of about 150 characters against the 990 KB paragraph.
- unbroken-quote: a 20,000-character quote with no space against a 990 KB paragraph with none.
- repeated-quotes: a 3-word quote that occurs 45,000 times in a 990 KB paragraph, cited 100
  times (each citation is refused as ambiguous, after all its places are examined).
- valid-5000-entities: 5,000 small valid entities (the baseline for the next three).
- misspelt-relation-targets: the same, with 3,000 relation targets misspelt by one letter.
- misspelt-links: the same, with 3,000 [[links]] misspelt by one letter.
- misspelt-long-ids: 5,000 entities with 70-character ids, 3,000 relation targets misspelt.
- misspelt-numbered-ids: ids entity-0001 to entity-5000 (as make_corpus.py names them), 3,000
  relation targets misspelt.

Each case runs `dossier.pipeline.check` in a fresh process (``run.py --phase check``), timed
inside the process; a case still running after --timeout seconds is stopped and shown as such.
Projects are written under --workdir (default: a new temporary folder), never into the project.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent

ENTITY_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/entity.schema.json"
SYLLABLES = [onset + vowel for onset in "bdgklmnrstz" for vowel in ("a", "e", "i", "o", "u", "ou")]


def vocabulary(rng: random.Random, size: int = 3_000) -> list[str]:
    words = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(size * 2)})
    return words[:size]


def prose(rng: random.Random, words: list[str], characters: int) -> str:
    """Words drawn Zipf-like (a few very common, as 'the' is), with some commas and full stops."""
    weights = [1 / (rank + 1) for rank in range(len(words))]
    out, length = [], 0
    while length < characters:
        chunk = rng.choices(words, weights, k=1_000)
        for index, word in enumerate(chunk):
            if index % 17 == 16:
                word += rng.choice((",", "."))
            out.append(word)
            length += len(word) + 1
    return " ".join(out)[:characters].rsplit(" ", 1)[0]


def altered(rng: random.Random, words: list[str], passage: str, every: int = 7) -> str:
    """The passage with one word in ``every`` replaced: a quote that is nearly right."""
    tokens = passage.split(" ")
    for index in range(rng.randrange(every), len(tokens), every):
        tokens[index] = rng.choice(words)
    return " ".join(tokens)


def source_files(folder: Path, source_id: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{source_id}.txt").write_text(text + "\n", encoding="utf-8")
    (folder / f"{source_id}.yml").write_text(
        f'# yaml-language-server: $schema=../../schemas/source.schema.json\ntitle: "Article {source_id}"\nlanguage: en\n', encoding="utf-8"
    )


def quoting_entity(folder: Path, source_id: str, quotes: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [ENTITY_SCHEMA_LINE, "name: Quoter", "type: organization", "summary: Quotes that are not in the article.", "claims:"]
    for number, quote in enumerate(quotes, start=1):  # each its own claim: one claim written twice is a repeat
        lines += [f"  - text: Claim {number}.", "    cite:", f"      - source: {source_id}", f"        quote: {json.dumps(quote)}"]
    text = "\n".join(lines) + "\n"
    assert len(text.encode("utf-8")) < 1_000_000, "the entity file must stay under the 1 MB limit"
    (folder / "quoter.yml").write_text(text, encoding="utf-8")


def long_quotes(paragraph_chars: int, quotes: int, quote_chars: int) -> Callable[[Path], None]:
    def write(content: Path) -> None:
        rng = random.Random(1)
        words = vocabulary(rng)
        paragraph = prose(rng, words, paragraph_chars)
        wrong = []
        for number in range(quotes):
            kind = number % 3
            if kind == 0:  # a stretch of the paragraph with one word in seven changed
                start = rng.randrange(len(paragraph) - quote_chars)
                start = paragraph.index(" ", start) + 1
                wrong.append(altered(rng, words, paragraph[start : start + quote_chars].rsplit(" ", 1)[0]))
            elif kind == 1:  # words of the same vocabulary, in no order the article has
                wrong.append(prose(rng, words, quote_chars))
            else:  # a stretch of the paragraph, its words shuffled
                start = paragraph.index(" ", rng.randrange(len(paragraph) - quote_chars)) + 1
                tokens = paragraph[start : start + quote_chars].split(" ")[:-1]
                rng.shuffle(tokens)
                wrong.append(" ".join(tokens))
        source_files(content / "sources", "long-article", paragraph)
        quoting_entity(content / "entities", "long-article", wrong)

    return write


def unbroken_quote(content: Path) -> None:
    rng = random.Random(2)
    paragraph = "".join(rng.choice("abcdefghij") for _ in range(990_000))
    quote = paragraph[400_000:420_000]
    quote = quote[:10_000] + "X" + quote[10_001:]
    source_files(content / "sources", "unbroken", paragraph)
    quoting_entity(content / "entities", "unbroken", [quote])


def repeated_quotes(content: Path) -> None:
    """A 3-word quote that occurs 45,000 times in a 990 KB paragraph, cited 100 times."""
    source_files(content / "sources", "repetitive", ("the army of the state " * 45_000).strip())
    quoting_entity(content / "entities", "repetitive", ["army of the"] * 100)


def entity_ids(count: int, rng: random.Random, long: bool = False) -> list[str]:
    ids: set[str] = set()
    while len(ids) < count:
        parts = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(1, 3))]
        if long:
            while len("-".join(parts)) < 70:
                parts.append("".join(rng.choice(SYLLABLES) for _ in range(3)))
        ids.add("-".join(parts)[:80].strip("-"))
    return sorted(ids)


def misspelt(rng: random.Random, word: str, taken: set[str]) -> str:
    """The word with one letter deleted, changed, doubled or swapped with the next, not a real id."""
    while True:
        letters = [index for index, c in enumerate(word) if c != "-"]
        at = rng.choice(letters)
        how = rng.randrange(4)
        if how == 0 and len(word) > 3 and word[at - 1 : at] != "-" and word[at + 1 : at + 2] != "-":
            wrong = word[:at] + word[at + 1 :]
        elif how == 1:
            wrong = word[:at] + rng.choice("abcdefghijklmnopqrstuvwxyz") + word[at + 1 :]
        elif how == 2:
            wrong = word[:at] + word[at] + word[at:]
        elif at + 1 < len(word) and word[at + 1] != "-":
            wrong = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        else:
            continue
        if wrong not in taken and wrong.strip("-") == wrong and "--" not in wrong:
            return wrong


BASE_TEXT = "The mission saw heavy fighting near the river crossing in the north."
BASE_QUOTE = "heavy fighting near the river crossing"


def many_entities(
    misspelt_targets: int = 0, misspelt_links: int = 0, long_ids: bool = False, numbered: bool = False
) -> Callable[[Path], None]:
    def write(content: Path) -> None:
        rng = random.Random(3)
        ids = [f"entity-{number:04d}" for number in range(1, 5_001)] if numbered else entity_ids(5_000, rng, long_ids)
        taken = set(ids)
        source_files(content / "sources", "base", BASE_TEXT)
        folder = content / "entities"
        folder.mkdir(parents=True, exist_ok=True)
        for number, entity_id in enumerate(ids):
            other = ids[(number + 1) % len(ids)]
            target = misspelt(rng, other, taken) if number < misspelt_targets else other
            link = misspelt(rng, other, taken) if number < misspelt_links else other
            (folder / f"{entity_id}.yml").write_text(
                f"{ENTITY_SCHEMA_LINE}\nname: Entity {number:04d}\ntype: place\nsummary: Next to [[{link}]].\n"
                f"relations:\n  - type: located-in\n    target: {target}\n    cite:\n"
                f"      - source: base\n        quote: \"{BASE_QUOTE}\"\n",
                encoding="utf-8",
            )

    return write


CASES: dict[str, Callable[[Path], None]] = {
    "issue-long-quotes": long_quotes(480_000, 3, 19_000),
    "max-long-quotes": long_quotes(990_000, 45, 19_000),
    "many-short-quotes": long_quotes(990_000, 3_500, 150),
    "unbroken-quote": unbroken_quote,
    "repeated-quotes": repeated_quotes,
    "valid-5000-entities": many_entities(),
    "misspelt-relation-targets": many_entities(misspelt_targets=3_000),
    "misspelt-links": many_entities(misspelt_links=3_000),
    "misspelt-long-ids": many_entities(misspelt_targets=3_000, long_ids=True),
    "misspelt-numbered-ids": many_entities(misspelt_targets=3_000, numbered=True),
}


def run_check(root: Path, code: Path, timeout: float) -> dict:
    """`check` on one project in a fresh process: seconds, errors, and the first message."""
    program = (
        "import sys, json, time; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from dossier import pipeline;"
        "start = time.perf_counter(); _, problems = pipeline.check(pipeline.Project(Path(sys.argv[2])));"
        "seconds = time.perf_counter() - start;"
        "errors = [p for p in problems if p.severity == 'error'];"
        "print(json.dumps({'seconds': seconds, 'errors': len(errors), 'first': str(min(errors)) if errors else ''}))"
    )
    try:
        completed = subprocess.run(
            [sys.executable, "-c", program, str(code), str(root)],
            capture_output=True, text=True, timeout=timeout, env={**os.environ, "PYTHONHASHSEED": "0"},
        )
    except subprocess.TimeoutExpired:
        return {"seconds": None, "errors": None, "first": f"stopped after {timeout:.0f} s"}
    if completed.returncode != 0:
        raise RuntimeError(f"check failed on {root}:\n{completed.stderr[-4000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated (default: all): " + ", ".join(CASES))
    parser.add_argument("--checkout", type=Path, default=PROJECT_ROOT, help="the Dossier checkout whose code is timed")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a case is stopped (default 300)")
    parser.add_argument("--workdir", type=Path, help="where the projects are written (default: a new temporary folder)")
    options = parser.parse_args(argv)
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="dossier-pathological-"))
    print(f"Timing check of {options.checkout.resolve()} in {workdir}\n", flush=True)
    print("| case | check s | errors | first error (cut at 160 characters) |\n|---|---:|---:|---|", flush=True)
    for name in options.cases.split(","):
        root = workdir / name
        if not (root / "content").is_dir():
            CASES[name](root / "content")
        started = time.perf_counter()
        result = run_check(root, options.checkout.resolve(), options.timeout)
        seconds = f"{result['seconds']:.2f}" if result["seconds"] is not None else f"> {time.perf_counter() - started:.0f}"
        first = result["first"].replace(str(root) + "/", "").replace("|", "\\|")
        first = first if len(first) <= 160 else first[:159] + "…"
        print(f"| {name} | {seconds} | {result['errors'] if result['errors'] is not None else '–'} | {first} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
