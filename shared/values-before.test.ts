import { describe, expect, it } from 'vitest';
import { elevatedValueEntry, MACHINE_ALLOW_LIST } from './machine-allow-list.js';
import type { RegistryValue } from './registry.js';
import { guardedValueChange, valueStateText } from './values-before.js';

const POLICY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client';
const dword = (data: number): RegistryValue => ({ type: 'REG_DWORD', data });
const entry = MACHINE_ALLOW_LIST.elevatedWrites.registryValues[0]!;
const RECORD = `${POLICY}\\fClientDisableUDP`;

describe('values before', () => {
  it('spells a value as the interpreter does (RdpRepair.Interpreter.Registry.Tests.ps1 checks the same text)', () => {
    expect(valueStateText(dword(1))).toBe('{"exists":true,"value":{"type":"REG_DWORD","data":1}}');
    expect(valueStateText(null)).toBe('{"exists":false}');
    expect(valueStateText({ type: 'REG_OTHER', valueType: 5, data: '0a' })).toBe(
      '{"exists":true,"value":{"type":"REG_OTHER","valueType":5,"data":"0a"}}',
    );
  });

  it('guards only the values the elevated batch may change, however the path is spelled', () => {
    expect(
      elevatedValueEntry(
        'HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client',
        'FCLIENTDISABLEUDP',
      ),
    ).toBe(entry);
    expect(elevatedValueEntry(POLICY, 'Shadow')).toBeUndefined();
    expect(elevatedValueEntry('not a path', 'fClientDisableUDP')).toBeUndefined();
  });

  it.each([
    ['no change, with no record', dword(0), dword(0), undefined, { action: 'none' }],
    [
      'the fix records the value before',
      dword(0),
      dword(1),
      undefined,
      { action: 'record', recordName: RECORD, text: valueStateText(dword(0)) },
    ],
    [
      'the fix over an older record records again',
      null,
      dword(1),
      valueStateText(dword(5)),
      { action: 'record', recordName: RECORD, text: valueStateText(null) },
    ],
    [
      'exactly the recorded value: put back, record dropped',
      dword(1),
      dword(0),
      valueStateText(dword(0)),
      { action: 'forget', recordName: RECORD },
    ],
    [
      'deleting when the record says there was none',
      dword(1),
      null,
      valueStateText(null),
      { action: 'forget', recordName: RECORD },
    ],
  ] as const)('%s', (_, current, wanted, recorded, expected) => {
    expect(guardedValueChange(entry, current, wanted, recorded)).toEqual(expected);
  });

  it.each([
    ['another value with no record', dword(1), dword(0), undefined],
    ['another value than the recorded one', dword(1), dword(2), valueStateText(dword(0))],
    [
      'the recorded data in another type',
      dword(1),
      { type: 'REG_SZ', data: '0' } as RegistryValue,
      valueStateText(dword(0)),
    ],
    ['a delete when the record says there was a value', dword(1), null, valueStateText(dword(0))],
  ] as const)('refuses %s', (_, current, wanted, recorded) => {
    expect(guardedValueChange(entry, current, wanted, recorded)).toMatchObject({
      action: 'refuse',
      refusal: { code: 'invalid-argument' },
    });
  });
});
