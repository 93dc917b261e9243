"""What leaves the pipeline: write (the only writer of docs/ and site/, the atomic swap,
the renderers' runs), front matter proof, search (Pagefind), history (dates from git)."""
