"""What a reader sees of a quote (issues 18, 19 and 20), on sites built by a real `build.py` process:
the sentence around it with the quoted words marked, in the source's language and direction, its
translation credited, and links to the passage on the source page, the original and its archived copy."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, PROJECT_ROOT, copy_project

LANGUAGES = FIXTURES / "languages" / "content"


def built(project_root: Path) -> Path:
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project_root), "build"],
        capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project_root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """tests/fixtures/languages (French and Arabic sources, every quote translated), built."""
    project = copy_project(tmp_path_factory.mktemp("quotes") / "project")
    shutil.rmtree(project.content_dir)
    shutil.copytree(LANGUAGES, project.content_dir)
    return built(project.root)


def note(page: Path, number: int) -> str:
    return re.search(rf'<li id="fn:{number}">(.*?)</li>', page.read_text(encoding="utf-8"), re.S).group(1)


def test_a_french_note_shows_the_sentence_the_marked_quote_its_translation_and_three_links(site):
    wagner = note(site / "entities" / "wagner-group" / "index.html", 1)
    assert wagner.startswith(
        '<p><cite lang="fr" title="Mali : des dizaines de soldats et de combattants de Wagner tués dans une embuscade près de '
        'Tinzaouatène">AFP</cite>, 29 July 2024: '
        '“<span class="quote-in-sentence" lang="fr"><mark class="quoted">«\u202fNous avons subi un nombre important de morts\u202f»</mark>'
        '<span class="quote-context">, a reconnu un responsable de Wagner sur une chaîne Telegram proche du groupe, évoquant '
        'une «\u202fdéfaite\u202f» rare pour les mercenaires russes.</span></span>” '
        # The translation keeps the original's quotation marks: it is not put in a second pair.
        '<span class="quote-translation">“We suffered a large number of deaths” '
        '<span class="translation-credit">Machine translation: DeepL 2026-11</span></span> '
        '<a class="note-source" href="../../sources/fr-embuscade-tinzaouatene/#p2-q1">Source, paragraph 2</a>'
    )
    fragment = "#:~:text=Nous%20avons%20subi%20un%20nombre%20important%20de%20morts"
    assert (
        ' · <a class="note-original" href="https://www.example.org/afp/2024/07/29/mali-embuscade-tinzaouatene'
        f'{fragment}" rel="noopener noreferrer" title="The passage in the original article, on another site">'
        'original article<span class="leaves-site" aria-label=" (leaves this site)"> ↗</span></a>'
        ' · <a class="note-archive" href="https://web.archive.org/web/20240730083000/'
        f'https://www.example.org/afp/2024/07/29/mali-embuscade-tinzaouatene{fragment}" rel="noopener noreferrer" '
        'title="The passage in an archived copy of the article, on another site">'
        'archived copy<span class="leaves-site" aria-label=" (leaves this site)"> ↗</span></a>'
    ) in wagner
    # A person's translation is credited to them; a source without an address has the one link.
    radio = note(site / "entities" / "wagner-group" / "index.html", 2)
    assert '<span class="translation-credit">Translation by Awa Traoré</span>' in radio
    assert "note-original" not in radio and "note-archive" not in radio


def test_an_arabic_note_is_right_to_left_and_its_translation_left_to_right(site):
    arabic = note(site / "entities" / "wagner-group" / "index.html", 4)
    assert (
        '“<span class="quote-in-sentence" lang="ar" dir="rtl"><span class="quote-context">ومنذ انقلاب 2020، تقاربت '
        'السلطات العسكرية بقيادة أسيمي غويتا مع روسيا، </span><mark class="quoted">وانتشرت قوات فاغـــنر في البلاد</mark>'
        '<span class="quote-context">.</span></span>” <span class="quote-translation">“Wagner’s forces were deployed '
        'across the country” <span class="translation-credit">Translation by Karim Haddad</span></span>'
    ) in arabic


def test_cited_by_shows_each_quote_in_its_sentence_with_its_translation(site):
    page = (site / "sources" / "fr-lourdes-pertes-wagner" / "index.html").read_text(encoding="utf-8")
    cited_by = page[page.index('id="cited-by"'):]
    entry = re.search(r"<li>(<a href=\"../../entities/tinzaouatene/\">.*?)</li>", cited_by, re.S).group(1)
    assert entry.endswith(
        '(<a href="#p1-q1">¶1</a>)<br>“<span class="quote-in-sentence" lang="fr"><span class="quote-context">'
        "Selon plusieurs sources, l'armée malienne et ses alliés russes de Wagner </span><mark class=\"quoted\">ont perdu "
        "des dizaines d'hommes à Tinzaouatene</mark><span class=\"quote-context\">, près de la frontière algérienne.</span></span>” "
        '<span class="quote-translation">“lost dozens of men in Tinzaouatene” '
        '<span class="translation-credit">Machine translation: DeepL 2026-11</span></span>'
    ), entry


HOSTILE_SENTENCE = (
    "Wagner *arrived* <b>early</b> [in Mali](javascript:alert(1)) & <script>alert(2)</script> _quietly_ "
    "and left in 2025 | said `sources`."
)


def test_the_sentence_around_a_quote_is_text_whatever_it_holds(tmp_path):
    """Markdown, HTML and a table's '|' in the article around a quote reach the note (raw HTML) and
    'Cited by' (Markdown) as the characters they are."""
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project.content_dir)
    shutil.copytree(FIXTURES / "base" / "content", project.content_dir)
    (project.content_dir / "sources" / "hostile-sentence.txt").write_text(HOSTILE_SENTENCE + "\n", encoding="utf-8")
    (project.content_dir / "sources" / "hostile-sentence.yml").write_text(
        "# yaml-language-server: $schema=../../schemas/source.schema.json\ntitle: A sentence full of markup\nlanguage: en\n",
        encoding="utf-8",
    )
    entity = project.content_dir / "entities" / "africa-corps.yml"
    entity.write_text(
        entity.read_text(encoding="utf-8")
        + "  - text: It left in 2025.\n    certainty: stated\n    cite:\n"
        + "      - source: hostile-sentence\n        quote: \"and left in 2025\"\n",
        encoding="utf-8",
    )
    site = built(project.root)
    expected = (
        '“<span class="quote-in-sentence"><span class="quote-context">Wagner *arrived* &lt;b&gt;early&lt;/b&gt; '
        "[in Mali](javascript:alert(1)) &amp; &lt;script&gt;alert(2)&lt;/script&gt; _quietly_ </span>"
        '<mark class="quoted">and left in 2025</mark><span class="quote-context"> | said `sources`.</span></span>”'
    )
    assert expected in note(site / "entities" / "africa-corps" / "index.html", 2)
    source_page = (site / "sources" / "hostile-sentence" / "index.html").read_text(encoding="utf-8")
    # Markdown, where '|' would split a table's cell, has it as an entity: the same character on the page.
    assert expected.replace(" | ", " &#124; ") in source_page[source_page.index('id="cited-by"'):]
