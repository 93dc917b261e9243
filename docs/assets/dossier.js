/*
 * Dossier's small additions, shipped with the site (nothing is fetched from elsewhere):
 * - a preview (name, kind, first sentence) when a link to an entity page is hovered or focused;
 * - the timeline's "only the events involving ..." filter, also set by ?entity=<id>;
 * - the graph's filter by kind of entity;
 * - the page's full address in "Cite this page".
 * Text from content is only ever set with textContent, never parsed as HTML.
 * Every page works without this script; it only adds to what is there.
 */
(function () {
  "use strict";

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    if (config) {
      try {
        base = JSON.parse(config.textContent).base || ".";
      } catch (error) {
        base = ".";
      }
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  /* --- Entity link previews ------------------------------------------------------------ */

  var previewData = null;
  var previewRequest = null;
  var tooltip = null;
  var shownFor = null;

  function loadPreviews(root) {
    if (!previewRequest) {
      previewRequest = fetch(new URL("data/entities.json", root).href)
        .then(function (response) {
          return response.ok ? response.json() : { entities: [] };
        })
        .then(function (data) {
          previewData = {};
          (data.entities || []).forEach(function (entity) {
            previewData[new URL(entity.url, root).pathname] = entity;
          });
          return previewData;
        })
        .catch(function () {
          previewData = {};
          return previewData;
        });
    }
    return previewRequest;
  }

  function entityPath(link, root) {
    var href = link.getAttribute("href");
    if (!href) return null;
    var url = new URL(href, window.location.href);
    if (url.origin !== root.origin) return null;
    var prefix = new URL("entities/", root).pathname;
    var rest = url.pathname.slice(prefix.length);
    if (url.pathname.indexOf(prefix) !== 0 || !/^[a-z0-9-]+\/$/.test(rest)) return null;
    return url.pathname;
  }

  function ensureTooltip() {
    if (!tooltip) {
      tooltip = document.createElement("div");
      tooltip.className = "entity-preview";
      tooltip.id = "entity-preview";
      tooltip.setAttribute("role", "tooltip");
      tooltip.hidden = true;
      document.body.appendChild(tooltip);
    }
    return tooltip;
  }

  function showPreview(link, entity) {
    var box = ensureTooltip();
    box.textContent = "";
    var name = document.createElement("strong");
    name.className = "entity-preview-name";
    name.textContent = entity.name;
    var kind = document.createElement("span");
    kind.className = "entity-preview-type";
    kind.textContent = entity.type;
    var text = document.createElement("span");
    text.className = "entity-preview-text";
    text.textContent = entity.description;
    box.appendChild(name);
    box.appendChild(kind);
    box.appendChild(text);
    box.hidden = false;
    var rect = link.getBoundingClientRect();
    var width = Math.min(320, document.documentElement.clientWidth - 16);
    box.style.width = width + "px";
    var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
    box.style.left = left + window.scrollX + "px";
    box.style.top = rect.bottom + window.scrollY + 6 + "px";
    link.setAttribute("aria-describedby", box.id);
    shownFor = link;
  }

  function hidePreview() {
    if (tooltip) tooltip.hidden = true;
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = null;
  }

  function setUpPreviews(root) {
    var area = document.querySelector(".md-content");
    if (!area) return;
    function onEnter(event) {
      var link = event.target.closest ? event.target.closest("a") : null;
      if (!link || !area.contains(link) || link === shownFor) return;
      var path = entityPath(link, root);
      if (!path || path === window.location.pathname) return;
      loadPreviews(root).then(function (data) {
        if (data[path] && (link.matches(":hover") || link === document.activeElement)) showPreview(link, data[path]);
      });
    }
    function onLeave(event) {
      var link = event.target.closest ? event.target.closest("a") : null;
      if (link && link === shownFor && !link.contains(event.relatedTarget)) hidePreview();
    }
    area.addEventListener("mouseover", onEnter);
    area.addEventListener("focusin", onEnter);
    area.addEventListener("mouseout", onLeave);
    area.addEventListener("focusout", onLeave);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hidePreview();
    });
  }

  /* --- Timeline filter ----------------------------------------------------------------- */

  function setUpTimeline() {
    var form = document.querySelector(".timeline-filter");
    if (!form) return;
    var select = form.querySelector("select");
    var status = form.querySelector("output");
    var events = Array.prototype.slice.call(document.querySelectorAll(".timeline-event"));
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });

    function apply() {
      var wanted = select.value;
      var shown = 0;
      events.forEach(function (item) {
        var involved = (item.getAttribute("data-entities") || "").split(" ");
        var visible = !wanted || involved.indexOf(wanted) >= 0;
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      // A year heading stays only if one of its events does.
      document.querySelectorAll(".md-content h2").forEach(function (heading) {
        var next = heading.nextElementSibling;
        var any = false;
        var has = false;
        while (next && next.tagName !== "H2") {
          if (next.classList.contains("timeline-event")) {
            has = true;
            if (!next.hidden) any = true;
          }
          next = next.nextElementSibling;
        }
        if (has) heading.hidden = !any;
      });
      var label = select.options[select.selectedIndex].textContent;
      status.textContent = wanted ? shown + (shown === 1 ? " event involves " : " events involve ") + label : "";
      var url = new URL(window.location.href);
      if (wanted) url.searchParams.set("entity", wanted);
      else url.searchParams.delete("entity");
      window.history.replaceState(null, "", url.href);
    }

    var requested = new URLSearchParams(window.location.search).get("entity");
    if (requested && select.querySelector('option[value="' + CSS.escape(requested) + '"]')) select.value = requested;
    select.addEventListener("change", apply);
    apply();
  }

  /* --- Graph filter -------------------------------------------------------------------- */

  function setUpGraph() {
    var form = document.querySelector(".graph-filter");
    var svg = document.querySelector("svg.site-graph");
    if (!form || !svg) return;
    form.hidden = false;
    function apply() {
      var shown = {};
      form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        shown[box.value] = box.checked;
      });
      svg.querySelectorAll(".node").forEach(function (node) {
        node.style.display = shown[node.getAttribute("data-type")] ? "" : "none";
      });
      svg.querySelectorAll(".edge").forEach(function (edge) {
        var visible = shown[edge.getAttribute("data-from-type")] && shown[edge.getAttribute("data-to-type")];
        edge.style.display = visible ? "" : "none";
      });
    }
    form.addEventListener("change", apply);
    apply();
  }

  /* --- Cite this page ------------------------------------------------------------------ */

  function setUpCitation() {
    document.querySelectorAll(".cite-url").forEach(function (element) {
      element.textContent = window.location.origin + window.location.pathname;
    });
  }

  /* Material's search panel is a dialog without a name; screen readers announce it as "Search". */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }

  function start() {
    var root = siteRoot();
    nameSearchDialog();
    hidePreview();
    setUpPreviews(root);
    setUpTimeline();
    setUpGraph();
    setUpCitation();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else {
    start();
  }
})();
