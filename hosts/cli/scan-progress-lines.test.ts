import { describe, expect, it } from 'vitest';
import { scanProgressLines } from './scan-progress-lines.js';

describe('scan progress lines', () => {
  it('one line to start, then one as each step finishes, in the order they finish, each once', () => {
    const lines = scanProgressLines();
    expect(lines({ host: 'server01', steps: [{ id: 'read-this-pc', state: 'waiting' }] })).toEqual([
      'Checking this PC and server01…',
    ]);
    expect(
      lines({
        host: 'server01',
        steps: [
          { id: 'start-powershell', state: 'done' },
          { id: 'read-this-pc', state: 'running' },
          { id: 'talk-to-remote', state: 'done' },
        ],
      }),
    ).toEqual(['  PowerShell started', '  Talked to server01']);
    expect(
      lines({
        host: 'server01',
        steps: [
          { id: 'start-powershell', state: 'done' },
          { id: 'read-this-pc', state: 'done' },
          { id: 'talk-to-remote', state: 'done' },
        ],
      }),
    ).toEqual(["  Read this PC's Remote Desktop settings", '']);
  });
});
