import type { HandshakeProbe } from '../../shared/handshake.js';
import { field } from './cli-output.js';
import type { FleetRow } from './fleet-probe.js';

/*
 * The fleet as a table, worst first: a fault on the remote computer, then in the network path, then what could
 * not be told, then the computers that answered normally. Server text goes through field() like every other.
 */

const ORDER: Record<FleetRow['verdict']['side'], number> = {
  'remote-pc': 0,
  network: 1,
  'this-pc': 2,
  unknown: 3,
  none: 4,
};

const SIDE_WORDS: Record<FleetRow['verdict']['side'], string> = {
  'remote-pc': 'remote computer',
  network: 'network path',
  'this-pc': 'this PC',
  unknown: 'not known',
  none: 'fine',
};

export function worstFirst(rows: readonly FleetRow[]): FleetRow[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => ORDER[a.row.verdict.side] - ORDER[b.row.verdict.side] || a.index - b.index)
    .map(({ row }) => row);
}

export function hasProblem(rows: readonly FleetRow[]): boolean {
  return rows.some((row) => row.verdict.side !== 'none');
}

function certificateExpiry(probe: HandshakeProbe | null): string {
  if (probe?.outcome.kind !== 'selected' || probe.outcome.tls?.kind !== 'established') return '-';
  const notAfter = new Date(probe.outcome.tls.certificate.notAfter);
  return Number.isNaN(notAfter.getTime()) ? '-' : notAfter.toISOString().slice(0, 10);
}

function protocols(probe: HandshakeProbe | null): string {
  if (probe?.serverAccepts && probe.serverAccepts.protocols.length > 0)
    return probe.serverAccepts.protocols.join(',');
  return probe?.outcome.kind === 'selected' ? probe.outcome.protocol : '-';
}

function cut(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export function fleetTable(rows: readonly FleetRow[]): string {
  const cells = worstFirst(rows).map((row) => [
    field(row.host.includes(':') ? `[${row.host}]:${row.port}` : `${row.host}:${row.port}`),
    SIDE_WORDS[row.verdict.side],
    cut(field(row.verdict.summary), 110),
    certificateExpiry(row.handshake),
    field(protocols(row.handshake)),
  ]);
  const header = ['COMPUTER', 'SIDE', 'SUMMARY', 'CERT EXPIRES', 'PROTOCOLS'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((text, i) => (i === c.length - 1 ? text : text.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...cells.map(line)].join('\n');
}
