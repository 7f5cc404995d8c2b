import type { Finding, PlannedChange } from '../../shared/findings.js';
import type { OpResult } from '../../shared/ops.js';
import type { RegistryValue } from '../../shared/registry.js';
import type { Repair, RepairContext } from '../repair.js';
import { type SchannelValue, schannelValueOps } from '../windows/schannel-client-values.js';
import {
  type ClientSecurity,
  clientSecurityOf,
  clientSecurityReads,
  schannelClientKey,
} from '../windows/tls-client.js';
import { clientEvidence } from '../windows/tls-client-evidence.js';
import { tlsMismatchOf } from './rdp-handshake-tls-mismatch.js';

/*
 * This PC's side of the security both computers must share, added to the handshake check (it has no card of
 * its own: the remote computer's map and this PC's settings are judged together, rdp-handshake-tls-mismatch.ts). Its reads
 * join the scan batch; its finding adds this PC's settings as evidence, and when nothing is in common says
 * which side must change. The one fix here: this PC has TLS 1.2 or 1.3 turned off where Windows has them on,
 * and the fix puts back Windows' default for exactly the values set otherwise, with the values before as its
 * undo (guarded on the elevated side like the UDP fix, shared/values-before.ts). Turning TLS 1.0/1.1 on is
 * never planned: at most named as a temporary workaround, with its risk.
 */

const RESTART_NOTE =
  'Restart this PC (or at least close every Remote Desktop Connection window) before connecting: Windows reads these settings when a program starts using TLS.';

function split(base: Repair, ctx: RepairContext, results: readonly OpResult[]) {
  const count = base.reads(ctx).length;
  return { own: results.slice(0, count), client: clientSecurityOf(results.slice(count)) };
}

/** The values set otherwise than Windows' default on a version Windows would use here, and what each was. */
export function valuesToRestore(client: ClientSecurity): (SchannelValue & { before: RegistryValue })[] {
  const found: (SchannelValue & { before: RegistryValue })[] = [];
  for (const v of client.versions) {
    if ((v.version !== 'TLSv1.2' && v.version !== 'TLSv1.3') || !v.windowsDefault || v.on) continue;
    const version = v.version;
    if (v.enabled?.type === 'REG_DWORD' && v.enabled.data === 0)
      found.push({ version, name: 'Enabled', before: v.enabled });
    if (v.disabledByDefault?.type === 'REG_DWORD' && v.disabledByDefault.data !== 0)
      found.push({ version, name: 'DisabledByDefault', before: v.disabledByDefault });
  }
  return found;
}

export function schannelRestoreChange(
  repairId: Finding['repairId'],
  client: ClientSecurity,
): PlannedChange[] {
  const values = valuesToRestore(client);
  if (values.length === 0) return [];
  const names = values.map(({ version, name }) => `${name} under ${schannelClientKey(version)}`);
  return [
    {
      id: `${repairId}:schannel-client-restore`,
      repairId,
      description: `Put back Windows' default TLS settings for Remote Desktop: set ${names.join(', ')} to Windows' default (Enabled 1, DisabledByDefault 0).`,
      undoDescription: 'Turn TLS 1.2/1.3 back off as they were: put the values back exactly as they were.',
      scope: 'machine',
      ops: schannelValueOps(values.map(({ version, name }) => ({ version, name }))),
      inverse: schannelValueOps(
        values.map(({ version, name, before }) => ({ version, name, value: before })),
      ),
      warning: RESTART_NOTE,
    },
  ];
}

/** The handshake check, with this PC's TLS side read beside it and judged against the remote computer's map. */
export function withTlsClientSettings(base: Repair): Repair {
  return {
    id: base.id,
    title: base.title,
    reads: (ctx) => [...base.reads(ctx), ...clientSecurityReads()],
    diagnose(ctx, results) {
      const { own, client } = split(base, ctx, results);
      const finding = base.diagnose(ctx, own);
      if (!ctx.handshake || !client) return finding;
      const evidence = [...finding.evidence, ...clientEvidence(client)];
      const mismatch = tlsMismatchOf(ctx.handshake, client);
      if (!mismatch) return { ...finding, evidence };
      return {
        ...finding,
        status: mismatch.side === 'this-pc' ? 'problem' : 'manual',
        summary: mismatch.summary,
        evidence,
        instructions: [
          ...(mismatch.side === 'this-pc'
            ? [
                "Use Fix all (or this card's fix) to put Windows' default TLS settings back, then restart this PC.",
              ]
            : ['Ask the remote computer\'s administrator to follow "Fix it on the remote computer".']),
          ...(mismatch.workaround ? [mismatch.workaround] : []),
        ],
      };
    },
    plan(ctx, results) {
      const { own, client } = split(base, ctx, results);
      const changes = base.plan(ctx, own);
      if (!ctx.handshake || !client || tlsMismatchOf(ctx.handshake, client)?.rule !== 'this-pc-tls-off')
        return changes;
      return [...changes, ...schannelRestoreChange(base.id, client)];
    },
  };
}
