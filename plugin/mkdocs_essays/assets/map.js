/* mkdocs-essays: zoom, pan and the filter of the knowledge map.
   The map is drawn at build time as SVG; without this script it is a picture of links.
   Zoom: the buttons, the wheel (on a local map with Ctrl), a pinch, or + - 0 and the arrow keys
   on the focused map. Pan: drag with a mouse or a finger. The filter (map/ only) highlights the
   topic, tag or essay it names and what it connects to (Enter opens a node's page); choosing a
   topic in the key under a map highlights its essays too. */
(function () {
  "use strict";
  var MAX_ZOOM = 12;

  function nameOf(node) {
    var title = node.querySelector("title");
    var text = title ? title.textContent : "";
    text = text.replace(/ \((Draft|Scheduled|Expired|Stub)(, (Draft|Scheduled|Expired|Stub))*\)$/, "");
    if (node.classList.contains("essay-map__node--term")) {
      var colon = text.indexOf(": ");
      if (colon >= 0) text = text.slice(colon + 2);
    } else if (node.classList.contains("essay-map__node--card")) {
      var from = text.lastIndexOf(" (pattern card from ");
      if (from >= 0) text = text.slice(0, from);
    }
    return text;
  }

  function setup(root) {
    if (root.getAttribute("data-essay-map") === "live") return;
    var svg = root.querySelector("svg.essay-map__svg");
    var dataElement = root.querySelector(".essay-map__data");
    if (!svg) return;
    root.setAttribute("data-essay-map", "live");
    root.classList.add("essay-map--live");
    var box = svg.viewBox.baseVal;
    var full = { x: box.x, y: box.y, w: box.width, h: box.height };
    var view = { x: full.x, y: full.y, w: full.w, h: full.h };
    var nodes = Array.prototype.slice.call(svg.querySelectorAll(".essay-map__node"));
    var names = nodes.map(nameOf);
    var neighbours = nodes.map(function () { return []; });
    var edges = [];
    var topics = [];
    try {
      var parsed = JSON.parse(dataElement ? dataElement.textContent : "{}");
      edges = parsed.edges || [];
      topics = parsed.topics || [];
    } catch (e) { edges = []; topics = []; }
    var keys = Array.prototype.slice.call(root.querySelectorAll(".essay-map__key--topic"));
    var topicNames = keys.map(function (key) {
      var name = key.querySelector(".essay-map__topic-name");
      return name ? name.textContent : "";
    });
    for (var i = 0; i + 1 < edges.length; i += 2) {
      if (neighbours[edges[i]] && neighbours[edges[i + 1]]) {
        neighbours[edges[i]].push(edges[i + 1]);
        neighbours[edges[i + 1]].push(edges[i]);
      }
    }
    var centres = [];
    function centre(index) {
      if (!centres[index]) {
        var b = nodes[index].querySelector(".essay-map__shape").getBBox();
        centres[index] = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
      return centres[index];
    }
    var controls = root.querySelector(".essay-map__controls");
    if (controls) controls.hidden = false;
    svg.setAttribute("tabindex", "0");

    function apply() {
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) { return Math.round(v * 100) / 100; }).join(" "));
      svg.style.setProperty("--essay-map-k", String(view.w / full.w));
    }
    function clamp() {
      view.w = Math.min(full.w, Math.max(full.w / MAX_ZOOM, view.w));
      view.h = view.w * full.h / full.w;
      view.x = Math.min(full.x + full.w - view.w, Math.max(full.x, view.x));
      view.y = Math.min(full.y + full.h - view.h, Math.max(full.y, view.y));
    }
    function zoom(factor, cx, cy) {
      if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
      var w = view.w / factor;
      view.x = cx - (cx - view.x) * w / view.w;
      view.y = cy - (cy - view.y) * w / view.w;
      view.w = w;
      clamp();
      apply();
    }
    function pan(dx, dy) { view.x += dx; view.y += dy; clamp(); apply(); }
    function reset() { view = { x: full.x, y: full.y, w: full.w, h: full.h }; apply(); }
    function toUser(clientX, clientY) {
      var rect = svg.getBoundingClientRect();
      // preserveAspectRatio meet: one scale for both axes, the picture centred
      var scale = Math.max(view.w / rect.width, view.h / rect.height);
      var offX = (rect.width - view.w / scale) / 2, offY = (rect.height - view.h / scale) / 2;
      return { x: view.x + (clientX - rect.left - offX) * scale, y: view.y + (clientY - rect.top - offY) * scale, scale: scale };
    }

    root.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-zoom]") : null;
      if (!button) return;
      var what = button.getAttribute("data-zoom");
      if (what === "in") zoom(1.5); else if (what === "out") zoom(1 / 1.5); else reset();
    });
    svg.addEventListener("wheel", function (event) {
      if (root.classList.contains("essay-map--local") && !event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      var at = toUser(event.clientX, event.clientY);
      zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2, at.x, at.y);
    }, { passive: false });
    svg.addEventListener("keydown", function (event) {
      var step = view.w / 10;
      var keys = { "+": function () { zoom(1.5); }, "=": function () { zoom(1.5); }, "-": function () { zoom(1 / 1.5); },
        "0": reset, ArrowLeft: function () { pan(-step, 0); }, ArrowRight: function () { pan(step, 0); },
        ArrowUp: function () { pan(0, -step); }, ArrowDown: function () { pan(0, step); } };
      var act = keys[event.key];
      if (act && !event.altKey && !event.ctrlKey && !event.metaKey) { event.preventDefault(); act(); }
    });
    // A node reached with Tab comes into view.
    svg.addEventListener("focusin", function (event) {
      var node = event.target.closest ? event.target.closest(".essay-map__node") : null;
      if (!node) return;
      var c = centre(nodes.indexOf(node));
      if (c.x < view.x || c.x > view.x + view.w || c.y < view.y || c.y > view.y + view.h) {
        view.x = c.x - view.w / 2; view.y = c.y - view.h / 2; clamp(); apply();
      }
    });

    var pointers = {};
    var moved = false;
    var pinch = 0;
    function count() { return Object.keys(pointers).length; }
    function spread() {
      var ids = Object.keys(pointers);
      var a = pointers[ids[0]], b = pointers[ids[1]];
      return Math.hypot(a.x - b.x, a.y - b.y);
    }
    svg.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "mouse" && event.button !== 0) return;
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      moved = false;
      if (count() === 2) pinch = spread();
    });
    svg.addEventListener("pointermove", function (event) {
      var last = pointers[event.pointerId];
      if (!last) return;
      var dx = event.clientX - last.x, dy = event.clientY - last.y;
      if (!moved && Math.hypot(dx, dy) < 4) return;
      if (!moved) { moved = true; svg.classList.add("is-dragging"); try { svg.setPointerCapture(event.pointerId); } catch (e) { /* gone */ } }
      if (count() === 2) {
        pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
        var now = spread();
        if (pinch > 0 && now > 0) {
          var ids = Object.keys(pointers);
          var mid = toUser((pointers[ids[0]].x + pointers[ids[1]].x) / 2, (pointers[ids[0]].y + pointers[ids[1]].y) / 2);
          zoom(now / pinch, mid.x, mid.y);
        }
        pinch = now;
        return;
      }
      var scale = toUser(event.clientX, event.clientY).scale;
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      pan(-dx * scale, -dy * scale);
    });
    function up(event) {
      delete pointers[event.pointerId];
      if (count() < 2) pinch = 0;
      if (!count()) svg.classList.remove("is-dragging");
    }
    svg.addEventListener("pointerup", up);
    svg.addEventListener("pointercancel", up);
    // A drag that ends on a node pans; it does not open the node's page.
    svg.addEventListener("click", function (event) {
      if (moved) { event.preventDefault(); event.stopPropagation(); moved = false; }
    }, true);

    var input = root.querySelector(".essay-map__input");
    var status = root.querySelector(".essay-map__status");
    var labels = Array.prototype.slice.call(svg.querySelectorAll(".essay-map__labels text"));
    var edgeGroup = svg.querySelector(".essay-map__edges");
    var lit = null;
    var litTopic = -1;

    function clearTopic() {
      root.classList.remove("essay-map--filtered");
      svg.querySelectorAll(".is-lit").forEach(function (el) { el.classList.remove("is-lit"); });
      keys.forEach(function (key) { key.classList.remove("is-lit"); key.setAttribute("aria-pressed", "false"); });
      litTopic = -1;
    }
    function highlightTopic(k) {
      clear();
      if (k < 0 || !topics[k]) return;
      litTopic = k;
      var on = {};
      topics[k].forEach(function (index) { on[index] = true; if (nodes[index]) nodes[index].classList.add("is-lit"); });
      labels.forEach(function (label) {
        if (on[label.getAttribute("data-node")]) label.classList.add("is-lit");
      });
      var id = keys[k] ? keys[k].getAttribute("data-topic") : null;
      if (id !== null) {
        svg.querySelectorAll('[data-topic="' + id + '"]').forEach(function (el) { el.classList.add("is-lit"); });
        keys[k].classList.add("is-lit");
        keys[k].setAttribute("aria-pressed", "true");
      }
      root.classList.add("essay-map--filtered");
      if (status) {
        var count = topics[k].length;
        status.textContent = topicNames[k] + ": " + count + (count === 1 ? " node" : " nodes");
      }
    }
    keys.forEach(function (key, k) {
      key.setAttribute("role", "button");
      key.setAttribute("tabindex", "0");
      key.setAttribute("aria-pressed", "false");
      function toggle() { if (litTopic === k) clear(); else highlightTopic(k); }
      key.addEventListener("click", toggle);
      key.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(); }
      });
    });
    if (!input) return;
    var list = document.createElement("datalist");
    list.id = "essay-map-names-" + Math.random().toString(36).slice(2);
    var seen = {};
    topicNames.forEach(function (name) {
      if (!name || seen[name]) return;
      seen[name] = true;
      var option = document.createElement("option");
      option.value = name;
      list.appendChild(option);
    });
    nodes.forEach(function (node, index) {
      if (node.classList.contains("essay-map__node--card") || seen[names[index]]) return;
      seen[names[index]] = true;
      var option = document.createElement("option");
      option.value = names[index];
      list.appendChild(option);
    });
    root.appendChild(list);
    input.setAttribute("list", list.id);

    function kindRank(node) {
      return node.classList.contains("essay-map__node--term") ? 0 : node.classList.contains("essay-map__node--essay") ? 1 : 2;
    }
    function find(query) {
      var best = -1, bestKey = null;
      nodes.forEach(function (node, index) {
        var name = names[index].toLowerCase();
        var how = name === query ? 0 : name.indexOf(query) === 0 ? 1 : name.indexOf(query) >= 0 ? 2 : -1;
        if (how < 0) return;
        var key = [how, kindRank(node), name.length, index];
        for (var k = 0; k < key.length; k++) {
          if (bestKey === null || key[k] < bestKey[k]) { best = index; bestKey = key; return; }
          if (key[k] > bestKey[k]) return;
        }
      });
      return best;
    }
    function clear() {
      clearTopic();
      var old = edgeGroup.querySelector(".essay-map__edge--lit");
      if (old) old.remove();
      lit = null;
      if (status) status.textContent = "";
    }
    function findTopic(query) {
      var best = -1, bestHow = 3;
      topicNames.forEach(function (name, k) {
        var lower = name.toLowerCase();
        var how = lower === query ? 0 : lower.indexOf(query) === 0 ? 1 : lower.indexOf(query) >= 0 ? 2 : 3;
        if (how < bestHow) { best = k; bestHow = how; }
      });
      return { index: best, how: bestHow };
    }
    function highlight(index) {
      clear();
      if (index < 0) return;
      lit = index;
      var on = {};
      on[index] = true;
      neighbours[index].forEach(function (other) { on[other] = true; });
      nodes.forEach(function (node, i) { if (on[i]) node.classList.add("is-lit"); });
      labels.forEach(function (label) { if (on[label.getAttribute("data-node")]) label.classList.add("is-lit"); });
      var a = centre(index);
      var d = neighbours[index].map(function (other) { var b = centre(other); return "M" + a.x + " " + a.y + "L" + b.x + " " + b.y; }).join("");
      if (d) {
        var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
        path.setAttribute("class", "essay-map__edge essay-map__edge--lit");
        path.setAttribute("d", d);
        edgeGroup.appendChild(path);
      }
      root.classList.add("essay-map--filtered");
      if (status) {
        var n = neighbours[index].length;
        status.textContent = names[index] + ": " + n + (n === 1 ? " connection" : " connections");
      }
    }
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      if (!query) { clear(); return; }
      var topic = findTopic(query);
      var node = find(query);
      // a topic's name wins over a node that matches it no better
      if (topic.index >= 0 && (node < 0 || topic.how <= 1)) highlightTopic(topic.index);
      else highlight(node);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && lit !== null) {
        event.preventDefault();
        window.location.href = nodes[lit].getAttribute("href");
      } else if (event.key === "Escape") {
        input.value = "";
        clear();
      }
    });
  }

  function start() {
    document.querySelectorAll(".essay-map").forEach(setup);
  }
  // Material's instant navigation swaps pages without loading the script again.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
