"""Sources in the languages of the field (issue 18): a small project of French and Arabic articles
(tests/fixtures/languages/), written in the style of news-agency dispatches, with guillemets,
narrow no-break spaces, attached Arabic prefixes, vowel marks, tatweel and hedges; and the broken
or hedged files of tests/fixtures/languages-broken/, each added to it on its own, with the exact
message `check` gives.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from dataclasses import dataclass

import pytest

import build
from dossier.pipeline import Project, check, generate
from dossier.text.language_tags import language_attributes
from dossier.pages.coverage_report import candidates
from tests.helpers import ARABIC, FIXTURES, FRENCH_AGENCY, FRENCH_RADIO, PROJECT_ROOT, copy_project, language_project

LANGUAGES = FIXTURES / "languages"
BROKEN = FIXTURES / "languages-broken"


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


def test_generated_pages_say_the_language_and_direction_of_source_text(project):
    generate(project)
    docs = project.root / "docs"
    arabic = (docs / "sources" / ARABIC / "index.md").read_text(encoding="utf-8")
    assert 'language: "ar"\n' in arabic  # front matter: overrides/main.html gives it to search
    assert '# <span lang="ar" dir="rtl">مالي: مقتل عشرات من عناصر فاغنر والجيش المالي في معارك قرب تينزاواتين</span> {: #title }' in arabic
    assert '<p id="p2" lang="ar" dir="rtl"><a class="paragraph-number" href="#p2"' in arabic
    assert '<p class="cited-by-paragraph">Cited by' in arabic  # the site's own words: no lang of the source's
    french = (docs / "sources" / FRENCH_AGENCY / "index.md").read_text(encoding="utf-8")
    assert '<p id="p1" lang="fr"><a class="paragraph-number"' in french
    index = (docs / "sources" / "index.md").read_text(encoding="utf-8")
    assert (
        '| 29 July 2024 | <span lang="ar" dir="rtl">[مالي: مقتل عشرات من عناصر فاغنر والجيش المالي في معارك قرب '
        'تينزاواتين](ar-maarik-tinzaouatene/index.md)</span> | أ ف ب | 6 |'
    ) in index.splitlines()
    assert '| 30 July 2024 | <span lang="fr">[Au Mali, l\'armée et Wagner reconnaissent de lourdes pertes à Tinzaouatene]' in index
    wagner = (docs / "entities" / "wagner-group" / "index.md").read_text(encoding="utf-8")
    assert '"inLanguage": "ar"' in wagner and '"inLanguage": "fr"' in wagner
    with open(docs / "data" / "claims.csv", newline="", encoding="utf-8") as exported:
        languages = {(row["source"], row["quote_language"]) for row in csv.DictReader(exported)}
    assert languages == {(ARABIC, "ar"), (FRENCH_AGENCY, "fr"), (FRENCH_RADIO, "fr")}


@pytest.mark.parametrize("tag, value, attributes", [
    ("ar", "مالي: مقتل عشرات", ' lang="ar" dir="rtl"'),
    ("ar", "AFP, 29 July 2024", ' lang="ar" dir="auto"'),  # an Arabic source's line in Latin letters
    ("ar", "أ ف ب (AFP)", ' lang="ar" dir="rtl"'),  # mixed: the language's direction
    ("ar-Latn", "Mali: maqtal", ' lang="ar-Latn"'),  # Arabic in Latin letters runs left to right
    ("ku-Arab", "", ' lang="ku-Arab" dir="rtl"'),  # Kurdish in Arabic letters: its script decides
    ("fr", "« défaite »", ' lang="fr"'),
    ("en", "مالي", ' lang="en" dir="auto"'),
    ("fr", "", ' lang="fr"'),
    (None, "anything", ""),
])
def test_language_attributes_give_lang_and_the_direction_text_needs(tag, value, attributes):
    assert language_attributes(tag, value) == attributes


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
    Case("entities/quote-without-translation", 0, "content/entities/quote-without-translation.yml:10:16: warning: the quote from fr-embuscade-tinzaouatene is in French (fr), the site in English (en): add `translation:` with the quote in the site's language and `translated_by:` ({person: <name>}, or {machine: <engine>, version: <version>})"),
    Case("entities/translation-without-translator", 1, "content/entities/translation-without-translator.yml:9:9: error: claims[0].cite[0]: a translation needs its translator: add `translated_by:` ({person: <name>}, or {machine: <engine>, version: <version>})"),
    Case("entities/machine-translation-without-version", 1, "content/entities/machine-translation-without-version.yml:12:24: error: claims[0].cite[0].translated_by: add the version of DeepL, or the month it was used: {machine: DeepL, version: <version>}"),
    Case("entities/quote-starts-on-et-in-french", 0, "content/entities/quote-starts-on-et-in-french.yml:6:11: warning: quote \"et 84 combattants de Wagner\" starts inside a clause, on 'et' (fr-embuscade-tinzaouatene, paragraph 4): its sentence runs from \"Les rebelles du Cadre stratégique permanent\" to \"maliens et 84 combattants de Wagner.\"; quote the clause whole, from its subject to its end"),
    Case("entities/attribution-left-out-in-french", 0, "content/entities/attribution-left-out-in-french.yml:6:11: warning: the cited sentence attributes it: \"Selon plusieurs sources\" (fr-lourdes-pertes-wagner, paragraph 1), but this statement does not say whom it follows: add `according_to:` naming them as the source does"),
    Case("entities/attribution-left-out-in-arabic", 0, "content/entities/attribution-left-out-in-arabic.yml:6:11: warning: the cited sentence attributes it: \"وقالت جماعة نصرة الإسلام والمسلمين المرتبطة بتنظيم القاعدة إنها شاركت في المعارك\" (ar-maarik-tinzaouatene, paragraph 4), but this statement does not say whom it follows: add `according_to:` naming them as the source does"),
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


def test_a_quote_needs_a_translation_only_when_its_source_is_not_in_the_sites_language(project, tmp_path):
    """On a French site (mkdocs.yml theme.language: fr) French quotes need none; an Arabic one does."""
    root = tmp_path / "project"
    shutil.copytree(project.root, root, symlinks=True)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  language: en\n", "  language: fr\n"), encoding="utf-8")
    for name in ("fama.yml", "wagner-group.yml"):
        path = root / "content" / "entities" / name
        kept = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if "translat" not in line]
        path.write_text("".join(kept), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), "check"], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, """\
content/entities/fama.yml:24:16: warning: the quote from ar-maarik-tinzaouatene is in Arabic (ar), the site in French (fr): add `translation:` with the quote in the site's language and `translated_by:` ({person: <name>}, or {machine: <engine>, version: <version>})
content/entities/wagner-group.yml:31:16: warning: the quote from ar-maarik-tinzaouatene is in Arabic (ar), the site in French (fr): add `translation:` with the quote in the site's language and `translated_by:` ({person: <name>}, or {machine: <engine>, version: <version>})
0 error(s), 2 warning(s)
""")
