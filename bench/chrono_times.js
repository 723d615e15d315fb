// chrono_times.js -- the peer of the temporal tagger benchmark: chrono-node
// on the sentences and reference dates bench_times wrote, its throughput,
// and how often it and sitrep agree on the value.
//
//   node bench/chrono_times.js NODE_MODULES PREFIX RUNS
//
// PREFIX.sentences.jsonl holds {"text","ref"} per line; PREFIX.sitrep.jsonl
// sitrep's expressions per sentence ({"s","e","type","value"}, UTF-16
// offsets).  chrono.parse(text, ref) is timed over all sentences RUNS times
// (median of process CPU time).  A chrono result becomes a TIMEX3-like
// value at the precision chrono is certain of: YYYY-MM-DDTHH:MM when the
// hour is known, YYYY-MM-DD when the day or the weekday is, YYYY-MM, YYYY.
// Agreement is counted over pairs of overlapping expressions where sitrep
// gave a DATE or TIME, two ways:
//   exact       equal values, or sitrep's value is chrono's with a part of
//               day added ("2017-06-18TNI" against "2017-06-18");
//   consistent  also when one value only refines the other: chrono's day
//               inside sitrep's month, year, quarter or ISO week
//               ("2017-W24" against "2017-06-14"), sitrep's day inside
//               chrono's month, or sitrep's PRESENT_REF against chrono's
//               reference day ("now").
'use strict';
const fs = require('fs');
const path = require('path');

const [modules, prefix, runsArg] = process.argv.slice(2);
const chrono = require(path.resolve(modules, 'chrono-node'));
const runs = Math.max(5, parseInt(runsArg || '7', 10));
const read = (f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));
const sents = read(prefix + '.sentences.jsonl');
const ours = read(prefix + '.sitrep.jsonl');
if (sents.length !== ours.length) throw new Error('sentence files differ in length');

const refs = sents.map((s) => {
  const [y, m, d] = s.ref.split('-').map(Number);
  return new Date(y, m - 1, d, 12, 0, 0);
});
const bytes = sents.reduce((n, s) => n + Buffer.byteLength(s.text, 'utf8'), 0);

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const times = [];
let results = null;
for (let r = 0; r < runs; r++) {
  const t0 = cpu();
  const out = new Array(sents.length);
  for (let i = 0; i < sents.length; i++) out[i] = chrono.parse(sents[i].text, refs[i]);
  times.push(cpu() - t0);
  results = out;
}
times.sort((a, b) => a - b);
const med = times[Math.floor(runs / 2)];

const pad = (n, w) => String(n).padStart(w, '0');
function value(c) {
  const y = c.get('year'), m = c.get('month'), d = c.get('day');
  if (c.isCertain('hour')) return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}T${pad(c.get('hour'), 2)}:${pad(c.get('minute') || 0, 2)}`;
  if (c.isCertain('day') || c.isCertain('weekday')) return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  if (c.isCertain('month')) return `${pad(y, 4)}-${pad(m, 2)}`;
  if (c.isCertain('year')) return pad(y, 4);
  return null;
}

// The ISO week "YYYY-Www" of a "YYYY-MM-DD" day.
function isoWeek(day) {
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  const wd = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - wd);            // the Thursday of its week
  const jan1 = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  const w = Math.floor((t - jan1) / 86400000 / 7) + 1;
  return `${pad(t.getUTCFullYear(), 4)}-W${pad(w, 2)}`;
}

function consistent(o, v, ref) {
  if (!v) return false;
  if (o === v || o.startsWith(v + 'T') || v.startsWith(o + 'T')) return true;
  const day = v.slice(0, 10);
  if (o === 'PRESENT_REF') return v.length >= 10 && day === ref;
  if (/^\d{4}-W\d\d$/.test(o)) return v.length >= 10 && isoWeek(day) === o;
  const q = /^(\d{4})-Q([1-4])$/.exec(o);
  if (q) return v.length >= 7 && v.slice(0, 4) === q[1] && Math.ceil(Number(v.slice(5, 7)) / 3) === Number(q[2]);
  if (/^\d{4}(-\d\d)?$/.test(o)) return v.startsWith(o + '-');   // chrono finer
  if (/^\d{4}(-\d\d)?$/.test(v)) return o.startsWith(v + '-');   // sitrep finer
  return false;
}

let chronoN = 0, pairs = 0, agree = 0, agreeLoose = 0, ourDates = 0, chronoOnly = 0, oursOnly = 0;
for (let i = 0; i < sents.length; i++) {
  const mine = ours[i].filter((x) => x.type === 'DATE' || x.type === 'TIME');
  ourDates += mine.length;
  const used = new Set();
  for (const r of results[i]) {
    chronoN++;
    const s = r.index, e = r.index + r.text.length;
    const k = mine.findIndex((x, j) => !used.has(j) && x.s < e && s < x.e);
    if (k < 0) { chronoOnly++; continue; }
    used.add(k);
    pairs++;
    const v = value(r.start), o = mine[k].value;
    if (v && (o === v || o.startsWith(v + 'T'))) agree++;
    if (consistent(o, v, sents[i].ref)) agreeLoose++;
  }
  oursOnly += mine.length - used.size;
}
const line = (n, v, u) => console.log(`${n} ${v} ${u}`);
line('times_chrono_sentences_per_s', Math.round(sents.length / med), 'sent/s');
line('times_chrono_mb_per_s', (bytes / med / 1e6).toFixed(2), 'MB/s');
line('times_chrono_expressions', chronoN, 'count');
line('times_overlapping_pairs', pairs, 'count');
line('times_value_agreement', (pairs ? (100 * agree) / pairs : 0).toFixed(1), '%');
line('times_value_consistent', (pairs ? (100 * agreeLoose) / pairs : 0).toFixed(1), '%');
line('times_chrono_only', chronoOnly, 'count');
line('times_sitrep_only_dates', oursOnly, 'count');
