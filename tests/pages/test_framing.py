"""What the site writes on its own (figure banners, key facts, counts) says no more than the
statements it sums up (issue 20): asserted on the generated pages, word for word."""

from __future__ import annotations

import dataclasses
import re

from dossier.content.model import Attribution, Event
from dossier.report import Position
from dossier.resolve import resolve
from dossier.text.dates import parse_date
from dossier.text.intervals import interval
from tests.helpers import ARTICLE, PROJECT_ROOT, cite, claim, content, entity, figure, relation, render, render_site, source

OTHER = source("other", "The Africa Corps said it will remain in Mali.", title="Staying on")


def key_facts(page: str) -> str:
    return page.split('<aside class="key-facts"')[1].split("</aside>")[0]


def test_dates_are_read_as_the_stretch_of_time_they_name():
    assert [str(day) for day in interval("December 2021")] == ["2021-12-01", "2021-12-31"]
    assert [str(day) for day in interval("late 2021")] == ["2021-09-01", "2021-12-31"]
    assert [str(day) for day in interval("6 June 2025")] == ["2025-06-06", "2025-06-06"]
    assert [str(day) for day in interval("2024-02")] == ["2024-02-01", "2024-02-29"]
    assert interval("about 1,000 men") is None and interval("Smarch 2021") is None


def test_a_figure_says_how_its_values_differ_and_only_a_disagreement_is_contested():
    quote = cite("article", "Wagner arrived in late 2021")
    arrival = figure("Arrival", ("December 2021", quote), ("late 2021", quote), ("2021", quote))
    founded = figure("Founded", ("2019", quote), ("2021", quote))
    strength = figure("Strength", ("about 1,000 men", "2024-02", quote), ("just over 2,000 men", "early 2023", quote))
    leader = figure("Leader", ("one man", quote), ("another man", quote))
    coups = dataclasses.replace(figure("Coups", ("the May coup", quote), ("a series of coups", quote)), difference="precision")
    same = figure("Base", ("Bamako", quote), ("bamako", quote))
    pages = render(entity("wagner", "Wagner", figures=[arrival, founded, strength, leader, coups, same]))
    page = pages["entities/wagner/index.md"]
    banners = re.findall(r"^### (\w+) \{.*?\n\n(?:\*\*(.*?)\*\*\n)?", page, re.M)
    assert banners == [
        ("Arrival", "Sources differ in precision."),  # December 2021 lies in late 2021, which lies in 2021
        ("Founded", "Sources disagree."),  # 2019 and 2021 cannot both be the year it was founded
        ("Strength", "Changes over time."),  # each value dated, at its own date
        ("Leader", "Sources disagree."),
        ("Coups", "Sources differ in precision."),  # the editor says so
        ("Base", ""),
    ]
    assert "Contested" not in page
    figures = pages["figures/index.md"]
    assert re.findall(r"^### (\w+) \{.*?\n\n\*\*(.*?)\*\*\n", figures, re.M) == banners[:5]
    assert "2 figures here are contested." in figures
    assert (
        'says how they differ: "Sources disagree" when the\n  values cannot all be true (2 figures), '
        '"Changes over time" (1)\n  or "Sources differ in precision" (2).'
    ) in pages["index.md"]


def test_key_facts_keep_each_relations_time_and_who_says_so_and_put_what_is_stated_first():
    def related(kind, target, *quotes, certainty=None, according_to=None, **time):
        made = relation("wagner", kind, target, *quotes)
        dates = {key: parse_date(value) for key, value in time.items()}
        return dataclasses.replace(made, attribution=Attribution(certainty, according_to), ended="until" in time, **dates)

    both = (cite("article", "Wagner arrived in late 2021"), cite("other", "said it will remain"))
    wagner = entity(
        "wagner",
        "Wagner",
        relations=[
            # Two lines a party claims, each with two sources: they used to win on numbers.
            related("fights", "rebels", *both, certainty="claimed", according_to="[[rebels|the rebels]]"),
            related("allied-with", "army", *both, certainty="claimed", according_to="[[rebels|the rebels]]"),
            related("commanded-by", "mod", cite("article", "took over from Wagner"), certainty="appears",
                    according_to="sources within [[wagner]]", as_of="2024-03"),
            related("operates-in", "mali", cite("article", "Wagner arrived in late 2021"), certainty="stated", as_of="2024-03"),
            related("operates-in", "car", cite("article", "left in 2025"), until="2025"),
        ],
    )
    others = [entity("rebels", "Rebels"), entity("army", "Army"), entity("mod", "Ministry of Defence"),
              entity("mali", "Mali", type="place"), entity("car", "Central African Republic", type="place")]
    pages = render(wagner, *others, sources=(ARTICLE, OTHER))
    facts = key_facts(pages["entities/wagner/index.md"])
    # How many sources carry each relation follows (tests/pages/test_render.py); here, its time and who says so.
    facts = re.sub(r"(; )?<span data-pagefind-ignore>[^<]*</span>", "", facts)
    assert re.findall(r"<dt>([^<]+)</dt>\n<dd>(.*?)</dd>", re.sub(r"<a [^>]*>|</a>", "", facts)) == [
        ("Operates in", "Central African Republic (until 2025), Mali (as of March 2024)"),
        ("Under the command of", "Ministry of Defence (as of March 2024; appears so, per sources within Wagner)"),
        ("Allied with", "Army (claimed by the rebels)"),
        ("Sources", "cited by 2 sources · named in 1"),
    ]
    # The Relations list says the same.
    assert "- Operates in [Mali](../mali/index.md) (as of March 2024)<sup" in pages["entities/wagner/index.md"]
    assert "- Operates in [Central African Republic](../car/index.md) (until 2025)<sup" in pages["entities/wagner/index.md"]
    assert "wagner,operates-in,mali,,,2024-03,stated,,article,1,Wagner arrived in late 2021,en" in pages["data/relations.csv"].splitlines()
    # Read backwards, on the other entity's page, it keeps its time and who says so.
    assert "(as of March 2024; appears so, per sources within Wagner; " in key_facts(pages["entities/mod/index.md"])


def test_sources_are_counted_as_cited_or_as_naming_the_entity_never_one_for_the_other():
    redut = entity("redut", "Redut", claims=[claim("Redut is a rival.", cite("article", "Wagner arrived in late 2021"), cite("other", "said it will remain"))])
    named = source("named", "Redut was mentioned here once.", title="Named")
    facts = key_facts(render(redut, sources=(ARTICLE, OTHER, named))["entities/redut/index.md"])
    # Two sources are cited on its page, and neither names it; one that names it is cited nowhere.
    assert '<dd>cited by <a href="#notes">2 sources</a> · named in <a href="#mentioned-in">1</a></dd>' in facts


def test_an_entitys_first_and_latest_events_are_ones_it_acts_in():
    def event(event_id, date, actors, concerned):
        return Event(event_id, parse_date(date), f"Title {event_id}", None, tuple(concerned), None,
                     (cite("article", "Wagner arrived in"),), Position("e.yml"), actor_ids=tuple(actors))

    events = [event("deal", "2015-06", ["rebels"], ["wagner"]), event("arrives", "late 2021", ["wagner"], []),
              event("halved", "2024-02", ["wagner"], ["mali"]), event("later", "2025", ["mali"], ["wagner"])]
    resolved, _ = resolve(content(sources=[ARTICLE], entities=[entity("wagner", "Wagner"), entity("rebels", "Rebels"),
                                                                entity("mali", "Mali", type="place")], events=events))
    pages = render_site(resolved, PROJECT_ROOT / "templates")
    facts = key_facts(pages["entities/wagner/index.md"])
    assert '<dt>First dated act</dt>\n<dd>late 2021: <a href="#event-arrives">Title arrives</a></dd>' in facts
    assert '<dt>Latest dated act</dt>\n<dd>February 2024: <a href="#event-halved">Title halved</a></dd>' in facts
    # The timeline keeps every event, and says who acts and whom it concerns.
    assert "Acting: [Rebels](../entities/rebels/index.md) · Concerning: [Wagner](../entities/wagner/index.md)" in pages["timeline/index.md"]
    assert pages["data/events.csv"].splitlines()[1].startswith("deal,2015-06,,,Title deal,,rebels,wagner,,")
