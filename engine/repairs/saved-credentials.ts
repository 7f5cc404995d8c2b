import type { z } from 'zod';
import type { Finding, PlannedChange } from '../../shared/findings.js';
import { formatHostTarget } from '../../shared/host-name.js';
import { CredentialListResultSchema, type CredentialSchema, type OpResult } from '../../shared/ops.js';
import type { Repair, RepairContext } from '../repair.js';
import { changeIdPart, createHostMatcher } from './host-match.js';
import { type Parsed, parseResult } from './terminal-server-client.js';

/*
 * Saved Remote Desktop passwords in Credential Manager (cmdkey's Domain:target=TERMSRV/<host> and
 * LegacyGeneric:target=TERMSRV/<host>). The target names are not localized, only cmdkey's labels are, so the
 * credential.list op matches on the target. Only the target host's credentials are touched.
 */

export const TERMSRV_PREFIX = 'TERMSRV/';

type Credential = z.infer<typeof CredentialSchema>;

const EXPLANATION =
  'Windows saved a password for this computer in Credential Manager and sends it automatically. If that ' +
  'password has changed since, or the saved entry is damaged, the remote computer refuses the sign-in during the ' +
  'handshake and the connection is closed, which can show as error 0x904. Removing the saved password makes ' +
  'Remote Desktop ask for it again; you can save it again then.';

const IRREVERSIBLE =
  'Windows never lets a program read a saved password back, so it cannot be restored: you will type the ' +
  'password the next time you connect.';

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

function credentialText(credential: Credential): string {
  const user = credential.user ? `, user ${credential.user}` : '';
  return `${credential.target} (${TYPE_LABEL[credential.type]}${user})`;
}

function change(credential: Credential, used: Set<string>): PlannedChange {
  return {
    id: `saved-credentials:${changeIdPart(`${credential.type}-${credential.target}`, used)}`,
    repairId: 'saved-credentials',
    description: `Delete the saved password ${credentialText(credential)} from Credential Manager.`,
    scope: 'user',
    ops: [{ op: 'credential.delete', target: credential.target, type: credential.type }],
    inverse: null,
    irreversibleReason: IRREVERSIBLE,
  };
}

export const savedCredentialsRepair: Repair = {
  id: 'saved-credentials',
  title: 'Remove the saved password for this computer',
  reads: () => [{ op: 'credential.list', targetPrefix: TERMSRV_PREFIX }],
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
    if (found.value.length === 0) {
      return {
        repairId: 'saved-credentials',
        status: 'ok',
        summary: `No password is saved for ${host}.`,
        explanation: EXPLANATION,
        evidence: [],
        instructions: [],
      };
    }
    return {
      repairId: 'saved-credentials',
      status: 'warning',
      summary: `A password saved for ${host} may be out of date; removing it makes Remote Desktop ask for it again.`,
      explanation: EXPLANATION,
      evidence: found.value.map((c) => ({ label: 'Saved password', value: credentialText(c) })),
      instructions: [],
    };
  },
  plan(ctx, results) {
    const found = matchingCredentials(ctx, results[0]);
    const used = new Set<string>();
    return found.ok ? found.value.map((c) => change(c, used)) : [];
  },
};
