import { describe, expect, it } from 'vitest';
import type { Finding, FindingStatus, RepairId } from '../../../shared/findings.js';
import { allPassed, orderCards, summaryKind } from './card-order.js';

function finding(repairId: RepairId, status: FindingStatus): Finding {
  return { repairId, status, summary: '', explanation: '', evidence: [], instructions: [] };
}

const ids = (list: Finding[]) => list.map((f) => f.repairId);

describe('orderCards', () => {
  const findings = [
    finding('udp-transport', 'suggestion'),
    finding('certificates', 'ok'),
    finding('saved-credentials', 'not-applicable'),
    finding('vpn', 'manual'),
    finding('connectivity', 'problem'),
    finding('event-logs', 'warning'),
    finding('rdp-handshake', 'unknown'),
  ];

  it('puts problems first, then warnings, steps for the user, suggestions and what could not be checked', () => {
    const { shown, passed } = orderCards(findings, () => false);
    expect(ids(shown)).toEqual(['connectivity', 'event-logs', 'vpn', 'udp-transport', 'rdp-handshake']);
    expect(ids(passed)).toEqual(['certificates', 'saved-credentials']);
  });

  it('keeps the catalogue order within one status, whatever order the scan reported', () => {
    const { shown } = orderCards(
      [finding('connectivity', 'problem'), finding('udp-transport', 'problem')],
      () => false,
    );
    expect(ids(shown)).toEqual(['udp-transport', 'connectivity']);
  });

  it('keeps a card the user acted on in view when it turns green', () => {
    const { shown, passed } = orderCards(findings, (id) => id === 'certificates');
    expect(ids(shown)).toContain('certificates');
    expect(ids(passed)).toEqual(['saved-credentials']);
  });
});

describe('allPassed', () => {
  it('is true only when every check passed', () => {
    expect(allPassed([finding('vpn', 'ok'), finding('certificates', 'not-applicable')])).toBe(true);
    expect(allPassed([finding('vpn', 'ok'), finding('udp-transport', 'suggestion')])).toBe(false);
    expect(allPassed([])).toBe(false);
  });
});

describe('summaryKind', () => {
  it('says "no problems" on a healthy PC, never "nothing left to fix"', () => {
    expect(summaryKind([finding('vpn', 'ok'), finding('certificates', 'ok')], 0)).toBe('allPassed');
  });
  it('says the PC is fine when only suggestions remain', () => {
    expect(summaryKind([finding('vpn', 'ok'), finding('udp-transport', 'suggestion')], 0)).toBe(
      'suggestionsOnly',
    );
  });
  it('points at the manual steps when they are all that is left', () => {
    expect(summaryKind([finding('vpn', 'manual'), finding('udp-transport', 'ok')], 0)).toBe('manual');
  });
  it('counts the changes when there are some', () => {
    expect(summaryKind([finding('udp-transport', 'problem')], 1)).toBe('problemsOne');
    expect(summaryKind([finding('udp-transport', 'problem')], 3)).toBe('problems');
    expect(summaryKind([finding('connectivity', 'problem')], 0)).toBe('nothingToFix');
  });
});
