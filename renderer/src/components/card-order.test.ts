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
    const { shown, passed } = orderCards(findings, () => false, 'network');
    expect(ids(shown)).toEqual(['connectivity', 'event-logs', 'vpn', 'udp-transport', 'rdp-handshake']);
    expect(ids(passed)).toEqual(['certificates', 'saved-credentials']);
  });

  it("folds this PC's own listener apart when another computer was checked: neither shown nor passed", () => {
    const incoming = { ...finding('certificates', 'problem'), incoming: true as const };
    const order = orderCards([finding('udp-transport', 'ok'), incoming], () => false, 'none');
    expect(ids(order.shown)).toEqual([]);
    expect(ids(order.passed)).toEqual(['udp-transport']);
    expect(ids(order.incoming)).toEqual(['certificates']);
  });

  it('keeps the catalogue order within one status, whatever order the scan reported', () => {
    const { shown } = orderCards(
      [finding('connectivity', 'problem'), finding('udp-transport', 'problem')],
      () => false,
      'this-pc',
    );
    expect(ids(shown)).toEqual(['udp-transport', 'connectivity']);
  });

  it('keeps a card the user acted on in view when it turns green', () => {
    const { shown, passed } = orderCards(findings, (id) => id === 'certificates', 'network');
    expect(ids(shown)).toContain('certificates');
    expect(ids(passed)).toEqual(['saved-credentials']);
  });

  it('keeps a fixed card where it was, and every card that was shown, when the same check is refreshed', () => {
    const before = orderCards(
      [
        finding('udp-transport', 'problem'),
        finding('saved-credentials', 'problem'),
        finding('vpn', 'manual'),
      ],
      () => false,
      'this-pc',
    );
    expect(ids(before.shown)).toEqual(['udp-transport', 'saved-credentials', 'vpn']);
    const after = orderCards(
      [finding('udp-transport', 'ok'), finding('saved-credentials', 'ok'), finding('vpn', 'manual')],
      (id) => id === 'udp-transport',
      'none',
      ids(before.shown),
    );
    expect(ids(after.shown)).toEqual(['udp-transport', 'saved-credentials', 'vpn']);
    expect(ids(after.passed)).toEqual([]);
  });

  it('shows past events as history after the rest once the check passes', () => {
    const events = [finding('event-logs', 'warning'), finding('udp-transport', 'suggestion')];
    expect(ids(orderCards(events, () => false, 'none').shown)).toEqual(['udp-transport', 'event-logs']);
    expect(ids(orderCards(events, () => false, 'this-pc').shown)).toEqual(['event-logs', 'udp-transport']);
  });
});

describe('allPassed', () => {
  it('is true only when every check passed', () => {
    expect(allPassed([finding('vpn', 'ok'), finding('certificates', 'not-applicable')], 'none')).toBe(true);
    expect(allPassed([finding('vpn', 'ok'), finding('udp-transport', 'suggestion')], 'none')).toBe(false);
    expect(allPassed([], 'none')).toBe(false);
  });
  it('counts past events as history once the check passes, not before', () => {
    expect(allPassed([finding('vpn', 'ok'), finding('event-logs', 'warning')], 'none')).toBe(true);
    expect(allPassed([finding('vpn', 'ok'), finding('event-logs', 'warning')], 'unknown')).toBe(false);
  });
});

describe('summaryKind', () => {
  const none = { made: 0, consent: 0 };
  it('says "no problems" on a healthy PC, never "nothing left to fix"', () => {
    expect(summaryKind([finding('vpn', 'ok'), finding('certificates', 'ok')], 'none', none)).toBe(
      'allPassed',
    );
  });
  it('says the PC is fine when only suggestions remain', () => {
    expect(summaryKind([finding('vpn', 'ok'), finding('udp-transport', 'suggestion')], 'none', none)).toBe(
      'suggestionsOnly',
    );
  });
  it('points at the manual steps when they are all that is left', () => {
    expect(summaryKind([finding('vpn', 'manual'), finding('udp-transport', 'ok')], 'network', none)).toBe(
      'manual',
    );
  });
  it('counts the changes as Fix all does, and asks for consent when nothing can be undone', () => {
    const problem = [finding('udp-transport', 'problem')];
    expect(summaryKind(problem, 'this-pc', { made: 1, consent: 2 })).toBe('problemsOne');
    expect(summaryKind(problem, 'this-pc', { made: 3, consent: 0 })).toBe('problems');
    expect(summaryKind([finding('saved-credentials', 'problem')], 'this-pc', { made: 0, consent: 1 })).toBe(
      'consent',
    );
    expect(summaryKind([finding('connectivity', 'problem')], 'network', none)).toBe('nothingToFix');
  });
});
