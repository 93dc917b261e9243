"""Sources in the languages of the field (issue 18): a small project of French and Arabic articles
(tests/fixtures/languages/), written in the style of news-agency dispatches, with guillemets,
narrow no-break spaces, attached Arabic prefixes, vowel marks, tatweel and hedges; and the broken
or hedged files of tests/fixtures/languages-broken/, each added to it on its own, with the exact
message `check` gives.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import build
from dossier.pipeline import Project, check
from dossier.pages.coverage_report import candidates
from tests.helpers import FIXTURES, PROJECT_ROOT, copy_project

LANGUAGES = FIXTURES / "languages"
BROKEN = FIXTURES / "languages-broken"
ARABIC, FRENCH_AGENCY, FRENCH_RADIO = "ar-maarik-tinzaouatene", "fr-embuscade-tinzaouatene", "fr-lourdes-pertes-wagner"


def language_project(destination: Path) -> Project:
    project = copy_project(destination)
    shutil.rmtree(project.content_dir)
    shutil.copytree(LANGUAGES / "content", project.content_dir)
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    return language_project(tmp_path_factory.mktemp("languages") / "project")


@pytest.fixture(scope="module")
def resolved(project):
    resolved, problems = check(project)
    assert problems == []
    return resolved


def test_the_french_and_arabic_project_checks_clean_as_a_process(project):
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project.root), "check"], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "0 error(s), 0 warning(s)\n")


def test_every_quote_is_found_whatever_its_typography(resolved):
    """Guillemets with narrow spaces against straight quotes and the reverse, 'nombre:' against
    'nombre\u202f:', '!' against '\u202f!', a lam-alef ligature, tatweel, Arabic guillemets: 15
    citations, which the folding of English typography alone refused 6 of."""
    citations = [citation for statement in resolved.content.statements() for citation in statement.citations]
    assert len(citations) == 15 and set(resolved.passages) == set(citations)
    wagner = resolved.content.entities["wagner-group"].claims[0].citations
    texts = {citation.source_id: _quoted(resolved, citation) for citation in wagner}
    assert texts == {
        FRENCH_AGENCY: "«\u202fNous avons subi un nombre important de morts\u202f»",
        FRENCH_RADIO: '"un nombre important de morts"',
    }


def _quoted(resolved, citation) -> str:
    passage = resolved.passages[citation]
    return resolved.content.sources[passage.source_id].paragraphs[passage.paragraph - 1].text[passage.start : passage.end]


def test_names_are_found_without_their_accents_and_behind_arabic_prefixes(resolved):
    """39 mentions; 31 before names ignored accents, vowel marks and tatweel and were found behind
    Arabic prefixes (with every alias a plain spelling: tagged ones were refused)."""
    counts = {source_id: len(found) for source_id, found in resolved.mentions_by_source.items()}
    assert counts == {ARABIC: 17, FRENCH_AGENCY: 14, FRENCH_RADIO: 8}
    radio = resolved.content.sources[FRENCH_RADIO]
    named = {(radio.paragraphs[m.paragraph - 1].text[m.start : m.end], m.entity_id) for m in resolved.mentions_by_source[FRENCH_RADIO]}
    assert {("Tinzaouatene", "tinzaouatene"), ("Assimi Goita", "assimi-goita")} <= named
    arabic = resolved.content.sources[ARABIC]
    words = set()
    for mention in resolved.mentions_by_source[ARABIC]:
        text = arabic.paragraphs[mention.paragraph - 1].text
        words.add((text[text.rfind(" ", 0, mention.start) + 1 : mention.end], text[mention.start : mention.end]))
    assert {
        ("وفاغنر", "فاغنر"), ("بتينزاواتين", "تينزاواتين"), ("فاغـــنر", "فاغـــنر"),
        ("والجيش المالي", "الجيش المالي"), ("الجيشَ المالي", "الجيشَ المالي"),
        ("للجيش المالي", "لجيش المالي"),  # after ل, which took the article's alef
    } <= words  # fmt: skip


def test_aliases_keep_the_language_they_are_tagged_with(resolved):
    wagner = resolved.content.entities["wagner-group"]
    assert wagner.aliases == ("Wagner", "Groupe Wagner", "فاغنر")
    assert wagner.alias_languages == (None, None, "ar")
    assert [source.language for source in resolved.content.sources.values()] == ["ar", "fr", "fr"]


def test_coverage_proposes_names_not_nationalities(resolved):
    # Before: 'Russes' too, in both French articles.
    assert [(candidate.name, candidate.source_ids) for candidate in candidates(resolved)] == [
        ("Kidal", (FRENCH_AGENCY, FRENCH_RADIO)),
        ("Telegram", (FRENCH_AGENCY, FRENCH_RADIO)),
    ]


@dataclass(frozen=True)
class Case:
    name: str
    """<folder>/<file stem> under tests/fixtures/languages-broken/."""
    exit_code: int
    message: str


CASES = [
    Case("entities/quote-without-its-accent", 1, "content/entities/quote-without-its-accent.yml:11:16: error: quote not found in fr-lourdes-pertes-wagner: copy the words exactly from content/sources/fr-lourdes-pertes-wagner.txt. Closest passage, paragraph 4, marking [-your words-] and {+the source's+}: il s'agit de la plus lourde [-defaite-]{+défaite⟨U+00A0⟩:+}. They differ only in accents or vowel marks, which a quote keeps as the source writes them: the source writes 'défaite' where your quote writes 'defaite'"),
    Case("entities/quote-without-vowel-marks", 1, "content/entities/quote-without-vowel-marks.yml:11:16: error: quote not found in ar-maarik-tinzaouatene: copy the words exactly from content/sources/ar-maarik-tinzaouatene.txt. Closest passage, paragraph 6, marking [-your words-] and {+the source's+}: [-وقال متحدث باسم المتمردين-]{+وَقَالَ مُتَحَدِّثٌ بِاسْمِ المُتَمَرِّدِينَ+}. They differ only in accents or vowel marks, which a quote keeps as the source writes them: the source writes 'وَقَالَ' where your quote writes 'وقال'; the source writes 'مُتَحَدِّثٌ' where your quote writes 'متحدث'; the source writes 'بِاسْمِ' where your quote writes 'باسم'; and 1 word(s) more"),
    Case("entities/quote-another-word-beside-a-narrow-space", 1, "content/entities/quote-another-word-beside-a-narrow-space.yml:11:16: error: quote not found in fr-embuscade-tinzaouatene: copy the words exactly from content/sources/fr-embuscade-tinzaouatene.txt. Closest passage, paragraph 7, marking [-your words-] and {+the source's+}: Quelle [-victoire!-]{+défaite⟨U+202F⟩!+} a commenté un blogueur"),
    Case("entities/hedge-dropped-in-french", 0, "content/entities/hedge-dropped-in-french.yml:6:11: warning: the cited sentence says 'auraient', \"d'après\" (fr-lourdes-pertes-wagner, paragraph 5) but this statement sets neither certainty nor according_to: add `certainty:` or `according_to:`, or `certainty: stated` if the source asserts it"),
    Case("entities/hedge-dropped-in-french-after-a-claim", 0, "content/entities/hedge-dropped-in-french-after-a-claim.yml:6:11: warning: the cited sentence says 'affirment' (fr-embuscade-tinzaouatene, paragraph 4) but this statement sets neither certainty nor according_to: add `certainty:` or `according_to:`, or `certainty: stated` if the source asserts it"),
    Case("entities/hedge-dropped-in-arabic", 0, "content/entities/hedge-dropped-in-arabic.yml:6:11: warning: the cited sentence says 'شدد', 'مصدر' (ar-maarik-tinzaouatene, paragraph 2) but this statement sets neither certainty nor according_to: add `certainty:` or `according_to:`, or `certainty: stated` if the source asserts it"),
    Case("entities/hedge-dropped-in-arabic-by-sources", 0, "content/entities/hedge-dropped-in-arabic-by-sources.yml:6:11: warning: the cited sentence says 'حسب', 'أفادت', 'مصادر' (ar-maarik-tinzaouatene, paragraph 1) but this statement sets neither certainty nor according_to: add `certainty:` or `according_to:`, or `certainty: stated` if the source asserts it"),
    Case("entities/alias-language-not-a-tag", 1, "content/entities/alias-language-not-a-tag.yml:5:30: error: aliases[0].language: 'Russian' is not a language tag: write a BCP 47 tag such as 'en', 'fr' or 'ar'"),
    Case("sources/language-not-a-tag", 1, "content/sources/language-not-a-tag.yml:3:11: error: language: 'French' is not a language tag: write a BCP 47 tag such as 'en', 'fr' or 'ar'"),
    Case("sources/language-in-capitals", 1, "content/sources/language-in-capitals.yml:3:11: error: language: 'FR' is not a language tag: write a BCP 47 tag such as 'en', 'fr' or 'ar': did you mean 'fr'?"),
]  # fmt: skip


def test_every_broken_language_fixture_has_a_case():
    on_disk = {f"{path.parent.name}/{path.stem}" for path in BROKEN.rglob("*") if path.is_file()}
    assert on_disk == {case.name for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_each_case_gives_its_exact_message_and_nothing_else(case, project, tmp_path, capsys):
    root = tmp_path / "project"
    shutil.copytree(project.root, root, symlinks=True)
    folder, stem = case.name.split("/")
    for path in sorted((BROKEN / folder).glob(f"{stem}.*")):
        shutil.copy(path, root / "content" / folder / path.name)
    code = build.main(["--project", str(root), "check"])
    output = capsys.readouterr()
    lines = (output.err + output.out).splitlines()
    assert "Traceback" not in output.err
    counts = "1 error(s), 0 warning(s)" if case.exit_code else "0 error(s), 1 warning(s)"
    assert (code, lines) == (case.exit_code, [case.message, counts])


@pytest.mark.parametrize(
    "headline, source_id",
    [
        # Whole words, cut at the end: python-slugify's word_boundary dropped words from the middle.
        ("Mali : des dizaines de soldats et de combattants de Wagner tués dans une embuscade près de Tinzaouatène",
         "mali-des-dizaines-de-soldats-et-de-combattants-de-wagner"),
        ("Au Mali, l'armée et Wagner reconnaissent de lourdes pertes à Tinzaouatene",
         "au-mali-l-armee-et-wagner-reconnaissent-de-lourdes-pertes-a"),
        # Arabic romanised with its long vowels (text-unidecode gave 'mly-mqtl-shrt-mn-nsr-fGnr-...').
        ("مالي: مقتل عشرات من عناصر فاغنر والجيش المالي في معارك قرب تينزاواتين",
         "mali-mqtl-ashrat-mn-anasr-faghnr-wal-jish-al-mali-fi-mark"),
        ("Группа Вагнера покидает Мали после трёх лет", "gruppa-vagnera-pokidaet-mali-posle-trekh-let"),
    ],
)  # fmt: skip
def test_new_source_makes_a_readable_id_from_a_headline_in_any_script(headline, source_id, tmp_path):
    project = copy_project(tmp_path / "project")
    article = tmp_path / "saved.txt"
    article.write_text(f"{headline}\nLe texte.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project.root), "new", "source", str(article)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(source_id) <= 60
    assert (project.content_dir / "sources" / f"{source_id}.txt").read_bytes() == article.read_bytes()
