"""The live preview's error banner on every page, whichever renderer shows it.

The banner is site-wide through one small file rather than written into each page:
``preview-problems.json`` at the root of the served site (``Banner``) holds the current errors,
and every page carries a short script that reads it and shows its lines as plain text. Writing
the banner into every page instead would mean rendering the whole site each time the errors change.
Under MkDocs the script is added to each page by this file as a hook (MkDocs loads it by path,
for the preview only, never for ``build``); under Zensical, which runs no hooks, by a script
the work copy's ``extra_javascript`` names (``zensical_live``).
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

PROBLEMS_FILE = "preview-problems.json"
"""Served at the root of the preview: the current errors, as a JSON list of plain-text lines."""


class Banner:
    """The errors every page of the preview shows: ``preview-problems.json`` in the served site.

    Written again after each whole build, which empties the site folder, and never by two
    threads at once (the loop's and, under Zensical, the one reading its output)."""

    def __init__(self, site_dir: Path | None) -> None:
        self.site_dir = site_dir
        self.lines: list[str] = []
        self._lock = threading.Lock()

    def show(self, problems) -> None:
        """Publish these errors to every page; none clears the banner."""
        self.lines = [str(problem) for problem in problems[:20]]
        if len(problems) > 20:
            self.lines.append(f"... and {len(problems) - 20} more: see the terminal")
        self.write()

    def write(self) -> None:
        if self.site_dir is None:
            return
        with self._lock:
            path = self.site_dir / PROBLEMS_FILE
            temporary = path.with_name(PROBLEMS_FILE + ".tmp")
            try:
                self.site_dir.mkdir(exist_ok=True)
                temporary.write_text(json.dumps(self.lines, ensure_ascii=False, indent=0), encoding="utf-8")
                os.replace(temporary, path)
            except FileNotFoundError:  # the renderer emptying its site: written again once it is built
                pass

# textContent only: the messages quote content, which must never become markup. Shared by both
# scripts, given the lines in ``lines``.
SHOW_PROBLEMS = """    if (!lines.length) return;
    var box = document.createElement("div");
    box.className = "admonition failure dossier-preview-problems";
    box.setAttribute("role", "alert");
    var title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = "This preview is out of date: fix these errors and save again";
    box.appendChild(title);
    var list = document.createElement("ul");
    lines.forEach(function (line) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = line;
      item.appendChild(code);
      list.appendChild(item);
    });
    box.appendChild(list);
    var place = document.querySelector("article") || document.body;
    place.insertBefore(box, place.firstChild);
"""
BANNER_SCRIPT = """<script id="dossier-preview-problems">
(function () {
  fetch("/%s", {cache: "no-store"}).then(function (response) { return response.json(); }).then(function (lines) {
""" + SHOW_PROBLEMS + """  }).catch(function () {});
})();
</script>"""


def on_post_page(output, page, config):
    """The MkDocs hook: the banner's script at the end of every page."""
    return output.replace("</body>", BANNER_SCRIPT % PROBLEMS_FILE + "\n</body>", 1)
