import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from './app-url.js';

describe('isAppUrl', () => {
  it.each([APP_ENTRY_URL, 'app://rdp-repair/', 'app://rdp-repair/assets/index-abc.js'])(
    'accepts %s',
    (url) => {
      expect(isAppUrl(url)).toBe(true);
    },
  );

  it.each([
    'file:///C:/app/dist/renderer/index.html',
    'https://rdp-repair/index.html',
    'app://evil/index.html',
    'app://rdp-repair.evil.com/index.html',
    'app://user:pw@rdp-repair/index.html',
    'app://rdp-repair:8080/index.html',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});
