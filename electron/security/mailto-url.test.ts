import { describe, expect, it } from 'vitest';
import { handoffMailto } from '../../engine/report/handoff-mail.js';
import { isAllowedMailtoUrl } from './mailto-url.js';

describe('isAllowedMailtoUrl', () => {
  it('allows the hand-off mail the engine makes, short or long', () => {
    expect(isAllowedMailtoUrl(handoffMailto('Remote Desktop to server01 fails', 'page\n# x').mailto)).toBe(
      true,
    );
    expect(isAllowedMailtoUrl(handoffMailto('s', 'x'.repeat(5000)).mailto)).toBe(true);
  });

  it('refuses a recipient, other fields, other schemes and anything too long', () => {
    for (const url of [
      'mailto:attacker@evil.example?subject=a&body=b',
      'mailto:?subject=a&body=b&cc=attacker@evil.example',
      'mailto:?subject=a&body=b&attach=C:\\Windows\\win.ini',
      'mailto:?body=b',
      'mailto:?subject=a&subject=b',
      'mailto:?subject=a&body=b#x',
      'ms-settings:network-vpn?subject=a&body=b',
      'file:///C:/Windows/System32/calc.exe?subject=a&body=b',
      `mailto:?subject=a&body=${'x'.repeat(2000)}`,
    ]) {
      expect(isAllowedMailtoUrl(url), url).toBe(false);
    }
  });
});
