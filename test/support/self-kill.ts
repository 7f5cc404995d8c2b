/**
 * How a parent sees a child that ended itself with `process.kill(process.pid, 'SIGKILL')`: the simulated power
 * cut (`RDP_REPAIR_SIM_KILL_AFTER_WRITE`, machine/simulated/simulated-machine.ts).
 * - Linux and macOS: killed by the signal, no exit status.
 * - Windows has no signals: libuv's uv_kill ends the process with TerminateProcess(handle, 1), so the parent sees
 *   exit status 1 and no signal (libuv names a signal only when the parent itself killed the child).
 */
export const SELF_KILL: { signal: NodeJS.Signals | null; status: number | null } =
  process.platform === 'win32' ? { signal: null, status: 1 } : { signal: 'SIGKILL', status: null };
