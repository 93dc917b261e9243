from dossier.resolve.links import backlinks, relation_views
from tests.helpers import claim, content, entity, relation

WAGNER = entity(
    "wagner-group",
    "Wagner Group",
    summary="Worked for [[junta]].",
    relations=[relation("wagner-group", "succeeded-by", "africa-corps")],
)
AFRICA_CORPS = entity("africa-corps", "Africa Corps", claims=[claim("Took over from [[wagner-group|Wagner]].")])
JUNTA = entity("junta", "Junta", claims=[claim("Hired [[wagner-group]]."), claim("Left [[junta]] alone.")])
CONTENT = content(entities=[WAGNER, AFRICA_CORPS, JUNTA])


def test_a_relation_reads_forwards_on_its_own_page_and_backwards_on_its_target():
    views = relation_views(CONTENT)
    assert [(v.label, v.other_id, v.inverse) for v in views["wagner-group"]] == [("succeeded by", "africa-corps", False)]
    assert [(v.label, v.other_id, v.inverse) for v in views["africa-corps"]] == [("successor of", "wagner-group", True)]


def test_symmetric_relations_read_the_same_both_ways():
    allied = content(entities=[entity("a", relations=[relation("a", "allied-with", "b")]), entity("b")])
    views = relation_views(allied)
    assert views["a"][0].label == views["b"][0].label == "allied with"


def test_back_links_say_which_parts_point_here_and_ignore_self_links():
    links = backlinks(CONTENT)
    assert [(b.from_id, b.places) for b in links["wagner-group"]] == [("africa-corps", ("claim",)), ("junta", ("claim",))]
    assert [(b.from_id, b.places) for b in links["africa-corps"]] == [("wagner-group", ("relation",))]
    assert [(b.from_id, b.places) for b in links["junta"]] == [("wagner-group", ("summary",))]
