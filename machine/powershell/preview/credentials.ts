import type { OpNameOf } from '../../../shared/ops.js';
import { type PreviewTable, psQuote } from './common.js';

/* The credentials family's preview: saved passwords, whose secrets never appear. */

const CREDENTIAL_KIND: Record<'DomainPassword' | 'Generic', string> = {
  DomainPassword: 'a Windows (domain) saved password',
  Generic: 'a generic saved password',
};

export const CREDENTIALS_PREVIEW: PreviewTable<OpNameOf<'credentials'>> = {
  'credential.list': () => ['cmdkey /list'],
  'credential.delete': (op) => [`cmdkey ${psQuote(`/delete:${op.target}`)}  # ${CREDENTIAL_KIND[op.type]}`],
  'credential.read': (op) => [
    `# Back up the generic saved password ${psQuote(op.target)} (CredRead; kept protected by DPAPI for you)`,
  ],
  'credential.write': (op) => [
    `# Put back the generic saved password ${psQuote(op.target)} for user ${psQuote(op.user)} from its DPAPI-protected backup (CredWrite)`,
  ],
};
