import { describe, expect, it } from 'vitest';
import { worstFirstScan } from './fleet-scan.js';
import { parseFleetScan } from './fleet-scan-options.js';

describe('scan --hosts-file --remote-via: the options', () => {
  it('needs the way in, and the key and account for SSH, each in one sentence', () => {
    expect(parseFleetScan(['--hosts-file', 'f'])).toMatch(/add --remote-via ssh or --remote-via winrm/);
    expect(parseFleetScan(['--hosts-file', 'f', '--remote-via', 'ssh', '--ssh-key', 'k'])).toMatch(
      /--ssh-user USER/,
    );
    expect(parseFleetScan(['--hosts-file', 'f', '--remote-via', 'winrm', '--ssh-key', 'k'])).toMatch(
      /are for --remote-via ssh/,
    );
    expect(parseFleetScan(['--hosts-file', 'f', '--remote-via', 'winrm', '--concurrency', '0'])).toMatch(
      /1 to 64/,
    );
  });

  it('takes the standard remoting port per way in, and 5986 as HTTPS', () => {
    expect(parseFleetScan(['--hosts-file', 'f', '--remote-via', 'winrm'])).toMatchObject({
      via: 'winrm',
      remotePort: 5985,
      concurrency: 8,
    });
    expect(
      parseFleetScan(['--hosts-file', 'f', '--remote-via', 'ssh', '--ssh-user', 'a', '--ssh-key', 'k']),
    ).toMatchObject({ via: 'ssh', remotePort: 22 });
  });

  it('orders the results worst first, keeping the file order within a side', () => {
    const row = (host: string, side: 'none' | 'this-pc' | 'unknown') => ({
      host,
      remote: { via: 'ssh' as const, computer: host },
      reached: true,
      verdict: { side, summary: host },
      problems: 0,
      unknown: 0,
    });
    const sorted = worstFirstScan([
      row('a', 'none'),
      row('b', 'unknown'),
      row('c', 'this-pc'),
      row('d', 'none'),
    ]);
    expect(sorted.map((r) => r.host)).toEqual(['c', 'b', 'a', 'd']);
  });
});
