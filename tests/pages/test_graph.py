"""The graphs' layouts (dossier/pages/graph_layout.py): the site graph's positions and data, the neighbourhood's text."""

from __future__ import annotations

import json
import math
import re

import pytest

from dossier.pages import graph_layout
from dossier.pages.graph_layout import Edge
from tests.helpers import content, entity

TYPES = ("organization", "person", "place")
RELATION_TYPES = ("allied-with", "fights")


def _chain(count: int):
    """Entities 0..count-1, each allied with the next two: a long band of related entities."""
    entities = [entity(f"e{k:04d}", f"Entity {k}", aliases=[f"E{k}"], type=TYPES[k % 3]) for k in range(count)]
    edges = [
        Edge(f"e{k:04d}", f"e{j:04d}", "allied-with", "allied with", hedged=(k % 5 == 0))
        for k in range(count)
        for j in (k + 1, k + 2)
        if j < count
    ]
    return content(entities=entities), edges


def test_the_site_graph_at_300_entities_is_laid_out_by_its_relations_not_on_a_circle():
    found, edges = _chain(300)
    position = graph_layout.site_layout(list(found.entities), edges)
    assert len(position) == 300
    xs, ys = [x for x, _ in position.values()], [y for _, y in position.values()]
    cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
    distances = sorted(math.hypot(x - cx, y - cy) for x, y in position.values())
    # On a circle every entity is as far from the middle as every other; here they are not.
    assert distances[len(distances) // 10] < 0.6 * distances[-len(distances) // 10]
    # Related entities sit closer together than entities picked at random.
    related = sum(math.dist(position[e.subject_id], position[e.target_id]) for e in edges) / len(edges)
    ids = sorted(position)
    spread = sum(math.dist(position[ids[k]], position[ids[(k * 7 + 150) % 300]]) for k in range(300)) / 300
    assert related < spread / 3


def test_the_site_graph_data_is_the_same_bytes_every_time_and_safe_inside_a_script():
    found, edges = _chain(80)
    found.entities["e0001"] = entity("e0001", "</script><script>alert(1)</script>", type="person")
    urls = {entity_id: f"../entities/{entity_id}/" for entity_id in found.entities}
    first = graph_layout.site_graph_data(found, edges, urls, TYPES, RELATION_TYPES)
    assert first == graph_layout.site_graph_data(found, edges, urls, TYPES, RELATION_TYPES)
    assert "<" not in first and ">" not in first
    data = json.loads(first)
    assert len(data["nodes"]) == 80 and len(data["edges"]) == len(edges)
    assert data["types"] == [["organization", "#1f77b4"], ["person", "#d62728"], ["place", "#2ca02c"]]
    assert data["relations"] == [["allied with", graph_layout.relation_colour("allied-with", RELATION_TYPES)]]
    name = next(node for node in data["nodes"] if node[0] == "e0001")
    assert name[1] == "</script><script>alert(1)</script>" and name[6] == "../entities/e0001/"
    assert {edge[3] for edge in data["edges"]} == {0, 1}


def test_a_long_name_in_the_neighbourhood_wraps_on_two_lines_and_is_cut_only_after_that():
    assert graph_layout._wrap("National State Security Agency", 208, 13) == ["National State Security", "Agency"]
    assert graph_layout._wrap("Mali", 208, 13) == ["Mali"]
    cut = graph_layout._wrap("The Very Long Name Of An Organisation That Goes On And On Forever", 208, 13)
    assert len(cut) == 2 and cut[1].endswith("…")
    assert all(len(line) <= int(208 / (13 * graph_layout.CHAR_WIDTH)) for line in cut)


def test_the_neighbourhood_draws_every_relation_with_its_own_curve_label_and_link():
    found = content(entities=[entity("w", "Wagner"), entity("g", "Government"), entity("m", "Mali", type="place")])
    relations = (
        graph_layout.NeighbourRelation("paid by", "allied-with", False, "rel-paid-by-g", "Wagner paid by Government"),
        graph_layout.NeighbourRelation("supports", "fights", True, "rel-supports-g", "Wagner supports Government, reportedly"),
    )
    neighbours = [graph_layout.Neighbour("g", relations), graph_layout.Neighbour("m", (relations[0],))]
    svg = graph_layout.neighbourhood_svg(found, "w", neighbours, {"g": "../g/", "m": "../m/"}, TYPES, RELATION_TYPES)
    links = re.findall(r'<a class="relation" href="#([^"]+)" aria-label="([^"]+)">', svg)
    assert links[:2] == [("rel-paid-by-g", "Wagner paid by Government"), ("rel-supports-g", "Wagner supports Government, reportedly")]
    curves = re.findall(r'<path class="(edge[^"]*)" d="([^"]+)"', svg)
    assert curves[0][1] != curves[1][1] and curves[1][0] == "edge hedged"
    assert re.findall(r'<text class="edge-label"[^>]*>([^<]+)</text>', svg) == ["paid by", "supports", "paid by"]
    assert 'width="340"' in svg


def test_the_shipped_cytoscape_is_the_version_the_makefile_pins():
    from tests.helpers import PROJECT_ROOT

    version = re.search(r"^CYTOSCAPE_VERSION := (\S+)$", (PROJECT_ROOT / "Makefile").read_text(), re.M).group(1)
    shipped = (PROJECT_ROOT / "docs" / "assets" / "vendor" / "cytoscape.min.js").read_text(encoding="utf-8")
    assert f'"{version}"' in shipped
    assert (PROJECT_ROOT / "docs" / "assets" / "vendor" / "cytoscape.LICENSE.txt").exists()


@pytest.mark.slow  # two Python processes
def test_the_site_graph_layout_does_not_depend_on_pythons_hash_seed():
    # Same input, same output: a set's order changes with PYTHONHASHSEED, positions must not.
    import os
    import subprocess
    import sys

    program = (
        "import json; from dossier.pages import graph_layout as graph; from dossier.pipeline import Project, check; "
        "from tests.helpers import PROJECT_ROOT; "
        "resolved, _ = check(Project(PROJECT_ROOT)); content = resolved.content; "
        "edges = [graph.Edge(r.subject_id, r.target_id, r.type, r.type) for e in content.entities.values() for r in e.relations]; "
        "print(json.dumps(graph.site_layout(sorted(content.entities), edges), sort_keys=True))"
    )
    layouts = {
        subprocess.run(
            [sys.executable, "-c", program], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "3", "7")
    }
    assert len(layouts) == 1
