import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { z } from 'zod';

/*
 * Talks to RdpRepair.WineHost.exe under Wine (machine/powershell/wine-host/Program.cs): one JSON request per
 * line in, one JSON answer per line out. Every wait is bounded; a host that dies or goes quiet is an error
 * naming what it was asked, never a hang. Answers are untrusted text: each line is parsed and length-checked.
 */

const MAX_LINE = 4 * 1024 * 1024;

const ReadySchema = z.object({ ready: z.literal(true), powershell: z.string(), os: z.string() });
const HostErrorSchema = z.object({ hostError: z.string() });

export interface WineEnvironment {
  wine: string;
  prefix: string;
  hostExe: string;
  modulePath: string;
}

export class WineHost {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private waiter: (() => void) | undefined;
  private exited: string | undefined;
  private stderr = '';

  private constructor(env: WineEnvironment) {
    this.child = spawn(env.wine, [env.hostExe, env.modulePath], {
      env: {
        ...process.env,
        WINEPREFIX: env.prefix,
        WINEDEBUG: '-all',
        // No Gecko install prompt while the prefix is made. (mscoree must stay: without it the runtime cannot
        // load its own assemblies, "Could not load file or assembly System.Runtime.dll. Module not found".)
        WINEDLLOVERRIDES: 'mshtml=',
        // .NET's write-xor-execute double mapping is not what Wine's memory mapping supports: with it, the
        // finalizer of a dynamic method (after Add-Type) stops the process with "Internal CLR error 0x80131506".
        DOTNET_EnableWriteXorExecute: '0',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const reader = createInterface({ input: this.child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
    reader.on('line', (line) => {
      this.lines.push(line);
      this.waiter?.();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = `the Wine host exited (${signal ?? code}); its last error output: ${this.stderr.trim() || 'none'}`;
      this.waiter?.();
    });
  }

  /** Starts the host and waits (at most timeoutMs) for the module to be imported. */
  static async start(
    env: WineEnvironment,
    timeoutMs: number,
  ): Promise<{ host: WineHost; powershell: string; os: string }> {
    const host = new WineHost(env);
    const ready = ReadySchema.safeParse(JSON.parse(await host.nextLine('start', timeoutMs)));
    if (!ready.success) {
      host.stop();
      throw new Error('The Wine host did not say it was ready.');
    }
    return { host, powershell: ready.data.powershell, os: ready.data.os };
  }

  private async nextLine(what: string, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.length === 0) {
      if (this.exited) throw new Error(`${what}: ${this.exited}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${what}: no answer from the Wine host within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
    const line = this.lines.shift() ?? '';
    if (line.length > MAX_LINE) throw new Error(`${what}: the answer is longer than ${MAX_LINE} characters`);
    return line;
  }

  /** One request, its answer line as sent; a host-side error (not JSON, or hostError) becomes an exception. */
  async ask(request: Record<string, unknown>, what: string, timeoutMs: number): Promise<string> {
    if (this.exited) throw new Error(`${what}: ${this.exited}`);
    this.child.stdin.write(`${JSON.stringify(request)}\n`);
    const line = await this.nextLine(what, timeoutMs);
    let answer: unknown;
    try {
      answer = JSON.parse(line);
    } catch {
      throw new Error(`${what}: the Wine host answered something that is not JSON`);
    }
    const hostError = HostErrorSchema.safeParse(answer);
    if (hostError.success) throw new Error(`${what}: ${hostError.data.hostError}`);
    return line;
  }

  stop(): void {
    this.child.stdin.end();
    if (!this.exited) this.child.kill();
  }
}
