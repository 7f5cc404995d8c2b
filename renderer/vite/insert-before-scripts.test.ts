import { describe, expect, it } from 'vitest';
import { insertBeforeScripts, stylesheetLink } from './insert-before-scripts.js';

describe('stylesheet links in index.html', () => {
  const html =
    '<head><meta http-equiv="Content-Security-Policy" content="x"><title>t</title><script src="a.js"></script></head>';

  it('go after the policy and before the first script', () => {
    const out = insertBeforeScripts(html, [stylesheetLink({ href: './a.css' })]);
    expect(out.indexOf('a.css')).toBeGreaterThan(out.indexOf('Content-Security-Policy'));
    expect(out.indexOf('a.css')).toBeLessThan(out.indexOf('<script'));
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
