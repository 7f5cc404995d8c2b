import { absent, DOCS, done, err, machine, ok, utf8, utf16 } from './contract-fixtures.js';
import type { ContractCase } from './contract-types.js';

/*
 * The files family's contract cases (Files.ps1): files in Documents, byte for byte with their attributes.
 */

const RDP_TEXT = 'screen mode id:i:2\r\nfull address:s:server01.contoso.com\r\n';
const WITH_RDP_FILES = machine({
  files: {
    [`${DOCS}\\Default.rdp`]: { content: RDP_TEXT, encoding: 'utf-16le', attributes: ['Hidden'] },
    [`${DOCS}\\notes.rdp`]: { content: 'full address:s:häuser\r\n', encoding: 'utf-8', attributes: [] },
  },
});

export const FILES_CASES: readonly ContractCase[] = [
  {
    name: 'file.read of a hidden UTF-16 LE file: exact bytes with the BOM, name case-insensitive',
    realMachine: 'portable',
    machine: WITH_RDP_FILES,
    ops: [
      { op: 'file.read', folder: 'documents', name: 'default.RDP' },
      { op: 'file.read', folder: 'documents', name: 'notes.rdp' },
      { op: 'file.read', folder: 'documents', name: 'missing.rdp' },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok({ exists: true, contentBase64: utf16(RDP_TEXT), attributes: ['Hidden'] }),
      ok({ exists: true, contentBase64: utf8('full address:s:häuser\r\n'), attributes: [] }),
      absent,
    ],
  },
  {
    name: 'file.write creates or replaces a file with exactly these bytes and attributes, hidden or not',
    realMachine: 'portable',
    machine: WITH_RDP_FILES,
    ops: [
      {
        op: 'file.write',
        folder: 'documents',
        name: 'Default.rdp',
        contentBase64: utf16('x\r\n'),
        attributes: [],
      },
      {
        op: 'file.write',
        folder: 'documents',
        name: 'restored.rdp',
        contentBase64: utf16(RDP_TEXT),
        attributes: ['Archive', 'Hidden'],
      },
      {
        op: 'file.write',
        folder: 'documents',
        name: 'restored.rdp',
        contentBase64: utf16(RDP_TEXT),
        attributes: ['Archive', 'Hidden'],
      },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done, done, done],
    expectedMachineAfter: {
      files: {
        'Default.rdp': { contentBase64: utf16('x\r\n'), attributes: [] },
        'restored.rdp': { contentBase64: utf16(RDP_TEXT), attributes: ['Hidden', 'Archive'] },
      },
    },
  },
  {
    name: 'file.delete removes a hidden file; deleting it again succeeds',
    realMachine: 'portable',
    machine: WITH_RDP_FILES,
    ops: [
      { op: 'file.delete', folder: 'documents', name: 'DEFAULT.rdp' },
      { op: 'file.delete', folder: 'documents', name: 'Default.rdp' },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done, done],
    expectedMachineAfter: {
      files: {
        'Default.rdp': null,
        'notes.rdp': { contentBase64: utf8('full address:s:häuser\r\n'), attributes: [] },
      },
    },
  },
  {
    name: 'file.setAttributes sets exactly the given attributes; a missing file is not-found',
    realMachine: 'portable',
    machine: WITH_RDP_FILES,
    ops: [
      {
        op: 'file.setAttributes',
        folder: 'documents',
        name: 'notes.rdp',
        attributes: ['ReadOnly', 'Hidden'],
      },
      { op: 'file.setAttributes', folder: 'documents', name: 'Default.rdp', attributes: [] },
      { op: 'file.setAttributes', folder: 'documents', name: 'missing.rdp', attributes: ['Hidden'] },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [done, done, err('not-found')],
    expectedMachineAfter: {
      files: {
        'notes.rdp': { contentBase64: utf8('full address:s:häuser\r\n'), attributes: ['ReadOnly', 'Hidden'] },
        'Default.rdp': { contentBase64: utf16(RDP_TEXT), attributes: [] },
        'missing.rdp': null,
      },
    },
  },
  {
    name: 'plain and read-only files: exact bytes written, read, replaced and deleted, twice is fine',
    realMachine: 'portable',
    machine: machine({
      files: {
        [`${DOCS}\\notes.rdp`]: { content: 'full address:s:häuser\r\n', encoding: 'utf-8', attributes: [] },
      },
    }),
    ops: [
      { op: 'file.read', folder: 'documents', name: 'notes.rdp' },
      {
        op: 'file.write',
        folder: 'documents',
        name: 'Default.rdp',
        contentBase64: utf16(RDP_TEXT),
        attributes: ['ReadOnly'],
      },
      {
        op: 'file.write',
        folder: 'documents',
        name: 'Default.rdp',
        contentBase64: utf8('x'),
        attributes: ['ReadOnly'],
      },
      { op: 'file.setAttributes', folder: 'documents', name: 'notes.rdp', attributes: ['ReadOnly'] },
      { op: 'file.delete', folder: 'documents', name: 'gone.rdp' },
      { op: 'file.read', folder: 'documents', name: 'gone.rdp' },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [
      ok({ exists: true, contentBase64: utf8('full address:s:häuser\r\n'), attributes: [] }),
      done,
      done,
      done,
      done,
      absent,
    ],
    expectedMachineAfter: {
      files: {
        'Default.rdp': { contentBase64: utf8('x'), attributes: ['ReadOnly'] },
        'notes.rdp': { contentBase64: utf8('full address:s:häuser\r\n'), attributes: ['ReadOnly'] },
        'gone.rdp': null,
      },
    },
  },
  {
    name: 'write mode stops at the first failure with files too: nothing after it is written',
    realMachine: 'portable',
    machine: machine(),
    ops: [
      { op: 'file.write', folder: 'documents', name: 'a.rdp', contentBase64: utf8('a'), attributes: [] },
      { op: 'file.setAttributes', folder: 'documents', name: 'missing.rdp', attributes: [] },
      { op: 'file.write', folder: 'documents', name: 'b.rdp', contentBase64: utf8('b'), attributes: [] },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done, err('not-found'), err('skipped')],
    expectedMachineAfter: {
      files: { 'a.rdp': { contentBase64: utf8('a'), attributes: [] }, 'b.rdp': null },
    },
  },
];
