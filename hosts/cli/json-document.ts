/**
 * The shape of every JSON document the CLI prints, as a number scripts can check: raised when a field is
 * removed, renamed or changes meaning, not when one is added. README "Command line" documents the shape.
 */
export const CLI_JSON_SCHEMA_VERSION = 1;

/** One JSON document: `schemaVersion` first, so it is read before anything that depends on it. */
export function jsonDocument(body: Record<string, unknown>): Record<string, unknown> {
  return { schemaVersion: CLI_JSON_SCHEMA_VERSION, ...body };
}
