import { describe, expect, it } from 'vitest';
import { insertBeforeScripts, stylesheetLink } from './insert-before-scripts.js';

describe('stylesheet links in index.html', () => {
  const html =
    '<head><meta charset="UTF-8"><title>t</title><script src="a.js"></script><link rel="stylesheet" href="app.css"></head>';

  it("go after the title and before the first script, so before the app's own stylesheet", () => {
    const out = insertBeforeScripts(html, [stylesheetLink({ href: './a.css' })]);
    expect(out.indexOf('a.css')).toBeGreaterThan(out.indexOf('</title>'));
    expect(out.indexOf('a.css')).toBeLessThan(out.indexOf('<script'));
    expect(out.indexOf('a.css')).toBeLessThan(out.indexOf('app.css'));
  });

  it('refuse a page without a script rather than drop the styles', () => {
    expect(() => insertBeforeScripts('<head></head>', ['<link>'])).toThrow(/no <script>/);
  });

  it('quote attribute values', () => {
    expect(stylesheetLink({ href: './a.css', media: '(a: "b")' })).toBe(
      '<link rel="stylesheet" href="./a.css" media="(a: &quot;b&quot;)">',
    );
  });
});
