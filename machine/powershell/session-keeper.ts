import type { PowerShellSession } from './powershell-machine.js';

/*
 * The one unelevated PowerShell session of a PowerShell machine, from start to end. It is started once however
 * many ask: a check made while the warm-up starts it waits for that start rather than start a second
 * PowerShell (two on two cores would slow both). A session that dies (its process exits, or a batch finds it
 * gone, hung or cancelled) is ended and started again in the background, once: if that one dies too before a
 * batch was answered, the next check starts PowerShell itself and says so. No loop of restarts.
 */

/**
 * `warm-up`: started before any check, with a small read once the interpreter is loaded; `batch`: started by
 * a check that found none; `restart`: after a session died, in the background.
 */
export type StartPurpose = 'warm-up' | 'batch' | 'restart';

/** Starts one session ready for batches, or says in one sentence why it could not. Never throws. */
export type SessionStart = (purpose: StartPurpose) => Promise<PowerShellSession | string>;

const CLOSED = 'The PowerShell session was closed.';

export class SessionKeeper {
  private session: PowerShellSession | undefined;
  private starting: Promise<PowerShellSession | string> | undefined;
  /** Background restarts allowed before a batch is answered again. */
  private restartsLeft = 1;
  private closed = false;

  constructor(private readonly start: SessionStart) {}

  /** Whether a batch can go to PowerShell at once, without waiting for a start. */
  get ready(): boolean {
    return this.session !== undefined;
  }

  /** The ready session, or the start under way, or a new start. */
  open(purpose: StartPurpose): Promise<PowerShellSession | string> {
    if (this.closed) return Promise.resolve(CLOSED);
    if (this.session) return Promise.resolve(this.session);
    if (this.starting === undefined) {
      const starting = this.startOnce(purpose);
      this.starting = starting;
      const done = () => {
        if (this.starting === starting) this.starting = undefined;
      };
      void starting.then(done, done);
    }
    return this.starting;
  }

  private async startOnce(purpose: StartPurpose): Promise<PowerShellSession | string> {
    let session: PowerShellSession | string;
    try {
      session = await this.start(purpose);
    } catch (error) {
      session = `PowerShell could not be started: ${(error as Error)?.message ?? String(error)}`;
    }
    if (typeof session === 'string') return session;
    if (this.closed) {
      await session.dispose().catch(() => undefined);
      return CLOSED;
    }
    this.session = session;
    // A process that ends while idle would otherwise be found only by the next check, which would wait on it.
    const ended = () => this.discard(session);
    void session.exited?.then(ended, ended);
    return session;
  }

  /** A batch was answered: this session works, so should it die later, it earns one restart again. */
  answered(session: PowerShellSession): void {
    if (session === this.session) this.restartsLeft = 1;
  }

  /**
   * Ends this session (it died, hung or was cancelled mid-batch: only ending the process stops a command) and,
   * once, starts the next in the background so the next check finds it ready.
   */
  async discard(session: PowerShellSession): Promise<void> {
    if (session !== this.session) return;
    this.session = undefined;
    await session.dispose().catch(() => undefined);
    if (this.closed || this.restartsLeft === 0) return;
    this.restartsLeft -= 1;
    void this.open('restart');
  }

  /** Ends the session and any start under way; nothing is started after. */
  async close(): Promise<void> {
    this.closed = true;
    await this.starting;
    const session = this.session;
    this.session = undefined;
    await session?.dispose().catch(() => undefined);
  }
}
