import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Where the pinned PowerShell tools live: `npm run setup:powershell` (scripts/powershell/install-tools.ts) puts
 * PowerShell 7 (a dotnet tool) in .tools/pwsh and Pester (a NuGet package) in .tools/nuget. Nothing else is
 * looked up: a pwsh on PATH may be another version, and the suites must say which one they ran in.
 */

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TOOLS_DIR = join(REPO_ROOT, '.tools');

export const TOOL_VERSIONS = JSON.parse(
  readFileSync(join(REPO_ROOT, 'scripts', 'powershell', 'tool-versions.json'), 'utf8'),
) as { pwsh: string; pester: string };

export const PWSH_PATH = join(TOOLS_DIR, 'pwsh', process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');
export const PESTER_MODULE = join(TOOLS_DIR, 'nuget', 'pester', TOOL_VERSIONS.pester, 'tools', 'Pester.psd1');

export type ToolCheck = { ok: true; pwsh: string; pester: string } | { ok: false; reason: string };

/** The pinned tools, or why they cannot be used (said in one sentence, with the command that fixes it). */
export function findPowerShellTools(): ToolCheck {
  const fix = 'run `npm run setup:powershell` (needs the .NET SDK)';
  if (!existsSync(PWSH_PATH))
    return {
      ok: false,
      reason: `PowerShell ${TOOL_VERSIONS.pwsh} is not installed at ${PWSH_PATH}: ${fix}.`,
    };
  if (!existsSync(PESTER_MODULE))
    return {
      ok: false,
      reason: `Pester ${TOOL_VERSIONS.pester} is not installed at ${PESTER_MODULE}: ${fix}.`,
    };
  return { ok: true, pwsh: PWSH_PATH, pester: PESTER_MODULE };
}
