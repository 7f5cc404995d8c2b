import type { OpNameOf } from '../../../shared/ops.js';
import { type PreviewTable, psQuote } from './common.js';

/* The services family's preview: the Remote Desktop services and the policy refresh. */

export const SERVICES_PREVIEW: PreviewTable<OpNameOf<'services'>> = {
  'service.status': (op) => [`Get-Service -Name ${psQuote(op.name)}`],
  'service.restart': (op) => [`Restart-Service -Name ${psQuote(op.name)} -Force`],
  'policy.refresh': () => ['gpupdate /target:computer /force'],
};
