import { describe, expect, it } from 'vitest';
import { demoHostHistory } from './demo-host-history.js';

describe("the web demo's first suggested computer (issue 27)", () => {
  it('keeps a history whose first computer the simulated network knows', () => {
    expect(demoHostHistory(['server01.contoso.com', 'pc07'], ['server01.contoso.com'])).toEqual([
      'server01.contoso.com',
      'pc07',
    ]);
    expect(demoHostHistory(['SERVER01.contoso.com:3389'], ['server01.contoso.com'])).toEqual([
      'SERVER01.contoso.com:3389',
    ]);
  });

  it('puts a computer the network knows first when the history is empty or starts elsewhere', () => {
    expect(demoHostHistory([], ['server01.contoso.com', 'server02.contoso.com'])).toEqual([
      'server01.contoso.com',
    ]);
    expect(demoHostHistory(['pc07', 'server01.contoso.com'], ['server01.contoso.com'])).toEqual([
      'server01.contoso.com',
      'pc07',
    ]);
  });

  it('leaves the history alone when the network knows no computer', () => {
    expect(demoHostHistory(['pc07'], [])).toEqual(['pc07']);
  });
});
