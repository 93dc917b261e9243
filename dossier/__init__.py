"""Dossier: turns a corpus of articles plus YAML annotations into an evidence-backed site."""
