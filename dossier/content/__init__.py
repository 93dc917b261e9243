"""What editors write, read and checked: load (the only reader of content/), yamlfile,
schema, validate (every check, never stopping at the first), build (the typed model), model."""
