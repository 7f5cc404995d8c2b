import type { Op } from '../../shared/ops.js';
import type { RegistryKeyTree, RegistryValue } from '../../shared/registry.js';

/*
 * "Equivalent PowerShell (for reference)", shown under "What will change". It is for people to read, never
 * executed (the app runs ops through the interpreter module with base64 data), yet it must do the same thing
 * if pasted: a key is created only when missing, because `New-Item -Force` on an existing registry key
 * recreates it and throws its values away. Every piece of data
 * is still a single-quoted literal with quotes doubled, so pasting the preview into a console cannot run
 * anything hidden in a host name or a file name.
 */

// PowerShell treats the curly single quotes as quote characters too, so they are doubled as well.
export function psQuote(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

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

const CREDENTIAL_KIND: Record<'DomainPassword' | 'Generic', string> = {
  DomainPassword: 'a Windows (domain) saved password',
  Generic: 'a generic saved password',
};

function documentsPath(name: string): string {
  return `(Join-Path ([Environment]::GetFolderPath('MyDocuments')) ${psQuote(name)})`;
}

function attributesLiteral(attributes: readonly string[]): string {
  return psQuote(attributes.length > 0 ? attributes.join(', ') : 'Normal');
}

function opLines(op: Op): string[] {
  switch (op.op) {
    case 'registry.readValue':
      return [`Get-ItemProperty -Path ${psRegistryPath(op.path)} -Name ${psQuote(op.name)}`];
    case 'registry.readKey':
      return [`Get-ChildItem -Path ${psRegistryPath(op.path)} -Recurse`];
    case 'registry.setValue':
      return [ensureKeyLine(op.path), setValueLine(op.path, op.name, op.value)];
    case 'registry.deleteValue':
      return [
        `Remove-ItemProperty -Path ${psRegistryPath(op.path)} -Name ${psQuote(op.name)} -ErrorAction SilentlyContinue`,
      ];
    case 'registry.deleteKey':
      return [`Remove-Item -Path ${psRegistryPath(op.path)} -Recurse -Force -ErrorAction SilentlyContinue`];
    case 'registry.deleteEmptyKey':
      return [
        `$key = Get-Item -Path ${psRegistryPath(op.path)} -ErrorAction SilentlyContinue`,
        `if ($key -and $key.ValueCount -eq 0 -and $key.SubKeyCount -eq 0) { Remove-Item -Path ${psRegistryPath(op.path)} }`,
      ];
    case 'registry.writeKey':
      return [
        `Remove-Item -Path ${psRegistryPath(op.path)} -Recurse -Force -ErrorAction SilentlyContinue`,
        ...writeTreeLines(op.path, op.tree),
      ];
    case 'file.read':
      return [`Get-Item -Path ${documentsPath(op.name)} -Force`];
    case 'file.write': {
      const size = Math.floor((op.contentBase64.replace(/=+$/, '').length * 3) / 4);
      return [
        `# Restore ${size} bytes saved in the backup`,
        `[IO.File]::WriteAllBytes(${documentsPath(op.name)}, $backupBytes)`,
        `Set-ItemProperty -Path ${documentsPath(op.name)} -Name Attributes -Value ${attributesLiteral(op.attributes)}`,
      ];
    }
    case 'file.delete':
      return [`Remove-Item -Path ${documentsPath(op.name)} -Force -ErrorAction SilentlyContinue`];
    case 'file.setAttributes':
      return [
        `Set-ItemProperty -Path ${documentsPath(op.name)} -Name Attributes -Value ${attributesLiteral(op.attributes)}`,
      ];
    case 'credential.list':
      return ['cmdkey /list'];
    case 'credential.delete':
      return [`cmdkey ${psQuote(`/delete:${op.target}`)}  # ${CREDENTIAL_KIND[op.type]}`];
    case 'credential.read':
      return [
        `# Back up the generic saved password ${psQuote(op.target)} (CredRead; kept protected by DPAPI for you)`,
      ];
    case 'credential.write':
      return [
        `# Put back the generic saved password ${psQuote(op.target)} for user ${psQuote(op.user)} from its DPAPI-protected backup (CredWrite)`,
      ];
    case 'certificate.list':
      return [`Get-ChildItem -Path ${psQuote(`Cert:\\${op.store}`)}`];
    case 'certificate.remove':
      return [`Remove-Item -Path ${psQuote(`Cert:\\${op.store}\\${op.thumbprint}`)}`];
    case 'service.status':
      return [`Get-Service -Name ${psQuote(op.name)}`];
    case 'service.restart':
      return [`Restart-Service -Name ${psQuote(op.name)} -Force`];
    case 'policy.refresh':
      return ['gpupdate /target:computer /force'];
    case 'net.probeTcp':
      return [
        `(New-Object Net.Sockets.TcpClient).ConnectAsync(${psQuote(op.host)}, ${op.port}).Wait(${op.timeoutMs})`,
      ];
    case 'net.resolve':
      return [`[Net.Dns]::GetHostAddresses(${psQuote(op.host)})`];
    case 'net.adapters':
      return ['Get-NetAdapter', 'Get-VpnConnection'];
    case 'net.listeners':
      return [
        `Get-NetTCPConnection -State Listen -LocalPort ${op.port} | ForEach-Object { Get-Process -Id $_.OwningProcess }`,
        'Get-NetIPAddress',
      ];
    case 'security.products':
      return ["Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName AntiVirusProduct"];
    case 'events.query': {
      const filter = [`LogName = ${psQuote(op.channel)}`, `StartTime = [datetime]${psQuote(op.since)}`];
      if (op.ids && op.ids.length > 0) filter.push(`Id = @(${op.ids.join(', ')})`);
      if (op.providers && op.providers.length > 0)
        filter.push(`ProviderName = @(${op.providers.map(psQuote).join(', ')})`);
      return [`Get-WinEvent -FilterHashtable @{ ${filter.join('; ')} } -MaxEvents ${op.max}`];
    }
    case 'app.launchMstsc':
      return [`Start-Process -FilePath 'mstsc.exe' -ArgumentList ${psQuote(`/v:${op.host}`)}`];
    case 'system.restorePoint':
      return [
        `Checkpoint-Computer -Description ${psQuote(op.description)} -RestorePointType 'MODIFY_SETTINGS'`,
      ];
    case 'system.facts':
      return ['Get-CimInstance -ClassName Win32_OperatingSystem'];
  }
}

/** One block of PowerShell per op, in batch order. */
export function powershellPreview(ops: readonly Op[]): string {
  return ops.map((op) => opLines(op).join('\n')).join('\n');
}
