import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import {
  loadMachineFile,
  MachineFileError,
  machinesEqual,
  normalizeMachine,
  parseMachineDescription,
  saveMachineFile,
} from './machine-file.js';

const OS = {
  build: '10.0.22631',
  edition: 'Home',
  user: 'alice',
  documentsFolder: 'C:\\Users\\alice\\Documents',
};
const minimal = (parts: Partial<MachineDescriptionInput> = {}): MachineDescriptionInput => ({
  schemaVersion: 1,
  os: OS,
  ...parts,
});

function errorOf(action: () => unknown): MachineFileError {
  try {
    action();
  } catch (error) {
    if (error instanceof MachineFileError) return error;
    throw error;
  }
  throw new Error('expected a MachineFileError');
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'rdp-repair-machine-'));

describe('parseMachineDescription', () => {
  it('names the file and the JSON path of a value of the wrong type in one sentence', () => {
    const error = errorOf(() =>
      parseMachineDescription(
        minimal({
          registry: { 'HKCU\\Software\\X': { Foo: { type: 'REG_DWORD', data: 'one' as unknown as number } } },
        }),
        'sample-machines/bad.json',
      ),
    );
    expect(error.message).toBe(
      'sample-machines/bad.json: registry["HKCU\\\\Software\\\\X"].Foo.data: expected number, received string.',
    );
    expect(error.jsonPath).toBe('registry["HKCU\\\\Software\\\\X"].Foo.data');
  });

  it('names a missing field and array indexes', () => {
    expect(errorOf(() => parseMachineDescription({ schemaVersion: 1 }, 'm.json')).message).toBe(
      'm.json: os: expected object, received undefined.',
    );
    const bad = minimal({ credentials: [{ target: 'TERMSRV/x', type: 'Password' as 'Generic', user: 'a' }] });
    expect(errorOf(() => parseMachineDescription(bad, 'm.json')).message).toMatch(
      /^m\.json: credentials\[0\]\.type: .+\.$/,
    );
  });

  it('refuses registry paths outside HKCU and HKLM', () => {
    const error = errorOf(() => parseMachineDescription(minimal({ registry: { 'HKCR\\X': {} } }), 'm.json'));
    expect(error.message).toBe(
      'm.json: registry["HKCR\\\\X"]: a registry key path must start with HKCU\\ or HKLM\\ and name a key below it.',
    );
  });

  it('refuses two spellings of the same key or file', () => {
    const keys = minimal({ registry: { 'HKCU\\Software\\X': {}, 'HKEY_CURRENT_USER\\software\\x': {} } });
    expect(errorOf(() => parseMachineDescription(keys, 'm.json')).message).toMatch(
      /^m\.json: registry\["HKEY_CURRENT_USER\\\\software\\\\x"\]: names the same thing as registry\["HKCU\\\\Software\\\\X"\]/,
    );
    const files = minimal({ files: { 'C:\\A.rdp': { content: '' }, 'c:\\a.RDP': { content: '' } } });
    expect(errorOf(() => parseMachineDescription(files, 'm.json')).jsonPath).toBe('files["c:\\\\a.RDP"]');
  });

  it('fills the defaults', () => {
    const parsed = parseMachineDescription(minimal(), 'm.json');
    expect(parsed.os.elevated).toBe(false);
    expect(parsed.simulation).toEqual({
      uacAnswer: 'yes',
      restorePoint: 'created',
      sessionEnvIssuesCertificate: true,
      handshakeDelayMs: 0,
    });
    expect(parsed.network).toEqual({ hosts: {}, adapters: [] });
  });
});

describe('loadMachineFile', () => {
  it('says when the file is not JSON', () => {
    const path = join(tempDir(), 'broken.json');
    writeFileSync(path, '{ "schemaVersion": 1, ');
    const error = errorOf(() => loadMachineFile(path));
    expect(error.message).toMatch(
      new RegExp(`^${path.replace(/[.\\]/g, '\\$&')}: not valid JSON \\(.+\\)\\.$`),
    );
  });

  it('says when the file cannot be read', () => {
    const path = join(tempDir(), 'missing.json');
    expect(errorOf(() => loadMachineFile(path)).message).toBe(`${path}: the file cannot be read (ENOENT).`);
  });

  it('names the file in schema errors', () => {
    const path = join(tempDir(), 'wrong.json');
    writeFileSync(
      path,
      JSON.stringify(minimal({ services: { TermService: { status: 'Gone' as 'Running' } } })),
    );
    expect(errorOf(() => loadMachineFile(path)).message).toMatch(
      new RegExp(`^${path.replace(/[.\\]/g, '\\$&')}: services\\.TermService\\.status: `),
    );
  });

  it('loads the sample machines', () => {
    for (const name of ['healthy.json', 'udp-enabled.json']) {
      expect(loadMachineFile(join('sample-machines', name)).schemaVersion).toBe(1);
    }
  });

  it('accepts a UTF-8 BOM', () => {
    const path = join(tempDir(), 'bom.json');
    writeFileSync(path, `\uFEFF${JSON.stringify(minimal())}`);
    expect(loadMachineFile(path).os.user).toBe('alice');
  });
});

describe('saveMachineFile', () => {
  it('round-trips: what is saved loads back equal, and leaves no temporary file', () => {
    const dir = tempDir();
    const path = join(dir, 'machine.json');
    const original = loadMachineFile('sample-machines/healthy.json');
    saveMachineFile(path, original);
    expect(loadMachineFile(path)).toEqual(original);
    expect(machinesEqual(loadMachineFile(path), original)).toBe(true);
    expect(readdirSync(dir)).toEqual(['machine.json']);
  });

  it('replaces an existing file whole', () => {
    const path = join(tempDir(), 'machine.json');
    writeFileSync(path, 'x'.repeat(100_000));
    saveMachineFile(path, parseMachineDescription(minimal(), path));
    expect(JSON.parse(readFileSync(path, 'utf8')).os.user).toBe('alice');
  });
});

describe('normalizeMachine and machinesEqual', () => {
  it('treats hive spellings, key and value name case and file path case as the same', () => {
    const a = minimal({
      registry: { 'HKEY_CURRENT_USER\\Software\\X': { Foo: { type: 'REG_DWORD', data: 1 } } },
      files: { 'C:\\Users\\alice\\Documents\\Default.rdp': { content: 'a' } },
    });
    const b = minimal({
      registry: { 'HKCU\\software\\x\\': { foo: { type: 'REG_DWORD', data: 1 } } },
      files: { 'c:\\users\\alice\\documents\\default.rdp': { content: 'a', encoding: 'utf-16le' } },
    });
    expect(machinesEqual(a, b)).toBe(true);
    expect(normalizeMachine(b).registry).toEqual({
      'HKCU\\software\\x': { foo: { type: 'REG_DWORD', data: 1 } },
    });
  });

  it('tells apart different data, types and file bytes', () => {
    const with1 = minimal({ registry: { 'HKCU\\X': { Foo: { type: 'REG_DWORD', data: 1 } } } });
    expect(
      machinesEqual(with1, minimal({ registry: { 'HKCU\\X': { Foo: { type: 'REG_DWORD', data: 0 } } } })),
    ).toBe(false);
    expect(
      machinesEqual(with1, minimal({ registry: { 'HKCU\\X': { Foo: { type: 'REG_SZ', data: '1' } } } })),
    ).toBe(false);
    const utf16 = minimal({ files: { 'C:\\a.rdp': { content: 'x', encoding: 'utf-16le' } } });
    const utf8 = minimal({ files: { 'C:\\a.rdp': { content: 'x', encoding: 'utf-8' } } });
    expect(machinesEqual(utf16, utf8)).toBe(false);
  });

  it('drops a key with no values that keys below it imply, but keeps an empty leaf key', () => {
    const normal = normalizeMachine(
      minimal({ registry: { 'HKCU\\A': {}, 'HKCU\\A\\B': {}, 'HKCU\\C': {} } }),
    );
    expect(normal.registry).toEqual({ 'HKCU\\A\\B': {}, 'HKCU\\C': {} });
    expect(machinesEqual(minimal({ registry: { 'HKCU\\C': {} } }), minimal())).toBe(false);
  });

  it('sorts keys, credentials and certificates, and describes file bytes canonically', () => {
    const normal = normalizeMachine(
      minimal({
        registry: {
          'HKCU\\b': {},
          'HKCU\\A': { z: { type: 'REG_SZ', data: '' }, a: { type: 'REG_SZ', data: '' } },
        },
        credentials: [
          { target: 'TERMSRV/b', type: 'Generic', user: 'x' },
          { target: 'TERMSRV/a', type: 'Generic', user: 'x' },
        ],
        certificates: {
          'LocalMachine\\My': [
            { thumbprint: 'bb'.repeat(20), subject: 'CN=b', notAfter: '2027-01-01T00:00:00Z' },
            { thumbprint: 'AA'.repeat(20), subject: 'CN=a', notAfter: '2027-01-01T00:00:00Z' },
          ],
        },
        files: {
          'C:\\x.txt': {
            content: Buffer.from('plain').toString('base64'),
            encoding: 'base64',
            attributes: ['Archive', 'Hidden'],
          },
        },
      }),
    );
    expect(Object.keys(normal.registry)).toEqual(['HKCU\\A', 'HKCU\\b']);
    expect(Object.keys(normal.registry['HKCU\\A'] ?? {})).toEqual(['a', 'z']);
    expect(normal.credentials.map((c) => c.target)).toEqual(['TERMSRV/a', 'TERMSRV/b']);
    expect(normal.certificates['LocalMachine\\My']?.map((c) => c.thumbprint)).toEqual([
      'AA'.repeat(20),
      'BB'.repeat(20),
    ]);
    expect(normal.files['C:\\x.txt']).toEqual({
      content: 'plain',
      encoding: 'utf-8',
      attributes: ['Hidden', 'Archive'],
    });
  });
});
