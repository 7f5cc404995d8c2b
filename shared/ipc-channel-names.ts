/*
 * The IPC channel names alone, without their schemas: the sandboxed preload needs only these, and importing
 * the schemas would pull zod into it. shared/ipc.ts checks at compile time that this list matches its channels.
 */
export const IPC_CHANNEL_NAMES = [
  'app:environment',
  'app:catalogue',
  'hosts:history',
  'repair:scan',
  'repair:apply',
  'repair:cancel',
  'repair:undo',
  'history:list',
  'history:connection-test',
  'recovery:pending',
  'recovery:rollback',
  'report:get',
  'report:handoff',
  'mstsc:launch',
  'app:open-tool',
  // "Check and fix it from here" (issue 26): another computer through PowerShell remoting.
  'remote:choose-key',
  'remote:open',
  'remote:close',
] as const;

export const PROGRESS_EVENT = 'repair:progress';
/** The steps of a running check (shared/scan-progress.ts). */
export const SCAN_PROGRESS_EVENT = 'scan:progress';
