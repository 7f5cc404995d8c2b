import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder Electron's `app.getPath('userData')` gives this app, so the app and the CLI share journal and lock. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'rdp-repair');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'rdp-repair');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'rdp-repair');
}
