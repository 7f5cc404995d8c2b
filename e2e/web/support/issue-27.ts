import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { DEFAULT_VIEWPORT, SCREENSHOT_DIR } from '../../support/screens.js';

/*
 * Shared steps of the issue-27 specs: a check as a user starts it, the live region's messages as a screen
 * reader hears them, and each changed screen checked in light, dark and forced colours.
 */

export const HOST = 'server01.contoso.com';

/** Repair ids a card or a message must never show (the hyphenated ones: no English word looks like them). */
export const REPAIR_ID_PATTERN =
  /udp-transport|saved-host-entry|saved-credentials|security-software|event-logs|rdp-handshake/;

export async function checkHost(page: Page, url: string, host = HOST): Promise<void> {
  await page.setViewportSize(DEFAULT_VIEWPORT);
  await page.goto(url);
  await page.getByRole('combobox', { name: /Computer you cannot connect to/ }).fill(host);
  await page.getByRole('button', { name: 'Check this PC' }).click();
  await expect(page.getByRole('heading', { name: `What we found for ${host}` })).toBeFocused();
}

/** Every text the live region takes from now on, in order: what a screen reader announces. */
export async function recordAnnouncements(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const region = document.querySelector('[data-testid="live-region"]');
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    if (!region) return;
    new MutationObserver(() => {
      const text = region.textContent ?? '';
      if (text !== '' && text !== heard.at(-1)) heard.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => [...(window as unknown as { heard: string[] }).heard]);
}

/** The cards in the order shown, by repair id (data-repair), not by the words on them. */
export function cardOrder(page: Page): Promise<string[]> {
  return page
    .locator('[data-repair]')
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-repair') ?? ''));
}

export function card(page: Page, repairId: string): Locator {
  return page.locator(`[data-repair="${repairId}"]`);
}

async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  // Tabster's focus sentinels hand focus on at once and are never a stop (as in e2e/support/screens.ts).
  const results = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  const found = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')}`,
  );
  expect(found, `axe violations on ${label}`).toEqual([]);
}

async function expectNoHorizontalOverflow(page: Page, label: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const main = document.querySelector('main');
    const offenders: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) offenders.push('page');
    if (main && main.scrollWidth > main.clientWidth) offenders.push('main');
    return offenders;
  });
  expect(overflow, `horizontal overflow on ${label}`).toEqual([]);
}

const MODES = [
  { name: 'light', media: { colorScheme: 'light', forcedColors: 'none' } },
  { name: 'dark', media: { colorScheme: 'dark', forcedColors: 'none' } },
  // Windows high contrast, as Chromium emulates it.
  { name: 'forced', media: { colorScheme: 'dark', forcedColors: 'active' } },
] as const;
const SIZES = [
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
] as const;

/**
 * One changed screen in light, dark and forced colours at 800×600 and 1280×800: axe clean and nothing
 * overflowing sideways at 800×600, and a screenshot of each under e2e/screenshots. `show` is scrolled into view
 * after each resize, so the screenshot holds what the screen is about. Leaves the page light, 1280×800.
 */
export async function checkScreenAllModes(page: Page, name: string, show?: Locator): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const mode of MODES) {
    await page.emulateMedia(mode.media);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      // Let layout and Fluent's motion settle before judging the screen.
      await page.waitForTimeout(250);
      if (show) await show.scrollIntoViewIfNeeded();
      const label = `${name} (${mode.name}, ${size.width}×${size.height})`;
      if (size.width === 800) {
        await expectNoHorizontalOverflow(page, label);
        await expectNoAxeViolations(page, label);
      }
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `${name}-${mode.name}-${size.width}x${size.height}.png`),
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
  await page.setViewportSize(DEFAULT_VIEWPORT);
}
