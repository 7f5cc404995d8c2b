/*
 * Reading a saved .rdp file (Default.rdp). mstsc writes UTF-16 LE with a BOM; files edited by hand are often
 * UTF-8 (with or without a BOM). Only the text is needed here: the file itself is backed up byte for byte.
 */

function decode(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return swapped.swap16().toString('utf16le');
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return bytes.subarray(3).toString('utf8');
  }
  // UTF-16 LE without a BOM: ASCII text has a zero in every second byte.
  if (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0) return bytes.toString('utf16le');
  return bytes.toString('utf8');
}

/** The text of an .rdp file given as base64, whatever its encoding. */
export function rdpFileText(contentBase64: string): string {
  return decode(Buffer.from(contentBase64, 'base64'));
}

/** The value of `full address:s:` (the computer the file connects to), or undefined when absent. */
export function rdpFullAddress(text: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*full address\s*:\s*s\s*:(.*)$/i.exec(line);
    if (match) return (match[1] ?? '').trim();
  }
  return undefined;
}

/**
 * A setting of an .rdp file (`name:type:value`, names compare case-insensitively), or undefined when absent.
 * The last line wins, as in mstsc.
 */
export function rdpSetting(text: string, name: string): string | undefined {
  let value: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([^:]+?)\s*:\s*[isb]\s*:(.*)$/i.exec(line);
    if (match && (match[1] ?? '').toLowerCase() === name.toLowerCase()) value = (match[2] ?? '').trim();
  }
  return value;
}
