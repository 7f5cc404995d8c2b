import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Builds the interpreter's C# helpers (RdpRepair.Helpers.csproj, net48) with the machine's .NET SDK and returns
 * the DLL's bytes, which interpreter-build.ts embeds in the module. NuGet restores the reference assemblies
 * from the machine's configured package source; nothing here names one.
 */

export const HELPERS_FOLDER = dirname(fileURLToPath(import.meta.url));
export const HELPERS_PROJECT = join(HELPERS_FOLDER, 'RdpRepair.Helpers.csproj');
const ASSEMBLY_FILE = 'RdpRepair.Helpers.dll';

/** dotnet build -c Release of the project; its output folder is bin/Release/net48 beside it. */
export function buildHelpersAssembly(project: string = HELPERS_PROJECT): Buffer {
  const build = spawnSync('dotnet', ['build', project, '-c', 'Release', '--nologo', '-v', 'quiet'], {
    encoding: 'utf8',
    timeout: 10 * 60_000,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
  });
  if (build.status !== 0) {
    const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim().slice(-1500);
    throw new Error(
      `dotnet build of ${project} failed (${build.error?.message ?? `exit ${build.status}`}); it needs the .NET SDK: ${output}`,
    );
  }
  return readFileSync(join(dirname(project), 'bin', 'Release', 'net48', ASSEMBLY_FILE));
}
