/* rasd web page: map, timeline brush, filters, table, event panel with highlighted evidence.
 *
 * Every string from the data reaches the page through textContent or DOM text nodes, never innerHTML;
 * links from the data are made only for http(s) URLs.
 */
"use strict";
(function () {
  const I18N = window.RASD_I18N;
  const MAP_LIMIT = 5000;
  const TYPE_COLOR = new Map(I18N.types.map((t) => [t.id, t.color]));
  const OTHER_COLOR = "#34495e";
  const DAY = 86400000;

  const state = {
    lang: localStorage.getItem("rasd.lang") === "en" ? "en" : "ar",
    filters: { country: "", type: "", actor: "", search: "" },
    events: [],        // map view of the events matching the server-side filters
    total: 0,
    brush: null,       // [startMs, endMs] inclusive day range, or null
    selected: null,
    countries: new Set(),
    stats: null,
  };

  const $ = (id) => document.getElementById(id);
  const t = (key) => I18N[state.lang][key] ?? key;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === "className") node.className = v;
      else if (k === "dataset") Object.assign(node.dataset, v);
      else node.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function safeUrl(url) {
    if (typeof url !== "string") return null;
    try {
      const u = new URL(url, window.location.href);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function typeLabel(id) {
    if (state.lang === "ar") {
      const found = I18N.types.find((x) => x.id === id);
      if (found) return found.ar;
    }
    return id || "";
  }

  // ---------- language ----------
  function applyLanguage() {
    const L = I18N[state.lang];
    document.documentElement.lang = state.lang;
    document.documentElement.dir = L.dir;
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    $("lang").textContent = L.switchTo;
    fillTypeOptions();
    drawLegend();
    drawSummary();
    render();
    if (state.selected) openEvent(state.selected);
  }

  // ---------- filters ----------
  function fillTypeOptions() {
    const sel = $("f-type");
    const current = sel.value;
    while (sel.options.length > 1) sel.remove(1);
    for (const tp of I18N.types) sel.append(el("option", { value: tp.id }, typeLabel(tp.id)));
    sel.value = current;
  }

  function fillCountryOptions() {
    const sel = $("f-country");
    const current = sel.value;
    while (sel.options.length > 1) sel.remove(1);
    for (const c of [...state.countries].sort()) sel.append(el("option", { value: c }, c));
    sel.value = current;
  }

  function serverParams(extra) {
    const p = new URLSearchParams();
    const f = state.filters;
    if (f.country) p.set("country", f.country);
    if (f.type) p.set("type", f.type);
    if (f.actor) p.set("actor", f.actor);
    if (f.search) p.set("search", f.search);
    for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
    return p;
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  function selectionParams(extra) {
    const p = serverParams(extra);
    if (state.brush) {
      p.set("since", isoDay(state.brush[0]));
      p.set("until", isoDay(state.brush[1]));
    }
    return p;
  }

  function updateExportLinks() {
    $("export-csv").href = "/api/events?" + selectionParams({ format: "csv", limit: "100000" });
    $("export-geojson").href = "/api/events?" + selectionParams({ format: "geojson", limit: "100000" });
  }

  async function getJSON(url) {
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || res.status + " " + res.statusText);
    return body;
  }

  function showMessage(text) {
    $("message").textContent = text || "";
  }

  async function load() {
    showMessage(t("loading"));
    try {
      const data = await getJSON("/api/events?" + serverParams({ fields: "map", limit: String(MAP_LIMIT), count: "true" }));
      state.events = data.events.map((e) => ({ ...e, ms: e.event_date ? Date.parse(e.event_date) : null }));
      state.total = data.total;
      for (const e of state.events) if (e.country) state.countries.add(e.country);
      fillCountryOptions();
      showMessage(data.total > state.events.length ? t("truncated").replace("{n}", state.events.length) : "");
      state.brush = null;
      render(true);
    } catch (err) {
      showMessage(t("error") + ": " + err.message);
    }
  }

  function drawSummary() {
    const stats = state.stats || {};
    const parts = [];
    if (typeof stats.events === "number") parts.push(stats.events + " " + t("events"));
    if (typeof stats.articles === "number") parts.push(stats.articles + " " + t("articles"));
    $("summary").textContent = parts.join(" · ");
  }

  async function loadSideData() {
    try {
      state.stats = await getJSON("/api/stats");
      drawSummary();
    } catch (e) { /* the summary is optional */ }
    try {
      const actors = await getJSON("/api/actors?limit=500");
      const list = $("actor-list");
      list.replaceChildren();
      for (const a of actors.actors || []) {
        for (const name of [a.actor, a.actor_ar]) if (name) list.append(el("option", { value: name }));
      }
    } catch (e) { /* suggestions are optional */ }
  }

  // ---------- map ----------
  const map = L.map("map", { zoomControl: true, attributionControl: false, minZoom: 2, maxZoom: 12 })
    .setView([30, 40], 4);
  function clusterIcon(cluster) {
    // A pie of the event types in the cluster, drawn with a CSS conic gradient (no HTML strings).
    const counts = new Map();
    for (const m of cluster.getAllChildMarkers()) counts.set(m.color, (counts.get(m.color) || 0) + 1);
    const total = cluster.getChildCount();
    let acc = 0;
    const stops = [];
    for (const [color, n] of [...counts.entries()].sort((a, b) => b[1] - a[1])) {
      const a = (acc / total) * 360;
      acc += n;
      stops.push(`${color} ${a}deg ${(acc / total) * 360}deg`);
    }
    const size = total < 10 ? 30 : total < 100 ? 38 : 46;
    const ring = el("div", { className: "cluster" });
    ring.style.background = `conic-gradient(${stops.join(", ")})`;
    ring.style.width = ring.style.height = size + "px";
    ring.append(el("span", {}, String(total)));
    return L.divIcon({ html: ring, className: "cluster-icon", iconSize: L.point(size, size) });
  }
  const clusters = L.markerClusterGroup({
    maxClusterRadius: 45, showCoverageOnHover: false, chunkedLoading: true, iconCreateFunction: clusterIcon,
  });
  map.addLayer(clusters);
  const selectedRing = L.circleMarker([0, 0], { radius: 13, weight: 3, color: "#111", fill: false, interactive: false });
  fetch("/static/countries.geojson")
    .then((r) => r.json())
    .then((geo) => {
      L.geoJSON(geo, {
        interactive: false,
        style: { color: "#9a9a9a", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
      }).addTo(map).bringToBack();
    })
    .catch(() => {});

  function markerTooltip(e) {
    return () => el("div", { className: "tip" },
      el("strong", {}, typeLabel(e.event_type)), el("br"),
      el("span", {}, (e.event_date || "") + " · " + (state.lang === "ar" ? e.location_ar || e.location || "" : e.location || e.location_ar || "")));
  }

  function visibleEvents() {
    if (!state.brush) return state.events;
    const [a, b] = state.brush;
    return state.events.filter((e) => e.ms !== null && e.ms >= a && e.ms <= b);
  }

  function drawMarkers(events, fit) {
    clusters.clearLayers();
    const markers = [];
    for (const e of events) {
      if (typeof e.latitude !== "number" || typeof e.longitude !== "number") continue;
      const m = L.circleMarker([e.latitude, e.longitude], {
        radius: 7, weight: 1.5, color: "#ffffff", fillColor: TYPE_COLOR.get(e.event_type) || OTHER_COLOR, fillOpacity: 0.95,
      });
      m.eventId = e.event_id;
      m.color = TYPE_COLOR.get(e.event_type) || OTHER_COLOR;
      m.bindTooltip(markerTooltip(e), { direction: "top" });
      m.on("click", () => openEvent(e.event_id));
      markers.push(m);
    }
    clusters.addLayers(markers);
    if (fit && markers.length) {
      const b = L.latLngBounds(markers.map((m) => m.getLatLng()));
      map.fitBounds(b.pad(0.3), { maxZoom: 7 });
    }
    return markers.length;
  }

  function drawLegend() {
    const box = $("legend");
    box.replaceChildren();
    for (const tp of I18N.types) {
      const sw = el("span", { className: "swatch" });
      sw.style.background = tp.color;
      box.append(el("span", { className: "legend-item" }, sw, typeLabel(tp.id)));
    }
  }

  // ---------- timeline ----------
  const SVGNS = "http://www.w3.org/2000/svg";
  const tl = { x0: 0, x1: 0, bins: [], binMs: DAY, width: 0, height: 90, pad: 24, drag: null };

  function svg(tag, attrs) {
    const n = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
    return n;
  }

  function computeBins() {
    const dated = state.events.filter((e) => e.ms !== null);
    if (!dated.length) return [];
    let lo = Math.min(...dated.map((e) => e.ms));
    let hi = Math.max(...dated.map((e) => e.ms));
    const span = (hi - lo) / DAY;
    tl.binMs = span <= 120 ? DAY : span <= 1100 ? 7 * DAY : 30 * DAY;
    lo = lo - (lo % DAY);
    hi = hi + DAY;
    const n = Math.max(1, Math.ceil((hi - lo) / tl.binMs));
    const bins = Array.from({ length: n }, (_, i) => ({ start: lo + i * tl.binMs, count: 0 }));
    for (const e of dated) bins[Math.min(n - 1, Math.floor((e.ms - lo) / tl.binMs))].count += 1;
    tl.x0 = lo;
    tl.x1 = lo + n * tl.binMs;
    return bins;
  }

  function xOf(ms) {
    return tl.pad + ((ms - tl.x0) / (tl.x1 - tl.x0)) * (tl.width - 2 * tl.pad);
  }

  function msOf(x) {
    const f = (x - tl.pad) / (tl.width - 2 * tl.pad);
    return tl.x0 + Math.max(0, Math.min(1, f)) * (tl.x1 - tl.x0);
  }

  function drawTimeline() {
    const box = $("timeline");
    tl.width = box.clientWidth || 600;
    box.setAttribute("viewBox", `0 0 ${tl.width} ${tl.height}`);
    box.replaceChildren();
    tl.bins = computeBins();
    if (!tl.bins.length) return;
    const max = Math.max(...tl.bins.map((b) => b.count));
    const h = tl.height - 22;
    const bw = Math.max(1, (tl.width - 2 * tl.pad) / tl.bins.length - 1);
    for (const b of tl.bins) {
      const inBrush = !state.brush || (b.start + tl.binMs > state.brush[0] && b.start <= state.brush[1]);
      const bh = max ? Math.max(b.count ? 2 : 0, (b.count / max) * (h - 6)) : 0;
      const r = svg("rect", { x: xOf(b.start), y: h - bh, width: bw, height: bh, class: inBrush ? "bar" : "bar off" });
      const title = svg("title");
      title.textContent = isoDay(b.start) + ": " + b.count;
      r.append(title);
      box.append(r);
    }
    box.append(svg("line", { x1: tl.pad, x2: tl.width - tl.pad, y1: h, y2: h, class: "axis" }));
    for (const ms of [tl.x0, (tl.x0 + tl.x1) / 2, tl.x1 - DAY]) {
      const label = svg("text", { x: xOf(ms), y: tl.height - 6, class: "tick", "text-anchor": "middle" });
      label.textContent = isoDay(ms);
      box.append(label);
    }
    if (state.brush) {
      const x = xOf(state.brush[0]);
      const w = Math.max(2, xOf(state.brush[1] + DAY) - x);
      box.append(svg("rect", { x, y: 0, width: w, height: h, class: "brush", "data-testid": "brush" }));
    }
  }

  function pointerX(ev) {
    const r = $("timeline").getBoundingClientRect();
    return ((ev.clientX - r.left) / r.width) * tl.width;
  }

  function setBrushFromPixels(xa, xb) {
    const a = msOf(Math.min(xa, xb));
    const b = msOf(Math.max(xa, xb));
    const start = a - (a % DAY);
    const end = Math.max(start, b - (b % DAY));
    state.brush = [start, end];
  }

  const tlBox = $("timeline");
  tlBox.addEventListener("pointerdown", (ev) => {
    if (!tl.bins.length) return;
    tl.drag = pointerX(ev);
    tlBox.setPointerCapture(ev.pointerId);
  });
  tlBox.addEventListener("pointermove", (ev) => {
    if (tl.drag === null) return;
    setBrushFromPixels(tl.drag, pointerX(ev));
    drawTimeline();
  });
  tlBox.addEventListener("pointerup", (ev) => {
    if (tl.drag === null) return;
    const x = pointerX(ev);
    if (Math.abs(x - tl.drag) < 3) state.brush = null;
    else setBrushFromPixels(tl.drag, x);
    tl.drag = null;
    render(false);
  });

  // ---------- table ----------
  function drawTable(events) {
    const body = $("table").tBodies[0];
    body.replaceChildren();
    const rows = events.slice(0, 300);
    for (const e of rows) {
      const sw = el("span", { className: "swatch" });
      sw.style.background = TYPE_COLOR.get(e.event_type) || OTHER_COLOR;
      const loc = state.lang === "ar" ? e.location_ar || e.location : e.location || e.location_ar;
      const a1 = state.lang === "ar" ? e.actor1_ar || e.actor1 : e.actor1 || e.actor1_ar;
      const a2 = state.lang === "ar" ? e.actor2_ar || e.actor2 : e.actor2 || e.actor2_ar;
      const tr = el("tr", { tabindex: "0", dataset: { id: e.event_id } },
        el("td", { dir: "ltr" }, e.event_date || ""), el("td", {}, sw, " ", typeLabel(e.event_type)),
        el("td", {}, e.sub_event_type || ""), el("td", {}, a1 || ""), el("td", {}, a2 || ""),
        el("td", {}, e.country || ""), el("td", {}, loc || ""),
        el("td", { className: "num" }, e.fatalities ?? ""), el("td", { className: "num" }, e.injuries ?? ""));
      if (e.event_id === state.selected) tr.classList.add("selected");
      tr.addEventListener("click", () => openEvent(e.event_id));
      tr.addEventListener("keydown", (k) => { if (k.key === "Enter") openEvent(e.event_id); });
      body.append(tr);
    }
    if (!events.length) body.append(el("tr", {}, el("td", { colspan: "9" }, t("noEvents"))));
  }

  // ---------- render ----------
  function render(fit) {
    const events = visibleEvents();
    const n = drawMarkers(events, fit);
    drawTimeline();
    drawTable(events);
    $("count").textContent = `(${events.length} ${t("shown")}${state.total > events.length ? " " + t("of") + " " + state.total : ""})`;
    $("count").dataset.visible = String(events.length);
    $("map").dataset.markers = String(n);
    $("range").textContent = state.brush ? isoDay(state.brush[0]) + " → " + isoDay(state.brush[1]) : "";
    updateExportLinks();
  }

  // ---------- event panel ----------
  function highlighted(text, spans) {
    // Split the text at every span boundary; each piece is a text node, inside <mark> when covered.
    const frag = document.createDocumentFragment();
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = document.createTextNode(text.slice(a, b));
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      if (!covering.length) { frag.append(piece); continue; }
      const fields = [...new Set(covering.map((s) => s.field))];
      const mark = el("mark", { className: "ev ev-" + String(fields[0]).replace(/[^a-z0-9_]/gi, ""), title: fields.map(fieldLabel).join(", "), dataset: { fields: fields.join(" ") } }, piece);
      frag.append(mark);
    }
    return frag;
  }

  function fieldLabel(f) {
    return (I18N[state.lang].field || {})[f] || f;
  }

  function dl(pairs) {
    const d = el("dl", { className: "facts" });
    for (const [k, v] of pairs) {
      if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) continue;
      d.append(el("dt", {}, k), el("dd", {}, Array.isArray(v) ? v.join("؛ ") : v));
    }
    return d;
  }

  function attributions(list) {
    return (list || []).map((a) => (a.by ? `${a.actor} (${t("by")} ${a.by})` : a.actor));
  }

  function figuresTable(reports) {
    const table = el("table", { className: "figures", "data-testid": "figures" });
    const head = el("tr", {}, el("th", {}, ""));
    for (const r of reports) head.append(el("th", {}, r.source || (r.article && r.article.source) || r.article_id || "?"));
    table.append(el("thead", {}, head));
    const body = el("tbody");
    const rows = [
      [t("published"), (r) => r.published || ""],
      [t("fatalities"), (r) => r.fatalities ?? "–"],
      [t("injuries"), (r) => r.injuries ?? "–"],
      [t("claimedBy"), (r) => (r.claimed_by || []).join("؛ ") || "–"],
      [t("attributedTo"), (r) => attributions(r.attributed_to).join("؛ ") || "–"],
    ];
    for (const [label, get] of rows) {
      const tr = el("tr", {}, el("th", {}, label));
      for (const r of reports) tr.append(el("td", {}, get(r)));
      body.append(tr);
    }
    table.append(body);
    return table;
  }

  function articleBlock(report) {
    const box = el("article", { className: "source", "data-testid": "source-article" });
    const a = report.article;
    const head = el("header", {});
    head.append(el("h4", { dir: "auto" }, (a && a.title) || report.source || report.article_id || ""));
    const meta = el("div", { className: "meta" }, [report.source, report.published].filter(Boolean).join(" · "));
    const href = safeUrl(report.url || (a && a.url));
    if (href) {
      meta.append(" · ", el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, t("openLink")));
    }
    head.append(meta);
    box.append(head);
    if (!a) {
      box.append(el("p", { className: "missing" }, t("missingArticle")));
      return box;
    }
    const text = el("div", { className: "article-text", dir: "rtl", lang: "ar", "data-testid": "article-text" });
    text.append(highlighted(a.text, report.evidence || []));
    box.append(text);
    if (!(report.evidence || []).length) box.append(el("p", { className: "missing" }, t("noEvidence")));
    return box;
  }

  let openToken = 0;
  async function openEvent(id) {
    state.selected = id;
    const mine = ++openToken;
    const panel = $("panel");
    panel.replaceChildren(el("p", { className: "hint" }, t("loading")));
    for (const tr of $("table").tBodies[0].rows) tr.classList.toggle("selected", tr.dataset.id === id);
    let e;
    try {
      e = await getJSON("/api/events/" + encodeURIComponent(id));
    } catch (err) {
      if (mine === openToken) panel.replaceChildren(el("p", { className: "message" }, t("error") + ": " + err.message));
      return;
    }
    if (mine !== openToken) return;
    if (typeof e.latitude === "number" && typeof e.longitude === "number") {
      selectedRing.setLatLng([e.latitude, e.longitude]).addTo(map);
    } else {
      selectedRing.remove();
    }
    const close = el("button", { type: "button", className: "close", "aria-label": t("close") }, "×");
    close.addEventListener("click", () => {
      state.selected = null;
      selectedRing.remove();
      panel.replaceChildren(el("p", { className: "hint" }, t("hint")));
    });
    const sw = el("span", { className: "swatch" });
    sw.style.background = TYPE_COLOR.get(e.event_type) || OTHER_COLOR;
    const ar = state.lang === "ar";
    panel.replaceChildren(...[
      close,
      el("h3", { "data-testid": "event-title" }, sw, " ", typeLabel(e.event_type), " · ", e.sub_event_type || ""),
      e.background ? el("p", { className: "badge" }, t("background")) : null,
      dl([
        [t("date"), e.event_date],
        [t("location"), [ar ? e.location_ar || e.location : e.location || e.location_ar, e.admin1, e.country].filter(Boolean).join("، ")],
        [t("actor1"), [e.actor1, e.actor1_ar].filter(Boolean).join(" — ")],
        [t("actor2"), [e.actor2, e.actor2_ar].filter(Boolean).join(" — ")],
        [t("fatalities"), e.fatalities],
        [t("injuries"), e.injuries],
        [t("claimedBy"), e.claimed_by],
        [t("attributedTo"), attributions(e.attributed_to)],
        [t("weapons"), e.weapons],
        [t("notes"), e.notes],
      ]),
    ].filter(Boolean));
    const reports = e.source_articles || [];
    if (reports.length) {
      panel.append(el("h4", {}, t("figures")), figuresTable(reports));
      panel.append(el("h4", {}, t("sources") + " (" + reports.length + ")"));
      for (const r of reports) panel.append(articleBlock(r));
    }
  }

  // ---------- wiring ----------
  $("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    state.filters = {
      country: $("f-country").value, type: $("f-type").value,
      actor: $("f-actor").value.trim(), search: $("f-search").value.trim(),
    };
    load();
  });
  $("f-country").addEventListener("change", () => $("filters").requestSubmit());
  $("f-type").addEventListener("change", () => $("filters").requestSubmit());
  $("reset").addEventListener("click", () => {
    $("filters").reset();
    state.filters = { country: "", type: "", actor: "", search: "" };
    load();
  });
  $("clear-brush").addEventListener("click", () => { state.brush = null; render(false); });
  $("lang").addEventListener("click", () => {
    state.lang = state.lang === "ar" ? "en" : "ar";
    localStorage.setItem("rasd.lang", state.lang);
    applyLanguage();
  });
  window.addEventListener("resize", () => drawTimeline());

  // A read-only handle for tests and the console.
  window.rasdPage = {
    visibleCount: () => visibleEvents().length,
    markerCount: () => clusters.getLayers().length,
    brush: () => (state.brush ? state.brush.map(isoDay) : null),
    setBrush: (a, b) => { state.brush = [Date.parse(a), Date.parse(b)]; render(false); },
    openEvent,
    ready: false,
  };

  applyLanguage();
  Promise.all([load(), loadSideData()]).then(() => { window.rasdPage.ready = true; document.body.dataset.ready = "1"; });
})();
