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
