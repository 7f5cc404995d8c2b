import type { OpNameOf } from '../../../shared/ops.js';
import { failure, ok, type SimulatedOpHandlers } from './common.js';

/* The files family, as Files.ps1 answers it: a file in Documents, its exact bytes and attributes. */

export const FILES_HANDLERS: SimulatedOpHandlers<OpNameOf<'files'>> = {
  'file.read': (op, { files, documentsPath }) => {
    const file = files.read(documentsPath(op.name));
    return ok(
      file
        ? { exists: true, contentBase64: file.bytes.toString('base64'), attributes: file.attributes }
        : { exists: false },
    );
  },
  'file.write': (op, { files, documentsPath }) => {
    files.write(documentsPath(op.name), Buffer.from(op.contentBase64, 'base64'), op.attributes);
    return ok(null);
  },
  'file.delete': (op, { files, documentsPath }) => {
    files.delete(documentsPath(op.name));
    return ok(null);
  },
  'file.setAttributes': (op, { files, documentsPath }) =>
    files.setAttributes(documentsPath(op.name), op.attributes)
      ? ok(null)
      : failure('not-found', `There is no file named ${op.name} in Documents.`),
};
