"""Pure functions of text, no I/O: characters refused or shown, typography (folding per
script), markup (escaping), prose links, partial dates."""
