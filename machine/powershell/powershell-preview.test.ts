import { describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { loadPowerShellParser } from '../../scripts/check-powershell/powershell-parser.js';
import type { Op } from '../../shared/ops.js';
import { OpSchema } from '../../shared/ops.js';
import { powershellPreview, psQuote } from './powershell-preview.js';

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

async function parsePreview(text: string) {
  const parser = await loadPowerShellParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('parser returned no tree');
  const strings = tree.rootNode.descendantsOfType('string_literal').filter((n): n is Node => n !== null);
  return {
    hasError: tree.rootNode.hasError,
    commands: tree.rootNode.descendantsOfType('command').length,
    variables: tree.rootNode.descendantsOfType('variable').length,
    subExpressions: tree.rootNode.descendantsOfType('sub_expression').length,
    strings: strings.map((n) => n.text),
  };
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

describe('psQuote', () => {
  it('wraps in single quotes and doubles every kind of single quote', () => {
    expect(psQuote("it's")).toBe("'it''s'");
    expect(psQuote('a\u2019b')).toBe("'a\u2019\u2019b'");
    expect(psQuote('$x "y"')).toBe('\'$x "y"\'');
  });
});

describe('powershellPreview', () => {
  it('renders a DWORD policy value as Set-ItemProperty with a typed value', () => {
    const text = powershellPreview([
      {
        op: 'registry.setValue',
        path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client',
        name: 'fClientDisableUDP',
        value: { type: 'REG_DWORD', data: 1 },
      },
    ]);
    expect(text).toContain(
      "Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client' -Name 'fClientDisableUDP' -Value 1 -Type DWord",
    );
  });

  it('renders each value type with its PowerShell type name', () => {
    const path = 'HKEY_CURRENT_USER\\Software\\T';
    const text = powershellPreview([
      { op: 'registry.setValue', path, name: 'a', value: { type: 'REG_MULTI_SZ', data: ['x', "y'z"] } },
      { op: 'registry.setValue', path, name: 'b', value: { type: 'REG_BINARY', data: '0aff' } },
      {
        op: 'registry.setValue',
        path,
        name: 'c',
        value: { type: 'REG_QWORD', data: '18446744073709551615' },
      },
      { op: 'registry.setValue', path, name: 'd', value: { type: 'REG_EXPAND_SZ', data: '%TEMP%' } },
    ]);
    expect(text).toContain("-Path 'HKCU:\\Software\\T' -Name 'a' -Value @('x', 'y''z') -Type MultiString");
    expect(text).toContain('-Value ([byte[]](0x0a,0xff)) -Type Binary');
    expect(text).toContain('-Value 18446744073709551615 -Type QWord');
    expect(text).toContain("-Value '%TEMP%' -Type ExpandString");
  });

  it('shows the size of restored file content, never the content itself', () => {
    const text = powershellPreview([
      {
        op: 'file.write',
        folder: 'documents',
        name: 'Default.rdp',
        contentBase64: Buffer.from('secret settings').toString('base64'),
        attributes: ['Hidden'],
      },
    ]);
    expect(text).toContain('Restore 15 bytes');
    expect(text).not.toContain(Buffer.from('secret settings').toString('base64'));
    expect(text).toContain("'Default.rdp'");
  });

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
      { op: 'certificate.list', store: 'LocalMachine\\Remote Desktop' },
      { op: 'certificate.remove', store: 'LocalMachine\\My', thumbprint: 'A'.repeat(40) },
      { op: 'service.status', name: 'TermService' },
      { op: 'service.restart', name: 'UmRdpService' },
      { op: 'policy.refresh' },
      { op: 'net.probeTcp', host: 'pc.contoso.com', port: 3389, timeoutMs: 2000 },
      { op: 'net.resolve', host: 'pc.contoso.com' },
      { op: 'net.adapters' },
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
    const parsed = await parsePreview(text);
    expect(parsed.hasError).toBe(false);
    expect(text).toContain("New-Item -Path 'HKCU:\\Software\\A\\B\\C' -Force");
    expect(text).toContain(
      "Remove-Item -Path 'Cert:\\LocalMachine\\My\\AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'",
    );
  });

  it.each(HOSTILE)('keeps hostile text %j inside single-quoted literals', async (hostile) => {
    const benign = await parsePreview(powershellPreview(hostileOps('plain')));
    const parsed = await parsePreview(powershellPreview(hostileOps(hostile)));
    expect(parsed.hasError).toBe(false);
    // The hostile text adds no command, variable or sub-expression: it stayed data.
    expect(parsed.commands).toBe(benign.commands);
    expect(parsed.variables).toBe(benign.variables);
    expect(parsed.subExpressions).toBe(benign.subExpressions);
    const literals = parsed.strings.map(decodeVerbatim);
    expect(literals).toContain(hostile);
    expect(literals).toContain(`/delete:TERMSRV/${hostile}`);
  });
});
