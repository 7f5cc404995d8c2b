import { describe, expect, it, vi } from 'vitest';
import { type Op, type OpName, type OpOf, type OpResult, OpSchema } from '../../shared/ops.js';

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

/*
 * A marker in every field that can carry a secret or private content: a password's protected blob, file
 * bytes, registry data. Base64 fields get a marker made of base64 characters, so the op is still valid.
 */
const MARKER = 'SECRETMARKER7q';
const HOST = 'server01.contoso.com';
const TARGET = 'TERMSRV/server01.contoso.com';
const ACCOUNT = 'HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\pc';

/** One op of every kind; the mapped type makes a new op kind fail to compile until it is added here. */
const EVERY_OP: { [N in OpName]: OpOf<N> } = {
  'registry.readValue': { op: 'registry.readValue', path: ACCOUNT, name: 'UsernameHint' },
  'registry.readKey': { op: 'registry.readKey', path: ACCOUNT },
  'registry.setValue': {
    op: 'registry.setValue',
    path: ACCOUNT,
    name: 'UsernameHint',
    value: { type: 'REG_SZ', data: MARKER },
  },
  'registry.deleteValue': { op: 'registry.deleteValue', path: ACCOUNT, name: 'CertHash' },
  'registry.deleteKey': { op: 'registry.deleteKey', path: ACCOUNT },
  'registry.deleteEmptyKey': { op: 'registry.deleteEmptyKey', path: ACCOUNT },
  'registry.writeKey': {
    op: 'registry.writeKey',
    path: ACCOUNT,
    tree: {
      values: { UsernameHint: { type: 'REG_SZ', data: MARKER } },
      subkeys: { inner: { values: { list: { type: 'REG_MULTI_SZ', data: [MARKER] } }, subkeys: {} } },
    },
  },
  'file.read': { op: 'file.read', folder: 'documents', name: 'Default.rdp' },
  'file.write': {
    op: 'file.write',
    folder: 'documents',
    name: 'Default.rdp',
    contentBase64: MARKER,
    attributes: ['Hidden'],
  },
  'file.delete': { op: 'file.delete', folder: 'documents', name: 'Default.rdp' },
  'file.setAttributes': {
    op: 'file.setAttributes',
    folder: 'documents',
    name: 'Default.rdp',
    attributes: [],
  },
  'credential.list': { op: 'credential.list', targetPrefix: 'TERMSRV/' },
  'credential.read': { op: 'credential.read', target: TARGET, type: 'Generic' },
  'credential.write': {
    op: 'credential.write',
    target: TARGET,
    type: 'Generic',
    user: 'CONTOSO\\alice',
    persist: 2,
    protectedSecretBase64: MARKER,
  },
  'credential.delete': { op: 'credential.delete', target: TARGET, type: 'DomainPassword' },
  'certificate.list': { op: 'certificate.list', store: 'LocalMachine\\Remote Desktop' },
  'certificate.remove': {
    op: 'certificate.remove',
    store: 'LocalMachine\\Remote Desktop',
    thumbprint: '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567',
  },
  'service.status': { op: 'service.status', name: 'TermService' },
  'service.restart': { op: 'service.restart', name: 'SessionEnv' },
  'service.setState': { op: 'service.setState', name: 'SessionEnv', startType: 'Manual', running: true },
  'policy.refresh': { op: 'policy.refresh' },
  'net.probeTcp': { op: 'net.probeTcp', host: HOST, port: 3389, timeoutMs: 1000 },
  'net.resolve': { op: 'net.resolve', host: HOST },
  'net.adapters': { op: 'net.adapters' },
  'net.listeners': { op: 'net.listeners', port: 3390 },
  'security.products': { op: 'security.products' },
  'events.query': { op: 'events.query', channel: 'System', since: '2026-11-20T00:00:00Z', max: 10 },
  'app.launchMstsc': { op: 'app.launchMstsc', host: HOST },
  'system.restorePoint': { op: 'system.restorePoint', description: 'RDP Repair' },
  'system.facts': { op: 'system.facts' },
};

/** Results that hand back secret or private content: a protected password, file bytes, registry data. */
const SECRET_RESULTS: OpResult[] = [
  { ok: true, value: { exists: true, user: 'CONTOSO\\alice', persist: 2, protectedSecretBase64: MARKER } },
  { ok: true, value: { exists: true, contentBase64: MARKER, attributes: [] } },
  { ok: true, value: { exists: true, value: { type: 'REG_SZ', data: MARKER } } },
  {
    ok: true,
    value: { exists: true, tree: { values: { a: { type: 'REG_SZ', data: MARKER } }, subkeys: {} } },
  },
];

/** The marker in the forms a formatter could turn it into. */
function markerForms(): string[] {
  const bytes = Buffer.from(MARKER, 'base64');
  return [MARKER, MARKER.toLowerCase(), bytes.toString('hex'), bytes.toString('latin1')];
}

describe('nothing secret reaches the log', () => {
  const ops = Object.values(EVERY_OP) as Op[];

  it('has a valid op of every kind of the vocabulary', () => {
    expect(ops.map((op) => op.op).sort()).toEqual(OpSchema.options.map((o) => o.shape.op.value).sort());
    for (const op of ops) expect(OpSchema.safeParse(op).success, op.op).toBe(true);
  });

  it.each(ops.map((op) => [op.op, op] as const))('%s: no secret field in its log line', (_, op) => {
    const line = describeOpForLog(op);
    expect(line.startsWith(op.op)).toBe(true);
    for (const form of markerForms()) expect(line).not.toContain(form);
  });

  it('says how many bytes of a saved password were withheld, and names its target', () => {
    const line = describeOpForLog(EVERY_OP['credential.write']);
    expect(line).toContain(TARGET);
    expect(line).toMatch(/\d+ bytes withheld/);
  });

  it('a whole batch with its results, secret values included, leaves no trace of them', () => {
    info.mockClear();
    const results: OpResult[] = ops.map((_, i) => SECRET_RESULTS[i % SECRET_RESULTS.length]!);
    expect(summarizeResults(SECRET_RESULTS)).toBe('4 ok');
    logBatch({ ops, mode: 'write', elevated: false }, results, 5);
    const logged = info.mock.calls.map((call) => call.map(String).join(' ')).join('\n');
    expect(logged).toContain('credential.write');
    for (const form of markerForms()) expect(logged).not.toContain(form);
  });
});
