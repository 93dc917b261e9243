"""Editors' commands that reach outside content/: importing a web page as a source (fetch,
extract) and watching the sources' pages for silent edits (drift)."""
