import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { griffelCssExtraction } from './griffel-css-extraction.js';

// A page with a Fluent Button up front and a Divider in a lazily loaded chunk, built the way the renderer
// is; the extraction is judged on the output.
let workDir = '';
let html = '';
let startCss = '';
let completeCss = '';
let js = '';

const DIVIDER_RULE = /\.\w+::before\{[^}]*flex-grow:1/;
const BUTTON_RULE = /\.\w+\{[^}]*min-width:96px/;

beforeAll(async () => {
  // Inside the checkout (.tmp is ignored by git) so the fixture resolves the project's node_modules.
  await mkdir(join(process.cwd(), '.tmp'), { recursive: true });
  workDir = await mkdtemp(join(process.cwd(), '.tmp', 'griffel-'));
  const outDir = join(workDir, 'dist');
  await writeFile(
    join(workDir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body><script type="module" src="./main.js"></script></body></html>',
  );
  await writeFile(
    join(workDir, 'main.js'),
    "import { Button } from '@fluentui/react-button';\nglobalThis.fixture = [Button, () => import('./later.js')];\n",
  );
  await writeFile(join(workDir, 'later.js'), "export { Divider } from '@fluentui/react-divider';\n");
  await build({
    root: workDir,
    base: './',
    configFile: false,
    logLevel: 'silent',
    plugins: [griffelCssExtraction()],
    build: { outDir, minify: false },
  });
  html = await readFile(join(outDir, 'index.html'), 'utf8');
  const asset = async (pattern: RegExp) => {
    const name = (await readdir(join(outDir, 'assets'))).find((file) => pattern.test(file));
    return name ? readFile(join(outDir, 'assets', name), 'utf8') : '';
  };
  startCss = await asset(/^fluent-start-.*\.css$/);
  completeCss = await asset(/^fluent-complete-.*\.css$/);
  js = await asset(/^index-.*\.js$/);
}, 120_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('Griffel CSS extraction', () => {
  it('links the start stylesheet before the first script and names the complete one', () => {
    expect(html).toMatch(
      /<link rel="stylesheet" href="\.\/assets\/fluent-start-[\w-]+\.css" data-fluent-stylesheet="start">/,
    );
    expect(html.indexOf('fluent-start-')).toBeLessThan(html.indexOf('<script'));
    expect(html).toMatch(
      /<meta name="fluent-complete-stylesheet" content="\.\/assets\/fluent-complete-[\w-]+\.css">/,
    );
    expect(html).not.toMatch(/<link[^>]*fluent-complete/);
  });

  it("moves Fluent's rules out of the script and into CSS", () => {
    expect(startCss).toMatch(BUTTON_RULE);
    expect(startCss).toMatch(/\.\w+:hover\{/);
    expect(js).toContain('__css');
    expect(js).not.toMatch(/__styles\(\{/);
    expect(js).not.toContain('min-width:96px');
  });

  it('keeps lazily loaded components out of the start stylesheet and everything in the complete one', () => {
    expect(startCss).not.toMatch(DIVIDER_RULE);
    expect(completeCss).toMatch(DIVIDER_RULE);
    expect(completeCss).toMatch(BUTTON_RULE);
  });

  it("keeps Griffel's bucket order: plain rules before :hover rules", () => {
    for (const css of [startCss, completeCss]) {
      expect(css.search(/\.\w+:hover\{/)).toBeGreaterThan(css.search(BUTTON_RULE));
    }
  });
});
