import type { z } from 'zod';
import type { Finding, PlannedChange } from '../../shared/findings.js';
import { formatHostTarget } from '../../shared/host-name.js';
import {
  CredentialListResultSchema,
  CredentialReadResultSchema,
  type CredentialSchema,
  EventsResultSchema,
  type OpResult,
} from '../../shared/ops.js';
import type { Repair, RepairContext } from '../repair.js';
import { changeIdPart, createHostMatcher } from '../windows/host-match.js';
import { connectionsTo, groupConnections, RDP_CLIENT_CHANNEL } from '../windows/rdp-client-connections.js';
import { type Parsed, parseResult } from '../windows/terminal-server-client.js';
import { EVENT_WINDOW_DAYS, MAX_EVENTS_PER_LOG } from './event-logs.js';

/*
 * Saved Remote Desktop passwords in Credential Manager (cmdkey's Domain:target=TERMSRV/<host> and
 * LegacyGeneric:target=TERMSRV/<host>). The target names are not localized, only cmdkey's labels are, so the
 * credential.list op matches on the target. Only the target host's credentials are touched.
 * Rule for `problem`: the client's events show a sign-in failure (2055, SSL_ERR_LOGON_FAILURE) for this host
 * and a password is saved for it. A wrong password gives that error, not 0x904, so without it removing the
 * password is a `suggestion` ("if your password changed"), never in Fix all unless ticked. A generic password
 * is backed up first (DPAPI-protected, for this user on this computer) and restored on undo; a Windows (domain)
 * password cannot be read back, so deleting it stays irreversible, with the reason. TERMSRV/* wildcard entries apply to every computer: listed and
 * explained, never deleted for one host.
 */

export const TERMSRV_PREFIX = 'TERMSRV/';

type Credential = z.infer<typeof CredentialSchema>;

const EXPLANATION =
  'Windows saved a password for this computer in Credential Manager and sends it automatically. If that ' +
  'password has changed since, or the saved entry is damaged, the remote computer refuses the sign-in during the ' +
  'handshake and the connection is closed, which can show as error 0x904. Removing the saved password makes ' +
  'Remote Desktop ask for it again; you can save it again then.';

const IRREVERSIBLE =
  'Windows never lets a program read a saved Windows (domain) password back, so it cannot be restored: you will ' +
  'type the password the next time you connect.';

const TYPE_LABEL: Record<Credential['type'], string> = {
  DomainPassword: 'Windows password',
  Generic: 'generic password',
};

function hostOf(credential: Credential): string | undefined {
  const { target } = credential;
  return target.slice(0, TERMSRV_PREFIX.length).toUpperCase() === TERMSRV_PREFIX
    ? target.slice(TERMSRV_PREFIX.length)
    : undefined;
}

function matchingCredentials(ctx: RepairContext, result: OpResult | undefined): Parsed<Credential[]> {
  const list = parseResult(result, CredentialListResultSchema);
  if (!list.ok) return list;
  const hosts = list.value.flatMap((c) => hostOf(c) ?? []);
  const matches = createHostMatcher(ctx.target, hosts);
  return {
    ok: true,
    value: list.value.filter((c) => {
      const host = hostOf(c);
      // credential.delete takes targets of at most 300 characters; Windows' own limit is lower.
      return host !== undefined && c.target.length <= 300 && matches(host, 'any-port');
    }),
  };
}

const LOGON_FAILURE = 2055;

/** Saved entries for every computer at once (TERMSRV/*): they apply to this one too, and to all others. */
function wildcards(result: OpResult | undefined): Credential[] {
  const list = parseResult(result, CredentialListResultSchema);
  return list.ok ? list.value.filter((c) => (hostOf(c) ?? '').includes('*')) : [];
}

/** The time of the last attempt to the target that failed at sign-in, from the client's events. */
function lastSignInFailure(ctx: RepairContext, result: OpResult | undefined): string | undefined {
  const events = result?.ok ? EventsResultSchema.safeParse(result.value) : undefined;
  if (!events?.success) return undefined;
  const failed = connectionsTo(ctx.target, groupConnections(events.data)).filter(
    (c) => c.disconnectReason === LOGON_FAILURE,
  );
  return failed.at(-1)?.started;
}

function credentialText(credential: Credential): string {
  const user = credential.user ? `, user ${credential.user}` : '';
  return `${credential.target} (${TYPE_LABEL[credential.type]}${user})`;
}

type Backup = z.infer<typeof CredentialReadResultSchema>;

/**
 * A generic saved password can be read back by the same user: its backup (the secret protected with DPAPI for
 * this user on this computer, never in clear) makes the deletion undoable. Read for the target as typed.
 */
function backupFor(
  credential: Credential,
  ctx: RepairContext,
  result: OpResult | undefined,
): Backup | undefined {
  if (credential.type !== 'Generic' || credential.target.toLowerCase() !== readTarget(ctx).toLowerCase())
    return undefined;
  const read = parseResult(result, CredentialReadResultSchema);
  return read.ok && read.value.exists ? read.value : undefined;
}

function readTarget(ctx: RepairContext): string {
  return `${TERMSRV_PREFIX}${ctx.target.host}`;
}

function change(credential: Credential, used: Set<string>, backup: Backup | undefined): PlannedChange {
  const base = {
    id: `saved-credentials:${changeIdPart(`${credential.type}-${credential.target}`, used)}`,
    repairId: 'saved-credentials' as const,
    description: `Delete the saved password ${credentialText(credential)} from Credential Manager.`,
    scope: 'user' as const,
    ops: [{ op: 'credential.delete' as const, target: credential.target, type: credential.type }],
  };
  if (backup?.exists) {
    return {
      ...base,
      description: `${base.description} A copy, protected for you on this computer, is kept for Undo.`,
      undoDescription: `Put the saved password ${credentialText(credential)} back in Credential Manager, from its protected copy.`,
      inverse: [
        {
          op: 'credential.write',
          target: credential.target,
          type: 'Generic',
          user: backup.user,
          persist: backup.persist,
          protectedSecretBase64: backup.protectedSecretBase64,
        },
      ],
    };
  }
  return { ...base, inverse: null, irreversibleReason: IRREVERSIBLE };
}

export const savedCredentialsRepair: Repair = {
  id: 'saved-credentials',
  title: 'Remove the saved password for this computer',
  reads: (ctx) => [
    { op: 'credential.list', targetPrefix: TERMSRV_PREFIX },
    { op: 'credential.read', target: readTarget(ctx), type: 'Generic' },
    {
      op: 'events.query',
      channel: RDP_CLIENT_CHANNEL,
      ids: [1024, 1025, 1026],
      since: new Date(ctx.now.getTime() - EVENT_WINDOW_DAYS * 24 * 3600 * 1000).toISOString(),
      max: MAX_EVENTS_PER_LOG,
    },
  ],
  diagnose(ctx, results): Finding {
    const host = formatHostTarget(ctx.target);
    const found = matchingCredentials(ctx, results[0]);
    if (!found.ok) {
      return {
        repairId: 'saved-credentials',
        status: 'unknown',
        summary: 'The saved passwords in Credential Manager could not be read.',
        explanation: EXPLANATION,
        evidence: [{ label: 'Error', value: found.message }],
        instructions: [],
      };
    }
    const wild = wildcards(results[0]);
    const evidence = [
      ...found.value.map((c) => ({ label: 'Saved password', value: credentialText(c) })),
      ...wild.map((c) => ({
        label: 'Saved for every computer',
        value: `${credentialText(c)}: used for any computer without its own entry; RDP Repair leaves it alone (Control Panel > Credential Manager)`,
      })),
    ];
    if (found.value.length === 0) {
      return {
        repairId: 'saved-credentials',
        status: 'ok',
        summary: `No password is saved for ${host}.`,
        explanation: EXPLANATION,
        evidence,
        instructions: [],
      };
    }
    const failedAt = lastSignInFailure(ctx, results[2]);
    if (failedAt) {
      return {
        repairId: 'saved-credentials',
        status: 'problem',
        summary: `The sign-in to ${host} failed on ${failedAt.slice(0, 16).replace('T', ' ')} UTC (wrong user name or password), and a password is saved for it: remove it and type the current one.`,
        explanation: EXPLANATION,
        evidence: [
          ...evidence,
          { label: 'Sign-in failure', value: `disconnect reason 2055 (SSL_ERR_LOGON_FAILURE), ${failedAt}` },
        ],
        instructions: [],
      };
    }
    return {
      repairId: 'saved-credentials',
      status: 'suggestion',
      summary: `A password is saved for ${host}. If your password changed, removing it makes Remote Desktop ask for the current one (a wrong password gives another error than 0x904).`,
      explanation: EXPLANATION,
      evidence,
      instructions: [],
    };
  },
  plan(ctx, results) {
    const found = matchingCredentials(ctx, results[0]);
    const used = new Set<string>();
    if (!found.ok) return [];
    const changes = found.value.map((c) => change(c, used, backupFor(c, ctx, results[1])));
    // Undoable ones first: a failure later in the batch then never follows a deletion that cannot be undone.
    return [...changes.filter((c) => c.inverse !== null), ...changes.filter((c) => c.inverse === null)];
  },
};
