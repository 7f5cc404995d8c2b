import { describe, expect, it } from 'vitest';
import { rdpFileText, rdpFullAddress } from './rdp-file.js';

const TEXT = 'screen mode id:i:2\r\nfull address:s:server01.contoso.com:3390\r\nusername:s:alice\r\n';
const b64 = (bytes: Buffer) => bytes.toString('base64');

describe('rdpFileText', () => {
  it.each([
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
    ['UTF-16 LE without BOM', Buffer.from(TEXT, 'utf16le')],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()])],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
    ['UTF-8', Buffer.from(TEXT, 'utf8')],
  ])('decodes %s', (_name, bytes) => {
    expect(rdpFileText(b64(bytes))).toBe(TEXT);
  });
});

describe('rdpFullAddress', () => {
  it('reads the address, whatever the case and spacing of the key', () => {
    expect(rdpFullAddress(TEXT)).toBe('server01.contoso.com:3390');
    expect(rdpFullAddress('Full Address:s: pc07 \n')).toBe('pc07');
  });

  it('is undefined when the file names no computer', () => {
    expect(rdpFullAddress('alternate full address:s:pc07\r\nusername:s:alice\r\n')).toBeUndefined();
    expect(rdpFullAddress('')).toBeUndefined();
  });
});
