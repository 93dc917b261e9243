"""Article extraction compared: trafilatura, readability-lxml, and Dossier's import (trafilatura
plus its clean-up, dossier/tools/extract.py), on the saved news pages in tests/tools/pages/.

Each page has beside it the article as an editor would keep it (<page>.expected.txt, one
paragraph a line). For each extractor and page: the expected paragraphs it misses, the lines it
adds that are not the article (menus, share buttons, "Read also", paywall text), whether its text
is the expected one exactly (needs no hand fix), what metadata it fills, and its time.

readability-lxml is not one of Dossier's dependencies: run this with a Python that has it, e.g.

    python3 -m venv /tmp/x && /tmp/x/bin/pip install -r requirements.txt readability-lxml==0.9
    /tmp/x/bin/python benchmarks/extractors.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGES = ROOT / "tests" / "tools" / "pages"


def _trafilatura(page: bytes) -> tuple[list[str], dict]:
    import trafilatura

    text = trafilatura.extract(page, output_format="txt", include_comments=False, include_tables=True) or ""
    meta = trafilatura.extract_metadata(page)
    fields = {"title": meta.title, "author": meta.author, "date": meta.date, "publisher": meta.sitename, "url": meta.url}
    return text.splitlines(), fields


def _readability(page: bytes) -> tuple[list[str], dict]:
    import lxml.html
    from readability import Document

    document = Document(page)
    tree = lxml.html.fromstring(document.summary(html_partial=True))
    lines = [" ".join(element.text_content().split()) for element in tree.iter("p", "li", "h2", "h3", "h4", "blockquote")]
    return [line for line in lines if line], {"title": document.short_title()}


def _dossier(page: bytes) -> tuple[list[str], dict]:
    from dossier.tools.extract import extract_article

    article = extract_article(page)
    fields = {key: getattr(article, key) for key in ("title", "author", "published", "publisher", "via", "url", "language")}
    return article.text.splitlines(), fields


EXTRACTORS = {"trafilatura 2.3.1": _trafilatura, "readability-lxml 0.9": _readability, "Dossier import": _dossier}


def main() -> int:
    pages = sorted(PAGES.glob("*.html"))
    totals = {}
    for name, extract in EXTRACTORS.items():
        try:
            extract(pages[0].read_bytes())
        except ImportError as error:
            print(f"{name}: skipped ({error})")
            continue
        print(f"\n## {name}\n")
        print("| page | missed | clutter lines | no hand fix | metadata filled | ms |")
        print("|---|--:|--:|:-:|---|--:|")
        exact = missed_total = clutter_total = 0
        for path in pages:
            page = path.read_bytes()
            expected = [line for line in path.with_suffix(".expected.txt").read_text().splitlines() if line]
            started = time.perf_counter()
            lines, fields = extract(page)
            elapsed = (time.perf_counter() - started) * 1000
            lines = [" ".join(line.split()) for line in lines if line.strip()]
            got = set(lines)
            missed = sum(1 for line in expected if line not in got)
            clutter = sum(1 for line in lines if line not in set(expected))
            same = lines == expected
            exact += same
            missed_total += missed
            clutter_total += clutter
            filled = ", ".join(key for key, value in fields.items() if value)
            print(f"| {path.stem} | {missed} | {clutter} | {'yes' if same else 'no'} | {filled} | {elapsed:.1f} |")
        totals[name] = (exact, missed_total, clutter_total)
        print(f"\n{exact} of {len(pages)} pages need no hand fix; {missed_total} paragraphs missed, {clutter_total} clutter lines kept.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
