import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { griffelCssExtraction } from './griffel-css-extraction.js';

// A page with one Fluent Button, built the way the renderer is; the extraction is judged on the output.
let outDir = '';
let workDir = '';
let html = '';
let css = '';
let js = '';

beforeAll(async () => {
  // Inside the checkout (.tmp is ignored by git) so the fixture resolves the project's node_modules.
  await mkdir(join(process.cwd(), '.tmp'), { recursive: true });
  workDir = await mkdtemp(join(process.cwd(), '.tmp', 'griffel-'));
  outDir = join(workDir, 'dist');
  await writeFile(
    join(workDir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body><script type="module" src="./main.js"></script></body></html>',
  );
  await writeFile(
    join(workDir, 'main.js'),
    "import { Button } from '@fluentui/react-button';\nglobalThis.fixtureButton = Button;\n",
  );
  await build({
    root: workDir,
    base: './',
    configFile: false,
    logLevel: 'silent',
    plugins: [griffelCssExtraction()],
    build: { outDir, minify: false },
  });
  const assets = await readdir(join(outDir, 'assets'));
  html = await readFile(join(outDir, 'index.html'), 'utf8');
  css = await readFile(join(outDir, 'assets', assets.find((f) => f.endsWith('.css')) ?? ''), 'utf8');
  js = await readFile(join(outDir, 'assets', assets.find((f) => f.endsWith('.js')) ?? ''), 'utf8');
}, 120_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('Griffel CSS extraction', () => {
  it('links one stylesheet from index.html, before any other stylesheet', () => {
    const links = [...html.matchAll(/<link rel="stylesheet" href="\.\/(assets\/griffel-[\w-]+\.css)">/g)];
    expect(links).toHaveLength(1);
    expect(html.indexOf('griffel-')).toBeLessThan(html.indexOf('<script'));
  });

  it("moves Fluent's rules out of the script into the stylesheet", () => {
    // The button's base rule (its 96px minimum width) is CSS now, and the script keeps only class names.
    expect(css).toMatch(/\.r\w+\{[^}]*min-width:96px/);
    expect(css).toMatch(/\.\w+:hover\{/);
    expect(js).toContain('__css');
    expect(js).not.toMatch(/__styles\(\{/);
    expect(js).not.toContain('min-width:96px');
  });

  it("keeps Griffel's bucket order: plain rules before :hover rules", () => {
    expect(css.search(/\.\w+:hover\{/)).toBeGreaterThan(css.search(/\.\w+\{[^}]*min-width:96px/));
  });
});
