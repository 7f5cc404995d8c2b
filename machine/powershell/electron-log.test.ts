import { describe, expect, it, vi } from 'vitest';

// electron/log.ts is owned with this folder; electron-log itself needs Electron, so it is replaced here.
const info = vi.fn();
vi.mock('electron-log/main', () => ({
  default: {
    info,
    error: vi.fn(),
    transports: { file: {}, console: {} },
    errorHandler: { startCatching: vi.fn() },
  },
}));

const { describeOpForLog, logBatch, summarizeResults } = await import('../../electron/log.js');

describe('batch log lines', () => {
  it('never contains file contents, only their size', () => {
    const secret = Buffer.from('full address:s:secret-server\r\nusername:s:jörg').toString('base64');
    const line = describeOpForLog({
      op: 'file.write',
      folder: 'documents',
      name: 'Default.rdp',
      contentBase64: secret,
      attributes: ['Hidden'],
    });
    expect(line).not.toContain(secret);
    expect(line).toContain('Default.rdp');
    expect(line).toMatch(/\d+ bytes/);
  });

  it('logs a registry write by path, name and type, and a key tree by size only', () => {
    expect(
      describeOpForLog({
        op: 'registry.setValue',
        path: 'HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\pc',
        name: 'UsernameHint',
        value: { type: 'REG_SZ', data: 'CONTOSO\\someone' },
      }),
    ).toBe(
      'registry.setValue HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\pc "UsernameHint" REG_SZ',
    );
    const tree = describeOpForLog({
      op: 'registry.writeKey',
      path: 'HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\pc',
      tree: {
        values: { CertHash: { type: 'REG_BINARY', data: 'aabb' } },
        subkeys: { a: { values: {}, subkeys: {} } },
      },
    });
    expect(tree).toContain('(2 keys)');
    expect(tree).not.toContain('aabb');
  });

  it('summarises results by code and writes one entry per batch', () => {
    expect(
      summarizeResults([
        { ok: true, value: null },
        { ok: false, error: { code: 'access-denied', message: 'x' } },
        { ok: false, error: { code: 'skipped', message: 'y' } },
      ]),
    ).toBe('1 ok, 1 access-denied, 1 skipped');
    logBatch(
      { ops: [{ op: 'policy.refresh' }], mode: 'write', elevated: true },
      [{ ok: true, value: null }],
      12,
    );
    expect(info).toHaveBeenCalledTimes(1);
    expect(String(info.mock.calls[0]?.[0])).toContain('batch write elevated: 1 ops in 12 ms (1 ok)');
  });
});
