import type { OpNameOf } from '../../../shared/ops.js';
import { listCertificates, removeCertificate } from '../simulated-certificates.js';
import type { SimulatedOpHandlers } from './common.js';

/* The certificates family, as Certificates.ps1 answers it (the stores themselves: simulated-certificates.ts). */

export const CERTIFICATES_HANDLERS: SimulatedOpHandlers<OpNameOf<'certificates'>> = {
  'certificate.list': (op, { state, elevated }) => listCertificates(state, op.store, elevated),
  'certificate.remove': (op, { state, now }) => removeCertificate(state, op, now()),
};
