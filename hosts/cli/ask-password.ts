import { createInterface } from 'node:readline';

/*
 * The WinRM password, typed at an interactive terminal and never echoed, kept only in memory for the one
 * command. Only offered when stdin and stderr are a terminal: piped or scheduled runs never wait on a prompt.
 */

export function terminalPasswordPrompt(): ((question: string) => Promise<string>) | undefined {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return (question) =>
    new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      const output = rl as unknown as { _writeToOutput: (text: string) => void };
      process.stderr.write(question);
      // Everything typed is kept off the screen; only the question and the final line break are written.
      output._writeToOutput = () => undefined;
      rl.question('', (answer) => {
        process.stderr.write('\n');
        rl.close();
        resolve(answer);
      });
    });
}
