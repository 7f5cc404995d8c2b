import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closedPortSentence, tcpState } from '../../machine/remote/remoting-ports.js';

describe('the remoting ports, asked before anyone signs in', () => {
  it('tells an open port from a closed one', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    expect(await tcpState('127.0.0.1', address.port)).toBe('open');
    await new Promise((resolve) => server.close(resolve));
    expect(await tcpState('127.0.0.1', address.port)).toBe('closed');
  });

  it('says which other way in answers, or that none does, in one sentence', () => {
    expect(
      closedPortSentence('server01', {
        asked: { port: 22, state: 'closed' },
        others: [
          { port: 5985, state: 'open' },
          { port: 5986, state: 'closed' },
        ],
      }),
    ).toBe(
      'Nothing accepts connections on port 22 (SSH) of server01; port 5985 (WinRM) answers, so try that way in (nothing was signed in to).',
    );
    expect(
      closedPortSentence('server01', {
        asked: { port: 5986, state: 'closed' },
        others: [
          { port: 22, state: 'closed' },
          { port: 5985, state: 'closed' },
        ],
      }),
    ).toMatch(/none of 22, 5985 and 5986 answers either/);
  });
});
