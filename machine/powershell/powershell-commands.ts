import type { Op } from '../../shared/ops.js';

/*
 * Every piece of PowerShell the app sends. Data only ever appears as base64 (letters, digits, + / =) or as
 * hex hashes, each checked here, inside single quotes: there is nothing a host name or a path could break out of.
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

function base64Utf8(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function literal(base64: string): string {
  if (!BASE64.test(base64)) throw new Error('Refusing to build a PowerShell command from non-base64 data.');
  return `'${base64}'`;
}

function hashLiteral(hash: string): string {
  if (!SHA256_HEX.test(hash))
    throw new Error('Refusing to build a PowerShell command from a malformed hash.');
  return `'${hash}'`;
}

// A string expression that decodes base64 back to text inside PowerShell.
function decoded(text: string): string {
  return `([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String(${literal(base64Utf8(text))})))`;
}

export interface BatchDocument {
  ops: readonly Op[];
  mode: 'read' | 'write';
  elevated: boolean;
}

export function encodeBatch(batch: BatchDocument): string {
  return base64Utf8(JSON.stringify({ ops: batch.ops, mode: batch.mode, elevated: batch.elevated }));
}

/** The only command sent to the unelevated session for a batch. */
export function batchCommand(encodedBatch: string): string {
  return `Invoke-RdpRepairBatch -EncodedBatch ${literal(encodedBatch)}`;
}

export const SESSION_READY = 'rdp-repair-session-ready';

/** Run once when a session starts: UTF-8 output, no progress records on stdout, the module loaded. */
export function sessionSetupCommand(modulePath: string): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    '[Console]::OutputEncoding = New-Object Text.UTF8Encoding $false',
    `Import-Module -Name ${decoded(modulePath)} -Force -DisableNameChecking`,
    `Write-Output '${SESSION_READY}'`,
  ].join('; ');
}

/** PowerShell's -EncodedCommand takes base64 of UTF-16LE text. */
export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

export interface ElevatedRun {
  launcherText: string;
  modulePath: string;
  moduleSha256: string;
  runFolder: string;
  batchSha256: string;
}

/**
 * The script the elevated PowerShell runs: the launcher's own text (already checked against its build-time hash,
 * so what runs elevated is exactly what was checked) called with the module path, hashes and run folder.
 */
export function elevatedScript(run: ElevatedRun): string {
  return [
    `$launcher = [scriptblock]::Create(${decoded(run.launcherText)})`,
    `& $launcher -ModulePath ${decoded(run.modulePath)} -ModuleHash ${hashLiteral(run.moduleSha256)}` +
      ` -RunFolder ${decoded(run.runFolder)} -BatchHash ${hashLiteral(run.batchSha256)}`,
  ].join('\n');
}

export const UAC_DECLINED_EXIT_CODE = 1223;

/**
 * Run by an unelevated powershell.exe (-Command, one line): starts the elevated one (one UAC prompt), waits and
 * passes its exit code on. Declining the prompt surfaces as Win32 error 1223.
 */
export function elevationScript(powershellPath: string, elevatedEncodedCommand: string): string {
  return [
    'try {',
    `  $process = Start-Process -FilePath ${decoded(powershellPath)} -Verb RunAs -Wait -PassThru -WindowStyle Hidden -ArgumentList @('-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', ${literal(elevatedEncodedCommand)});`,
    '  exit $process.ExitCode;',
    '} catch {',
    '  $cursor = $_.Exception;',
    '  while ($null -ne $cursor) {',
    `    if ($cursor -is [System.ComponentModel.Win32Exception] -and $cursor.NativeErrorCode -eq ${UAC_DECLINED_EXIT_CODE}) { exit ${UAC_DECLINED_EXIT_CODE} };`,
    '    $cursor = $cursor.InnerException;',
    '  };',
    '  exit 1;',
    '}',
  ].join(' ');
}
