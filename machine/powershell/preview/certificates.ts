import type { OpNameOf } from '../../../shared/ops.js';
import { type PreviewTable, psQuote } from './common.js';

/* The certificates family's preview. */

export const CERTIFICATES_PREVIEW: PreviewTable<OpNameOf<'certificates'>> = {
  'certificate.list': (op) => [`Get-ChildItem -Path ${psQuote(`Cert:\\${op.store}`)}`],
  'certificate.remove': (op) => [`Remove-Item -Path ${psQuote(`Cert:\\${op.store}\\${op.thumbprint}`)}`],
};
