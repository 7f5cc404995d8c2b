import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/powershell/tools.js';

/*
 * What npm run test:wine needs before a case runs: Debian's Wine, the published host, a throwaway prefix.
 * Each returns what it made or a sentence saying why it could not, with the command that would fix it.
 */

export type Found<T> = { ok: true; value: T } | { ok: false; reason: string };

export const HOST_PROJECT = join(
  REPO_ROOT,
  'machine',
  'powershell',
  'wine-host',
  'RdpRepair.WineHost.csproj',
);
export const HOST_OUT = join(REPO_ROOT, '.tmp', 'wine-host');
export const MODULE_PATH = join(REPO_ROOT, 'machine', 'powershell', 'RdpRepair.Interpreter.psm1');

const WINE_CANDIDATES = ['/usr/bin/wine', '/usr/lib/wine/wine64'];

const findWine = () => WINE_CANDIDATES.find((p) => existsSync(p));

/** Wine 8 from Debian; installed with apt-get when missing and this process may (root, apt-get present). */
export function ensureWine(): Found<string> {
  const found = findWine();
  if (found) return { ok: true, value: found };
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get'))
    return { ok: false, reason: 'Wine is not installed: run `apt-get install -y wine64` as root.' };
  console.log("Installing Debian's wine64 (apt-get)...");
  const install = spawnSync('apt-get', ['install', '-y', '-q', 'wine64'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  const installed = findWine();
  if (installed) return { ok: true, value: installed };
  return {
    ok: false,
    reason: `apt-get could not install wine64: ${(install.stderr ?? '').trim().slice(-400)}`,
  };
}

/** dotnet publish of the host, self-contained win-x64, every package version pinned in its project. */
export function publishHost(): Found<string> {
  const publish = spawnSync(
    'dotnet',
    ['publish', HOST_PROJECT, '-c', 'Release', '-o', HOST_OUT, '--nologo', '-v', 'quiet'],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 10 * 60_000,
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    },
  );
  const exe = join(HOST_OUT, 'RdpRepair.WineHost.exe');
  if (publish.status === 0 && existsSync(exe)) return { ok: true, value: exe };
  const output = `${publish.stdout ?? ''}${publish.stderr ?? ''}`.trim().slice(-800);
  return {
    ok: false,
    reason: `dotnet publish of the Wine host failed (${publish.error?.message ?? `exit ${publish.status}`}): ${output}`,
  };
}

/**
 * A new, empty WINEPREFIX in the system's temp folder: Wine fills it on first start. Never inside the
 * repository: a prefix links drive Z: to /, and any tool that walks the repository would walk the disk.
 */
export function makePrefix(): string {
  return mkdtempSync(join(tmpdir(), 'rdp-repair-wine-'));
}

/** Stops the prefix's wineserver (and every process in it), so the prefix can be deleted. */
export function stopWineServer(prefix: string): void {
  spawnSync('wineserver', ['-k'], {
    env: { ...process.env, WINEPREFIX: prefix },
    stdio: 'ignore',
    timeout: 30_000,
  });
}

/** A Linux path as Wine's programs name it: Wine maps drive Z: to the root of the file system. */
export function wineDosPath(linuxPath: string): string {
  return `Z:${linuxPath.replace(/\//g, '\\')}`;
}
