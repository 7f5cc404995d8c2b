import { describe, expect, it } from 'vitest';
import { powershellPreview, psQuote } from './powershell-preview.js';

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
});
