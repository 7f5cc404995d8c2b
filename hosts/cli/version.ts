// A named import of one field: esbuild inlines the version string alone into dist/cli/rdp-repair.mjs at build,
// so the installed command needs no package.json beside it and tells no more about the package than this.
import { version } from '../../package.json';
import { terminalJson } from './cli-output.js';
import { jsonDocument } from './json-document.js';

export const VERSION: string = version;

/** What `rdp-repair --version` prints: the line a bug report or a script quotes, or one JSON document. */
export function versionText(json: boolean): string {
  return json
    ? terminalJson(jsonDocument({ command: 'version', version: VERSION }))
    : `rdp-repair ${VERSION}`;
}
