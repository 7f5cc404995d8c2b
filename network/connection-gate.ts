/*
 * How many of the probe's connections to one address may wait for the server's first answer at once. A
 * listener's accept queue can be tiny (xrdp 0.9 listens with a backlog of 2, so Linux holds 3 unaccepted
 * connections); a connection beyond it has its SYN dropped and retried a second later, which would cost the whole
 * probe a second. Once the server has answered the X.224 request it has accepted the connection, so the gate
 * opens again then; what follows (TLS) is not gated. The handshake and the map share one gate.
 */

/**
 * xrdp's backlog of 2 plus the one more Linux queues is 3; one of those is left for another connection from this
 * PC to the same server at the same time (the scan's own TCP check runs beside the probe): with 3 here, 1 scan
 * in 5 against xrdp waited a second for a dropped SYN. 2 costs the map no time measured here (it is bound by the
 * server's work per connection, not by waiting).
 */
export const AWAITING_ANSWER_AT_ONCE = 2;

export class ConnectionGate {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  /** Resolves with a release function once a place is free. */
  async enter(): Promise<() => void> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    };
  }
}
