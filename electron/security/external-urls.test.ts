import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-urls.js';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://learn.microsoft.com/en-us/answers/questions/ask',
    'https://answers.microsoft.com/en-us/windows',
    'https://support.microsoft.com/en-us/windows/how-to-use-remote-desktop-5fe128d5-8fb1-7a23-3b8a-41e636865e8c',
    'https://techcommunity.microsoft.com/',
  ])('opens %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://learn.microsoft.com/',
    'https://learn.microsoft.com.evil.com/',
    'https://evil.com/learn.microsoft.com',
    'https://user@learn.microsoft.com/',
    'https://learn.microsoft.com:8443/',
    'https://microsoft.com/',
    'https://github.com/someone-else/',
    'https://github.com/rdp-repair/',
    'file:///C:/Windows/System32/calc.exe',
    'ms-settings:privacy',
    'javascript:alert(1)',
    'smb://evil/share',
    'mailto:a@b.c',
    '\\\\evil\\share',
    'learn.microsoft.com',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
