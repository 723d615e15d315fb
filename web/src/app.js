// app.js -- the sitrep UI: incidents on a map (Natural Earth outlines, no
// tile server) coloured by type and sized by killed, a monthly timeline
// whose brushing filters the map, filters sent to GET /api/incidents, an
// incident panel (GET /api/incidents/{id}) with every field, the reports,
// the sources and the evidence sentences with each filled span
// highlighted, and a box that sends an article to POST /api/extract.
//
// Everything that comes from an article or the database is put into the
// page as text (textContent, createTextNode), never as HTML: an article
// holding <script> shows the characters.  Spans are byte offsets into
// UTF-8 text; they are cut on the UTF-8 bytes (TextEncoder) and decoded
// back, so multi-byte characters stay whole.
'use strict';
(function () {
  const TYPE_COLOURS = {
    armed_assault: '#d32f2f', bombing: '#f57c00', suicide_bombing: '#bf360c',
    shelling_airstrike: '#6d4c41', kidnapping: '#7b1fa2', hostage_taking: '#8e24aa',
    assassination: '#c2185b', arson: '#ff5722', hijacking: '#5d4037', robbery: '#455a64',
    armed_clash: '#1976d2', massacre: '#880e4f', unarmed_assault: '#00897b',
    forced_work_stoppage: '#9e9d24', protest: '#0288d1', riot: '#303f9f'
  };
  const PAGE = 5000;
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const $ = (id) => document.getElementById(id);
  const state = { incidents: [], markers: [], brush: null, months: [] };

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      if (k === 'class') e.className = attrs[k];
      else if (k === 'text') e.textContent = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    for (const c of kids) if (c != null) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  function colour(type) { return TYPE_COLOURS[type] || '#546e7a'; }
  function killedOf(inc) {
    const k = inc.casualties && inc.casualties.killed;
    return k && typeof k.value === 'number' ? k.value : (k && typeof k.min === 'number' ? k.min : 0);
  }
  function radius(inc) { return 5 + 3 * Math.sqrt(killedOf(inc)); }
  function dateOf(inc) { return inc.date && inc.date.value ? inc.date.value : null; }
  function monthOf(inc) { const d = dateOf(inc); return d && d.length >= 7 ? d.slice(0, 7) : null; }

  async function getJSON(url, opts) {
    const r = await fetch(url, opts);
    const body = await r.json().catch(() => ({ error: r.statusText }));
    if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
    return body;
  }

  // ---- map ---------------------------------------------------------------
  const map = L.map('map', { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([15, 10], 3);
  const markerLayer = L.layerGroup().addTo(map);

  async function loadOutlines() {
    try {
      const world = await getJSON('vendor/countries-50m.json');
      const land = topojson.feature(world, world.objects.countries);
      // Antarctica's outline runs along the map's lower edge: left out
      land.features = land.features.filter((f) => f.id !== '010');
      // rings that cross the antimeridian (Fiji, Russia) jump from 180 to
      // -180: keep each ring continuous so no line crosses the whole map
      const unwrap = (ring) => {
        for (let i = 1; i < ring.length; i++) {
          while (ring[i][0] - ring[i - 1][0] > 180) ring[i][0] -= 360;
          while (ring[i][0] - ring[i - 1][0] < -180) ring[i][0] += 360;
        }
      };
      for (const f of land.features) {
        const g = f.geometry;
        if (!g) continue;
        const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
        for (const poly of polys) poly.forEach(unwrap);
      }
      L.geoJSON(land, {
        style: { color: '#8d8d8d', weight: 0.6, fillColor: '#f2efe6', fillOpacity: 1 },
        interactive: false
      }).addTo(map);
      markerLayer.eachLayer((m) => m.bringToFront());
    } catch (e) {
      setStatus('country outlines: ' + e.message, true);
    }
  }

  function setStatus(text, bad) {
    const s = $('status');
    s.textContent = text;
    s.className = bad ? 'error' : '';
  }

  function inBrush(inc) {
    if (!state.brush) return true;
    const m = monthOf(inc);
    return m != null && m >= state.brush[0] && m <= state.brush[1];
  }

  function drawMarkers() {
    markerLayer.clearLayers();
    state.markers = [];
    let shown = 0;
    for (const inc of state.incidents) {
      const loc = inc.location;
      if (!loc || typeof loc.lat !== 'number' || typeof loc.lon !== 'number') continue;
      if (!inBrush(inc)) continue;
      const m = L.circleMarker([loc.lat, loc.lon], {
        radius: radius(inc), color: '#222', weight: 1, fillColor: colour(inc.type),
        fillOpacity: inc.status === 'background' ? 0.45 : 0.85, className: 'incident-marker'
      });
      m.bindTooltip(() => {
        const t = el('span');
        t.textContent = `${inc.type} · ${loc.name || ''} · ${dateOf(inc) || 'date unknown'}` +
          ` · killed ${killedOf(inc)}`;
        return t;
      });
      m.on('click', () => openIncident(inc.id));
      m.addTo(markerLayer);
      const p = m.getElement();
      if (p) {
        p.dataset.id = inc.id;
        p.dataset.status = inc.status;
        p.dataset.type = inc.type;
      }
      state.markers.push(m);
      shown++;
    }
    const located = state.incidents.filter((i) => i.location && typeof i.location.lat === 'number').length;
    setStatus(`${state.incidents.length} incidents, ${located} on the map` +
      (state.brush ? `, ${shown} in ${state.brush[0]} – ${state.brush[1]}` : ''));
  }

  function drawLegend() {
    const types = [...new Set(state.incidents.map((i) => i.type))].sort();
    const box = $('legend');
    box.replaceChildren(...types.map((t) => {
      const s = el('span', { text: t });
      s.style.setProperty('--c', colour(t));
      return s;
    }), el('span', { text: 'size: killed', class: 'size-note' }));
  }

  // ---- timeline (months) with a brush ------------------------------------
  const SVGNS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs) {
    const e = document.createElementNS(SVGNS, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  function monthAdd(m, k) {
    let y = +m.slice(0, 4), mo = +m.slice(5, 7) - 1 + k;
    y += Math.floor(mo / 12); mo = ((mo % 12) + 12) % 12;
    return String(y).padStart(4, '0') + '-' + String(mo + 1).padStart(2, '0');
  }

  function drawTimeline() {
    const box = $('timeline');
    const counts = new Map();
    for (const inc of state.incidents) {
      const m = monthOf(inc);
      if (m) counts.set(m, (counts.get(m) || 0) + 1);
    }
    const keys = [...counts.keys()].sort();
    box.replaceChildren();
    state.months = [];
    if (!keys.length) return;
    let m = monthAdd(keys[0], -1);
    const last = monthAdd(keys[keys.length - 1], 1);
    while (m <= last && state.months.length < 1200) { state.months.push(m); m = monthAdd(m, 1); }
    const W = box.clientWidth || 600, H = 84, base = H - 14;
    const bw = W / state.months.length;
    const max = Math.max(...counts.values());
    state.months.forEach((mo, i) => {
      const n = counts.get(mo) || 0;
      if (!n) return;
      const h = Math.max(2, (base - 4) * n / max);
      const out = state.brush && (mo < state.brush[0] || mo > state.brush[1]);
      const r = svg('rect', { x: i * bw + 0.5, y: base - h, width: Math.max(1, bw - 1), height: h,
                              class: 'bar' + (out ? ' out' : '') });
      const t = svg('title', {});
      t.textContent = `${mo}: ${n}`;
      r.append(t);
      box.append(r);
    });
    const step = Math.max(1, Math.ceil(state.months.length / 8));
    state.months.forEach((mo, i) => {
      if (i % step) return;
      const t = svg('text', { x: i * bw + 1, y: H - 2 });
      t.textContent = mo;
      box.append(t);
    });
    if (state.brush) {
      const a = state.months.indexOf(state.brush[0]), b = state.months.indexOf(state.brush[1]);
      if (a >= 0 && b >= 0)
        box.append(svg('rect', { x: a * bw, y: 0, width: (b - a + 1) * bw, height: base, class: 'brush' }));
    }
  }

  function monthAt(x) {
    const box = $('timeline');
    const W = box.clientWidth || 600;
    const i = Math.min(state.months.length - 1, Math.max(0, Math.floor(x / (W / state.months.length))));
    return state.months[i];
  }

  (function brushing() {
    const box = $('timeline');
    let start = null;
    box.addEventListener('pointerdown', (e) => {
      if (!state.months.length) return;
      start = e.offsetX;
      box.setPointerCapture(e.pointerId);
    });
    box.addEventListener('pointermove', (e) => {
      if (start == null) return;
      const a = monthAt(Math.min(start, e.offsetX)), b = monthAt(Math.max(start, e.offsetX));
      state.brush = [a, b];
      drawTimeline();
    });
    box.addEventListener('pointerup', (e) => {
      if (start == null) return;
      if (Math.abs(e.offsetX - start) < 3) state.brush = null;   // a click clears
      start = null;
      drawTimeline();
      drawMarkers();
    });
    box.addEventListener('dblclick', () => {
      state.brush = null;
      drawTimeline();
      drawMarkers();
    });
  })();

  // ---- filters -------------------------------------------------------------
  function queryString() {
    const f = new FormData($('filters'));
    const p = new URLSearchParams();
    for (const [k, v] of f.entries()) if (String(v).trim()) p.set(k, String(v).trim());
    p.set('limit', PAGE);
    return p.toString();
  }

  async function loadIncidents() {
    setStatus('loading…');
    try {
      const body = await getJSON('api/incidents?' + queryString());
      state.incidents = body.incidents;
      state.brush = null;
      drawLegend();
      drawTimeline();
      drawMarkers();
      if (body.next_offset != null) setStatus($('status').textContent + ` (first ${PAGE} shown)`);
    } catch (e) {
      setStatus(e.message, true);
    }
  }

  async function loadChoices() {
    try {
      const s = await getJSON('api/stats');
      const fill = (name, obj) => {
        const sel = $('filters').elements[name];
        for (const k of Object.keys(obj)) if (k) sel.append(el('option', { value: k, text: `${k} (${obj[k]})` }));
      };
      fill('type', s.by_type);
      fill('country', s.by_country);
    } catch (e) {
      setStatus('stats: ' + e.message, true);
    }
  }

  $('filters').addEventListener('submit', (e) => { e.preventDefault(); loadIncidents(); });
  $('reset').addEventListener('click', () => { $('filters').reset(); loadIncidents(); });

  // ---- spans and highlighting ----------------------------------------------
  // The filled spans of a sitrep/1 incident: [start, end, role].
  function filledSpans(rep) {
    const out = [];
    const add = (role, f) => {
      if (f && Array.isArray(f.span) && f.span.length === 2) out.push([f.span[0], f.span[1], role]);
    };
    add('trigger', rep.trigger);
    add('date', rep.date);
    add('location', rep.location);
    add('site', rep.site);
    for (const role of ['perpetrators', 'perpetrator_orgs', 'targets', 'victims', 'weapons',
                        'responders', 'claimed_by', 'sources'])
      for (const f of rep[role] || []) add(role, f);
    for (const k in rep.casualties || {}) add('casualties', rep.casualties[k]);
    return out;
  }

  // A fragment: bytes[from, to) of a UTF-8 text with the spans inside it
  // marked (spans in the same offsets as from/to; overlaps: the earliest,
  // then the longest, wins).
  function highlighted(bytes, from, to, spans) {
    const frag = document.createDocumentFragment();
    const inside = spans.filter((s) => s[0] >= from && s[1] <= to && s[1] > s[0])
      .sort((a, b) => a[0] - b[0] || (b[1] - b[0]) - (a[1] - a[0]));
    let at = from;
    for (const [s, e, role] of inside) {
      if (s < at) continue;
      if (s > at) frag.append(document.createTextNode(dec.decode(bytes.subarray(at, s))));
      const m = el('mark', { class: 'fill fill-' + role, title: role.replace('_', ' ') });
      m.textContent = dec.decode(bytes.subarray(s, e));
      frag.append(m);
      at = e;
    }
    if (at < to) frag.append(document.createTextNode(dec.decode(bytes.subarray(at, to))));
    return frag;
  }

  function countText(c) {
    if (!c) return null;
    if (typeof c.value === 'number') {
      let s = String(c.value);
      if (c.lo != null && (c.lo !== c.value || (c.hi != null && c.hi !== c.value)))
        s += ` (reports: ${c.lo}–${c.hi == null || c.hi < 0 ? '…' : c.hi})`;
      return s;
    }
    if (typeof c.min === 'number') return c.max == null ? `at least ${c.min}` : (c.min === c.max ? String(c.min) : `${c.min}–${c.max}`);
    return null;
  }

  function names(list) {
    return (list || []).map((x) => typeof x === 'string' ? x : (x.name || x.text)).filter(Boolean).join('; ');
  }

  function fields(inc) {
    const dl = el('dl');
    const row = (k, v) => { if (v != null && v !== '') dl.append(el('dt', { text: k }), el('dd', { text: v })); };
    row('id', inc.id);
    row('type', inc.type);
    row('types', (inc.types || []).join(', '));
    if (inc.taxonomy) row('taxonomy', Object.entries(inc.taxonomy).map(([k, v]) => `${k}: ${v}`).join(' · '));
    row('status', inc.status);
    row('date', inc.date ? `${inc.date.value || 'unknown'} (${inc.date.precision || '?'})` : null);
    const loc = inc.location;
    if (loc) {
      row('place', [loc.name, loc.admin1, loc.country].filter(Boolean).join(', ') + (loc.precision ? ` (${loc.precision})` : ''));
      if (typeof loc.lat === 'number') row('coordinates', `${loc.lat.toFixed(4)}, ${loc.lon.toFixed(4)}`);
    }
    row('site', inc.site && (inc.site.name || inc.site.text || inc.site));
    row('sites', names(inc.sites));
    row('perpetrator orgs', names(inc.perpetrator_orgs));
    row('actors', names(inc.actors));
    row('claimed by', names(inc.claimed_by));
    for (const k in inc.casualties || {}) row(k.replace('_', ' '), countText(inc.casualties[k]));
    row('reports', inc.nreports);
    row('sources', (inc.sources || []).map((s) => s.name + (s.via ? ` (via ${s.via})` : '') +
      (s.document ? ` — ${s.document}` : '')).join('; '));
    return dl;
  }

  // The fields one report gives (the merged record keeps fewer).
  function reportFields(rep) {
    const dl = el('dl', { class: 'report-fields' });
    const row = (k, v) => { if (v != null && v !== '') dl.append(el('dt', { text: k }), el('dd', { text: v })); };
    const texts = (list) => (list || []).map((f) => f.text + (f.count ? ` (${countText(f.count) || ''})` : '') +
      (f.source ? ` [${f.source}]` : '')).join('; ');
    row('trigger', rep.trigger && rep.trigger.text);
    row('confidence', typeof rep.confidence === 'number' ? rep.confidence.toFixed(2) : null);
    row('date', rep.date && rep.date.text ? `${rep.date.text} → ${rep.date.value || '?'}` : null);
    row('place', rep.location && rep.location.text ? `${rep.location.text} → ${rep.location.name || '?'}` : null);
    row('site', rep.site && rep.site.text);
    for (const role of ['perpetrators', 'perpetrator_orgs', 'targets', 'victims', 'weapons', 'responders', 'claimed_by'])
      row(role.replace('_', ' '), texts(rep[role]));
    for (const k in rep.casualties || {}) {
      const c = rep.casualties[k];
      if (c) row(k.replace('_', ' '), `${countText(c)} — “${c.text}”` + (c.source ? ` [${c.source}]` : ''));
    }
    return dl;
  }

  function safeLink(url, text) {
    if (typeof url === 'string' && /^https?:\/\//i.test(url)) {
      const a = el('a', { text });
      a.href = url;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      return a;
    }
    return el('span', { text });
  }

  async function openIncident(id) {
    const panel = $('panel');
    panel.replaceChildren(el('p', { class: 'hint', text: 'loading…' }));
    try {
      const body = await getJSON('api/incidents/' + encodeURIComponent(id));
      const inc = body.incident;
      const title = `${inc.type.replace('_', ' ')} — ${(inc.location && inc.location.name) || 'place unknown'}` +
        `, ${(inc.date && inc.date.value) || 'date unknown'}`;
      panel.replaceChildren(el('h2', { text: title }), fields(inc), el('h3', { text: `Reports (${body.reports.length})` }));
      panel.dataset.incident = inc.id;
      for (const r of body.reports) {
        const rep = r.report;
        const box = el('div', { class: 'report' });
        box.append(el('div', {}, safeLink(r.url, r.title || r.document)),
          el('div', { class: 'meta', text: `${r.document} · published ${r.published || 'unknown'} · ` +
            `${rep.status} ${rep.type} · merged: ${r.reason} (score ${r.score})` }));
        box.append(reportFields(rep));
        const spans = filledSpans(rep);
        for (const ev of rep.evidence || []) {
          if (!Array.isArray(ev.span)) continue;
          const bytes = enc.encode(ev.text);
          const shifted = spans.map(([s, e, role]) => [s - ev.span[0], e - ev.span[0], role]);
          box.append(el('div', { class: 'evidence' }, highlighted(bytes, 0, bytes.length, shifted)));
        }
        if (rep.sources && rep.sources.length)
          box.append(el('div', { class: 'meta', text: 'sources: ' + rep.sources.map((s) => s.name + (s.via ? ` via ${s.via}` : '')).join('; ') }));
        panel.append(box);
      }
    } catch (e) {
      panel.replaceChildren(el('p', { class: 'error', text: e.message }));
    }
  }

  // ---- paste an article -------------------------------------------------------
  $('extract').addEventListener('click', async () => {
    const text = $('article').value;
    const out = $('extraction');
    if (!text.trim()) { out.replaceChildren(el('p', { class: 'hint', text: 'Paste an article first.' })); return; }
    out.replaceChildren(el('p', { class: 'hint', text: 'extracting…' }));
    const date = $('article-date').value;
    try {
      const doc = await getJSON('api/extract' + (date ? '?date=' + encodeURIComponent(date) : ''), {
        method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: text
      });
      const bytes = enc.encode(text.replace(/^\uFEFF/, ''));
      out.replaceChildren(el('p', { text: `${doc.incidents.length} incident(s)` }));
      for (const inc of doc.incidents) {
        const box = el('div', { class: 'report' });
        box.append(el('h3', { text: `${inc.status} ${inc.type}` }), fields({ ...inc, casualties: inc.casualties }));
        const spans = filledSpans(inc);
        for (const [s, e] of inc.sentences || [])
          box.append(el('div', { class: 'evidence' }, highlighted(bytes, s, e, spans)));
        out.append(box);
      }
      const raw = el('details', {}, el('summary', { text: 'sitrep/1 JSON' }), el('pre', { text: JSON.stringify(doc, null, 2) }));
      out.append(raw);
    } catch (e) {
      out.replaceChildren(el('p', { class: 'error', text: e.message }));
    }
  });

  window.addEventListener('resize', drawTimeline);
  loadOutlines();
  loadChoices();
  loadIncidents();
})();
