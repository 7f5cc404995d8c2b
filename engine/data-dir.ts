import { homedir } from 'node:os';
import { join } from 'node:path';

/** The app's and the CLI's data folder (journal, backups, lock): one folder, so they see each other's runs and lock. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'rdp-repair');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'rdp-repair');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'rdp-repair');
}

/**
 * The apply lock of this Windows computer: in %ProgramData%, the one folder every user of it shares, so two
 * runs from two accounts or data folders never interleave their changes.
 */
export function machineLockFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.ProgramData ?? 'C:\\ProgramData', 'RDP Repair', 'apply.lock');
}
