import { describe, expect, it } from 'vitest';
import {
  findParseErrors,
  findPs51Incompatibilities,
} from '../../scripts/check-powershell/powershell-checks.js';
import {
  batchCommand,
  elevatedScript,
  elevationScript,
  encodeBatch,
  encodeCommand,
  sessionSetupCommand,
} from './powershell-commands.js';

const HOSTILE_PATH =
  "C:\\Users\\O'Brien $(calc)\\AppData\\Local\\Programs\\RDP Repair\\resources\\powershell\\x.psm1";

async function expectValidPs51(script: string) {
  expect(await findParseErrors(script)).toEqual([]);
  expect(await findPs51Incompatibilities(Buffer.from(script, 'utf8'))).toEqual([]);
}

describe('generated PowerShell', () => {
  it('is valid Windows PowerShell 5.1 and carries paths only as base64', async () => {
    const setup = sessionSetupCommand(HOSTILE_PATH);
    await expectValidPs51(setup);
    expect(setup).not.toContain("O'Brien");
    const elevated = elevatedScript({
      launcherText: 'param($ModulePath) $ModulePath',
      modulePath: HOSTILE_PATH,
      moduleSha256: 'a'.repeat(64),
      runFolder: HOSTILE_PATH,
      batchSha256: 'b'.repeat(64),
    });
    await expectValidPs51(elevated);
    expect(elevated).not.toContain('calc');
    await expectValidPs51(elevationScript(HOSTILE_PATH, encodeCommand(elevated)));
    await expectValidPs51(
      batchCommand(encodeBatch({ ops: [{ op: 'policy.refresh' }], mode: 'write', elevated: true })),
    );
  });

  it('refuses to splice anything that is not base64 or a hash', () => {
    expect(() => batchCommand("abc'; calc; '")).toThrow(/non-base64/);
    expect(() =>
      elevatedScript({
        launcherText: '',
        modulePath: '',
        moduleSha256: "'; calc",
        runFolder: '',
        batchSha256: '',
      }),
    ).toThrow(/malformed hash/);
  });
});
