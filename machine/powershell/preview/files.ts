import type { OpNameOf } from '../../../shared/ops.js';
import { type PreviewTable, psQuote } from './common.js';

/* The files family's preview: a file in Documents, wherever Windows has that folder. */

function documentsPath(name: string): string {
  return `(Join-Path ([Environment]::GetFolderPath('MyDocuments')) ${psQuote(name)})`;
}

function attributesLiteral(attributes: readonly string[]): string {
  return psQuote(attributes.length > 0 ? attributes.join(', ') : 'Normal');
}

export const FILES_PREVIEW: PreviewTable<OpNameOf<'files'>> = {
  'file.read': (op) => [`Get-Item -Path ${documentsPath(op.name)} -Force`],
  'file.write': (op) => {
    const size = Math.floor((op.contentBase64.replace(/=+$/, '').length * 3) / 4);
    return [
      `# Restore ${size} bytes saved in the backup`,
      `[IO.File]::WriteAllBytes(${documentsPath(op.name)}, $backupBytes)`,
      `Set-ItemProperty -Path ${documentsPath(op.name)} -Name Attributes -Value ${attributesLiteral(op.attributes)}`,
    ];
  },
  'file.delete': (op) => [`Remove-Item -Path ${documentsPath(op.name)} -Force -ErrorAction SilentlyContinue`],
  'file.setAttributes': (op) => [
    `Set-ItemProperty -Path ${documentsPath(op.name)} -Name Attributes -Value ${attributesLiteral(op.attributes)}`,
  ],
};
