import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_FOLDERS, root } from './segment-rules.js';

/*
 * docs/architecture.md answers "where is X" with paths: every path it quotes must exist, so a move that forgets
 * the page fails here. A quoted token counts as a path when it starts with a top-level folder of this repo.
 */

const TOP_WITH_SLASH = new RegExp(`^(?:${CODE_FOLDERS.join('|')}|sample-machines)/`);

function quotedPaths(text: string): string[] {
  return [...text.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1] ?? '')
    .filter((token) => TOP_WITH_SLASH.test(token) && !/[*<>{}]/.test(token));
}

describe('docs/architecture.md', () => {
  const text = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
  const paths = quotedPaths(text);

  it('quotes paths (the page is where a newcomer finds things)', () => {
    expect(paths.length).toBeGreaterThan(40);
  });

  it('quotes only paths that exist', () => {
    expect(paths.filter((path) => !existsSync(join(root, path.replace(/[.,;:]$/, ''))))).toEqual([]);
  });

  it('answers the newcomer\'s "where is" questions', () => {
    for (const [question, path] of [
      ['MRU purge', 'engine/repairs/saved-host-entry.ts'],
      ['elevated gate', 'engine/elevation/elevated-gate.ts'],
      ['handshake probe', 'network/handshake-probe.ts'],
      ['composition root', 'hosts/composition-root.ts'],
    ] as const) {
      const start = text.indexOf(`Where is the ${question}?`);
      expect(start, question).toBeGreaterThan(-1);
      const rest = text.slice(start + 1);
      const answer = rest.slice(0, rest.indexOf('Where is') === -1 ? 800 : rest.indexOf('Where is'));
      expect(answer, question).toContain(path);
      expect(existsSync(join(root, path))).toBe(true);
    }
  });
});
