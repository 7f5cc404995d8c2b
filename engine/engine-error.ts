import type { IpcError } from '../shared/ipc.js';

/** A failure the engine explains in one sentence; the code maps onto the IPC error codes. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: IpcError['code'],
    message: string,
  ) {
    super(message);
  }
}
