import { existsSync } from 'node:fs';
import { win32 } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOWS_FOLDER,
  isWindowsFolderPath,
  readWindowsFolder,
  SYSTEM_ROOT_LINK,
  WINDOWS_FOLDER,
  WINDOWS_FOLDER_READING,
  WINDOWS_POWERSHELL,
  windowsFolderFrom,
  windowsFolderLogLine,
} from './windows-powershell-path.js';

const answers = (value: string) => () => value;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the Windows folder, from what the system names it', () => {
  it('asks for the kernel link \\SystemRoot through \\\\?\\GLOBALROOT, and nothing else', () => {
    const asked: string[] = [];
    const reading = windowsFolderFrom((link) => {
      asked.push(link);
      return 'C:\\Windows';
    });
    expect(asked).toEqual(['\\\\?\\GLOBALROOT\\SystemRoot']);
    expect(SYSTEM_ROOT_LINK).toBe('\\\\?\\GLOBALROOT\\SystemRoot');
    expect(reading).toEqual({ folder: 'C:\\Windows', from: 'system' });
  });

  it('takes the folder on any drive and under any plain name', () => {
    expect(windowsFolderFrom(answers('D:\\WINNT'))).toEqual({ folder: 'D:\\WINNT', from: 'system' });
    expect(windowsFolderFrom(answers('e:\\Win 11 (x64)\\Windows'))).toEqual({
      folder: 'e:\\Win 11 (x64)\\Windows',
      from: 'system',
    });
  });

  it('drops the \\\\?\\ prefix GetFinalPathNameByHandleW puts before a drive path (libuv drops it too)', () => {
    expect(windowsFolderFrom(answers('\\\\?\\F:\\Windows'))).toEqual({
      folder: 'F:\\Windows',
      from: 'system',
    });
  });

  it('falls back to C:\\Windows, saying why, when the link cannot be resolved', () => {
    const reading = windowsFolderFrom(() => {
      throw Object.assign(
        new Error("ENOENT: no such file or directory, realpath '\\\\?\\GLOBALROOT\\SystemRoot'"),
        {
          code: 'ENOENT',
        },
      );
    });
    expect(reading.folder).toBe('C:\\Windows');
    expect(reading.from).toBe('default');
    expect(reading.from === 'default' && reading.reason).toMatch(/GLOBALROOT\\SystemRoot.*ENOENT/);
  });

  for (const [answer, why] of [
    ['', 'empty'],
    ['Windows', 'relative'],
    ['C:Windows', 'drive-relative'],
    ['C:\\', 'a drive root'],
    ['C:\\Windows\\', 'a trailing separator'],
    ['C:/Windows', 'forward slashes'],
    ['\\\\server\\share\\Windows', 'a network share'],
    ['\\\\?\\UNC\\server\\share\\Windows', 'a long network path'],
    ['\\\\?\\Volume{0b1c2d3e-0000-0000-0000-100000000000}\\Windows', 'a volume without a letter'],
    ['C:\\Windows\\..\\Users\\me', 'a parent segment'],
    ['C:\\.\\Windows', 'a dot segment'],
    ['C:\\Win\u0007dows', 'a control character'],
    ['C:\\Windows\nC:\\Other', 'a line break'],
    ["C:\\Win'dows", 'a quote (the path goes into PowerShell text)'],
    ['C:\\Win$env:x', 'a PowerShell variable sign'],
    ['C:\\Wind\u202eows', 'a direction mark'],
    [`C:\\${'W'.repeat(200)}`, 'too long for System32 and PowerShell below it'],
  ] as const) {
    it(`refuses ${why} and falls back to C:\\Windows, naming what it got`, () => {
      const reading = windowsFolderFrom(answers(answer));
      expect(isWindowsFolderPath(answer)).toBe(false);
      expect(reading.folder).toBe('C:\\Windows');
      expect(reading.from).toBe('default');
      // The value is quoted as JSON: control characters and line breaks are escaped, never printed raw.
      expect(reading.from === 'default' && reading.reason).toContain(JSON.stringify(answer));
    });
  }

  it('off Windows reads nothing: there is no Windows folder, and nothing here starts a Windows program', () => {
    const reader = vi.fn(answers('D:\\Windows'));
    const reading = readWindowsFolder('linux', reader);
    expect(reader).not.toHaveBeenCalled();
    expect(reading).toEqual({
      folder: 'C:\\Windows',
      from: 'default',
      reason: 'not Windows (linux): nothing to read',
    });
  });

  it('on Windows uses the reader, never %SystemRoot% or %windir% (a user may set those)', () => {
    vi.stubEnv('SystemRoot', 'Z:\\Planted');
    vi.stubEnv('windir', 'Z:\\Planted');
    expect(readWindowsFolder('win32', answers('D:\\Windows'))).toEqual({
      folder: 'D:\\Windows',
      from: 'system',
    });
  });

  it('has one log line for a fallback on Windows, and none when the system answered', () => {
    expect(windowsFolderLogLine({ folder: 'C:\\Windows', from: 'system' })).toBeNull();
    expect(
      windowsFolderLogLine({ folder: DEFAULT_WINDOWS_FOLDER, from: 'default', reason: 'it said "C:/x"' }),
    ).toBe('The Windows folder could not be read from the system (it said "C:/x"), so C:\\Windows is used.');
  });

  it('builds Windows PowerShell from the folder read once at start', () => {
    expect(WINDOWS_FOLDER).toBe(WINDOWS_FOLDER_READING.folder);
    expect(WINDOWS_POWERSHELL).toBe(`${WINDOWS_FOLDER}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`);
    expect(win32.isAbsolute(WINDOWS_POWERSHELL)).toBe(true);
    if (process.platform !== 'win32') expect(WINDOWS_FOLDER_READING.from).toBe('default');
  });
});

describe('the Windows folder on this machine', () => {
  it('is read from the kernel, and Windows PowerShell 5.1 is there', (ctx) => {
    ctx.skip(
      process.platform !== 'win32',
      `not applicable on ${process.platform}: \\\\?\\GLOBALROOT\\SystemRoot exists only on Windows (the pure part is tested above)`,
    );
    const reading = readWindowsFolder();
    // On Windows: { folder: 'C:\\Windows', from: 'system' } on GitHub's runners and a stock PC.
    expect(reading).toEqual({ folder: reading.folder, from: 'system' });
    expect(isWindowsFolderPath(reading.folder)).toBe(true);
    expect(existsSync(WINDOWS_POWERSHELL)).toBe(true);
    expect(WINDOWS_FOLDER_READING).toEqual(reading);
    // On an untouched machine the variable names the same folder (Windows sets it from the same place).
    expect(reading.folder.toLowerCase()).toBe(String(process.env.SystemRoot).toLowerCase());
  });
});
