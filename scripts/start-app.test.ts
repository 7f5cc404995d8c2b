import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WINDOWS_FOLDER } from '../machine/powershell/windows-powershell-path.js';

/**
 * Linux: SIGTERM, which start-app passes on to the server before it exits. Windows has no signals: kill() is
 * TerminateProcess, which would leave the server running, so the tree is ended with taskkill /T.
 */
function stopTree(pid: number, terminate: () => void): void {
  if (process.platform !== 'win32') {
    terminate();
    return;
  }
  spawnSync(`${WINDOWS_FOLDER}\\System32\\taskkill.exe`, ['/PID', String(pid), '/T', '/F'], {
    stdio: 'ignore',
  });
}

// Needs the build (`npm run build` runs before the unit tests in `npm test`).
describe('npm start without the Electron binary', () => {
  it('explains why and serves the browser demo on loopback', async () => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'start-app.mjs')], {
      env: { ...process.env, RDP_REPAIR_DEMO_PORT: '0', RDP_REPAIR_START: 'web' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        const found = /Open (http:\/\/127\.0\.0\.1:\d+\/) in your browser/.exec(output)?.[1];
        if (found) resolve(found);
      });
      child.on('exit', () => reject(new Error(`start-app exited early:\n${output}`)));
    });
    try {
      expect(output).toMatch(/browser demo/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      stopTree(child.pid as number, () => child.kill('SIGTERM'));
      await exited;
    }
    // Stopping it stops the demo server it started too.
    await expect(fetch(url)).rejects.toThrow();
  });
});
