"""mkdocs.yml read as MkDocs reads it, for the few settings Dossier needs (main dossiers, the
site's address, Zensical's copy): `!ENV` resolved from the environment as MkDocs resolves it
(`!ENV NAME`, or `!ENV [NAME, ..., default]`); MkDocs' other tags (`!relative`) read as None."""

from __future__ import annotations

import os
from pathlib import Path

import yaml


class ConfigLoader(yaml.SafeLoader):
    """A safe loader that knows MkDocs' tags."""


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    *names, default = [loader.construct_object(item) for item in node.value]
    return next((os.environ[name] for name in names if name in os.environ), default)


ConfigLoader.add_constructor("!ENV", _environment_value)
ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_config(config_file: Path) -> dict:
    """The settings of mkdocs.yml (raises OSError or yaml.YAMLError as reading YAML does)."""
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=ConfigLoader) or {}


# What mkdocs.yml may say about where the build reads and writes: the project's own folders. A
# pull request that pointed them elsewhere would read (and publish) or write outside the project.
_OWN_FOLDERS = {("docs_dir",): "docs", ("site_dir",): "site", ("theme", "custom_dir"): "overrides"}
_REFUSED_KEYS = {
    "INHERIT": "it would read settings from another file",
    "hooks": "hooks run code during the build, and Zensical skips them (the site uses none)",
}
_ASSET_LISTS = ("extra_css", "extra_javascript")


def config_problems(config_file: Path) -> list:
    """A located Problem for each setting of mkdocs.yml that would make the build read, publish or
    load something from outside the project: a folder setting other than the project's own
    folder, INHERIT, hooks, or a stylesheet or script that is not a file under docs/."""
    from .report import Position, Problem

    name = config_file.name
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # reported where mkdocs.yml is read for the build
    if not isinstance(root, yaml.MappingNode):
        return []

    def at(node: yaml.Node) -> Position:
        return Position(name, node.start_mark.line + 1, node.start_mark.column + 1)

    def value_of(mapping: yaml.MappingNode, *keys: str) -> tuple[yaml.Node, yaml.Node] | None:
        for key, value in mapping.value:
            if isinstance(key, yaml.ScalarNode) and key.value == keys[0]:
                if len(keys) == 1:
                    return key, value
                return value_of(value, *keys[1:]) if isinstance(value, yaml.MappingNode) else None
        return None

    problems = []
    for keys, own in _OWN_FOLDERS.items():
        found = value_of(root, *keys)
        if found and not (isinstance(found[1], yaml.ScalarNode) and found[1].value == own):
            problems.append(
                Problem(at(found[1]), f"{'.'.join(keys)} must be '{own}', the project's own folder: set it back to {own}")
            )
    for key, why in _REFUSED_KEYS.items():
        found = value_of(root, key)
        if found:
            problems.append(Problem(at(found[0]), f"'{key}' is not allowed here: {why}; remove it"))
    for key in _ASSET_LISTS:
        found = value_of(root, key)
        if not found or not isinstance(found[1], yaml.SequenceNode):
            continue
        for item in found[1].value:
            if isinstance(item, yaml.MappingNode):  # MkDocs' long form: {path: ..., type: module}
                item = (value_of(item, "path") or (item, item))[1]
            path = item.value if isinstance(item, yaml.ScalarNode) else None
            if not path or "://" in path or path.startswith(("/", "\\")) or ".." in Path(path).parts:
                problems.append(
                    Problem(at(item), f"{key} lists {path!r}: the site loads only its own files; name a file under docs/, "
                            "e.g. assets/dossier.css")
                )
    return problems
