"""The real content keeps each statement as strong as its source: the issue 9 corrections, on content/."""

from __future__ import annotations

import datetime
import re

import pytest

from dossier.pipeline import Project, check
from dossier.text.dates import OPEN_END
from tests.helpers import PROJECT_ROOT


@pytest.fixture(scope="module")
def content():
    resolved, problems = check(Project(PROJECT_ROOT))
    assert problems == []
    return resolved.content


def _sides(content, entity_id, measure):
    figure = next(f for f in content.entities[entity_id].figures if f.measure == measure)
    return [
        (value.attribution.certainty, value.attribution.according_to, {c.source_id for c in value.citations})
        for value in figure.values
    ]


@pytest.mark.parametrize(
    "entity_id, measure, expected",
    [
        # Who replaced Wagner: Redut or direct assistance per RUSI in early 2024, then the Africa Corps per
        # the withdrawal reports (a change over time, earliest first).
        ("wagner-group", "Who replaced Wagner in Mali", [
            ("reported", None, {"a-mixed-picture-how-mali-views-the-wagner-group"}),
            (None, None, {"a-mixed-picture-how-mali-views-the-wagner-group"}),
            (None, None, {"wagner-to-withdraw-from-mali-after-completing-mission"}),
            ("stated", None, {"strategic-realignment-wagner-withdrawal-from-mali"}),
        ]),
        # A "full withdrawal" as Wagner announced it, against U.S. officials' 2,000 mercenaries days later.
        ("wagner-group", "Whether Wagner fully left Mali", [
            ("claimed", "[[wagner-group]]", {"strategic-realignment-wagner-withdrawal-from-mali"}),
            (None, None, {"wagner-to-withdraw-from-mali-after-completing-mission", "strategic-realignment-wagner-withdrawal-from-mali"}),
            (None, None, {"strategic-realignment-wagner-withdrawal-from-mali"}),
            ("reported", "U.S. officials", {"separatists-clash-with-malian-army-russian-allies-in-north"}),
        ]),
        # Training and advice (hedged) beside fighters killed in the Kidal convoy ambush (the separatists'
        # word; the convoy is the Malian army's).
        ("africa-corps", "Africa Corps' role", [
            ("appears", None, {"strategic-realignment-wagner-withdrawal-from-mali"}),
            (None, None, {"strategic-realignment-wagner-withdrawal-from-mali"}),
            ("claimed", "[[azawad-separatists]]; the Malian army, for the convoy ambush",
             {"separatists-clash-with-malian-army-russian-allies-in-north"}),
        ]),
        # One report, four parties' words: each side says who says it.
        ("azawad-separatists", "Kidal clash casualties", [
            ("claimed", "[[azawad-separatists]]", {"separatists-clash-with-malian-army-russian-allies-in-north"}),
            ("claimed", "[[malian-armed-forces|the Malian army]]", {"separatists-clash-with-malian-army-russian-allies-in-north"}),
            ("claimed", "[[mohamed-maouloud-ramadan]], the separatists' spokesman", {"separatists-clash-with-malian-army-russian-allies-in-north"}),
            ("claimed", "videos shared by the separatists", {"separatists-clash-with-malian-army-russian-allies-in-north"}),
        ]),
        # One coup, "a series of military coups", the May 2021 coup: three sources, not merged.
        ("malian-military-government", "The coup(s)", [
            ("stated", None, {"a-mixed-picture-how-mali-views-the-wagner-group"}),
            (None, None, {"wagner-to-withdraw-from-mali-after-completing-mission"}),
            (None, None, {"strategic-realignment-wagner-withdrawal-from-mali"}),
        ]),
    ],
)
def test_each_disagreement_shows_every_side_with_its_source_on_the_entity_it_concerns(content, entity_id, measure, expected):
    assert _sides(content, entity_id, measure) == expected


def test_wagners_withdrawal_is_dated_only_as_far_as_its_sources_bound_it(content, site):
    # Issue 20, U5: a presence dating to late 2021 that lasted over three years ended in late 2024 or later.
    event = content.events["wagner-announces-withdrawal-from-mali"]
    assert event.date.iso == "2024-39/.." and event.after is None and event.before is None
    assert event.interval == (datetime.date(2024, 9, 1), OPEN_END)
    quotes = {citation.quote for citation in event.citations}
    assert "Wagner’s presence in Mali dates to late 2021" in quotes
    assert any(quote.endswith("ending a deployment that lasted over three years") for quote in quotes)
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'id="event-wagner-announces-withdrawal-from-mali"' in timeline
    assert "late 2024 or later" in timeline


def _relation(content, entity_id, type_, target):
    matches = [r for r in content.entities[entity_id].relations if (r.type, r.target_id) == (type_, target)]
    return matches[0] if matches else None


def test_relations_the_sources_only_hedge_or_attribute_say_so(content):
    ministry = _relation(content, "wagner-group", "commanded-by", "russian-ministry-of-defence")
    assert (ministry.attribution.certainty, ministry.attribution.according_to) == ("appears", "sources within [[wagner-group]]")
    fights = _relation(content, "africa-corps", "fights", "azawad-separatists")
    assert (fights.attribution.certainty, fights.attribution.according_to) == ("claimed", "[[azawad-separatists]]")
    # No cited passage says Wagner fights JNIM, or that the Africa Corps is allied with the Malian army (the
    # separatists claim casualties among both), so those relations are gone rather than hedged.
    assert _relation(content, "wagner-group", "fights", "jnim") is None
    assert _relation(content, "africa-corps", "allied-with", "malian-armed-forces") is None
    # RUSI says Wagner supports a military solution and was meant to take the war north: it appears to fight them.
    assert _relation(content, "wagner-group", "fights", "tuareg-rebels").attribution.certainty == "appears"


def test_the_2000_men_figure_never_appears_without_its_wagner_sources(content):
    for entity in content.entities.values():
        statements = [(c.text, c.attribution) for c in entity.claims]
        statements += [(v.value, v.attribution) for f in entity.figures for v in f.values]
        for text, attribution in statements:
            if re.search(r"just over 2,000", text):
                assert "Wagner sources" in text or "wagner-group" in (attribution.according_to or ""), (entity.id, text)


def test_a_relation_that_ended_on_a_date_no_source_gives_says_so_without_inventing_one(content, site):
    # The Mixed Picture article reports Prigozhin's death but dates it nowhere.
    led_by = _relation(content, "wagner-group", "led-by", "yevgeny-prigozhin")
    assert led_by.ended and led_by.until is None
    page = (site / "entities" / "wagner-group" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Led by <a [^>]*>Yevgeny Prigozhin</a> \(ended, date unknown\)", page)
    relations_csv = (site / "data" / "relations.csv").read_text(encoding="utf-8")
    assert "wagner-group,led-by,yevgeny-prigozhin,,unknown," in relations_csv


def test_the_key_facts_keep_each_relations_hedge_who_says_so_and_how_far_in_time(site):
    # The box a phone shows first must not read plainer than the Relations list below it (audit O6-O12, O1-O5).
    def key_facts(entity_id):
        page = (site / "entities" / entity_id / "index.html").read_text(encoding="utf-8")
        facts = re.sub(r"<a [^>]*>|</a>", "", page.split('id="key-facts-title"')[1].split("</aside>")[0])
        return re.sub(r"(; )?<span data-pagefind-ignore>[^<]*</span>", "", facts)  # the source counts: tests/pages/test_render.py

    assert (
        "<dt>Commands</dt>\n<dd>Africa Corps (as of late 2024 or later), Wagner Group (as of March 2024; appears so, per sources within Wagner Group)</dd>"
    ) in key_facts("russian-ministry-of-defence")
    assert "<dt>Operates in</dt>\n<dd>Mali (since 2021, ended), Central African Republic (as of late 2024 or later)</dd>" in key_facts("wagner-group")
    assert "<dt>Operates in</dt>\n<dd>Mali (ended)</dd>" in key_facts("french-forces")
    assert "<dt>Operates in</dt>\n<dd>Mali (ended)</dd>" in key_facts("minusma")
    assert "<dd>cited by 3 sources · named in 1</dd>" in key_facts("redut")
