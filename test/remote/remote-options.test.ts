import { describe, expect, it } from 'vitest';
import { remoteRequest } from '../../hosts/cli/remote-options.js';
import { parseRemoteUrl, remoteComputer } from '../../machine/remote/remote-target.js';

describe('--remote and its options', () => {
  it('reads ssh://USER@HOST[:PORT] and winrm://HOST[:PORT], with the standard ports', () => {
    expect(parseRemoteUrl('ssh://admin@server01.contoso.com')).toEqual({
      ok: true,
      via: 'ssh',
      user: 'admin',
      host: 'server01.contoso.com',
      port: 22,
    });
    expect(parseRemoteUrl('ssh://root@127.0.0.1:2222')).toMatchObject({ ok: true, port: 2222 });
    expect(parseRemoteUrl('winrm://server01')).toEqual({
      ok: true,
      via: 'winrm',
      host: 'server01',
      port: 5985,
      useSsl: false,
    });
    expect(parseRemoteUrl('winrm://server01:5986')).toMatchObject({ ok: true, useSsl: true });
    expect(parseRemoteUrl('ssh://root@[::1]:22')).toMatchObject({ ok: true, host: '::1' });
  });

  it('refuses anything else in one sentence', () => {
    for (const bad of [
      'http://server01',
      'ssh://server01',
      'ssh://root@server01:0',
      'ssh://root@server01:70000',
      "ssh://root@ser'ver01",
      'ssh://ro ot@server01',
      'winrm://admin@server01',
      'ssh://root@$(calc)',
      `ssh://root@${'a'.repeat(400)}`,
    ]) {
      const parsed = parseRemoteUrl(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/^--remote[: ].*\.$/);
    }
  });

  it('names the computer without its port when the port is the standard one', () => {
    expect(remoteComputer({ via: 'ssh', host: 'a', port: 22 })).toBe('a');
    expect(remoteComputer({ via: 'ssh', host: 'a', port: 2222 })).toBe('a:2222');
    expect(remoteComputer({ via: 'winrm', host: 'a', port: 5986, useSsl: true })).toBe('a');
  });

  it('asks for --ssh-key with ssh://, --credential only with winrm://, and nothing remote with --simulate', () => {
    expect(remoteRequest({ remote: 'ssh://root@a' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/--ssh-key FILE/),
    });
    expect(remoteRequest({ remote: 'ssh://root@a', 'ssh-key': 'k', credential: 'u' })).toMatchObject({
      ok: false,
    });
    expect(remoteRequest({ remote: 'winrm://a', 'ssh-key': 'k' })).toMatchObject({ ok: false });
    expect(remoteRequest({ 'ssh-key': 'k' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/--remote/),
    });
    expect(remoteRequest({ remote: 'ssh://root@a', 'ssh-key': 'k', simulate: 'm.json' })).toMatchObject({
      ok: false,
    });
    expect(remoteRequest({})).toEqual({ ok: true });
    expect(remoteRequest({ remote: 'winrm://a', credential: 'CONTOSO\\admin' })).toMatchObject({
      ok: true,
      remote: { url: { via: 'winrm', host: 'a' }, credentialUser: 'CONTOSO\\admin' },
    });
  });
});
