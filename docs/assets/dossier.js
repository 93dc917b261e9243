/*
 * Dossier's small additions, shipped with the site (nothing is fetched from elsewhere):
 * - a preview (name, kind, first sentence) when a link to an entity page is hovered or focused;
 * - the timeline's "only the events involving ..." filter, also set by ?entity=<id>;
 * - the site graph: the interactive view (cytoscape.js, loaded only on the graph page), its search and
 *   its filter by kind of entity; or, if it cannot start, the static SVG's filter;
 * - a note's pop-up (its quote and source) when its marker is tapped or clicked;
 * - the page's full address in "Cite this page";
 * - "Cite this page" copied as plain text (with the day it was read and the version), BibTeX, RIS or CSL-JSON,
 *   and the same for each statement ("cite" after its permalink);
 * - "Print / save as PDF", and the notes' full addresses for print;
 * - the search box in the header (Pagefind, loaded only when the reader uses it).
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

  /* Which links are entity links is the data's to say: data/entities.json gives each entity's
     address (the build's one list of them), so this only finds where a link goes on this site. */
  function sitePath(link, root) {
    var href = link.getAttribute("href");
    if (!href) return null;
    var url = new URL(href, window.location.href);
    if (url.origin !== root.origin || url.pathname.indexOf(root.pathname) !== 0) return null;
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
      var path = sitePath(link, root);
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
      var cited = {};
      events.forEach(function (item) {
        var involved = (item.getAttribute("data-entities") || "").split(" ");
        var visible = !wanted || involved.indexOf(wanted) >= 0;
        item.hidden = !visible;
        if (visible) {
          shown += 1;
          item.querySelectorAll("a[href^='#fn:']").forEach(function (ref) {
            cited[ref.getAttribute("href").slice(1)] = true;
          });
        }
      });
      // A year heading stays only if one of its events does; so does its entry in the contents.
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
        if (!has) return;
        heading.hidden = !any;
        document.querySelectorAll('.md-nav--secondary a[href="#' + CSS.escape(heading.id) + '"]').forEach(function (link) {
          link.parentElement.hidden = !any;
        });
      });
      // Only the notes of the events shown.
      document.querySelectorAll(".footnote li[id^='fn:']").forEach(function (note) {
        note.hidden = Boolean(wanted) && !cited[note.id];
      });
      var label = select.options[select.selectedIndex].textContent;
      // The overview of a timeline split by year shows no events itself, only where they are.
      var counted = wanted && events.length;
      status.textContent = counted ? shown + (shown === 1 ? " event involves " : " events involve ") + label : "";
      showPages(wanted);
      var url = new URL(window.location.href);
      if (wanted) url.searchParams.set("entity", wanted);
      else url.searchParams.delete("entity");
      window.history.replaceState(null, "", url.href);
    }

    // A timeline split by year: the other pages with events of the chosen entity.
    var pagesBase = form.getAttribute("data-pages");
    var elsewhere = null;
    function showPages(wanted) {
      if (pagesBase === null) return;
      if (!elsewhere) {
        elsewhere = document.createElement("p");
        elsewhere.className = "timeline-pages";
        form.appendChild(elsewhere);
      }
      elsewhere.textContent = "";
      var option = select.options[select.selectedIndex];
      var keys = wanted ? (option.getAttribute("data-pages") || "").split(" ").filter(Boolean) : [];
      if (!keys.length) return;
      elsewhere.appendChild(document.createTextNode("Events involving " + option.textContent + ", by year: "));
      keys.forEach(function (key, index) {
        var link = document.createElement("a");
        link.href = pagesBase + key + "/?entity=" + encodeURIComponent(wanted);
        link.textContent = key;
        if (index) elsewhere.appendChild(document.createTextNode(" · "));
        elsewhere.appendChild(link);
      });
    }

    var requested = new URLSearchParams(window.location.search).get("entity");
    if (requested) {
      if (select.querySelector('option[value="' + CSS.escape(requested) + '"]')) select.value = requested;
      else status.textContent = "No event in the timeline involves “" + requested + "”: showing every event.";
    }
    select.addEventListener("change", apply);
    if (!requested || select.value) apply();
  }

  /* --- Index filter -------------------------------------------------------------------- */

  /* "Show only the rows containing": narrows this page's table rows or list items as one types. */
  function setUpIndexFilter() {
    var form = document.querySelector(".index-filter");
    if (!form) return;
    var input = form.querySelector("input");
    var status = form.querySelector("output");
    var rows = Array.prototype.slice.call(document.querySelectorAll(".md-content tbody tr, .md-content article li"));
    rows = rows.filter(function (row) { return !row.closest("nav"); });
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var visible = !wanted || row.textContent.toLowerCase().indexOf(wanted) >= 0;
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      status.textContent = wanted ? shown + " of " + rows.length + " shown" : "";
    });
  }

  /* --- Graph: the interactive site graph, or the static SVG's filter ------------------ */

  function kindsShown(form) {
    var shown = {};
    if (!form) return shown;
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      shown[box.value] = box.checked;
    });
    return shown;
  }

  function setUpStaticGraph(form, svg) {
    if (!form || !svg) return;
    form.hidden = false;
    function apply() {
      var shown = kindsShown(form);
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

  var cytoscapeLoading = null;
  var LABEL_SIZE = 14; // in layout units (dossier/pages/graph_layout.py spaces entities SITE_SPACING = 80 apart)
  var LEGIBLE_ZOOM = 11 / LABEL_SIZE; // names are drawn only at 11 px or more on screen
  var EDGE_LABEL_SIZE = 11; // a relation's kind: drawn at 11 px or more, or when its entity is found
  var PHONE_WIDTH = 600;

  function loadCytoscape(root) {
    if (window.cytoscape) return Promise.resolve(window.cytoscape);
    if (!cytoscapeLoading) {
      cytoscapeLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("assets/vendor/cytoscape.min.js", root).href;
        script.onload = function () {
          resolve(window.cytoscape);
        };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return cytoscapeLoading;
  }

  function setUpGraph(root) {
    var form = document.querySelector(".graph-filter");
    var svg = document.querySelector("svg.site-graph");
    var app = document.querySelector(".site-graph-app");
    var source = document.getElementById("site-graph-data");
    if (!app || !source) {
      setUpStaticGraph(form, svg);
      return;
    }
    // The drawing made at build time comes first; cytoscape (435 KB, seconds of a phone's time)
    // is fetched only when the reader asks for the interactive graph.
    setUpStaticGraph(form, svg);
    var start = document.createElement("p");
    start.className = "graph-start";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "graph-interactive";
    button.textContent = "Open the interactive graph";
    start.appendChild(button);
    // Over the drawing's corner, so that adding it moves nothing on the page (no layout shift).
    var drawing = document.querySelector(".graph-static");
    if (drawing) drawing.insertBefore(start, drawing.firstChild);
    else app.parentNode.insertBefore(start, app);
    button.addEventListener("click", function () {
      button.disabled = true;
      button.textContent = "Loading the interactive graph…";
      loadCytoscape(root)
        .then(function (cytoscape) {
          start.remove();
          startSiteGraph(cytoscape, JSON.parse(source.textContent), app, form, root);
          document.getElementById("graph-search-input").focus({ preventScroll: true });
        })
        .catch(function () {
          button.disabled = false;
          button.textContent = "The interactive graph could not be loaded: try again";
        });
    });
  }

  /* A colour of the page's scheme as rgb(): cytoscape.js reads neither CSS variables nor 8-digit hex. */
  function schemeColour(property, value, parent) {
    var probe = document.createElement("span");
    probe.style[property] = value;
    parent.appendChild(probe);
    var parts = getComputedStyle(probe)[property].match(/[\d.]+/g) || ["0", "0", "0"];
    parent.removeChild(probe);
    return "rgb(" + parts.slice(0, 3).join(",") + ")";
  }

  /* Until the reader asks to explore, a cover lies over the graph: the page scrolls over it on a
     phone and under a mouse wheel, and tapping the graph only offers to explore it. */
  function coverGraph(canvas) {
    var frame = document.createElement("div");
    frame.className = "site-graph-frame";
    canvas.parentNode.insertBefore(frame, canvas);
    frame.appendChild(canvas);
    var cover = document.createElement("div");
    cover.className = "site-graph-cover";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "graph-explore";
    button.setAttribute("aria-pressed", "false");
    button.textContent = "Explore the graph (move and zoom)";
    cover.addEventListener("click", function (event) {
      if (event.target === cover) button.click();
    });
    frame.appendChild(cover);
    frame.appendChild(button);
    return button;
  }

  function startSiteGraph(cytoscape, data, app, form, root) {
    var foreground = schemeColour("color", "var(--md-default-fg-color)", app);
    var background = schemeColour("color", "var(--md-default-bg-color)", app);
    var elements = [];
    var byName = {};
    var names = document.getElementById("graph-search-names");
    data.nodes.forEach(function (node, index) {
      var kind = data.types[node[3]] || ["", "#7f7f7f"];
      elements.push({
        group: "nodes",
        data: { id: "n" + index, entity: node[0], name: node[1], kind: kind[0], colour: kind[1], url: node[6] },
        position: { x: node[4], y: node[5] },
      });
      [node[1]].concat(node[2]).forEach(function (name) {
        var key = name.toLocaleLowerCase();
        if (!(key in byName)) byName[key] = index;
        var option = document.createElement("option");
        option.value = name;
        names.appendChild(option);
      });
    });
    data.edges.forEach(function (edge, index) {
      var relation = data.relations[edge[2]];
      elements.push({
        group: "edges",
        data: { id: "e" + index, source: "n" + edge[0], target: "n" + edge[1], label: relation[0], colour: relation[1], hedged: edge[3] === 1 },
      });
    });
    var canvas = app.querySelector(".site-graph-canvas");
    var status = app.querySelector(".graph-status");
    var explore = coverGraph(canvas);
    app.hidden = false;
    if (form) form.hidden = false;
    var fallback = document.querySelector(".graph-static");
    if (fallback) fallback.hidden = true;
    var cy = cytoscape({
      container: canvas,
      elements: elements,
      layout: { name: "preset", fit: true, padding: 20 },
      autoungrabify: true,
      boxSelectionEnabled: false,
      // The page scrolls over the graph until the reader asks to explore it (coverGraph).
      userZoomingEnabled: false,
      userPanningEnabled: false,
      minZoom: 0.02,
      maxZoom: 4,
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(colour)",
            width: 14,
            height: 14,
            label: "data(name)",
            color: foreground,
            "font-size": LABEL_SIZE,
            "text-valign": "center",
            "text-halign": "right",
            "text-margin-x": 4,
            "text-outline-color": background,
            "text-outline-width": 2,
          },
        },
        {
          selector: "edge",
          style: {
            width: 1.5,
            "line-color": "data(colour)",
            "curve-style": "bezier",
            opacity: 0.7,
            // Each relation says its kind in words, not by its colour alone.
            label: "data(label)",
            color: foreground,
            "font-size": EDGE_LABEL_SIZE,
            "text-rotation": "autorotate",
            "text-outline-color": background,
            "text-outline-width": 2,
          },
        },
        { selector: "edge[?hedged]", style: { "line-style": "dashed" } },
        { selector: ".unlabelled", style: { label: "" } },
        { selector: "edge.near", style: { label: "data(label)" } },
        { selector: ".faded", style: { opacity: 0.12 } },
        { selector: "node.focus", style: { width: 24, height: 24, "border-width": 3, "border-color": foreground } },
        { selector: "edge.near", style: { width: 3, opacity: 1 } },
      ],
    });
    // Names are drawn only when they are at least 11 px on screen: zoom in (or find an entity) to read them.
    var unlabelled = null;
    var edgesUnlabelled = null;
    function updateLabels() {
      var size = cy.zoom() * LABEL_SIZE;
      var small = size < 11;
      var smallEdges = cy.zoom() * EDGE_LABEL_SIZE < 11;
      if (small !== unlabelled || smallEdges !== edgesUnlabelled) {
        cy.batch(function () {
          cy.nodes().toggleClass("unlabelled", small);
          cy.edges().toggleClass("unlabelled", smallEdges);
        });
        unlabelled = small;
        edgesUnlabelled = smallEdges;
      }
      app.setAttribute("data-zoom", cy.zoom().toFixed(4));
      app.setAttribute("data-label-px", size.toFixed(1));
      app.setAttribute("data-labels", small ? "hidden" : "shown");
    }
    // A small site opens with its names readable, even if a margin of it is then off screen;
    // a large one opens whole, and names appear as the reader zooms in.
    // On a phone the whole graph would be unlabelled dots: it opens on the most related entity,
    // its names readable, and "Show all" or exploring reaches the rest.
    var fitted = cy.zoom();
    if (fitted < LEGIBLE_ZOOM && LEGIBLE_ZOOM / fitted <= 1.4) {
      cy.zoom({ level: LEGIBLE_ZOOM, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    } else if (fitted < LEGIBLE_ZOOM && cy.width() < PHONE_WIDTH) {
      var hub = cy.nodes().max(function (node) { return node.degree(); }).ele;
      cy.zoom(LEGIBLE_ZOOM);
      cy.center(hub);
    }
    explore.addEventListener("click", function () {
      var exploring = app.getAttribute("data-exploring") !== "true";
      app.setAttribute("data-exploring", exploring ? "true" : "false");
      cy.userZoomingEnabled(exploring);
      cy.userPanningEnabled(exploring);
      explore.textContent = exploring ? "Done: scroll the page again" : "Explore the graph (move and zoom)";
      explore.setAttribute("aria-pressed", exploring ? "true" : "false");
    });
    cy.on("zoom", updateLabels);
    updateLabels();
    app.dossierGraph = cy; // for the browser tests and a curious reader's console
    app.setAttribute("data-ready", "true");

    function visibleSummary() {
      var nodes = cy.nodes().filter(function (node) { return node.style("display") !== "none"; });
      var edges = cy.edges().filter(function (edge) {
        return edge.source().style("display") !== "none" && edge.target().style("display") !== "none";
      });
      return { nodes: nodes, edges: edges };
    }

    function say(node) {
      status.textContent = "";
      var shown = visibleSummary();
      app.setAttribute("data-visible-entities", shown.nodes.length);
      if (!node) {
        status.textContent = "Showing " + shown.nodes.length + " of " + data.nodes.length + " entities and " +
          shown.edges.length + " of " + data.edges.length + " relations.";
        return;
      }
      var count = node.connectedEdges().length;
      status.appendChild(document.createTextNode(node.data("name") + " (" + node.data("kind") + "), " + count +
        (count === 1 ? " relation. " : " relations. ")));
      var link = document.createElement("a");
      link.href = new URL(node.data("url"), window.location.href).href;
      link.textContent = "Open the page of " + node.data("name");
      status.appendChild(link);
    }

    function focus(node) {
      cy.elements().removeClass("focus near faded");
      var near = node.closedNeighborhood();
      cy.elements().not(near).addClass("faded");
      near.addClass("near");
      node.addClass("focus");
      // Fitted to its relations, but never so far out that their names would be under 11 px.
      cy.animate({ fit: { eles: near, padding: 40 } }, {
        duration: 250,
        complete: function () {
          if (cy.zoom() < LEGIBLE_ZOOM) {
            cy.animate({ zoom: { level: LEGIBLE_ZOOM, position: node.position() }, center: { eles: node } }, { duration: 200 });
          }
        },
      });
      say(node);
    }

    // Filters redraw: hidden kinds leave the drawing, and the view is fitted to what remains.
    function applyKinds() {
      var shown = kindsShown(form);
      cy.batch(function () {
        cy.nodes().forEach(function (node) {
          node.style("display", shown[node.data("kind")] === false ? "none" : "element");
        });
      });
      cy.elements().removeClass("focus near faded");
      var remaining = visibleSummary().nodes;
      if (remaining.length) cy.animate({ fit: { eles: remaining, padding: 20 } }, { duration: 300 });
      say(null);
    }

    app.querySelector(".graph-search").addEventListener("submit", function (event) {
      event.preventDefault();
      var wanted = app.querySelector("#graph-search-input").value.trim().toLocaleLowerCase();
      if (!wanted) return;
      var index = byName[wanted];
      if (index === undefined) {
        Object.keys(byName).some(function (key) {
          if (key.indexOf(wanted) === 0) index = byName[key];
          return index !== undefined;
        });
      }
      if (index === undefined) {
        status.textContent = "No entity is called “" + wanted + "”.";
        return;
      }
      var node = cy.getElementById("n" + index);
      if (node.style("display") === "none") {
        form.querySelector('input[value="' + CSS.escape(node.data("kind")) + '"]').checked = true;
        applyKinds();
      }
      focus(node);
    });
    app.querySelector(".graph-reset").addEventListener("click", function () {
      app.querySelector("#graph-search-input").value = "";
      form.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = true; });
      applyKinds();
    });
    cy.on("tap", "node", function (event) {
      focus(event.target);
    });
    if (form) form.addEventListener("change", applyKinds);
    say(null);
  }

  /* --- Note pop-ups --------------------------------------------------------------------- */

  /* A note marker opens its note (quote and source) beside the statement, instead of jumping to the
     end of the page: no address change, so the reader who follows the source comes back in one Back.
     The pop-up is built when asked for, from the note itself; the notes list stays as it is. */
  var notePopup = null;
  var noteOpener = null;

  function closeNote(returnFocus) {
    if (!notePopup || notePopup.hidden) return;
    notePopup.hidden = true;
    document.body.classList.remove("note-popup-open");
    if (noteOpener) {
      noteOpener.setAttribute("aria-expanded", "false");
      if (returnFocus) noteOpener.focus({ preventScroll: true });
    }
    noteOpener = null;
  }

  /* hover: opened by a pointer resting on the note's number, a preview that takes no focus and
     closes when the pointer leaves; a click or a key opens it for good. */
  function openNote(marker, note, hover) {
    if (!notePopup) {
      notePopup = document.createElement("div");
      notePopup.className = "note-popup";
      notePopup.id = "note-popup";
      notePopup.setAttribute("role", "dialog");
      notePopup.tabIndex = -1;
      notePopup.hidden = true;
      document.body.appendChild(notePopup);
    }
    notePopup.textContent = "";
    var number = marker.textContent;
    notePopup.setAttribute("aria-label", "Note " + number);
    var body = note.cloneNode(true);
    body.removeAttribute("id");
    body.querySelectorAll("[id]").forEach(function (element) { element.removeAttribute("id"); });
    body.querySelectorAll(".backrefs, .footnote-backref").forEach(function (element) { element.remove(); });
    var heading = document.createElement("p");
    heading.className = "note-popup__number";
    heading.textContent = "Note " + number;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "note-popup__close";
    close.setAttribute("aria-label", "Close note " + number);
    close.textContent = "×";
    close.addEventListener("click", function () { closeNote(true); });
    notePopup.appendChild(close);
    notePopup.appendChild(heading);
    while (body.firstChild) notePopup.appendChild(body.firstChild);
    // The outlet is named briefly in the note; its full title is the cite's tooltip, said here in words.
    var cite = notePopup.querySelector("cite[title]");
    if (cite && cite.title !== cite.textContent) {
      var title = document.createElement("span");
      title.className = "note-popup__title";
      title.textContent = cite.title;
      ["lang", "dir"].forEach(function (name) {
        if (cite.hasAttribute(name)) title.setAttribute(name, cite.getAttribute(name));
      });
      cite.parentNode.insertBefore(title, cite);
    }
    notePopup.hidden = false;
    document.body.classList.add("note-popup-open");
    var rect = marker.getBoundingClientRect();
    var viewport = document.documentElement.clientWidth;
    var width = Math.min(360, viewport - 16);
    notePopup.style.width = width + "px";
    notePopup.style.left = Math.max(8, Math.min(rect.left - width / 2, viewport - width - 8)) + window.scrollX + "px";
    // Below the marker, or above it when the window has no room below; else brought into view.
    var height = notePopup.offsetHeight;
    var below = rect.bottom + 6, above = rect.top - 6 - height;
    var top = below + height <= window.innerHeight || above < 0 ? below : above;
    notePopup.style.top = top + window.scrollY + "px";
    if (top + height > window.innerHeight) notePopup.scrollIntoView({ block: "nearest" });
    if (noteOpener && noteOpener !== marker) noteOpener.setAttribute("aria-expanded", "false");
    noteOpener = marker;
    marker.setAttribute("aria-expanded", "true");
    notePopup.setAttribute("data-hover", hover ? "true" : "false");
    if (!hover) notePopup.focus({ preventScroll: true });
  }

  function setUpNotes() {
    var area = document.querySelector(".md-content");
    if (!area) return;
    area.querySelectorAll("a.footnote-ref").forEach(function (marker) {
      marker.setAttribute("aria-haspopup", "dialog");
      marker.setAttribute("aria-controls", "note-popup");
    });
    area.addEventListener("click", function (event) {
      var marker = event.target.closest ? event.target.closest("a.footnote-ref") : null;
      if (!marker || event.ctrlKey || event.metaKey || event.shiftKey) return;
      var note = document.getElementById(decodeURIComponent(marker.hash.slice(1)));
      if (!note) return;
      event.preventDefault();
      var previewing = notePopup && notePopup.getAttribute("data-hover") === "true";
      if (noteOpener === marker && !notePopup.hidden && !previewing) closeNote(true);
      else openNote(marker, note, false);
    });
    // A mouse resting on a note's number previews the note (Material's footnote tooltips are off:
    // they were built for every note of the page up front, most of an entity page's script time).
    var leaving = null;
    function leaveSoon() {
      clearTimeout(leaving);
      leaving = setTimeout(function () {
        if (notePopup && notePopup.getAttribute("data-hover") === "true" &&
            !notePopup.matches(":hover") && !(noteOpener && noteOpener.matches(":hover"))) closeNote(false);
      }, 300);
    }
    area.addEventListener("pointerover", function (event) {
      var marker = event.pointerType === "mouse" && event.target.closest ? event.target.closest("a.footnote-ref") : null;
      if (!marker) return;
      clearTimeout(leaving);
      if (notePopup && !notePopup.hidden && (noteOpener === marker || notePopup.getAttribute("data-hover") !== "true")) return;
      var note = document.getElementById(decodeURIComponent(marker.hash.slice(1)));
      if (!note) return;
      openNote(marker, note, true);
      notePopup.onpointerleave = leaveSoon;
    });
    area.addEventListener("pointerout", function (event) {
      if (event.pointerType === "mouse" && event.target.closest && event.target.closest("a.footnote-ref")) leaveSoon();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") closeNote(true);
    });
    document.addEventListener("click", function (event) {
      if (notePopup && !notePopup.hidden && !notePopup.contains(event.target) &&
          !(event.target.closest && event.target.closest("a.footnote-ref"))) closeNote(false);
    });
  }

  /* --- Cite this page ------------------------------------------------------------------ */

  function setUpCitation() {
    document.querySelectorAll(".cite-url").forEach(function (element) {
      element.textContent = window.location.origin + window.location.pathname;
    });
    document.querySelectorAll(".cite-this[data-title]").forEach(function (element) {
      addCitationTools(element, function () { return pageCitation(element); });
      addStatementCitations(element);
    });
  }

  /* What a citation is made of: the page's, from "Cite this page" (its data-* attributes). */
  function pageCitation(element) {
    var path = window.location.pathname;
    return {
      site: element.getAttribute("data-site"),
      title: element.getAttribute("data-title"),
      updated: element.getAttribute("data-updated"),
      version: element.getAttribute("data-version") || "",
      versionUrl: element.getAttribute("data-version-url") || "",
      address: window.location.origin + path,
      key: path.replace(/\/$/, "").split("/").pop(),
    };
  }

  /* A statement's citation: the page's, with the statement's words in its title and its permalink
     as the address. */
  function statementCitation(element, permalink) {
    var citation = pageCitation(element);
    var what = (permalink.getAttribute("aria-label") || "").replace(/^Link to this /, "") || "statement";
    citation.title = citation.title + ", " + what + ": " + statementWords(permalink);
    citation.address = citation.address + permalink.getAttribute("href");
    citation.key = citation.key + "-" + permalink.id;
    return citation;
  }

  /* The statement's own words, without its note markers, source count, link and tools. */
  function statementWords(permalink) {
    var holder = permalink.closest("li, tr");
    if (!holder) return "";
    var copy = (holder.tagName === "TR" ? holder.cells[0] : holder).cloneNode(true);
    copy.querySelectorAll("sup, .source-count, .permalink, .cite-statement, .cite-tools").forEach(function (node) {
      node.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  /* The citation in plain text (with the day it was read and, where the site names its repository,
     the exact version), BibTeX, RIS and CSL-JSON. */
  function citationFormats(citation) {
    var site = citation.site, title = citation.title, updated = citation.updated, address = citation.address;
    var accessed = new Date().toISOString().slice(0, 10);
    var language = document.documentElement.lang || "en"; // the page's: the site's own language
    var key = (site + "-" + citation.key).toLowerCase().replace(/[^a-z0-9-]+/g, "-");
    var version = citation.version ? "Version " + citation.version + ", " + citation.versionUrl : "";
    function bibtexText(value) {
      return value.replace(/[\\{}]/g, "").replace(/[&%$#_]/g, "\\$&");
    }
    var csl = {
      id: key,
      type: "webpage",
      title: title,
      author: [{ literal: site }],
      "container-title": site,
      URL: address,
      issued: { "date-parts": [dateParts(updated)] },
      accessed: { "date-parts": [dateParts(accessed)] },
      language: language,
    };
    if (version) {
      csl.version = citation.version;
      csl.note = version;
    }
    return {
      text: site + ". “" + title + ".” " + address + ". Last updated " + updated + "." +
        (version ? " " + version + "." : "") + " Accessed " + accessed + ".",
      bibtex: "@misc{" + key + ",\n" +
        "  title = {" + bibtexText(title) + "},\n" +
        "  author = {{" + bibtexText(site) + "}},\n" +
        "  year = {" + updated.slice(0, 4) + "},\n" +
        "  howpublished = {\\url{" + address + "}},\n" +
        (version ? "  version = {" + bibtexText(citation.version) + "},\n" : "") +
        "  note = {Last updated " + updated + (version ? "; version " + bibtexText(citation.version) +
          ", \\url{" + citation.versionUrl + "}" : "") + "; accessed " + accessed + "},\n" +
        "  urldate = {" + accessed + "},\n" +
        "  language = {" + language + "}\n" +
        "}",
      ris: ["TY  - ELEC", "TI  - " + title, "AU  - " + site, "PY  - " + updated.slice(0, 4), "UR  - " + address,
        "Y2  - " + accessed, "N1  - Last updated " + updated].concat(version ? ["N1  - " + version] : [])
        .concat(["LA  - " + language, "ER  - "]).join("\n"),
      csl: JSON.stringify([csl], null, 2),
    };
  }

  function dateParts(isoDate) {
    return isoDate.split("-").map(Number).filter(function (part) { return !isNaN(part); });
  }

  var CITATION_FORMATS = [["BibTeX", "bibtex"], ["RIS", "ris"], ["CSL-JSON", "csl"]];

  function copyButton(label, text, status) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = label;
    button.addEventListener("click", function () {
      var done = function () { status.textContent = "Copied."; };
      var failed = function () { status.textContent = "Copying is not allowed here: select the text and copy it."; };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text()).then(done, failed);
      else failed();
    });
    return button;
  }

  /* The copy button and the three formats, right after ``element``; ``citation`` gives what they cite. */
  function citationTools(citation) {
    var tools = document.createElement("div");
    tools.className = "cite-tools";
    var status = document.createElement("span");
    status.className = "cite-status";
    status.setAttribute("role", "status");
    tools.appendChild(copyButton("Copy citation", function () { return citationFormats(citation()).text; }, status));
    tools.appendChild(status);
    var formats = citationFormats(citation());
    CITATION_FORMATS.forEach(function (format) {
      var details = document.createElement("details");
      var summary = document.createElement("summary");
      summary.textContent = format[0];
      var code = document.createElement("pre");
      code.className = "cite-format cite-" + format[1];
      code.textContent = formats[format[1]];
      details.appendChild(summary);
      details.appendChild(code);
      details.appendChild(copyButton("Copy " + format[0], function () { return code.textContent; }, status));
      tools.appendChild(details);
    });
    return tools;
  }

  function addCitationTools(element, citation) {
    if (element.nextElementSibling && element.nextElementSibling.classList.contains("cite-tools")) return;
    element.parentNode.insertBefore(citationTools(citation), element.nextSibling);
  }

  /* A small "cite" after each statement's permalink: it opens the same tools for that statement. */
  function addStatementCitations(element) {
    var content = element.closest(".md-content__inner") || document;
    content.querySelectorAll("a.permalink").forEach(function (permalink) {
      if (permalink.nextElementSibling && permalink.nextElementSibling.classList.contains("cite-statement")) return;
      var what = (permalink.getAttribute("aria-label") || "").replace(/^Link to this /, "") || "statement";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite-statement";
      button.textContent = "cite";
      button.setAttribute("aria-label", "Cite this " + what);
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("data-pagefind-ignore", "");
      button.addEventListener("click", function () {
        var open = button.nextElementSibling && button.nextElementSibling.classList.contains("cite-tools");
        if (open) {
          button.nextElementSibling.remove();
        } else {
          var tools = citationTools(function () { return statementCitation(element, permalink); });
          tools.classList.add("statement-cite");
          button.parentNode.insertBefore(tools, button.nextSibling);
        }
        button.setAttribute("aria-expanded", open ? "false" : "true");
      });
      permalink.parentNode.insertBefore(button, permalink.nextSibling);
    });
  }

  /* --- Print / save as PDF ------------------------------------------------------------- */

  /* A button on every page: beside "Cite this page" where there is one (both are for using the
     page elsewhere, and an entity page's first screen stays its facts), else above the title.
     The print stylesheet (dossier.css) leaves the navigation out and writes each note's source in
     full; a note's links print their full address, which CSS cannot resolve from a relative
     href: it is written into data-print-address here. */
  function setUpPrint() {
    var content = document.querySelector(".md-content__inner");
    if (!content || content.querySelector(".print-button")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "print-button";
    button.textContent = "Print / save as PDF";
    button.addEventListener("click", function () {
      closeNote(false);
      window.print();
    });
    var citation = content.querySelector(".cite-this");
    var tools = content.querySelector(".cite-tools .copy-button");
    if (tools) {
      button.classList.add("beside-citation");
      tools.parentNode.insertBefore(button, tools.nextSibling);
    } else if (citation) {
      button.classList.add("beside-citation");
      citation.parentNode.insertBefore(button, citation.nextSibling);
    } else {
      content.insertBefore(button, content.firstChild);
    }
    content.querySelectorAll(".footnote a.note-source, .footnote a.note-original, .footnote a.note-archive").forEach(function (link) {
      var address = new URL(link.getAttribute("href"), window.location.href);
      if (!link.classList.contains("note-source")) address.hash = ""; // the article, not the passage's text fragment
      link.setAttribute("data-print-address", address.href);
    });
  }

  /* --- Search (Pagefind) --------------------------------------------------------------- */

  /* The box in the header (overrides/partials/dossier-search.html). Pagefind's script and index
     (pagefind/, written after MkDocs by dossier/publish/search.py) are fetched only once the reader
     focuses the box or types in it; each search then loads only the chunks it needs. */
  var MAX_RESULTS = 10;
  var pagefindModule = null;

  function loadPagefind(root) {
    if (!pagefindModule) {
      var script = new URL("pagefind/pagefind.js", root).href;
      pagefindModule = import(script).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname }).then(function () {
          return pagefind;
        });
      });
    }
    return pagefindModule;
  }

  /* Pagefind's excerpts mark the matched words with <mark>; keep only text and those marks. */
  function appendExcerpt(element, excerpt) {
    var inert = document.implementation.createHTMLDocument("");
    inert.body.innerHTML = excerpt;
    inert.body.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        element.appendChild(mark);
      } else {
        element.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  /* Names compared as a reader types them: case, accents, apostrophes and dashes aside. */
  function fold(value) {
    return value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  /* The entity whose name or an alias is what the reader typed (or begins with it): it comes
     first, whatever words the pages mentioning it repeat. Pagefind ranks by word counts, so a
     source with "Wagner" in its title and fifty times in its text can outrank the entity. */
  var ENTITY_CANDIDATES = 5;

  function namedEntity(pagefind, query, filters) {
    var typed = fold(query);
    var entityFilters = Object.assign({}, filters, { kind: "entity" });
    return pagefind.search(query, { filters: entityFilters }).then(function (search) {
      var top = search.results.slice(0, ENTITY_CANDIDATES).map(function (r) { return r.data(); });
      return Promise.all(top).then(function (results) {
        function names(result) {
          var meta = result.meta || {};
          return [meta.title || ""].concat((meta.aliases || "").split("; ")).map(fold);
        }
        var exact = results.filter(function (result) { return names(result).indexOf(typed) >= 0; });
        var begins = results.filter(function (result) {
          return names(result).some(function (name) { return name.indexOf(typed) === 0; });
        });
        return exact[0] || begins[0] || null;
      });
    });
  }

  function setUpSearch(root) {
    var box = document.querySelector(".dossier-search");
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    box.hidden = false;
    var input = box.querySelector("input");
    var panel = box.querySelector(".dossier-search__panel");
    var kind = box.querySelector(".dossier-search__kind");
    var type = box.querySelector(".dossier-search__type");
    var status = box.querySelector(".dossier-search__status");
    var list = box.querySelector(".dossier-search__results");
    var typesListed = false;
    var latest = 0;

    function open(shown) {
      panel.hidden = !shown;
    }

    function listTypes(pagefind) {
      if (typesListed) return;
      typesListed = true;
      pagefind.filters().then(function (filters) {
        Object.keys((filters && filters.type) || {}).sort().forEach(function (name) {
          var option = document.createElement("option");
          option.value = name;
          option.textContent = name;
          type.appendChild(option);
        });
      });
    }

    function show(results, query) {
      list.textContent = "";
      results.forEach(function (result) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = result.url;
        link.textContent = (result.meta && result.meta.title) || result.url;
        var excerpt = document.createElement("p");
        appendExcerpt(excerpt, result.excerpt || "");
        /* A source's title and words are in its language (meta "language", overrides/main.html);
           an excerpt may hold the page's English too, so its direction follows its first letter. */
        if (result.meta && result.meta.language) {
          link.lang = result.meta.language;
          excerpt.lang = result.meta.language;
        }
        link.dir = "auto";
        excerpt.dir = "auto";
        item.appendChild(link);
        item.appendChild(excerpt);
        list.appendChild(item);
      });
      status.textContent = results.length ? "" : "Nothing found for “" + query + "”.";
      list.setAttribute("data-query", query);
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) {
        list.textContent = "";
        list.setAttribute("data-query", "");
        status.textContent = "";
        open(false);
        return;
      }
      open(true);
      loadPagefind(root).then(function (pagefind) {
        listTypes(pagefind);
        var filters = {};
        if (kind.value) filters.kind = kind.value;
        if (type.value) filters.type = type.value;
        return pagefind.debouncedSearch(query, { filters: filters }, 150).then(function (search) {
          if (!search || ticket !== latest) return;
          var named = kind.value === "source" ? null : namedEntity(pagefind, query, filters);
          var found = Promise.all(search.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }));
          return Promise.all([named, found]).then(function (both) {
            if (ticket !== latest) return;
            var first = both[0];
            var rest = both[1].filter(function (result) { return !first || result.url !== first.url; });
            show(first ? [first].concat(rest.slice(0, MAX_RESULTS - 1)) : rest, query);
          });
        });
      }).catch(function () {
        status.textContent = "Search is not available: the site was built without its index.";
      });
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll("a"));
    }

    input.addEventListener("focus", function () {
      loadPagefind(root).catch(function () {});
      if (input.value.trim()) open(true);
    });
    input.addEventListener("input", run);
    kind.addEventListener("change", run);
    type.addEventListener("change", run);
    box.addEventListener("keydown", function (event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "Escape") {
        open(false);
        input.focus();
      } else if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        (at === 0 ? input : all[at - 1]).focus();
      } else if (event.key === "Enter" && document.activeElement === input && all.length) {
        window.location.href = all[0].href;
      }
    });
    document.addEventListener("click", function (event) {
      if (!box.contains(event.target)) open(false);
    });
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  // An entity page's notes are folded (<details class="fold">): a link to one of them
  // (#fn:3, a note's number, a permalink from elsewhere) opens them and lands on it.
  function openFoldedTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var fold = target && target.closest ? target.closest("details.fold") : null;
    if (!fold || fold.open) return;
    fold.open = true;
    target.scrollIntoView();
  }

  function setUpFoldedNotes() {
    openFoldedTarget();
    if (window.dossierFoldsWatched) return;
    window.dossierFoldsWatched = true;
    window.addEventListener("hashchange", openFoldedTarget);
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.fold").forEach(function (fold) { fold.open = true; });
    });
  }

  function start() {
    var root = siteRoot();
    setUpSearch(root);
    hidePreview();
    setUpPreviews(root);
    setUpFoldedNotes();
    setUpNotes();
    setUpTimeline();
    setUpIndexFilter();
    setUpGraph(root);
    setUpCitation();
    setUpPrint();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else {
    start();
  }
})();
