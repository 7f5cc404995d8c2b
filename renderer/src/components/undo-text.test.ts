import { describe, expect, it } from 'vitest';
import { undoText } from './undo-text.js';

describe('what undoing a change does, in words (issue 27)', () => {
  it("says the change's own undo wording, without its technical tail", () => {
    expect(
      undoText({
        description: 'Turn off UDP for Remote Desktop: set fClientDisableUDP to 1 (REG_DWORD) under HKLM\\…',
        undoDescription:
          'Turn UDP back on for Remote Desktop: put fClientDisableUDP under HKLM\\… back as it was.',
      }),
    ).toBe('Turn UDP back on for Remote Desktop');
  });

  it('for a run recorded before changes said so: "Undo:" and the first clause of what it did', () => {
    expect(
      undoText({
        description:
          'Forget the certificate Remote Desktop accepted for server01; it will ask again on the next connection.',
      }),
    ).toBe('Undo: Forget the certificate Remote Desktop accepted for server01');
    expect(undoText({ description: 'Turn off UDP for Remote Desktop: set fClientDisableUDP to 1.' })).toBe(
      'Undo: Turn off UDP for Remote Desktop',
    );
  });
});
