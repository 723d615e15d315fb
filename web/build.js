// build.js -- assemble the web UI into one directory that `sitrep serve`
// reads at start-up (default ../build/web, beside build/sitrep).
//
// No bundler: the UI is three hand-written files (src/) plus files copied
// from npm packages (vendor/): Leaflet (map), topojson-client (to turn the
// Natural Earth outlines of world-atlas into GeoJSON) and the outlines
// themselves.  Nothing is fetched at run time: the UI works offline.
'use strict';
const fs = require('fs');
const path = require('path');

const here = __dirname;
const out = path.resolve(process.argv[2] || path.join(here, '..', 'build', 'web'));
const mods = process.env.SITREP_WEB_MODULES || path.join(here, 'node_modules');

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

function need(p) {
  if (!fs.existsSync(p)) {
    console.error(`web/build.js: ${p} is missing: run make deps (npm install in web/)`);
    process.exit(1);
  }
  return p;
}

fs.rmSync(out, { recursive: true, force: true });
for (const f of fs.readdirSync(path.join(here, 'src')))
  copy(path.join(here, 'src', f), path.join(out, f));
const leaflet = need(path.join(mods, 'leaflet', 'dist'));
copy(path.join(leaflet, 'leaflet.js'), path.join(out, 'vendor', 'leaflet.js'));
copy(path.join(leaflet, 'leaflet.css'), path.join(out, 'vendor', 'leaflet.css'));
for (const f of fs.readdirSync(path.join(leaflet, 'images')))
  copy(path.join(leaflet, 'images', f), path.join(out, 'vendor', 'images', f));
copy(need(path.join(mods, 'topojson-client', 'dist', 'topojson-client.min.js')),
     path.join(out, 'vendor', 'topojson-client.min.js'));
copy(need(path.join(mods, 'world-atlas', 'countries-50m.json')),
     path.join(out, 'vendor', 'countries-50m.json'));
let n = 0;
(function count(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true }))
    e.isDirectory() ? count(path.join(d, e.name)) : n++;
})(out);
console.log(`web: ${n} files in ${out}`);
