import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, resolveAppFile } from './app-protocol.js';

const root = join('/', 'app', 'dist', 'renderer');

describe('resolveAppFile', () => {
  it.each([
    ['app://rdp-repair/index.html', join(root, 'index.html'), 'text/html; charset=utf-8'],
    ['app://rdp-repair/', join(root, 'index.html'), 'text/html; charset=utf-8'],
    [
      'app://rdp-repair/assets/main-1a2b.js',
      join(root, 'assets', 'main-1a2b.js'),
      'text/javascript; charset=utf-8',
    ],
    ['app://rdp-repair/assets/app.css?v=1', join(root, 'assets', 'app.css'), 'text/css; charset=utf-8'],
  ])('serves %s from the renderer folder', (url, file, contentType) => {
    expect(resolveAppFile(url, root)).toEqual({ ok: true, file, contentType });
  });

  it.each([
    ['app://rdp-repair/../../etc/passwd', 404],
    ['app://rdp-repair/assets/%2e%2e%2f%2e%2e%2fsecret.js', 403],
    ['app://rdp-repair/..%5c..%5cwindows%5cwin.ini', 403],
    ['app://rdp-repair/index.html%00.js', 403],
    ['app://rdp-repair/%E0%A4%A', 400],
    ['app://evil/index.html', 403],
    ['file:///etc/passwd', 403],
    ['app://rdp-repair/machine.exe', 404],
    ['app://rdp-repair/notes.txt', 404],
    ['::not a url', 400],
  ])('refuses %s', (url, status) => {
    expect(resolveAppFile(url, root)).toEqual({ ok: false, status });
  });

  it('normalises dot segments in the URL so they never leave the folder', () => {
    const result = resolveAppFile('app://rdp-repair/assets/../../../index.html', root);
    expect(result).toEqual({
      ok: true,
      file: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    const encoded = resolveAppFile('app://rdp-repair/%2e%2e/%2e%2e/secret.json', root);
    expect(encoded).toEqual({ ok: true, file: join(root, 'secret.json'), contentType: 'application/json' });
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only the app itself to run scripts and connects nowhere', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });
});
