import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Electron binary, found without `require('electron')`: since Electron 45 that call downloads the binary
 * when it is missing, and this project's machines must not (and cannot) reach the internet.
 */
export function installedElectronBinary(): { path: string | null; reason: string } {
  let folder: string;
  try {
    folder = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
  const pathFile = join(folder, 'path.txt');
  if (!existsSync(pathFile))
    return { path: null, reason: 'the Electron binary is not installed (no node_modules/electron/path.txt)' };
  const binary = join(folder, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary, reason: '' }
    : { path: null, reason: `the Electron binary is not installed (${binary} is missing)` };
}
