import type { OpNameOf } from '../../../shared/ops.js';
import { type PreviewTable, psQuote } from './common.js';

/* The system family's preview: mstsc, restore points and the session's facts. */

export const SYSTEM_PREVIEW: PreviewTable<OpNameOf<'system'>> = {
  'app.launchMstsc': (op) => [
    `Start-Process -FilePath 'mstsc.exe' -ArgumentList ${psQuote(`/v:${op.host}`)}`,
  ],
  'system.restorePoint': (op) => [
    `Checkpoint-Computer -Description ${psQuote(op.description)} -RestorePointType 'MODIFY_SETTINGS'`,
  ],
  'system.facts': () => ['Get-CimInstance -ClassName Win32_OperatingSystem'],
};
