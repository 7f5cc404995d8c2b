import type { OpNameOf } from '../../../shared/ops.js';
import { type PreviewTable, psQuote } from './common.js';

/* The services family's preview: the Remote Desktop services and the policy refresh. */

export const SERVICES_PREVIEW: PreviewTable<OpNameOf<'services'>> = {
  'service.status': (op) => [`Get-Service -Name ${psQuote(op.name)}`],
  'service.restart': (op) => [`Restart-Service -Name ${psQuote(op.name)} -Force`],
  'service.setState': (op) => {
    const setType = `Set-Service -Name ${psQuote(op.name)} -StartupType ${op.startType}`;
    return op.running
      ? [setType, `Start-Service -Name ${psQuote(op.name)}`]
      : [`Stop-Service -Name ${psQuote(op.name)} -Force`, setType];
  },
  'policy.refresh': () => ['gpupdate /target:computer /force'],
};
