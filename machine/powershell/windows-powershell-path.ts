import { realpathSync } from 'node:fs';

/*
 * The Windows folder, read once from the system, and Windows PowerShell 5.1 by absolute path below it, so
 * nothing on PATH (or in a variable a user can set, such as %SystemRoot% or %windir%) stands in for it. One
 * constant for every place that starts it; the Windows folder is also where "Get help" finds its tools.
 *
 * How it is read: `\SystemRoot` is a symbolic link in the root of the kernel's object namespace, made at boot
 * and naming the Windows folder on its volume (`\Device\HarddiskVolume3\Windows`). Win32 reaches that root
 * through `\\?\GLOBALROOT`. Node's `fs.realpathSync.native` hands the path to libuv, which opens it
 * (CreateFileW, FILE_FLAG_BACKUP_SEMANTICS: the directory itself) and asks GetFinalPathNameByHandleW for its
 * DOS name, `C:\Windows`, dropping the `\\?\` in front. No environment variable and no registry value a user
 * can write is consulted. What comes back must be a plain `X:\...` folder (`isWindowsFolderPath`); anything
 * else, or a failure, gives `C:\Windows` with the reason, which is said once on stderr (and can be logged
 * from `WINDOWS_FOLDER_READING`).
 */

export const DEFAULT_WINDOWS_FOLDER = 'C:\\Windows';

/** The kernel's \SystemRoot link, as Win32 can open it. */
export const SYSTEM_ROOT_LINK = '\\\\?\\GLOBALROOT\\SystemRoot';

export type WindowsFolderReading =
  | { folder: string; from: 'system' }
  | { folder: string; from: 'default'; reason: string };

// Room for \System32\WindowsPowerShell\v1.0\powershell.exe (45 characters) within MAX_PATH (260).
const MAX_FOLDER_LENGTH = 200;
// Letters, digits, space and . _ - ( ) ~ only: the path is put into PowerShell text and command lines, so no
// quote, $, backtick, %, control or formatting character can ride in it.
const SEGMENT = /^[A-Za-z0-9 ._()~-]+$/;

/** An absolute folder on a drive, `X:\Name[\Name...]`, of plain names: no root, share, volume GUID or `..`. */
export function isWindowsFolderPath(path: string): boolean {
  if (path.length > MAX_FOLDER_LENGTH || !/^[A-Za-z]:\\/.test(path)) return false;
  const segments = path.slice(3).split('\\');
  return segments.every(
    (segment) => SEGMENT.test(segment) && segment !== '.' && segment !== '..' && !/[ .]$/.test(segment),
  );
}

/** What `readLink` (the real one: `fs.realpathSync.native`) says `\SystemRoot` is, if it is a plain folder. */
export function windowsFolderFrom(readLink: (link: string) => string): WindowsFolderReading {
  let answer: string;
  try {
    answer = String(readLink(SYSTEM_ROOT_LINK));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { folder: DEFAULT_WINDOWS_FOLDER, from: 'default', reason: `${SYSTEM_ROOT_LINK}: ${detail}` };
  }
  const folder = /^\\\\\?\\[A-Za-z]:\\/.test(answer) ? answer.slice(4) : answer;
  if (isWindowsFolderPath(folder)) return { folder, from: 'system' };
  return {
    folder: DEFAULT_WINDOWS_FOLDER,
    from: 'default',
    reason: `${SYSTEM_ROOT_LINK} resolved to ${JSON.stringify(answer)}, which is not a folder like C:\\Windows`,
  };
}

/** On Windows, the Windows folder from the kernel; elsewhere C:\Windows (never started there). */
export function readWindowsFolder(
  platform: NodeJS.Platform = process.platform,
  readLink: (link: string) => string = (link) => realpathSync.native(link),
): WindowsFolderReading {
  if (platform !== 'win32')
    return {
      folder: DEFAULT_WINDOWS_FOLDER,
      from: 'default',
      reason: `not Windows (${platform}): nothing to read`,
    };
  return windowsFolderFrom(readLink);
}

/** The sentence for the log when Windows did not say; null when it did. */
export function windowsFolderLogLine(reading: WindowsFolderReading): string | null {
  if (reading.from === 'system') return null;
  return `The Windows folder could not be read from the system (${reading.reason}), so ${reading.folder} is used.`;
}

/** Read once, when this module is first loaded. */
export const WINDOWS_FOLDER_READING: WindowsFolderReading = readWindowsFolder();
if (process.platform === 'win32') {
  const line = windowsFolderLogLine(WINDOWS_FOLDER_READING);
  if (line) console.warn(line);
}

/** The Windows folder (`C:\Windows` on almost every PC). */
export const WINDOWS_FOLDER = WINDOWS_FOLDER_READING.folder;

/** Windows PowerShell 5.1, the app's PowerShell. */
export const WINDOWS_POWERSHELL = `${WINDOWS_FOLDER}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
