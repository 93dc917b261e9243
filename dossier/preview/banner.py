"""MkDocs hook for the live preview only (``build.py serve``): the error banner on every page.

MkDocs loads this file by path. It adds a small script to each page that reads
preview-problems.json (the current errors, which dossier/preview/serve.py writes into the served site)
and shows them at the top of the page as plain text. Never used by ``build``.
"""

from __future__ import annotations

from dossier.preview.serve import PROBLEMS_FILE

# textContent only: the messages quote content, which must never become markup. Shared with
# the Zensical preview's banner (dossier/preview/zensical_live.py), given the lines in ``lines``.
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
    return output.replace("</body>", BANNER_SCRIPT % PROBLEMS_FILE + "\n</body>", 1)
