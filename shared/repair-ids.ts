/**
 * Stable repair ids, in the order the article lists the fixes. Used by the CLI, IPC and tests. A plain list
 * (no zod) so the renderer can order its cards without loading the schemas.
 */
export const REPAIR_IDS = [
  'udp-transport',
  'certificates',
  'saved-host-entry',
  'saved-credentials',
  'vpn',
  'security-software',
  'connectivity',
  'event-logs',
  // Added after the first release: the handshake with the remote computer (which side failed).
  'rdp-handshake',
  // Added with issue 25: this PC as the computer others connect to, the services Remote Desktop needs there.
  'host-services',
  'host-port',
  'host-settings',
] as const;
export type RepairId = (typeof REPAIR_IDS)[number];
