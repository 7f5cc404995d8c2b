// What `npm start` runs after the build: the Electron app when its binary is installed, otherwise the
// browser demo (same renderer, same IPC handlers, simulated machine), with a clear word about why.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

/**
 * The Electron binary's path, or undefined when the package is installed without it. Not require('electron'):
 * since Electron 45 that downloads a missing binary, and here nothing may be downloaded.
 */
function electronBinary() {
  try {
    const folder = dirname(require.resolve('electron/package.json'));
    const pathFile = join(folder, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(folder, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

function run(command, args, onLine) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: ['inherit', onLine ? 'pipe' : 'inherit', 'inherit'],
  });
  if (onLine) {
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
  }
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// RDP_REPAIR_START=web skips Electron even where it is installed (tests, and anyone who prefers the browser).
const binary = process.env.RDP_REPAIR_START === 'web' ? undefined : electronBinary();
const mainBundle = join(root, 'dist', 'electron', 'main.cjs');
if (binary !== undefined && existsSync(mainBundle)) {
  run(binary, ['.', ...passThrough]);
} else {
  const server = join(root, 'dist', 'web-demo', 'server.mjs');
  console.log(
    process.env.RDP_REPAIR_START === 'web'
      ? 'RDP_REPAIR_START=web: starting the browser demo against a simulated Windows machine.'
      : binary === undefined
        ? 'The Electron binary is not installed on this machine (it is downloaded from the internet when Electron is ' +
          'installed, and that download is not possible here), so the desktop window cannot open. Starting the ' +
          'browser demo instead: the same screens and the same repair engine, running against a simulated Windows ' +
          'machine, so nothing on this computer is changed.'
        : 'The Electron main bundle is missing (run `npm run build` first), so the desktop window cannot open. ' +
          'Starting the browser demo instead: the same screens and engine, against a simulated Windows machine.',
  );
  if (!existsSync(server)) {
    console.error('The browser demo is not built either: run `npm run build`, then `npm start` again.');
    process.exit(1);
  }
  run(process.execPath, [server, ...passThrough], (line) => {
    const url = /https?:\/\/127\.0\.0\.1:\d+\/\S*/.exec(line)?.[0];
    if (url) console.log(`Open ${url} in your browser. Press Ctrl+C to stop the demo.`);
  });
}
