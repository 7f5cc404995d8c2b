import { describe, expect, it } from 'vitest';
import {
  fileNameRefusal,
  MACHINE_ALLOW_LIST,
  registryPathRefusal,
  userScopeRefusal,
} from './machine-allow-list.js';
import { CertificateStoreSchema, OpSchema, ServiceNameSchema } from './ops.js';

function shapeOf(name: string): Record<string, unknown> {
  const option = OpSchema.options.find((o) => o.shape.op.value === name);
  if (!option) throw new Error(`no op ${name}`);
  return option.shape;
}

describe('the shared allow-list', () => {
  it('is what the op vocabulary names: stores, services, event channels, folders, credential prefix', () => {
    expect(CertificateStoreSchema.options).toEqual(MACHINE_ALLOW_LIST.certificateStores);
    expect(ServiceNameSchema.options).toEqual(MACHINE_ALLOW_LIST.services);
    expect((shapeOf('events.query') as { channel: { options: string[] } }).channel.options).toEqual(
      MACHINE_ALLOW_LIST.eventChannels,
    );
    expect((shapeOf('file.read') as { folder: { options: string[] } }).folder.options).toEqual(
      MACHINE_ALLOW_LIST.fileFolders,
    );
    expect((shapeOf('credential.list') as { targetPrefix: { value: string } }).targetPrefix.value).toBe(
      MACHINE_ALLOW_LIST.credentialTargetPrefix,
    );
  });

  it('allows the roots and what is below them, in any casing and hive spelling', () => {
    expect(registryPathRefusal('HKCU\\Software\\Microsoft\\Terminal Server Client', false)).toBeNull();
    expect(
      registryPathRefusal('HKEY_CURRENT_USER\\software\\microsoft\\terminal server client\\Default', false),
    ).toBeNull();
    expect(
      registryPathRefusal('HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client', true),
    ).toBeNull();
  });

  it('refuses what is outside, a sibling with the same prefix, dot segments, and user keys when elevated', () => {
    expect(registryPathRefusal('HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT', true)?.code).toBe(
      'invalid-argument',
    );
    expect(
      registryPathRefusal('HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal ServicesX', true)?.code,
    ).toBe('invalid-argument');
    expect(registryPathRefusal('HKCU\\Software\\Microsoft\\Terminal Server Client\\..\\x', false)?.code).toBe(
      'invalid-argument',
    );
    expect(registryPathRefusal('HKCU\\Software\\Microsoft\\Terminal Server Client', true)?.message).toMatch(
      /elevated/,
    );
  });

  it('keeps user-scope ops out of the elevated batch and refuses device and trailing-dot file names', () => {
    expect(userScopeRefusal('credential.delete', true)?.code).toBe('invalid-argument');
    expect(userScopeRefusal('credential.delete', false)).toBeNull();
    expect(userScopeRefusal('certificate.remove', true)).toBeNull();
    for (const name of ['CON', 'nul.rdp', 'a.rdp.', 'a.rdp ', 'a\tb'])
      expect(fileNameRefusal(name)).not.toBeNull();
    expect(fileNameRefusal('Default.rdp')).toBeNull();
  });
});
