import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-url.js';

/*
 * What the app:// protocol may serve: files inside the built renderer folder, nothing else. Every response
 * carries the CSP: it is the page's only policy, since index.html has no CSP meta tag (one would hold back
 * Chromium's preload scanner and delay the start screen).
 */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Fluent UI writes its styles at run time (Griffel), which needs inline styles; scripts stay strict.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export type AppFileResolution =
  | { ok: true; file: string; contentType: string }
  | { ok: false; status: 400 | 403 | 404 };

/** Maps an app:// request URL to a file under `rootDir`; refuses other hosts, traversal and unknown types. */
export function resolveAppFile(requestUrl: string, rootDir: string): AppFileResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) return { ok: false, status: 403 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 403 };
  const relativePath = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = join(rootDir, relativePath);
  const inside = relative(rootDir, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    return { ok: false, status: 403 };
  }
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
  if (contentType === undefined) return { ok: false, status: 404 };
  return { ok: true, file, contentType };
}
