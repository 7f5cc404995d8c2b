import { describe, expect, it } from 'vitest';
import { dropUnusedStyleConstants } from './unused-style-constants.js';

const clean = (code: string) => dropUnusedStyleConstants(code, 'style.js');

describe('dropping the constants only extracted CSS used', () => {
  it('drops an unused constant made of literals and token reads', () => {
    const out = clean(
      "import { tokens } from 't';\nconst moz = `calc(${tokens.strokeWidthThin} + 0.25px)`;\nconst pad = { root: { small: tokens.s, large: `${tokens.m} ${tokens.l}` } };\nexport const used = 1;\n",
    );
    expect(out).not.toContain('moz');
    expect(out).not.toContain('pad');
    expect(out).toContain('export const used = 1');
  });

  it('keeps a constant that is still read', () => {
    const out = clean(
      "import { tokens } from 't';\nconst gap = tokens.s;\nexport const styles = () => gap;\n",
    );
    expect(out).toContain('const gap = tokens.s');
  });

  it('keeps a constant whose value may run code', () => {
    const out = clean("const a = make();\nconst b = `${f()}`;\nconst c = obj[key];\nlet d = 'x';\n");
    for (const kept of ['const a = make()', 'const b = `${f()}`', 'const c = obj[key]', "let d = 'x'"]) {
      expect(out).toContain(kept);
    }
  });
});
