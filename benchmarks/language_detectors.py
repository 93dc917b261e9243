#!/usr/bin/env python3
"""Compare language detectors on short news texts in French, Arabic and English (issue 18).

    .venv/bin/python benchmarks/language_detectors.py [--lingua DIR]

The samples are the paragraphs of the fixture articles (tests/fixtures/languages: French and
Arabic dispatches) and of the bundled English sources, and each article's headline: the lengths
an editor's text has (a headline of 8 words, a paragraph of 30). Each detector is given every
sample once to warm up, then timed over all of them; its size is that of its installed package
(models included). lingua-language-detector is not a dependency: install it into a folder of its
own (``pip install --no-deps --target DIR lingua-language-detector``) and pass ``--lingua DIR``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "languages" / "content" / "sources"


def samples() -> list[tuple[str, str]]:
    """(expected language, text): every line of at least 4 words of each article."""
    files = [(path.name[:2], path) for path in sorted(FIXTURES.glob("*.txt"))]
    files += [("en", path) for path in sorted((ROOT / "content" / "sources").glob("*.txt"))]
    found = []
    for language, path in files:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) >= 4]
        found += [(language, line) for line in lines[:12]]
    return found


def folder_size(path: Path) -> float:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file()) / 1e6


def measure(name: str, detect, size_mb: float, cases: list[tuple[str, str]]) -> None:
    for _, text in cases:
        detect(text)
    start = time.perf_counter()
    guesses = [detect(text) for _, text in cases]
    seconds = time.perf_counter() - start
    wrong = [(language, guess, text[:60]) for (language, text), guess in zip(cases, guesses) if guess != language]
    per_language = {lang: sum(1 for l, _ in cases if l == lang) for lang in ("fr", "ar", "en")}
    misses = {lang: sum(1 for l, _, _ in wrong if l == lang) for lang in per_language}
    print(f"{name}: {size_mb:.1f} MB installed, {len(cases) - len(wrong)}/{len(cases)} right "
          f"({', '.join(f'{lang} {per_language[lang] - misses[lang]}/{per_language[lang]}' for lang in per_language)}), "
          f"{seconds / len(cases) * 1000:.2f} ms a text")
    for language, guess, text in wrong:
        print(f"    expected {language}, got {guess}: {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lingua", type=Path, help="a folder where lingua-language-detector is installed")
    options = parser.parse_args(argv)
    cases = samples()
    print(f"{len(cases)} samples, {min(len(t.split()) for _, t in cases)} to {max(len(t.split()) for _, t in cases)} words")

    import py3langid

    started = time.perf_counter()
    py3langid.classify("warm up")
    print(f"py3langid: model loaded in {time.perf_counter() - started:.2f} s")
    measure("py3langid", lambda text: py3langid.classify(text)[0], folder_size(Path(py3langid.__file__).parent), cases)

    if options.lingua:
        sys.path.insert(0, str(options.lingua))
        from lingua import LanguageDetectorBuilder

        started = time.perf_counter()
        detector = LanguageDetectorBuilder.from_all_languages().build()
        detector.detect_language_of("warm up")
        print(f"lingua: model loaded in {time.perf_counter() - started:.2f} s")

        def lingua(text: str) -> str | None:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found else None

        measure("lingua (all languages)", lingua, folder_size(options.lingua / "lingua"), cases)
    return 0


if __name__ == "__main__":
    sys.exit(main())
