import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elevatedScript, elevationScript } from '../../machine/powershell/elevated/elevation-commands.js';
import {
  ELEVATED_LAUNCHER_FILE,
  ELEVATED_LAUNCHER_SHA256,
  INTERPRETER_MODULE_FILE,
  INTERPRETER_MODULE_SHA256,
} from '../../machine/powershell/module-hashes.js';
import {
  batchCommand,
  encodeBatch,
  SESSION_READY,
  sessionSetupCommand,
} from '../../machine/powershell/powershell-commands.js';
import { createPowerShellMachine } from '../../machine/powershell/powershell-machine.js';
import { formatHostTarget, parseHostTarget } from '../../shared/host-name.js';
import type { Op } from '../../shared/ops.js';
import { HOSTILE_CORPUS } from './corpus.js';

/*
 * The PowerShell side: every command text the adapter builds carries data only as base64 literals (or hex
 * hashes). Each corpus input — accepted or not, since this is the last line of defence — is put into the
 * ops and paths, and the command text outside the base64 must be exactly what it is for a harmless name.
 */

const BASE64_LITERAL = /'[A-Za-z0-9+/]*={0,2}'/g;
const skeleton = (command: string): string => command.replace(BASE64_LITERAL, "'<data>'");
const figures = {
  tried: 0,
  acceptedHosts: 0,
  inputTextOutsideBase64: 0,
  machineRuns: 0,
  machineTextOutsideBase64: 0,
  tooLongToElevate: 0,
};

afterAll(() => {
  console.log(
    `hostile corpus / PowerShell commands: ${figures.tried} inputs put into batches, session and elevation ` +
      `commands (${figures.acceptedHosts} valid hosts), input text outside the base64 data = ${figures.inputTextOutsideBase64}; ` +
      `${figures.machineRuns} batches through the PowerShell machine (read in the session, write elevated), ` +
      `input text outside the base64 data = ${figures.machineTextOutsideBase64}, ` +
      `${figures.tooLongToElevate} elevated batches refused as too long for the launch text`,
  );
});

function opsFor(host: string, target: string): Op[] {
  return [
    { op: 'net.resolve', host },
    { op: 'net.probeTcp', host, port: 3389, timeoutMs: 1000 },
    { op: 'app.launchMstsc', host: target },
    {
      op: 'registry.deleteKey',
      path: `HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\${host}`,
    },
    { op: 'credential.delete', target: `TERMSRV/${host}`, type: 'DomainPassword' },
  ];
}

function commandsFor(text: string, target: string): string[] {
  const batch = encodeBatch({ ops: opsFor(text, target), mode: 'write', elevated: true });
  return [
    batchCommand(batch),
    sessionSetupCommand(`C:\\Users\\${text}\\AppData\\Local\\RDP Repair\\RdpRepair.Interpreter.psm1`),
    elevatedScript({
      launcherText: `param($x) # ${text}`,
      modulePath: `C:\\Users\\${text}\\module.psm1`,
      moduleSha256: 'a'.repeat(64),
      encodedBatch: batch,
      pipeName: `rdp-repair-${'a'.repeat(24)}`,
      nonce: 'b'.repeat(32),
    }),
    elevationScript(`C:\\Windows\\${text}\\powershell.exe`, batch),
  ];
}

const PLACEHOLDER = commandsFor('placeholder01', 'placeholder01').map(skeleton);

describe('hostile corpus through the PowerShell command builders', () => {
  it.each(HOSTILE_CORPUS.map((e) => [JSON.stringify(e.input.slice(0, 60)), e.input] as const))(
    '%s',
    (_, input) => {
      const parsed = parseHostTarget(input);
      if (parsed.ok) figures.acceptedHosts++;
      const host = parsed.ok ? parsed.target.host : input;
      const target = parsed.ok ? formatHostTarget(parsed.target) : input;
      const commands = commandsFor(host, target);
      figures.tried++;
      const skeletons = commands.map(skeleton);
      if (skeletons.some((s, i) => s !== PLACEHOLDER[i])) figures.inputTextOutsideBase64++;
      expect(skeletons).toEqual(PLACEHOLDER);
    },
  );
});

const MODULE_FOLDER = join(import.meta.dirname, '../../machine/powershell');

/**
 * Every command text and process argument the PowerShell machine produces for these ops; `elevated` is empty
 * when the batch was too long to ride in the elevated launch text (refused before any process starts).
 */
async function machineTexts(ops: Op[]): Promise<{ session: string[]; elevated: string[]; refused: boolean }> {
  const texts: string[] = [];
  const elevatedTexts: string[] = [];
  const machine = createPowerShellMachine({
    modulePath: join(MODULE_FOLDER, INTERPRETER_MODULE_FILE),
    moduleSha256: INTERPRETER_MODULE_SHA256,
    launcherPath: join(MODULE_FOLDER, ELEVATED_LAUNCHER_FILE),
    launcherSha256: ELEVATED_LAUNCHER_SHA256,
    createSession: () => ({
      invoke: async (command) => {
        texts.push(command);
        if (!command.includes('Invoke-RdpRepairBatch')) return { stdout: SESSION_READY, stderr: '' };
        const results = ops.map(() => ({ ok: false, error: { code: 'failed', message: 'recorded' } }));
        return { stdout: JSON.stringify({ protocol: 1, results }), stderr: '' };
      },
      dispose: async () => {},
    }),
    processRunner: {
      run: async (file, args) => {
        elevatedTexts.push(file, ...args);
        // Declined at the UAC prompt: the elevated side never runs, which is all this test needs.
        return { exitCode: 1223, stdout: '', stderr: '' };
      },
    },
  });
  await machine.run(ops, { mode: 'read' });
  const results = await machine.run(ops, { mode: 'write', elevated: true });
  const refused = results.every((r) => !r.ok && /too many for one elevated batch/.test(r.error.message));
  return { session: texts, elevated: elevatedTexts, refused };
}

describe('hostile corpus through the PowerShell machine (recorded processes)', () => {
  let placeholder: { session: string[]; elevated: string[] } = { session: [], elevated: [] };

  beforeAll(async () => {
    const texts = await machineTexts(opsFor('placeholder01', 'placeholder01'));
    placeholder = { session: texts.session.map(skeleton), elevated: texts.elevated.map(skeleton) };
    // The batch reached the session and the elevation command reached the process runner.
    expect(placeholder.session.some((t) => t.startsWith('Invoke-RdpRepairBatch -EncodedBatch'))).toBe(true);
    expect(placeholder.elevated).toContain('-Command');
  });

  it.each(HOSTILE_CORPUS.map((e) => [JSON.stringify(e.input.slice(0, 60)), e.input] as const))(
    '%s',
    async (_, input) => {
      const parsed = parseHostTarget(input);
      const host = parsed.ok ? parsed.target.host : input;
      const target = parsed.ok ? formatHostTarget(parsed.target) : input;
      const texts = await machineTexts(opsFor(host, target));
      const skeletons = [...texts.session, ...texts.elevated].map(skeleton);
      // A batch too long for the elevated command line never reaches a process: only the session ran.
      // (The language-mode check before it still runs.)
      const elevation = placeholder.elevated.findIndex(
        (_, i) => placeholder.elevated[i + 3] === '-ExecutionPolicy',
      );
      const expected = [
        ...placeholder.session,
        ...(texts.refused ? placeholder.elevated.slice(0, elevation) : placeholder.elevated),
      ];
      if (texts.refused) {
        figures.tooLongToElevate++;
        expect(texts.elevated.some((t) => t.includes("$start.Verb = 'runas'"))).toBe(false);
      }
      figures.machineRuns += 2;
      if (skeletons.some((s, i) => s !== expected[i])) figures.machineTextOutsideBase64++;
      expect(skeletons).toEqual(expected);
    },
  );
});
