import { beforeAll, describe, expect, it } from 'vitest';
import type { Op } from '../../shared/ops.js';
import { OpSchema } from '../../shared/ops.js';
import { type ParsedPowerShell, parsePowerShell } from '../../test/support/parse-powershell.js';
import { powershellPreview } from './powershell-preview.js';

// The rendered PowerShell, judged by PowerShell's own parser (npm run test:powershell).

const HOSTILE = [
  "'; Remove-Item C:\\ -Recurse; '",
  '$(Stop-Computer)',
  '`$(calc)`',
  '" ; calc ; "',
  '\u2019; calc; \u2018',
  "''''",
  '@(1) | Out-Host',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a PowerShell variable, hostile on purpose
  '${env:USERPROFILE}',
  '#comment <# block #>',
  '{ & calc }',
];

function decodeVerbatim(literal: string): string {
  return literal.slice(1, -1).replace(/(['\u2018\u2019\u201a\u201b])\1/g, '$1');
}

function hostileOps(text: string): Op[] {
  return [
    OpSchema.parse({
      op: 'registry.setValue',
      path: `HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\${text.replace(/\\/g, '')}`,
      name: text,
      value: { type: 'REG_SZ', data: text },
    }),
    OpSchema.parse({ op: 'registry.deleteValue', path: 'HKCU\\Software\\X', name: text }),
    OpSchema.parse({ op: 'credential.delete', target: `TERMSRV/${text}`, type: 'DomainPassword' }),
    OpSchema.parse({ op: 'system.restorePoint', description: text }),
  ];
}

describe("powershellPreview in PowerShell's parser", () => {
  it('renders every op of a mixed batch as PowerShell that parses cleanly', async () => {
    const ops: Op[] = [
      { op: 'registry.readValue', path: 'HKCU\\Software\\A', name: 'v' },
      { op: 'registry.readKey', path: 'HKCU\\Software\\A' },
      { op: 'registry.deleteKey', path: 'HKCU\\Software\\A\\B' },
      {
        op: 'registry.writeKey',
        path: 'HKCU\\Software\\A\\B',
        tree: {
          values: { UsernameHint: { type: 'REG_SZ', data: 'CONTOSO\\me' } },
          subkeys: { C: { values: { n: { type: 'REG_DWORD', data: 2 } }, subkeys: {} } },
        },
      },
      { op: 'file.read', folder: 'documents', name: 'Default.rdp' },
      { op: 'file.delete', folder: 'documents', name: 'Default.rdp' },
      { op: 'file.setAttributes', folder: 'documents', name: 'Default.rdp', attributes: [] },
      { op: 'credential.list', targetPrefix: 'TERMSRV/' },
      { op: 'credential.delete', target: 'TERMSRV/pc.contoso.com', type: 'Generic' },
      { op: 'certificate.list', store: 'LocalMachine\\Remote Desktop' },
      { op: 'certificate.remove', store: 'LocalMachine\\My', thumbprint: 'A'.repeat(40) },
      { op: 'service.status', name: 'TermService' },
      { op: 'service.restart', name: 'UmRdpService' },
      { op: 'policy.refresh' },
      { op: 'net.probeTcp', host: 'pc.contoso.com', port: 3389, timeoutMs: 2000 },
      { op: 'net.resolve', host: 'pc.contoso.com' },
      { op: 'net.adapters' },
      { op: 'net.listeners', port: 3390 },
      { op: 'security.products' },
      {
        op: 'events.query',
        channel: 'System',
        ids: [1, 2],
        providers: ['Schannel'],
        since: '2024-01-01T00:00:00Z',
        max: 10,
      },
      { op: 'app.launchMstsc', host: 'pc' },
      { op: 'system.facts' },
    ];
    const text = powershellPreview(ops);
    const [parsed] = parsePowerShell([text]);
    expect(parsed?.errors).toEqual([]);
    // A key is created only when missing: New-Item -Force on an existing key would empty it.
    expect(text).toContain(
      "if (-not (Test-Path -Path 'HKCU:\\Software\\A\\B\\C')) { New-Item -Path 'HKCU:\\Software\\A\\B\\C' -Force | Out-Null }",
    );
    expect(text).not.toMatch(/^New-Item/m);
    // One line per saved password, saying which kind it is.
    expect(text).toContain("cmdkey '/delete:TERMSRV/pc.contoso.com'  # a generic saved password");
    expect(text).toContain(
      "Remove-Item -Path 'Cert:\\LocalMachine\\My\\AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'",
    );
  });

  let benign: ParsedPowerShell;
  const hostileParsed = new Map<string, ParsedPowerShell>();
  beforeAll(() => {
    const answers = parsePowerShell([hostileOps('plain'), ...HOSTILE.map(hostileOps)].map(powershellPreview));
    benign = answers[0] as ParsedPowerShell;
    for (const [i, text] of HOSTILE.entries()) hostileParsed.set(text, answers[i + 1] as ParsedPowerShell);
  });

  it.each(HOSTILE)('keeps hostile text %j inside single-quoted literals', (hostile) => {
    const parsed = hostileParsed.get(hostile) as ParsedPowerShell;
    expect(parsed.errors).toEqual([]);
    // The hostile text adds no command, variable or sub-expression: it stayed data.
    expect(parsed.commands).toBe(benign.commands);
    expect(parsed.variables).toBe(benign.variables);
    expect(parsed.subExpressions).toBe(benign.subExpressions);
    const literals = parsed.strings.map(decodeVerbatim);
    expect(literals).toContain(hostile);
    expect(literals).toContain(`/delete:TERMSRV/${hostile}`);
  });
});
