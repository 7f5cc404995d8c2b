// Renderer figures for issue 4 (printed, not asserted): initial JS gzip size, and time from navigation to an
// interactive start screen as a ratio against a minimal React page built the same way, in the same Chromium.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rendererDist = join(root, 'dist/renderer');
// 100 rounds: at 30, two runs on one build were measured 1.28x and 1.63x apart; at 100 they agree within a few %.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
// Page loads on this kind of machine vary by 2x; the pause lets one page's teardown finish before the next.
const SETTLE_MS = 250;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function initialJsGzipBytes(dir) {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.\/([^"]+\.js)"/g),
  ].map((m) => m[1]);
  let total = 0;
  for (const file of files) total += gzipSync(await readFile(join(dir, file)), { level: 9 }).length;
  return { total, files };
}

/** The baseline: React 19 rendering one button, through Vite with the same plugin, base and target. */
async function buildMinimalPage() {
  const dir = join(root, '.tmp/bench-minimal');
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>minimal</title></head><body><div id="root"></div><script type="module" src="./src/main.jsx"></script></body></html>',
  );
  await writeFile(
    join(dir, 'src/main.jsx'),
    "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(<button type=\"submit\">Ready</button>);\n",
  );
  await build({
    root: dir,
    base: './',
    configFile: false,
    logLevel: 'silent',
    plugins: [react()],
    build: {
      outDir: join(dir, 'dist'),
      emptyOutDir: true,
      target: 'chrome120',
      modulePreload: { polyfill: false },
    },
  });
  return join(dir, 'dist');
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

async function serveStatic(dir) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

async function startDemo() {
  const child = spawn(
    process.execPath,
    [
      join(root, 'dist/web-demo/server.mjs'),
      '--port',
      '0',
      '--machine',
      join(root, 'sample-machines/udp-enabled.json'),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match) done(match[1]);
    });
    child.on('exit', (code) => fail(new Error(`demo server exited with ${code}`)));
  });
  return { url, close: () => child.kill('SIGTERM') };
}

/** Milliseconds from navigation start until a submit button exists and is enabled: the page can be used. */
async function timeToInteractive(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    const check = () => {
      const button = document.querySelector('button[type="submit"]');
      if (button && !button.disabled && window.__ready === undefined) window.__ready = performance.now();
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 30_000 });
  const ms = await page.evaluate(() => window.__ready);
  await context.close();
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (!existsSync(join(rendererDist, 'index.html')) || !existsSync(join(root, 'dist/web-demo/server.mjs'))) {
  console.error('Run "npm run build" first: dist/renderer and dist/web-demo are needed.');
  process.exit(2);
}

const app = await initialJsGzipBytes(rendererDist);
const minimalDist = await buildMinimalPage();
const minimal = await initialJsGzipBytes(minimalDist);

const demo = await startDemo();
const baseline = await serveStatic(minimalDist);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
const appTimes = [];
const minimalTimes = [];
try {
  // Warm-up of both, then both once per round in a random order, so both see the same machine load.
  await timeToInteractive(browser, demo.url);
  await timeToInteractive(browser, baseline.url);
  for (let i = 0; i < ROUNDS; i++) {
    const order = Math.random() < 0.5 ? ['app', 'minimal'] : ['minimal', 'app'];
    for (const which of order) {
      await setTimeout(SETTLE_MS);
      if (which === 'app') appTimes.push(await timeToInteractive(browser, demo.url));
      else minimalTimes.push(await timeToInteractive(browser, baseline.url));
    }
  }
} finally {
  await browser.close();
  demo.close();
  baseline.close();
}

/** A 90% bootstrap interval for the ratio of medians: how far the figure could move on a rerun. */
function ratioInterval(app, minimal, resamples = 2000) {
  const pick = (values) => values.map(() => values[Math.floor(Math.random() * values.length)]);
  const ratios = [];
  for (let i = 0; i < resamples; i++) ratios.push(median(pick(app)) / median(pick(minimal)));
  ratios.sort((a, b) => a - b);
  return [ratios[Math.floor(resamples * 0.05)], ratios[Math.floor(resamples * 0.95)]];
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
const appMs = median(appTimes);
const minimalMs = median(minimalTimes);
const [low, high] = ratioInterval(appTimes, minimalTimes);
console.log(`renderer initial JS (gzip): ${kb(app.total)} KB  [${app.files.join(', ')}]  (budget 300 KB)`);
console.log(`minimal React page JS (gzip): ${kb(minimal.total)} KB`);
console.log(
  `navigation to interactive, median of ${ROUNDS}: app ${appMs.toFixed(0)} ms, minimal ${minimalMs.toFixed(0)} ms`,
);
console.log(
  `ratio app / minimal: ${(appMs / minimalMs).toFixed(2)}x  (90% interval ${low.toFixed(2)}-${high.toFixed(2)}; budget 1.5x)`,
);
