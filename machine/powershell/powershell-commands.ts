import type { Op } from '../../shared/ops.js';

/*
 * Every piece of PowerShell the app sends to its own session (the elevated launch is elevated/elevation-commands.ts,
 * built from the same quoting helpers). Data only ever appears as base64 (letters, digits, + / =) or as
 * hex hashes, each checked here, inside single quotes: there is nothing a host name or a path could break out of.
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

function base64Utf8(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

export function literal(base64: string): string {
  if (!BASE64.test(base64)) throw new Error('Refusing to build a PowerShell command from non-base64 data.');
  return `'${base64}'`;
}

export function hashLiteral(hash: string): string {
  if (!SHA256_HEX.test(hash))
    throw new Error('Refusing to build a PowerShell command from a malformed hash.');
  return `'${hash}'`;
}

/** A value that is only [0-9a-z-] by construction (a pipe name, a nonce), checked again before it is quoted. */
export function tokenLiteral(value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw new Error('Refusing to build a PowerShell command from a malformed token.');
  return `'${value}'`;
}

// A string expression that decodes base64 back to text inside PowerShell.
export function decoded(text: string): string {
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
export const SESSION_LANGUAGE_MODE = 'rdp-repair-language-mode:';

/**
 * Run once when a session starts, on one line (node-powershell writes each command as one line of stdin):
 * UTF-8 output, no progress records on stdout, a language-mode check, then the interpreter module made from
 * the bytes the app has just checked against their hash. Not Import-Module by path: a file swapped after the
 * check, an AllSigned execution policy or a Mark of the Web then can neither stop nor steer what runs.
 */
export function sessionSetupCommand(moduleText: string): string {
  // The language mode first: in ConstrainedLanguage (AppLocker, WDAC) even setting the output encoding fails.
  return [
    `if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') { Write-Output ('${SESSION_LANGUAGE_MODE}' + $ExecutionContext.SessionState.LanguageMode) } else {`,
    "$ErrorActionPreference = 'Stop';",
    "$ProgressPreference = 'SilentlyContinue';",
    '[Console]::OutputEncoding = New-Object Text.UTF8Encoding $false;',
    `$null = New-Module -Name 'RdpRepair.Interpreter' -ScriptBlock ([scriptblock]::Create(${decoded(moduleText)}));`,
    `Write-Output '${SESSION_READY}' }`,
  ].join(' ');
}

/** PowerShell's -EncodedCommand takes base64 of UTF-16LE text. */
export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/**
 * A window handle as PowerShell may splice it: decimal digits of a nonzero 64-bit value, nothing else. For the
 * UAC prompt's owner window (elevated/elevation-commands.ts); it stays here because the app's edge checks
 * handles against it too (electron/window-handle.test.ts).
 */
export function isWindowHandle(text: string): boolean {
  return /^[1-9][0-9]{0,19}$/.test(text) && BigInt(text) < 2n ** 64n;
}
