import type { RemoteTarget } from './remote-target.js';

/*
 * Every piece of PowerShell the remote port sends to this PC's PowerShell, which opens the PSSession and
 * forwards batches. Data (host, user, key path, password, module, batch) appears only as base64 inside single
 * quotes or as a checked integer; the script blocks that run on the remote computer are constants and get
 * their data as -ArgumentList values, so nothing from a host name or a batch is ever parsed as code there.
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const REMOTE_READY = 'rdp-repair-remote-ready';
export const REMOTE_OPEN_FAILED = 'rdp-repair-remote-open-failed:';
export const REMOTE_HASH_MISMATCH = 'rdp-repair-remote-hash:';
export const REMOTE_LANGUAGE = 'rdp-repair-remote-language:';
export const REMOTE_BROKEN = 'rdp-repair-remote-broken:';
export const REMOTE_NOT_ADMIN = 'rdp-repair-remote-not-admin';

function base64Literal(base64: string): string {
  if (!BASE64.test(base64)) throw new Error('Refusing to build a PowerShell command from non-base64 data.');
  return `'${base64}'`;
}

/** A string expression that decodes base64 back to text inside PowerShell. */
function decoded(text: string): string {
  const base64 = Buffer.from(text, 'utf8').toString('base64');
  return `([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String(${base64Literal(base64)})))`;
}

function portLiteral(port: number): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error('Refusing a port outside 1-65535.');
  return String(port);
}

/** PowerShell that turns the caught error's message into a marker line, the message as base64. */
function failureLine(marker: string): string {
  return `Write-Output ('${marker}' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes([string]$_.Exception.Message)))`;
}

/** The splat for New-PSSession: SSH with a key and strict host-key checking, or WinRM. */
function sessionParameters(target: RemoteTarget): string {
  if (target.via === 'ssh') {
    // BatchMode: ssh never prompts (a passphrase, a password, "trust this host?") where nobody can answer.
    const options = [
      "StrictHostKeyChecking = 'yes'",
      "BatchMode = 'yes'",
      "ConnectTimeout = '10'",
      ...(target.knownHostsFile ? [`UserKnownHostsFile = ${decoded(target.knownHostsFile)}`] : []),
    ];
    return [
      `$o = @{ HostName = ${decoded(target.host)}; Port = ${portLiteral(target.port)};`,
      ` UserName = ${decoded(target.user)}; KeyFilePath = ${decoded(target.keyFile)}; SSHTransport = $true;`,
      ` ErrorAction = 'Stop'; Options = @{ ${options.join('; ')} } };`,
    ].join('');
  }
  const lines = [
    `$o = @{ ComputerName = ${decoded(target.host)}; Port = ${portLiteral(target.port)}; ErrorAction = 'Stop' };`,
  ];
  if (target.useSsl) lines.push('$o.UseSSL = $true;');
  if (target.credential) {
    lines.push(
      `$o.Credential = New-Object Management.Automation.PSCredential (${decoded(target.credential.user)},`,
      ` (ConvertTo-SecureString -String ${decoded(target.credential.password)} -AsPlainText -Force));`,
    );
  }
  return lines.join('');
}

/**
 * Runs on the remote computer: the language mode first (a JEA or WDAC endpoint cannot run the interpreter),
 * then the module's SHA-256 checked there too, so what loads is exactly the bytes this PC verified, then the
 * module made from those bytes as this PC's own session makes it.
 */
const REMOTE_LOADER = [
  'param([string]$ModuleBase64, [string]$Expected)',
  `if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') { '${REMOTE_LANGUAGE}' + $ExecutionContext.SessionState.LanguageMode } else {`,
  "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';",
  '$bytes = [Convert]::FromBase64String($ModuleBase64);',
  '$sha = [Security.Cryptography.SHA256]::Create();',
  "$actual = [BitConverter]::ToString($sha.ComputeHash($bytes)).Replace('-', '').ToLowerInvariant();",
  `if ($actual -ne $Expected) { '${REMOTE_HASH_MISMATCH}' + $actual } else {`,
  '$text = [Text.Encoding]::UTF8.GetString($bytes).TrimStart([char]0xFEFF);',
  "$null = New-Module -Name 'RdpRepair.Interpreter' -ScriptBlock ([scriptblock]::Create($text)) | Import-Module -Global;",
  `'${REMOTE_READY}' } }`,
].join(' ');

/**
 * Runs on the remote computer for each batch. No UAC over remoting: a session is elevated or not by its own
 * token, so an elevated batch runs in this same session, and on Windows one without administrator rights is
 * refused before anything runs. Off Windows there is no such token; the batch runs and Windows-only ops fail
 * with platform errors.
 */
const REMOTE_RUNNER = [
  'param([string]$Batch, [bool]$Elevated, [string]$Documents)',
  '$admin = $null;',
  "if ($Elevated -and [Environment]::OSVersion.Platform -eq 'Win32NT') { try { $admin = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator) } catch { $admin = $false } };",
  `if ($admin -eq $false) { '${REMOTE_NOT_ADMIN}' } else {`,
  '$p = @{ EncodedBatch = $Batch }; if ($Documents) { $p.DocumentsFolder = $Documents };',
  'Invoke-RdpRepairBatch @p }',
].join(' ');

/** Opens the PSSession and loads the interpreter there; answers one marker line. One line, for node-powershell. */
export function openCommand(target: RemoteTarget, moduleBytes: Buffer, moduleSha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(moduleSha256)) throw new Error('Refusing a malformed module hash.');
  return [
    "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';",
    '[Console]::OutputEncoding = New-Object Text.UTF8Encoding $false;',
    '$global:RdpRepairRemote = $null;',
    `try { ${sessionParameters(target)} $global:RdpRepairRemote = New-PSSession @o } catch { ${failureLine(REMOTE_OPEN_FAILED)} };`,
    'if ($null -ne $global:RdpRepairRemote) {',
    `try { Invoke-Command -Session $global:RdpRepairRemote -ErrorAction Stop -ArgumentList ${base64Literal(moduleBytes.toString('base64'))}, '${moduleSha256}'`,
    ` -ScriptBlock ([scriptblock]::Create(${decoded(REMOTE_LOADER)})) } catch { ${failureLine(REMOTE_BROKEN)} } }`,
  ].join(' ');
}

/** Sends one batch (encodeBatch's base64) to the remote interpreter; answers its JSON or a marker line. */
export function remoteBatchCommand(
  encodedBatch: string,
  elevated: boolean,
  documentsFolder?: string,
): string {
  const documents = documentsFolder === undefined ? "''" : decoded(documentsFolder);
  return [
    "$ErrorActionPreference = 'Stop';",
    `try { Invoke-Command -Session $global:RdpRepairRemote -ErrorAction Stop -ArgumentList ${base64Literal(encodedBatch)}, $${elevated}, ${documents}`,
    ` -ScriptBlock ([scriptblock]::Create(${decoded(REMOTE_RUNNER)})) } catch { ${failureLine(REMOTE_BROKEN)} }`,
  ].join(' ');
}

/** Ends the PSSession on the remote computer before this PC's PowerShell is ended. */
export const CLOSE_COMMAND =
  'if ($null -ne $global:RdpRepairRemote) { Remove-PSSession -Session $global:RdpRepairRemote -ErrorAction SilentlyContinue }';

/** The message inside a marker line (base64), bounded, or undefined when the line is not there. */
export function markerMessage(stdout: string, marker: string): string | undefined {
  const line = stdout.split(/\r?\n/).find((l) => l.startsWith(marker));
  if (line === undefined) return undefined;
  const payload = line.slice(marker.length, marker.length + 8192).trim();
  if (!BASE64.test(payload)) return '';
  return Buffer.from(payload, 'base64').toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 400);
}
