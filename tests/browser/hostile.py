"""A project whose every editor-written field holds script payloads, for the browser to load."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "</title><script>alert(3)</script>",
    "[x](javascript:alert(4))",
    "{: onclick=alert(5)}",
    '"><svg onload=alert(6)>',
    "</script><script>alert(7)</script>",
    "<a href=javascript:alert(8)>click</a>",
)
ALL = " ".join(PAYLOADS)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):  # the loader refuses YAML anchors: write repeated values out
        return True


def _dump(path: Path, data: dict) -> None:
    kind = {"sources": "source", "entities": "entity", "events": "event"}[path.parent.name]
    header = f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"
    path.write_text(header + yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_hostile_content(content_dir: Path) -> None:
    """Replace ``content_dir`` with one source, two entities and an event, all fields hostile."""
    if content_dir.exists():
        shutil.rmtree(content_dir)
    for folder in ("sources", "entities", "events"):
        (content_dir / folder).mkdir(parents=True)
    body = [f"Hostile Group said {ALL} loudly.", *(f"Other Group wrote {payload} here." for payload in PAYLOADS)]
    (content_dir / "sources" / "hostile-article.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
    cite = [{"source": "hostile-article", "quote": ALL}]
    _dump(
        content_dir / "sources" / "hostile-article.yml",
        {
            "title": f"Title {ALL}",
            "publisher": f"Publisher {ALL}",
            "author": f"Author {ALL}",
            "published": "2024-05-06",
            "language": "en",
            "url": 'https://example.invalid/"><script>alert(9)</script>',
            "notes": f"Notes {ALL}",
        },
    )
    _dump(
        content_dir / "entities" / "hostile-group.yml",
        {
            "name": f"Hostile Group {PAYLOADS[0]}",
            "type": "armed group",
            "aliases": ["Hostile Group", *PAYLOADS[1:]],
            "summary": f"Summary {ALL} and [[other-group|{PAYLOADS[1]}]]. Second sentence.",
            "relations": [
                {"type": "fights", "target": "other-group", "certainty": "reported", "according_to": " ".join(PAYLOADS[:5]), "cite": cite}
            ],
            "claims": [{"text": f"Claim {ALL}", "date": "late 2021", "cite": cite}],
            "figures": [
                {
                    "measure": f"Measure {ALL}",
                    "values": [
                        {"value": f"Value {ALL}", "as_of": "2023", "cite": cite},
                        {
                            "value": f"Other {PAYLOADS[2]}",
                            "certainty": "claimed",
                            "according_to": f"{PAYLOADS[0]} [[other-group|{PAYLOADS[1]}]]",
                            "cite": [{"source": "hostile-article", "quote": f"Other Group wrote {PAYLOADS[3]}"}],
                        },
                    ],
                }
            ],
        },
    )
    _dump(
        content_dir / "entities" / "other-group.yml",
        {
            "name": "Other Group",
            "type": "person",
            "summary": f"{PAYLOADS[4]} {PAYLOADS[5]}.",
            "claims": [{"text": PAYLOADS[6], "according_to": " ".join(PAYLOADS[4:]), "cite": [{"source": "hostile-article", "quote": f"Other Group wrote {PAYLOADS[7]}"}]}],
        },
    )
    _dump(
        content_dir / "events" / "2023-hostile-event.yml",
        {
            "date": "2023",
            "title": f"Title {ALL}",
            "text": f"Text {ALL} with [[hostile-group]]",
            "entities": ["hostile-group", "other-group"],
            "certainty": "claimed",
            "according_to": "[[hostile-group]]",
            "cite": cite,
        },
    )
