import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { powershellPreview } from '../machine/powershell/powershell-preview.js';
import { realNetwork } from '../network/handshake-probe.js';
import {
  APP_DEMO_MACHINE_FILE,
  DEMO_SAMPLE_MACHINES,
  openWorld,
  remoteDataDir,
  type World,
  type WorldOptions,
} from './composition-root.js';

/*
 * Every host opens its world through one module: the same shape whatever the host, the simulated network
 * for a simulated machine, the lock beside a machine file, and a shipped sample never changed.
 */

const REPO = join(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'rdp-repair-world-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const WORLD_KEYS = ['dataDir', 'lockFile', 'network', 'notice', 'now', 'port', 'preview', 'warmUp'];
const samples = DEMO_SAMPLE_MACHINES.map((file) => join(REPO, file));

/** A package root of its own: one sample machine in sample-machines/, as installed. */
function fakePackage(): string {
  const root = mkdtempSync(join(scratch, 'package-'));
  mkdirSync(join(root, 'sample-machines'));
  copyFileSync(
    join(REPO, 'sample-machines', 'udp-enabled.json'),
    join(root, 'sample-machines', 'udp-enabled.json'),
  );
  return root;
}

function appOptions(dataDir: string, log = { batch: vi.fn(), error: vi.fn() }): WorldOptions {
  return {
    host: 'app',
    machine: 'simulated',
    dataDir,
    interpreterFolder: join(REPO, 'machine', 'powershell'),
    samples,
    ownerWindow: () => undefined,
    log,
  };
}

function cliOptions(dataDir: string, simulate: string, packageRoot = fakePackage()): WorldOptions {
  return {
    host: 'cli',
    dataDir,
    simulate,
    realNetwork: false,
    remote: undefined,
    packageRoot,
    platform: 'linux',
  };
}

async function readOneValue(world: World): Promise<unknown> {
  const [result] = await world.port.run([{ op: 'system.facts' }], { mode: 'read' });
  return result;
}

describe('the composition root', () => {
  it('returns the same world shape for every host', async () => {
    const worlds = [
      await openWorld(appOptions(join(scratch, 'app-shape'))),
      await openWorld(
        cliOptions(join(scratch, 'cli-shape'), join(REPO, 'sample-machines', 'udp-enabled.json')),
      ),
      await openWorld({
        host: 'web-demo',
        machineFile: undefined,
        samples,
        packageRoot: REPO,
        dataDir: join(scratch, 'web-shape'),
      }),
    ];
    for (const world of worlds) {
      expect(Object.keys(world).sort()).toEqual(WORLD_KEYS);
      expect(world.network.kind).toBe('simulated');
      expect(world.port.kind).toBe('simulated');
      expect(world.now()).toBeInstanceOf(Date);
      await expect(world.warmUp()).resolves.toBeUndefined();
    }
  });

  it("gives every host the interpreter's PowerShell preview to hand to the engine (which imports none)", async () => {
    const worlds = [
      await openWorld(appOptions(join(scratch, 'app-preview'))),
      await openWorld(
        cliOptions(join(scratch, 'cli-preview'), join(REPO, 'sample-machines', 'udp-enabled.json')),
      ),
      await openWorld({
        host: 'web-demo',
        machineFile: undefined,
        samples,
        packageRoot: REPO,
        dataDir: join(scratch, 'web-preview'),
      }),
    ];
    const ops = [
      {
        op: 'registry.setValue',
        path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client',
        name: 'fClientDisableUDP',
        value: { type: 'REG_DWORD', data: 1 },
      },
    ] as const;
    for (const world of worlds) {
      expect(world.preview).toBe(powershellPreview);
      expect(world.preview(ops)).toMatch(/^Set-ItemProperty /m);
    }
  });

  it("opens the app's demo on a copy of the first sample in a demo folder, its batches logged", async () => {
    const log = { batch: vi.fn(), error: vi.fn() };
    const base = join(scratch, 'app');
    const world = await openWorld(appOptions(base, log));
    const copy = join(base, 'demo', APP_DEMO_MACHINE_FILE);
    expect(world.dataDir).toBe(join(base, 'demo'));
    expect(readFileSync(copy).equals(readFileSync(samples[0] ?? ''))).toBe(true);
    expect(world.lockFile).toBe(`${copy}.lock`);
    expect(world.port.label).toBe(`Simulated machine (demo): ${copy}`);
    expect(world.notice).toBeUndefined();
    await readOneValue(world);
    expect(log.batch).toHaveBeenCalledTimes(1);
  });

  it('opens a file-backed machine for the CLI, in place, its lock beside the file', async () => {
    const dir = mkdtempSync(join(scratch, 'cli-'));
    const file = join(dir, 'machine.json');
    copyFileSync(join(REPO, 'sample-machines', 'udp-enabled.json'), file);
    const world = await openWorld(cliOptions(join(dir, 'data'), file));
    expect(world.dataDir).toBe(join(dir, 'data'));
    expect(world.lockFile).toBe(`${file}.lock`);
    expect(world.notice).toBeUndefined();
    expect(world.port.label).toBe(`Simulated machine: ${file}`);
  });

  it('works on a copy of a shipped sample for the CLI, and says so', async () => {
    const root = fakePackage();
    const data = join(scratch, 'cli-sample');
    const world = await openWorld(cliOptions(data, join(root, 'sample-machines', 'udp-enabled.json'), root));
    const copy = join(data, 'simulated', 'udp-enabled.json');
    expect(existsSync(copy)).toBe(true);
    expect(world.lockFile).toBe(`${copy}.lock`);
    expect(world.notice).toMatch(/^Working on a copy of the sample udp-enabled\.json/);
  });

  it("sends a simulated machine's network checks to the real network when asked", async () => {
    const dir = mkdtempSync(join(scratch, 'cli-real-'));
    const file = join(dir, 'machine.json');
    copyFileSync(join(REPO, 'sample-machines', 'udp-enabled.json'), file);
    const options = cliOptions(join(dir, 'data'), file);
    const world = await openWorld({ ...options, realNetwork: true } as WorldOptions);
    expect(world.network).toBe(realNetwork);
    expect(world.port.kind).toBe('simulated');
  });

  it('refuses the real machine off Windows for the CLI, with the way to simulate one', async () => {
    const options = { ...cliOptions(join(scratch, 'cli-none'), ''), simulate: undefined } as WorldOptions;
    await expect(openWorld(options)).rejects.toThrow(
      /^There is no Windows here to repair: use --simulate FILE/,
    );
  });

  it("holds the web demo's machine in memory, labelled by its path, in a fresh data folder", async () => {
    const file = join(REPO, 'sample-machines', 'udp-enabled.json');
    const before = readFileSync(file);
    const world = await openWorld({
      host: 'web-demo',
      machineFile: file,
      samples,
      packageRoot: REPO,
      dataDir: undefined,
    });
    try {
      expect(world.port.label).toBe('sample-machines/udp-enabled.json');
      expect(existsSync(world.dataDir)).toBe(true);
      expect(world.lockFile).toBe(join(world.dataDir, 'apply.lock'));
      expect(readFileSync(file).equals(before)).toBe(true);
    } finally {
      rmSync(world.dataDir, { recursive: true, force: true });
    }
  });

  it("keeps each remote computer's journal in its own folder", () => {
    expect(remoteDataDir('/d', 'ssh', 'server01:2222')).toBe('/d/remote/ssh-server01_2222');
  });
});
