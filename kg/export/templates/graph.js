/* kg graph page: builds the vis network from the JSON blocks and wires the legend filters,
   the search (Simplified or Traditional), the side panel and the edge tooltips.
   Every text from the graph goes into the DOM through textContent, never innerHTML. */
(function () {
  "use strict";

  function json(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  var nodeList = json("kg-nodes");
  var edgeList = json("kg-edges");
  var data = json("kg-payload");
  var info = data.info;
  var T2S = data.t2s;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  var typeStyle = {};
  data.types.forEach(function (t) { typeStyle[t.type] = t; });
  var predicateStyle = {};
  data.predicates.forEach(function (p) { predicateStyle[p.predicate] = p; });

  function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function nameOf(id) {
    return info[id] ? info[id].name : id;
  }

  // A sentence with some code-point spans highlighted, clipped around the first span.
  // Offsets from Python count code points, so the text is split with Array.from, not indexed.
  function sentenceNode(text, spans, width) {
    var chars = Array.from(text);
    var from = 0;
    var to = chars.length;
    if (chars.length > width) {
      var first = spans.length ? spans[0][0] : 0;
      from = Math.max(0, Math.min(first - Math.floor(width / 4), chars.length - width));
      to = from + width;
    }
    var out = el("span", "kg-sentence");
    var at = from;
    if (from > 0) out.appendChild(document.createTextNode("…"));
    spans.slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (span) {
      var start = Math.max(span[0], at);
      var end = Math.min(span[1], to);
      if (end <= start) return;
      if (start > at) out.appendChild(document.createTextNode(chars.slice(at, start).join("")));
      out.appendChild(el("mark", null, chars.slice(start, end).join("")));
      at = end;
    });
    if (to > at) out.appendChild(document.createTextNode(chars.slice(at, to).join("")));
    if (to < chars.length) out.appendChild(document.createTextNode("…"));
    return out;
  }

  function sentenceWhere(ref) {
    var s = data.sentences[ref];
    return data.docs[s[0]] + " · 第 " + (s[1] + 1) + " 句";
  }

  function predicateLabel(edge) {
    var p = predicateStyle[edge.predicate];
    var label = p ? p.label + " " + edge.predicate : edge.predicate;
    return edge.position ? label + " #" + edge.position : label;
  }

  // Edge tooltips are DOM elements (vis shows a string title as plain text, an element as is).
  function edgeTip(edge) {
    var tip = el("div", "kg-tip");
    tip.appendChild(el("div", "kg-tip-head", nameOf(edge.from) + " → " + nameOf(edge.to)));
    tip.appendChild(el("div", "kg-meta", predicateLabel(edge) + " · " + edge.weight + " 句 sentences"));
    if (edge.evidence) {
      var s = data.sentences[edge.evidence[0]];
      tip.appendChild(sentenceNode(s[2], [[edge.evidence[1], edge.evidence[2]]], 160));
      tip.appendChild(el("div", "kg-meta", sentenceWhere(edge.evidence[0])));
    }
    return tip;
  }
  edgeList.forEach(function (edge) {
    var style = predicateStyle[edge.predicate];
    var co = edge.predicate === "coOccursWith";
    edge.color = { color: style.color, highlight: "#111111", hover: "#111111", opacity: co ? 0.7 : 1 };
    edge.dashes = style.dashes;
    edge.arrows = style.arrow ? "to" : "";
    if (!edge.width) edge.width = 1.8;
    edge.title = edgeTip(edge);
  });
  nodeList.forEach(function (node) {
    var n = info[node.id];
    node.title = n.name + "\n" + typeStyle[n.type].label + " " + n.type + " · 提及 " + n.mentions + " 次";
  });

  var nodes = new vis.DataSet(nodeList);
  var edges = new vis.DataSet(edgeList);
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, window.KG_OPTIONS);
  window.kgNetwork = network;

  var drawn = false;
  network.on("afterDrawing", function () {
    if (!drawn) {
      drawn = true;
      document.body.setAttribute("data-kg-drawn", "true");
    }
  });

  // Adjacency for the side panel.
  var adjacent = {};
  edgeList.forEach(function (edge) {
    (adjacent[edge.from] = adjacent[edge.from] || []).push(edge);
    (adjacent[edge.to] = adjacent[edge.to] || []).push(edge);
  });

  // ---- legend and filters ----------------------------------------------------------------
  var typeOn = {};
  var predicateOn = {};

  function symbol(shape, color, dashes, line) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("viewBox", "-9 -9 18 18");
    svg.setAttribute("aria-hidden", "true");
    var shapeEl;
    if (line) {
      shapeEl = document.createElementNS(ns, "line");
      shapeEl.setAttribute("x1", "-8");
      shapeEl.setAttribute("y1", "0");
      shapeEl.setAttribute("x2", "8");
      shapeEl.setAttribute("y2", "0");
      shapeEl.setAttribute("stroke", color);
      shapeEl.setAttribute("stroke-width", "2.5");
      if (dashes) shapeEl.setAttribute("stroke-dasharray", "4 2");
      svg.appendChild(shapeEl);
      return svg;
    }
    var points = {
      diamond: "0,-8 8,0 0,8 -8,0",
      square: "-6.5,-6.5 6.5,-6.5 6.5,6.5 -6.5,6.5",
      triangle: "0,-8 7.5,6 -7.5,6",
      triangleDown: "0,8 7.5,-6 -7.5,-6",
      hexagon: "0,-8 7,-4 7,4 0,8 -7,4 -7,-4",
      star: "0,-8.5 2.2,-2.8 8.1,-2.6 3.5,1.1 5,6.9 0,3.5 -5,6.9 -3.5,1.1 -8.1,-2.6 -2.2,-2.8"
    }[shape];
    if (points) {
      shapeEl = document.createElementNS(ns, "polygon");
      shapeEl.setAttribute("points", points);
    } else {
      shapeEl = document.createElementNS(ns, "circle");
      shapeEl.setAttribute("r", "6.5");
    }
    shapeEl.setAttribute("fill", color);
    svg.appendChild(shapeEl);
    return svg;
  }

  function legendRow(list, key, label, count, on, icon, onChange) {
    var li = el("li");
    var lab = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = on;
    box.setAttribute("data-kg-filter", key);
    box.addEventListener("change", function () { onChange(box.checked); });
    lab.appendChild(box);
    lab.appendChild(icon);
    lab.appendChild(el("span", "kg-label", label));
    lab.appendChild(el("span", "kg-count", count));
    li.appendChild(lab);
    list.appendChild(li);
    return box;
  }

  var typeBoxes = {};
  data.types.forEach(function (t) {
    typeOn[t.type] = true;
    typeBoxes[t.type] = legendRow(document.getElementById("kg-types"), t.type, t.label + " " + t.type, t.count, true,
      symbol(t.shape, t.color), function (on) { typeOn[t.type] = on; applyFilters(); });
  });
  var hiddenCo = null;
  data.predicates.forEach(function (p) {
    predicateOn[p.predicate] = p.shown;
    legendRow(document.getElementById("kg-predicates"), p.predicate, p.label + " " + p.predicate, p.count, p.shown,
      symbol(null, p.color, p.dashes, true), function (on) { predicateOn[p.predicate] = on; applyFilters(); });
    if (!p.shown) hiddenCo = p;
  });
  var note = [];
  if (hiddenCo) note.push(hiddenCo.label + "边较多，默认隐藏；勾选即可显示。");
  data.predicates.forEach(function (p) {
    if (p.count < p.total) note.push("只保留最强的 " + p.count + " 条" + p.label + "边（共 " + p.total + " 条）。");
  });
  document.getElementById("kg-note").textContent = note.join(" ");

  function updateStats() {
    var shownNodes = nodes.get({ filter: function (n) { return !n.hidden; } }).length;
    var shownEdges = edges.get({
      filter: function (e) {
        return !e.hidden && typeOn[info[e.from].type] && typeOn[info[e.to].type];
      }
    }).length;
    document.getElementById("kg-stats").textContent =
      "节点 " + shownNodes + "/" + nodeList.length + " · 边 " + shownEdges + "/" + edgeList.length;
  }

  function applyFilters() {
    var nodeChanges = [];
    nodes.forEach(function (n) {
      var hidden = !typeOn[n.group];
      if (Boolean(n.hidden) !== hidden) nodeChanges.push({ id: n.id, hidden: hidden });
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    var edgeChanges = [];
    edges.forEach(function (e) {
      var hidden = !predicateOn[e.predicate];
      if (Boolean(e.hidden) !== hidden) edgeChanges.push({ id: e.id, hidden: hidden });
    });
    if (edgeChanges.length) edges.update(edgeChanges);
    var selected = network.getSelectedNodes();
    if (selected.length && !typeOn[info[selected[0]].type]) closePanel();
    updateStats();
  }

  // ---- search ----------------------------------------------------------------------------
  function normalise(text) {
    var out = "";
    Array.from(text.normalize("NFKC").toLowerCase()).forEach(function (c) {
      if (!/\s/.test(c)) out += T2S[c] || c;
    });
    return out;
  }

  function search(query) {
    var q = normalise(query);
    if (!q) return [];
    var found = [];
    Object.keys(info).forEach(function (id) {
      var best = 3;
      info[id].keys.forEach(function (key) {
        if (key === q) best = 0;
        else if (best > 1 && key.indexOf(q) === 0) best = 1;
        else if (best > 2 && key.indexOf(q) > 0) best = 2;
      });
      if (best < 3) found.push([best, -info[id].mentions, id]);
    });
    found.sort(function (a, b) {
      return a[0] - b[0] || a[1] - b[1] || compare(a[2], b[2]);
    });
    return found.slice(0, 12).map(function (f) { return f[2]; });
  }

  var input = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");

  function showResults() {
    var ids = search(input.value);
    results.textContent = "";
    if (!input.value.trim()) {
      results.hidden = true;
      return ids;
    }
    if (!ids.length) results.appendChild(el("li", "kg-empty", "没有找到 No match"));
    ids.forEach(function (id, i) {
      var li = el("li", i === 0 ? "kg-first" : null);
      var button = el("button");
      button.type = "button";
      button.setAttribute("data-kg-node", id);
      button.appendChild(symbol(typeStyle[info[id].type].shape, typeStyle[info[id].type].color));
      button.appendChild(el("span", null, info[id].name));
      button.appendChild(el("span", "kg-count", typeStyle[info[id].type].label));
      button.addEventListener("click", function () { choose(id); });
      li.appendChild(button);
      results.appendChild(li);
    });
    results.hidden = false;
    return ids;
  }

  function choose(id) {
    results.hidden = true;
    if (!typeOn[info[id].type]) {
      typeOn[info[id].type] = true;
      typeBoxes[info[id].type].checked = true;
      applyFilters();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showPanel(id);
  }

  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var ids = showResults();
      if (ids.length) choose(ids[0]);
    } else if (event.key === "Escape") {
      input.value = "";
      results.hidden = true;
    }
  });

  // ---- side panel ------------------------------------------------------------------------
  var panel = document.getElementById("kg-panel");
  var body = document.getElementById("kg-panel-body");

  function section(title) {
    body.appendChild(el("h3", null, title));
  }

  function nodeLink(id) {
    var button = el("button", "kg-link", nameOf(id));
    button.type = "button";
    button.setAttribute("data-kg-node", id);
    button.addEventListener("click", function () { choose(id); });
    return button;
  }

  function showPanel(id) {
    var node = info[id];
    var style = typeStyle[node.type];
    body.textContent = "";
    body.appendChild(el("h2", "kg-name", node.name));
    var meta = el("p", "kg-meta");
    var badge = el("span", "kg-badge", style.label + " " + node.type);
    badge.style.background = style.color;
    meta.appendChild(badge);
    meta.appendChild(document.createTextNode(id + (node.code && node.code !== id ? " · 代码 " + node.code : "") +
      " · 提及 " + node.mentions + " 次"));
    body.appendChild(meta);
    if (node.aliases.length) {
      section("别名 Aliases");
      body.appendChild(el("p", "kg-aliases", node.aliases.join("、")));
    }
    if (node.docs.length) {
      section("文档 Documents (" + node.docs.length + ")");
      var docs = el("ul", "kg-docs");
      node.docs.forEach(function (d) { docs.appendChild(el("li", null, data.docs[d])); });
      body.appendChild(docs);
    }
    if (node.evidence.length) {
      section("证据 Evidence (" + node.evidence.length + "/" + node.sentences + " 句)");
      var list = el("ol", "kg-evidence");
      node.evidence.forEach(function (ev) {
        var li = el("li");
        li.appendChild(sentenceNode(data.sentences[ev[0]][2], ev[1], 200));
        li.appendChild(el("span", "kg-where", sentenceWhere(ev[0])));
        list.appendChild(li);
      });
      body.appendChild(list);
    }
    var links = (adjacent[id] || []).slice().sort(function (a, b) {
      var ca = a.predicate === "coOccursWith" ? 1 : 0;
      var cb = b.predicate === "coOccursWith" ? 1 : 0;
      return ca - cb || compare(a.predicate, b.predicate) || (a.position || 0) - (b.position || 0) ||
        b.weight - a.weight || compare(nameOf(a.from === id ? a.to : a.from), nameOf(b.from === id ? b.to : b.from));
    });
    if (links.length) {
      section("关系 Relations (" + links.length + ")");
      var rel = el("ul", "kg-relations");
      links.slice(0, 30).forEach(function (edge) {
        var li = el("li");
        var outgoing = edge.from === id;
        li.appendChild(el("span", "kg-meta", predicateLabel(edge) + (outgoing ? " → " : " ← ")));
        li.appendChild(nodeLink(outgoing ? edge.to : edge.from));
        rel.appendChild(li);
      });
      body.appendChild(rel);
    }
    panel.hidden = false;
    panel.setAttribute("data-kg-node", id);
  }

  function closePanel() {
    panel.hidden = true;
    panel.removeAttribute("data-kg-node");
    network.unselectAll();
  }

  document.getElementById("kg-close").addEventListener("click", closePanel);
  network.on("click", function (params) {
    if (params.nodes.length) showPanel(params.nodes[0]);
    else if (!params.edges.length) closePanel();
  });

  updateStats();
})();
