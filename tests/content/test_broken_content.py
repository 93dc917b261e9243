"""Broken and hostile content: each case is one small file under tests/fixtures/broken/<folder>/,
named after what is wrong with it. Adding it to a valid, already built project must give the
exact message, the exit code, no traceback, and leave the published site/ byte for byte as it was.
Hostile-but-valid cases build, and their payloads reach the pages as inert text.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

import build
from tests.helpers import FIXTURES, PROJECT_ROOT, tree_digest

@dataclass(frozen=True)
class Case:
    name: str
    """<folder>/<file stem>: the files with that stem are copied into content/<folder>/."""
    exit_code: int
    message: str
    """The first problem printed, exactly."""
    also: tuple[str, ...] = ()
    """Stems of other files of the case, in the same folder (the other end of a relation)."""
    once: tuple[tuple[str, str], ...] = ()
    """For a repeat: (page of site/, HTML) that the built page holds exactly once."""


CASES = [
    Case('entities/alias-differs-only-in-case', 0, "content/entities/alias-differs-only-in-case.yml:6:5: warning: alias 'redut-antiterror' repeats the alias 'Redut-Antiterror' on line 5 (letter case and typography aside, as mentions are matched): keep one of them (the site shows the first)",
         once=(("entities/alias-differs-only-in-case/index.html", "also known as <em>Redut-Antiterror</em></p>"),)),
    Case('entities/alias-repeats-the-name', 0, "content/entities/alias-repeats-the-name.yml:5:5: warning: alias 'REDUT' repeats the name 'Redut' (letter case and typography aside, as mentions are matched): remove it",
         once=(("entities/alias-repeats-the-name/index.html", '<p class="entity-kind"><strong>Private military company</strong></p>'),)),
    Case('entities/allied-on-both-ends', 0, "content/entities/allied-other-end.yml:7:13: warning: relation 'allied-with' with 'allied-on-both-ends' repeats the one written on content/entities/allied-on-both-ends.yml:7:13 from the other end ('allied-with' reads the same both ways): keep one of the two, with the citations of both; the site shows it once",
         also=("allied-other-end",),
         once=(("entities/allied-on-both-ends/index.html", 'title="Link to this relation"'), ("entities/allied-on-both-ends/index.html", 'id="fn:2"'),
               ("entities/allied-other-end/index.html", 'title="Link to this relation"'), ("entities/allied-other-end/index.html", 'id="fn:2"'),
               ("graph/index.html", "4 entities, 2 relations"),
               ("sources/base-article/index.html", "allied with Convoy</a></p>"), ("sources/base-article/index.html", "allied with <a "))),
    Case('entities/claim-repeated-with-other-citations', 0, "content/entities/claim-repeated-with-other-citations.yml:10:11: warning: this claim repeats the claim on line 6 (same text, date and attribution): move its citations under the first and remove it; the site shows it once, with the citations of both",
         once=(("entities/claim-repeated-with-other-citations/index.html", 'title="Link to this claim"'), ("entities/claim-repeated-with-other-citations/index.html", 'id="fn:2"'))),
    Case('entities/claim-written-twice', 0, "content/entities/claim-written-twice.yml:10:11: warning: this claim repeats the claim on line 6 (same text, date and attribution): remove it",
         once=(("entities/claim-written-twice/index.html", 'title="Link to this claim"'),)),
    Case('entities/relation-written-twice', 0, "content/entities/relation-written-twice.yml:12:13: warning: relation 'fights' to 'wagner-group' repeats the one on line 7 (same dates and attribution): remove it",
         once=(("entities/relation-written-twice/index.html", 'title="Link to this relation"'), ("entities/wagner-group/index.html", 'id="rel-fights-relation-written-twice"'))),
    Case('entities/same-as-listed-twice', 0, "content/entities/same-as-listed-twice.yml:7:5: warning: same_as: 'https://www.wikidata.org/wiki/Q116732420' is listed twice (first on line 6): remove this one",
         once=(("entities/same-as-listed-twice/index.html", "https://www.wikidata.org/wiki/Q116732420"),)),
    Case('events/entity-listed-twice', 0, "content/events/entity-listed-twice.yml:4:40: warning: entities: 'africa-corps' is listed twice (first at column 12 of this line): remove this one",
         once=(("timeline/index.html", 'data-entities="africa-corps wagner-group"'),)),
    Case('entities/relation-without-as-of', 0, "content/entities/relation-without-as-of.yml:7:13: warning: relation 'fights' to 'wagner-group' has neither 'until' nor 'as_of': add 'as_of' with the latest date its cited evidence describes (the source's date, or a date in its text), or 'until' when it has ended ('until: unknown' if no source dates the end)"),
    Case('entities/relation-as-of-after-until', 0, "content/entities/relation-as-of-after-until.yml:9:12: warning: relation 'fights' to 'wagner-group' has ended ('until'), so 'as_of' says nothing more: remove 'as_of'"),
    Case('events/actor-also-concerned', 0, "content/events/actor-also-concerned.yml:5:26: warning: entities: 'africa-corps' is listed under actors too: remove it here (an actor is involved already)",
         once=(("timeline/index.html", 'data-entities="africa-corps wagner-group"'),)),
    Case('entities/figure-precision-on-dates-that-disagree', 0, "content/entities/figure-precision-on-dates-that-disagree.yml:7:17: warning: difference: precision, but the dates 'late 2021', 'May 2024' cannot all be true at once: write 'disagree', or check the values"),
    Case('entities/figure-difference-unknown', 1, "content/entities/figure-difference-unknown.yml:7:17: error: figures[0].difference: 'conflicting' is not one of: disagree, over-time, precision."),
    Case('events/event-names-no-entity', 1, "content/events/event-names-no-entity.yml:3:8: error: the event names no entity: list who acts in it under 'actors', and who it only concerns under 'entities'"),
    Case('entities/###', 1, "content/entities/###.yml:1:1: error: file name '###.yml' is not a valid id (lowercase letters, digits and hyphens): its name has no letters or digits; rename it with lowercase letters, digits and hyphens"),
    Case('entities/Bad Name!', 1, "content/entities/Bad Name!.yml:1:1: error: file name 'Bad Name!.yml' is not a valid id (lowercase letters, digits and hyphens): rename it to 'bad-name.yml'"),
    Case('entities/alias-common-word', 1, "content/entities/alias-common-word.yml:5:5: error: alias 'The' is a common word: it would link every 'the' in the articles to alias-common-word; write the longer name the articles use, or remove it"),
    Case('entities/alias-empty', 1, 'content/entities/alias-empty.yml:5:5: error: aliases[0]: is empty: write the text or remove the key'),
    Case('entities/alias-one-letter', 1, "content/entities/alias-one-letter.yml:5:5: error: alias 'L' has one letter: it would link every 'L' in the articles; write the longer name the articles use, or remove it"),
    Case('entities/alias-taken', 1, "content/entities/wagner-group.yml:5:5: error: 'wagner' is also a name or alias of 'alias-taken' (content/entities/alias-taken.yml:5:5): a spelling may belong to one entity only"),
    Case('entities/an-id-that-goes-on-and-on-far-beyond-the-eighty-characters-an-address-should-ever-need', 1, "content/entities/an-id-that-goes-on-and-on-far-beyond-the-eighty-characters-an-address-should-ever-need.yml:1:1: error: file name 'an-id-that-goes-on-and-on-far-beyond-the-eighty-characters-an-address-should-ever-need.yml' is not a valid id (lowercase letters, digits and hyphens): it is 86 characters long; shorten it to at most 80"),
    Case('entities/bidi-override-in-summary', 1, 'content/entities/bidi-override-in-summary.yml:4:17: error: summary: contains U+202E (right-to-left override, invisible): delete it (such characters come with text pasted from PDFs and web pages)'),
    Case('entities/c1-control-in-name', 1, 'content/entities/c1-control-in-name.yml:2:14: error: name: contains U+0085 (a control character, invisible): replace it with an ordinary line break or a space'),
    Case('entities/c1-escape-in-summary', 1, 'content/entities/c1-escape-in-summary.yml:4:17: error: summary: the escape \\x85 writes U+0085 (a control character, invisible): remove it'),
    Case('entities/certainty-unknown', 1, "content/entities/certainty-unknown.yml:7:16: error: claims[0].certainty: 'rumoured' is not one of: appears, claimed, disputed, reported, stated."),
    Case('entities/cited-source-unknown', 1, "content/entities/cited-source-unknown.yml:9:16: error: cited source 'base-artcle' is not in content/sources/. Did you mean 'base-article'?"),
    Case('entities/claim-without-citation', 1, "content/entities/claim-without-citation.yml:6:5: error: missing required key 'cite' in claims[0]"),
    Case('entities/date-arabic-indic-digits', 1, "content/entities/date-arabic-indic-digits.yml:7:11: error: claims[0].date: '٢٠٢٥' is not a date: write its digits as 0-9 (it has arabic-indic digit two, U+0662)"),
    Case('entities/date-in-words', 1, "content/entities/date-in-words.yml:7:11: error: claims[0].date: 'June 2025' is not a date: write 2025-06"),
    Case('entities/date-not-edtf', 1, "content/entities/date-not-edtf.yml:9:16: error: figures[0].values[0].as_of: 'around 2024' is not a date: write it in EDTF: 2021, 2021-12, 2021-12-06, 2021-41 (second half of 2021), 2024-07~ (about July 2024), 2024-07? (perhaps July 2024), 2021-05/2021-12 (a range), ../2021 or 2021/.. (open)"),
    Case('entities/date-not-real', 1, "content/entities/date-not-real.yml:7:11: error: claims[0].date: '2025-02-30' is not a real date: February 2025 has 28 days"),
    Case('entities/date-year-zero', 1, "content/entities/date-year-zero.yml:7:11: error: claims[0].date: '0000-06' is not a real date: there is no year 0 (1 BC is followed by AD 1)"),
    Case('entities/deeply-nested', 1, 'content/entities/deeply-nested.yml:4:21: error: nested more than 12 levels deep: content files are shallower than this'),
    Case('entities/dot-dot-in-source-id', 1, "content/entities/dot-dot-in-source-id.yml:8:17: error: claims[0].cite[0].source: '../../etc/passwd' is not an id: ids are lowercase letters, digits and hyphens such as 'etc-passwd'"),
    Case('entities/duplicate-key', 1, "content/entities/duplicate-key.yml:5:1: error: duplicate key 'name' (first written on line 2): keep one of them"),
    Case('entities/empty-file', 1, 'content/entities/empty-file.yml:1:1: error: file is empty: fill it in or delete it'),
    Case('entities/hostile-block-markdown', 0, ''),
    Case('entities/hostile-deep-emphasis', 0, ''),
    Case('entities/hostile-text-in-every-field', 0, ''),
    Case('entities/index', 1, "content/entities/index.yml:1:1: error: file name 'index.yml': the id 'index' is reserved (entities/index.md is the index page): rename the file, e.g. to 'index-entity.yml'"),
    Case('entities/list-at-top-level', 1, "content/entities/list-at-top-level.yml:1:1: error: expected 'key: value' lines at the top of the file"),
    Case('entities/malformed-yaml', 1, "content/entities/malformed-yaml.yml:4:5: error: not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence started on line 3)"),
    Case('entities/mapping-where-text-expected', 1, "content/entities/mapping-where-text-expected.yml:2:7: error: name: expected text, found 'key: value' lines"),
    Case('entities/missing-name', 1, "content/entities/missing-name.yml:2:1: error: missing required key 'name'"),
    Case('entities/misspelt-key', 1, "content/entities/misspelt-key.yml:4:1: error: unknown key 'aliasses'. Did you mean 'aliases'?"),
    Case('entities/name-reads-the-same', 1, "content/entities/wagner-group.yml:2:7: error: name 'Wagner Group' reads the same as 'Wagner-Group' (content/entities/name-reads-the-same.yml) once slugged ('wagner-group'): if they are one entity, merge the files; otherwise make the names distinct"),
    Case('entities/nul-escape-in-claim', 1, 'content/entities/nul-escape-in-claim.yml:6:21: error: claims[0].text: the escape \\0 writes U+0000 (a control character, invisible): remove it'),
    Case('entities/path-separator-in-target', 1, "content/entities/path-separator-in-target.yml:7:13: error: relations[0].target: 'entities/wagner-group' is not an id: ids are lowercase letters, digits and hyphens such as 'entities-wagner-group'"),
    Case('entities/quote-case-differs', 1, 'content/entities/quote-case-differs.yml:10:16: error: quote "the wagner group did not" does not match the letter case of base-article, paragraph 3: "The Wagner Group did not". Copy the words exactly, capitals included'),
    Case('entities/quote-cuts-words', 1, 'content/entities/quote-cuts-words.yml:10:16: error: quote "agner Gr" is 2 words and cuts words in two: in base-article it is part of "Wagner Group" (paragraph 3). Quote at least 3 whole words of the source, enough to show what the statement rests on'),
    Case('entities/quote-not-found', 1, "content/entities/quote-not-found.yml:9:16: error: quote not found in base-article: copy the words exactly from content/sources/base-article.txt. Closest passage, paragraph 1, marking [-your words-] and {+the source's+}: Wagner’s fighters [-reached-]{+arrived in+} Mali in late 2021"),
    Case('entities/quote-one-letter', 1, 'content/entities/quote-one-letter.yml:10:16: error: quote "a" is 1 word and cuts words in two: in base-article it is part of "Wagner" (paragraph 1). Quote at least 3 whole words of the source, enough to show what the statement rests on'),
    Case('entities/quote-one-word', 1, 'content/entities/quote-one-word.yml:10:16: error: quote "the" is 1 word. Quote at least 3 whole words of the source, enough to show what the statement rests on'),
    Case('entities/quote-with-a-ligature', 1, "content/entities/quote-with-a-ligature.yml:10:16: error: quote not found in base-article: copy the words exactly from content/sources/base-article.txt. Closest passage, paragraph 1, marking [-your words-] and {+the source's+}: Wagner’s [-ﬁghters-]{+fighters+} arrived in Mali. They differ only in characters that look like others: your quote writes 'ﬁ' (U+FB01 LATIN SMALL LIGATURE FI)"),
    Case('entities/relation-to-self', 1, 'content/entities/relation-to-self.yml:7:13: error: a relation cannot point at its own entity'),
    Case('entities/relation-to-unknown-entity', 1, "content/entities/relation-to-unknown-entity.yml:7:13: error: relation target: 'wagner-grup' is not an entity in content/entities/. Did you mean 'wagner-group'?"),
    Case('entities/tab-indentation', 1, "content/entities/tab-indentation.yml:5:1: error: not valid YAML: a tab character: indent with spaces, never tabs"),
    Case('entities/text-where-list-expected', 1, "content/entities/text-where-list-expected.yml:4:10: error: aliases: expected a list (one '- item' a line), found 'Single Co'"),
    Case('entities/time-where-date-expected', 1, "content/entities/time-where-date-expected.yml:7:11: error: claims[0].date: '12:30' is not a date: write it in EDTF: 2021, 2021-12, 2021-12-06, 2021-41 (second half of 2021), 2024-07~ (about July 2024), 2024-07? (perhaps July 2024), 2021-05/2021-12 (a range), ../2021 or 2021/.. (open)"),
    Case('entities/unknown-entity-type', 1, "content/entities/unknown-entity-type.yml:3:7: error: type: 'armed grup' is not one of: armed forces, armed group, government, international mission, military unit, organization, person, place, private military company, state body. Did you mean 'armed group'?"),
    Case('entities/unknown-link-in-according-to', 1, "content/entities/unknown-link-in-according-to.yml:7:35: error: link [[wagnr-group]]: 'wagnr-group' is not an entity in content/entities/. Did you mean 'wagner-group'?"),
    Case('entities/unknown-link-in-summary', 1, "content/entities/unknown-link-in-summary.yml:6:3: error: link [[africa-corp]]: 'africa-corp' is not an entity in content/entities/. Did you mean 'africa-corps'?"),
    Case('entities/unknown-relation-type', 1, "content/entities/unknown-relation-type.yml:6:11: error: relations[0].type: 'succeded-by' is not one of: affiliated-with, allied-with, commanded-by, competes-with, created-by, fights, led-by, located-in, member-of, operates-in, paid-by, part-of, replaced, succeeded-by, supports. Did you mean 'succeeded-by'?"),
    Case('entities/whitespace-only-claim', 1, 'content/entities/whitespace-only-claim.yml:6:11: error: claims[0].text: is empty: write the text or remove the key'),
    Case('entities/whitespace-only-file', 1, 'content/entities/whitespace-only-file.yml:1:1: error: file is empty: fill it in or delete it'),
    Case('entities/yaml-alias-bomb', 1, 'content/entities/yaml-alias-bomb.yml:2:4: error: YAML anchors (&a) are not allowed: write each value out in full'),
    Case('entities/yaml-alias-reuse', 1, 'content/entities/yaml-alias-reuse.yml:7:5: error: YAML aliases (*name) are not allowed: write the value out in full'),
    Case('entities/zero-width-space-in-alias', 1, 'content/entities/zero-width-space-in-alias.yml:5:8: error: aliases[0]: contains U+200B (zero width space, invisible): delete it (such characters come with text pasted from PDFs and web pages)'),
    Case('events/date-range-backwards', 1, "content/events/date-range-backwards.yml:2:7: error: date: '2024-07/2024-05' ends before it starts: write the earlier date first; or write 'unknown' when no source dates it"),
    Case('events/date-winter', 1, "content/events/date-winter.yml:2:7: error: date: '2023-24' is not a date this site can place: a winter spans two years; write the months as a range, e.g. 2023-12/2024-02; or write 'unknown' when no source dates it"),
    Case('events/event-bounds-a-dated-event', 1, "content/events/event-bounds-a-dated-event.yml:3:8: error: 'after' bounds an undated event, but this one is dated 2024: remove 'after', or write 'date: unknown' if no source dates it"),
    Case('entitys/misplaced-entity', 0, 'content/entitys/misplaced-entity.yml:1:1: warning: ignored: the build reads YAML files only in content/sources/, content/entities/, content/events/: move it into one of them or delete it'),
    Case('events/event-entity-unknown', 1, "content/events/event-entity-unknown.yml:4:11: error: event entity: 'junta' is not an entity in content/entities/."),
    Case('events/event-without-date', 1, "content/events/event-without-date.yml:2:1: error: missing required key 'date': write the date as the source gives it, or 'date: unknown' when no source dates it"),
    Case('events/place-not-a-place', 1, "content/events/place-not-a-place.yml:5:8: error: place: 'africa-corps' is a military unit, not a place: name an entity of type place."),
    Case('sources/annotation-without-article', 1, 'content/sources/annotation-without-article.yml:1:1: error: the article text annotation-without-article.txt is missing beside it'),
    Case('sources/article-without-annotation', 1, 'content/sources/article-without-annotation.txt:1:1: error: article has no annotation file: write article-without-annotation.yml (make new-source FILE=content/sources/article-without-annotation.txt)'),
    Case('sources/body-is-empty', 1, 'content/sources/body-is-empty.yml:4:3: error: the article body is empty: check body.start_after and body.end_before'),
    Case('sources/body-start-not-found', 1, "content/sources/body-start-not-found.yml:4:3: error: body.start_after: 'Once upon a time' does not occur in the article text: copy the phrase exactly from content/sources/body-start-not-found.txt"),
    Case('sources/empty-article', 1, 'content/sources/empty-article.txt:1:1: error: file is empty: fill it in or delete it'),
    Case('sources/hostile-article-controls', 0, 'content/sources/hostile-article-controls.yml:1:1: warning: source is never cited: cite it or remove it'),
    Case('sources/hostile-source', 0, 'content/sources/hostile-source.yml:1:1: warning: source is never cited: cite it or remove it'),
    Case('sources/index', 1, "content/sources/index.yml:1:1: error: file name 'index.yml': the id 'index' is reserved (sources/index.md is the index page): rename the file, e.g. to 'index-source.yml'"),
    Case('sources/not-utf8', 1, 'content/sources/not-utf8.txt:1:1: error: file is not UTF-8 text (byte 0xe9 cannot be read): save it with UTF-8 encoding'),
    Case('sources/nul-bytes', 1, 'content/sources/nul-bytes.txt:2:1: error: file contains a NUL byte: it is not a text file; save it as UTF-8 text'),
    Case('sources/source-date-not-real', 1, "content/sources/source-date-not-real.yml:3:12: error: published: '2024-13' is not a real date: there is no month 13"),
    Case('sources/utf16-article', 1, 'content/sources/utf16-article.txt:1:1: error: file is UTF-16 text, not UTF-8: save it with UTF-8 encoding'),
    Case('sources/url-ftp-scheme', 1, "content/sources/url-ftp-scheme.yml:3:6: error: url: 'ftp://example.org/a.txt' is not a web address: it must start with https:// or http://"),
    Case('sources/url-javascript-scheme', 1, "content/sources/url-javascript-scheme.yml:3:6: error: url: 'javascript:alert(1)' is not a web address: it must start with https:// or http://"),
    Case('captures/capture-of-no-source', 1, "content/captures/capture-of-no-source.html:1:1: error: kept copy of no source: content/sources/capture-of-no-source.yml does not exist; rename the file after its source's id, or delete it"),
    Case('sources/fingerprint-without-capture', 1, "content/sources/fingerprint-without-capture.yml:5:9: error: the kept copy content/captures/fingerprint-without-capture.html is missing: restore it (git checkout -- content/captures/fingerprint-without-capture.html), or remove sha256 and retrieved if this source has no kept copy"),
    Case('sources/retrieved-not-utc', 1, "content/sources/retrieved-not-utc.yml:4:12: error: retrieved: '2025-08-06 12:15 CEST' is not a UTC date and time: write it as 2025-08-06T10:15:03Z"),
]


def project_with_case(built_base: Path, tmp_path: Path, name: str, also: tuple[str, ...] = ()) -> Path:
    project = tmp_path / "project"
    shutil.copytree(built_base, project, symlinks=True)
    folder, stem = name.split("/")
    (project / "content" / folder).mkdir(exist_ok=True)  # a misnamed folder is a case too
    for path in sorted((FIXTURES / "broken" / folder).iterdir()):
        if path.stem in (stem, *also):
            shutil.copy(path, project / "content" / folder / path.name)
    return project


def run_build(project: Path, capsys) -> tuple[int, str]:
    code = build.main(["--project", str(project)])
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def test_the_suite_covers_every_fixture_and_at_least_thirty_cases():
    on_disk = {f"{path.parent.name}/{path.stem}" for path in (FIXTURES / "broken").rglob("*") if path.is_file()}
    assert on_disk == {case.name for case in CASES} | {f"{case.name.split('/')[0]}/{stem}" for case in CASES for stem in case.also}
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", [case for case in CASES if case.exit_code], ids=lambda case: case.name)
def test_broken_content_is_reported_exactly_and_the_site_stays_as_it_was(case, built_base, tmp_path, capsys):
    project = project_with_case(built_base, tmp_path, case.name)
    before = tree_digest(project / "site")
    code, output = run_build(project, capsys)
    assert code == case.exit_code
    assert case.message in output.splitlines()
    assert "Traceback" not in output
    assert "Nothing was published: the previous site/ is unchanged." in output
    assert tree_digest(project / "site") == before


def test_a_file_of_several_megabytes_is_refused_without_reading_it(built_base, tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(built_base, project)
    (project / "content" / "entities" / "huge-file.yml").write_text("name: x\n" + "# padding\n" * 500_000)
    before = tree_digest(project / "site")
    code, output = run_build(project, capsys)
    assert code == 1
    assert (
        "content/entities/huge-file.yml:1:1: error: file is 5.0 MB; content files must be under 1 MB: "
        "split it or remove what does not belong"
    ) in output.splitlines()
    assert tree_digest(project / "site") == before


@pytest.mark.slow  # builds the site, or runs build.py as a process
def test_a_broken_build_exits_non_zero_without_a_traceback_as_a_process(built_base, tmp_path):
    project = project_with_case(built_base, tmp_path, "entities/yaml-alias-bomb")
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/entities/yaml-alias-bomb.yml:2:4: error: YAML anchors (&a) are not allowed" in result.stderr


class _ActiveMarkup(HTMLParser):
    """Collects anything in a page that a browser would run or fetch because of content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "object", "embed") or (tag == "img" and dict(attrs).get("src") == "x"):
            self.found.append(f"<{tag}>")
        # A data block (JSON-LD) is not run; any other script is.
        script_type = (dict(attrs).get("type") or "text/javascript").lower()
        self._in_script = tag == "script" and "json" not in script_type

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")


@pytest.mark.slow  # builds the site, or runs build.py as a process
@pytest.mark.parametrize("case", [case for case in CASES if case.once], ids=lambda case: case.name)
def test_a_repeat_builds_with_a_warning_and_the_page_shows_it_once(case, built_base, tmp_path, capsys):
    project = project_with_case(built_base, tmp_path, case.name, case.also)
    code, output = run_build(project, capsys)
    assert (code, "Traceback" in output) == (0, False)
    assert case.message in output.splitlines()
    for page, html in case.once:
        assert (project / "site" / page).read_text(encoding="utf-8").count(html) == 1, (page, html)


@pytest.mark.slow  # builds the site, or runs build.py as a process
@pytest.mark.parametrize("case", [case for case in CASES if not case.exit_code and "hostile" not in case.name and not case.once], ids=lambda case: case.name)
def test_misplaced_content_builds_with_a_warning_and_is_not_published(case, built_base, tmp_path, capsys):
    project = project_with_case(built_base, tmp_path, case.name)
    code, output = run_build(project, capsys)
    assert (code, "Traceback" in output) == (0, False)
    assert case.message in output.splitlines()
    assert not any("misplaced" in path.name for path in (project / "site").rglob("*"))


@pytest.mark.slow  # builds the site, or runs build.py as a process
@pytest.mark.parametrize("case", [case for case in CASES if not case.exit_code and "hostile" in case.name], ids=lambda case: case.name)
def test_hostile_content_builds_and_reaches_every_page_as_inert_text(case, built_base, tmp_path, capsys):
    project = project_with_case(built_base, tmp_path, case.name)
    code, output = run_build(project, capsys)
    assert code == 0, output
    assert case.message == "" or case.message in output.splitlines()
    pages = sorted((project / "site").rglob("*.html"))
    payload_pages = [page for page in pages if "alert(" in page.read_text(encoding="utf-8")]
    assert payload_pages, "the payload should be on some page, as text"
    for page in pages:
        parser = _ActiveMarkup()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], page
