import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_DIR = join(import.meta.dirname, '..', '..');

export interface DemoServer {
  url: string;
  stop(): Promise<void>;
  /** Resolves when the server process ends by itself (e.g. a simulated crash). */
  exited: Promise<number | null>;
}

export function machineFile(name: string): string {
  return join(REPO_DIR, 'sample-machines', name);
}

/** Starts the built web demo on a free loopback port with a fresh data folder, for one spec file. */
export async function startDemoServer(
  machine: string,
  extraArgs: readonly string[] = [],
): Promise<DemoServer> {
  const server = join(REPO_DIR, 'dist/web-demo/server.mjs');
  if (!existsSync(server)) throw new Error('dist/web-demo/server.mjs is missing: run "npm run build" first.');
  const child: ChildProcess = spawn(
    process.execPath,
    [server, '--port', '0', '--machine', machine, ...extraArgs],
    {
      cwd: REPO_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`demo server exited (${code}): ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });
  return {
    url,
    exited,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
