import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HELPERS_PROJECT } from '../../machine/powershell/helpers/build-helpers.js';
import { PESTER_MODULE, PWSH_PATH, TOOL_VERSIONS, TOOLS_DIR } from './tools.js';

/*
 * npm run setup:powershell — installs the pinned PowerShell 7 (dotnet tool) and Pester (NuGet package) into the
 * ignored .tools folder, through whatever package source the machine's dotnet is configured with. Exact
 * versions; nothing is installed globally. Run again: it skips what is already there at the right version.
 * Also restores the interpreter's C# helpers project (its .NET Framework 4.8 reference assemblies), which
 * npm run build:powershell and the PowerShell suite's fresh build of it need.
 */

function run(file: string, args: string[]): string {
  return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function installedPwshVersion(): string | undefined {
  if (!existsSync(PWSH_PATH)) return undefined;
  try {
    return run(PWSH_PATH, [
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      '$PSVersionTable.PSVersion.ToString()',
    ]).trim();
  } catch {
    return undefined;
  }
}

mkdirSync(TOOLS_DIR, { recursive: true });
const pwshFolder = join(TOOLS_DIR, 'pwsh');
if (installedPwshVersion() !== TOOL_VERSIONS.pwsh) {
  rmSync(pwshFolder, { recursive: true, force: true });
  // The version is given: a later PowerShell may need a later .NET than the machine has.
  run('dotnet', [
    'tool',
    'install',
    '--tool-path',
    pwshFolder,
    'PowerShell',
    '--version',
    TOOL_VERSIONS.pwsh,
  ]);
}
console.log(`PowerShell ${installedPwshVersion()} at ${PWSH_PATH}`);

if (!existsSync(PESTER_MODULE)) {
  // A PackageDownload restores the package's files without building anything.
  const project = join(TOOLS_DIR, 'pester-restore');
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'pester-restore.csproj'),
    `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[${TOOL_VERSIONS.pester}]" /></ItemGroup>
</Project>
`,
  );
  run('dotnet', ['restore', join(project, 'pester-restore.csproj'), '--packages', join(TOOLS_DIR, 'nuget')]);
}
if (!existsSync(PESTER_MODULE))
  throw new Error(`Pester ${TOOL_VERSIONS.pester} was restored but ${PESTER_MODULE} is missing.`);
console.log(`Pester ${TOOL_VERSIONS.pester} at ${PESTER_MODULE}`);

// dotnet restore is a no-op when the pinned reference assemblies are already in the NuGet cache.
run('dotnet', ['restore', HELPERS_PROJECT, '--nologo', '-v', 'quiet']);
console.log(`C# helpers restored: ${HELPERS_PROJECT}`);
