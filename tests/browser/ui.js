// ui.js -- the browser test of the sitrep UI: headless Debian chromium
// driven by playwright-core (never a downloaded browser).
//
//   node tests/browser/ui.js --url http://127.0.0.1:PORT/ --markers N
//        --highlight "at least two people were killed" [--open main|highlight]
//        [--paste-xss] [--brush] [--screenshot FILE]
//
// Loads the UI, waits for exactly N incident markers on the map, opens an
// incident (the main one, or the one whose evidence holds the highlighted
// text, found through the API), and checks that the panel shows that text
// as a highlighted filled span (<mark>).  --paste-xss pastes an article
// holding <script> and an onerror image into the extraction box and checks
// that they are shown as text and never run.  --brush drags across the
// timeline and checks that markers outside it leave the map.  Exit 0 on
// success; a message and exit 1 otherwise.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

function args() {
  const a = { open: 'main' };
  const v = process.argv.slice(2);
  for (let i = 0; i < v.length; i++) {
    const k = v[i].replace(/^--/, '');
    if (k === 'paste-xss' || k === 'brush') a[k] = true;
    else a[k] = v[++i];
  }
  return a;
}

function fail(msg) {
  console.error('ui.js: ' + msg);
  process.exit(1);
}

async function main() {
  const a = args();
  if (!a.url || !a.markers || !a.highlight) fail('usage: --url URL --markers N --highlight TEXT');
  const want = Number(a.markers);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 860 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const errors = [];
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    // only the server under test: any other request is a failure
    const base = new URL(a.url);
    await page.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.host !== base.host) { errors.push('request outside the server: ' + u.href); return route.abort(); }
      return route.continue();
    });
    await page.goto(a.url, { waitUntil: 'load' });
    const markers = page.locator('path.incident-marker');
    const t0 = Date.now();
    while (await markers.count() !== want) {
      if (Date.now() - t0 > 20000) fail(`expected ${want} incident markers, found ${await markers.count()}`);
      await page.waitForTimeout(200);
    }
    // the country outlines are drawn (the offline base layer)
    await page.waitForFunction(() => document.querySelectorAll('path:not(.incident-marker)').length > 50,
                               null, { timeout: 20000 }).catch(() => fail('no country outlines drawn'));

    let target;
    if (a.open === 'main') {
      target = page.locator('path.incident-marker[data-status="main"]');
      if (await target.count() !== 1) fail(`expected one main incident marker, found ${await target.count()}`);
    } else {
      const list = await (await fetch(new URL('api/incidents?limit=5000', a.url))).json();
      let id = null;
      for (const inc of list.incidents) {
        const d = await (await fetch(new URL('api/incidents/' + inc.id, a.url))).json();
        if (JSON.stringify(d.reports).includes(JSON.stringify(a.highlight)) && inc.location && inc.location.lat != null) { id = inc.id; break; }
      }
      if (id == null) fail(`no incident has a filled span "${a.highlight}"`);
      target = page.locator(`path.incident-marker[data-id="${id}"]`);
    }
    await target.first().dispatchEvent('click');
    const mark = page.locator('#panel mark.fill', { hasText: a.highlight });
    await mark.first().waitFor({ timeout: 15000 }).catch(() => fail(`"${a.highlight}" is not highlighted in the incident panel`));
    const exact = await mark.evaluateAll((ms, t) => ms.some((m) => m.textContent === t), a.highlight);
    if (!exact) fail(`no highlight is exactly "${a.highlight}"`);
    if (a.screenshot) {   // the map and the open incident, before the checks below
      await page.waitForTimeout(500);
      await page.screenshot({ path: a.screenshot });
    }

    if (a.brush) {
      const box = await page.locator('#timeline').boundingBox();
      const bars = await page.locator('#timeline rect.bar').count();
      if (bars < 2) fail('the timeline needs two months or more to test brushing');
      // drag over the first tenth of the timeline: the oldest month(s)
      await page.mouse.move(box.x + 2, box.y + 20);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.1, box.y + 20, { steps: 5 });
      await page.mouse.up();
      const after = await markers.count();
      if (!(after < want)) fail(`brushing the timeline left ${after} of ${want} markers`);
      await page.locator('#timeline').dblclick();
      await page.waitForFunction((n) => document.querySelectorAll('path.incident-marker').length === n, want,
                                 { timeout: 5000 }).catch(() => fail('clearing the brush did not restore the markers'));
    }

    if (a['paste-xss']) {
      const evil = 'Gunmen <script>window.__pwned = 1</script> killed <img src=x onerror="window.__pwned=2"> ' +
                   'three people in Kano on Monday, police said.';
      await page.fill('#article', evil);
      await page.click('#extract');
      await page.locator('#extraction .report, #extraction p').first().waitFor({ timeout: 15000 });
      await page.waitForTimeout(300);
      const pwned = await page.evaluate(() => window.__pwned);
      if (pwned !== undefined) fail('a script from a pasted article ran');
      const scripts = await page.locator('#extraction script, #extraction img').count();
      if (scripts) fail('markup from a pasted article became elements');
      const shown = await page.locator('#extraction').innerText();
      if (!shown.includes('<script>') && !shown.includes('&lt;script')) fail('the pasted <script> is not shown as text');
    }

    if (errors.length) fail(errors.join('\n'));
    console.log(`ui.js: ${want} markers, "${a.highlight}" highlighted` +
                (a.brush ? ', brushing filters the map' : '') + (a['paste-xss'] ? ', pasted markup inert' : ''));
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => fail(e.stack || String(e)));
