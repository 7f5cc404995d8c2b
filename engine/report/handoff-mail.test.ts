import { describe, expect, it } from 'vitest';
import { handoffMailto, MAILTO_MAX_LENGTH, PASTE_BODY } from './handoff-mail.js';

describe('handoffMailto', () => {
  it('carries a short page whole, with no recipient', () => {
    const { mailto, fits } = handoffMailto('Remote Desktop to server01 fails', 'line 1\nline & 2?');
    expect(fits).toBe(true);
    const url = new URL(mailto);
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe('');
    expect(url.searchParams.get('subject')).toBe('Remote Desktop to server01 fails');
    expect(url.searchParams.get('body')).toBe('line 1\nline & 2?');
  });

  it("asks to paste a page that would pass the mail apps' limit, never cutting it", () => {
    const { mailto, fits } = handoffMailto('s', 'x'.repeat(3000));
    expect(fits).toBe(false);
    expect(mailto.length).toBeLessThanOrEqual(MAILTO_MAX_LENGTH);
    expect(new URL(mailto).searchParams.get('body')).toBe(PASTE_BODY);
  });
});
