import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/findings.js';
import { formatFindings } from './cli-output.js';

const finding = (repairId: Finding['repairId'], evidence: Finding['evidence']): Finding => ({
  repairId,
  status: 'ok',
  summary: 'summary',
  explanation: 'explanation',
  evidence,
  instructions: [],
});

describe('the checks on the command line', () => {
  it("prints the remote computer's map under the handshake check, as the app shows it", () => {
    const lines = formatFindings([
      finding('rdp-handshake', [
        { label: 'Time taken', value: '12 ms' },
        { label: 'Security protocols the remote computer accepts', value: 'TLS, CredSSP (NLA)' },
        { label: 'TLS versions it completes', value: '1.2, 1.3' },
      ]),
      finding('udp-transport', [{ label: 'fClientDisableUDP', value: 'absent' }]),
    ]);
    expect(lines).toEqual([
      '[OK] rdp-handshake: summary',
      '    Security protocols the remote computer accepts: TLS, CredSSP (NLA)',
      '    TLS versions it completes: 1.2, 1.3',
      '[OK] udp-transport: summary',
    ]);
  });

  it('shows the rows as inert text', () => {
    const lines = formatFindings([
      finding('rdp-handshake', [{ label: 'TLS versions it completes', value: '1.2\n[OK] all fine' }]),
    ]);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('\\u{000A}');
  });
});
