import type { OpNameOf } from '../../../shared/ops.js';
import type { RegistryKeyTree, RegistryValue } from '../../../shared/registry.js';
import { type PreviewTable, psQuote } from './common.js';

/* The registry family's preview. */

function psRegistryPath(path: string): string {
  const match = /^(HKCU|HKLM|HKEY_CURRENT_USER|HKEY_LOCAL_MACHINE)\\(.*)$/i.exec(path);
  if (!match) return psQuote(path);
  const hive = /^(HKCU|HKEY_CURRENT_USER)$/i.test(match[1] ?? '') ? 'HKCU' : 'HKLM';
  return psQuote(`${hive}:\\${match[2]}`);
}

const PS_TYPE: Record<RegistryValue['type'], string> = {
  REG_SZ: 'String',
  REG_EXPAND_SZ: 'ExpandString',
  REG_MULTI_SZ: 'MultiString',
  REG_DWORD: 'DWord',
  REG_QWORD: 'QWord',
  REG_BINARY: 'Binary',
  REG_OTHER: 'None',
};

function psValue(value: RegistryValue): string {
  switch (value.type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return psQuote(value.data);
    case 'REG_MULTI_SZ':
      return `@(${value.data.map(psQuote).join(', ')})`;
    case 'REG_DWORD':
    case 'REG_QWORD':
      return value.data.toString();
    case 'REG_BINARY':
    case 'REG_OTHER': {
      const bytes = value.data.match(/../g) ?? [];
      return `([byte[]](${bytes.map((b) => `0x${b}`).join(',')}))`;
    }
  }
}

function setValueLine(path: string, name: string, value: RegistryValue): string {
  if (value.type === 'REG_OTHER' && value.valueType !== 0) {
    // PowerShell's cmdlets write REG_NONE (-Type None) but no other unnamed type.
    return `# ${psQuote(name)}: registry type ${value.valueType}, ${value.data.length / 2} bytes, written back by RDP Repair itself (RegSetValueEx)`;
  }
  return `Set-ItemProperty -Path ${psRegistryPath(path)} -Name ${psQuote(name)} -Value ${psValue(value)} -Type ${PS_TYPE[value.type]}`;
}

// `New-Item -Force` on an existing registry key recreates it and throws its values away: create only when missing.
function ensureKeyLine(path: string): string {
  const key = psRegistryPath(path);
  return `if (-not (Test-Path -Path ${key})) { New-Item -Path ${key} -Force | Out-Null }`;
}

function writeTreeLines(path: string, tree: RegistryKeyTree): string[] {
  const lines = [ensureKeyLine(path)];
  for (const [name, value] of Object.entries(tree.values)) lines.push(setValueLine(path, name, value));
  for (const [sub, subtree] of Object.entries(tree.subkeys))
    lines.push(...writeTreeLines(`${path}\\${sub}`, subtree));
  return lines;
}

export const REGISTRY_PREVIEW: PreviewTable<OpNameOf<'registry'>> = {
  'registry.readValue': (op) => [
    `Get-ItemProperty -Path ${psRegistryPath(op.path)} -Name ${psQuote(op.name)}`,
  ],
  'registry.readKey': (op) => [`Get-ChildItem -Path ${psRegistryPath(op.path)} -Recurse`],
  'registry.setValue': (op) => [ensureKeyLine(op.path), setValueLine(op.path, op.name, op.value)],
  'registry.deleteValue': (op) => [
    `Remove-ItemProperty -Path ${psRegistryPath(op.path)} -Name ${psQuote(op.name)} -ErrorAction SilentlyContinue`,
  ],
  'registry.deleteKey': (op) => [
    `Remove-Item -Path ${psRegistryPath(op.path)} -Recurse -Force -ErrorAction SilentlyContinue`,
  ],
  'registry.deleteEmptyKey': (op) => [
    `$key = Get-Item -Path ${psRegistryPath(op.path)} -ErrorAction SilentlyContinue`,
    `if ($key -and $key.ValueCount -eq 0 -and $key.SubKeyCount -eq 0) { Remove-Item -Path ${psRegistryPath(op.path)} }`,
  ],
  'registry.writeKey': (op) => [
    `Remove-Item -Path ${psRegistryPath(op.path)} -Recurse -Force -ErrorAction SilentlyContinue`,
    ...writeTreeLines(op.path, op.tree),
  ],
};
