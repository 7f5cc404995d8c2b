import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { REPO_DIR } from './demo-server.js';

export const SCREENSHOT_DIR = join(REPO_DIR, 'e2e', 'screenshots');
const SIZES = [
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

export const DEFAULT_VIEWPORT = { width: 1280, height: 800 };

async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  // Tabster's focus sentinels (<i data-tabster-dummy tabindex=0 aria-hidden>) hand focus on at once and are
  // never a stop; axe cannot know that, so they are the one thing excluded.
  const results = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

async function expectNoHorizontalOverflow(page: Page, label: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const main = document.querySelector('main');
    const offenders: string[] = [];
    if (root.scrollWidth > window.innerWidth) offenders.push(`page ${root.scrollWidth}px`);
    if (main && main.scrollWidth > main.clientWidth) offenders.push(`main ${main.scrollWidth}px`);
    for (const surface of document.querySelectorAll('[role="dialog"], [role="alertdialog"]')) {
      const box = surface.getBoundingClientRect();
      if (box.right > window.innerWidth || box.left < 0) offenders.push(`dialog ${Math.round(box.width)}px`);
    }
    return offenders;
  });
  expect(overflow, `horizontal overflow on ${label}`).toEqual([]);
}

/**
 * One screen, checked the way issue 4 asks: axe with zero violations in light and dark, nothing overflowing at
 * 800×600, and a screenshot per theme and size. Leaves the page at the default size in light mode.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      // Let layout and Fluent's motion settle before judging the screen.
      await page.waitForTimeout(250);
      const label = `${name} (${colorScheme}, ${size.width}×${size.height})`;
      await expectNoHorizontalOverflow(page, label);
      if (size.width === 800) await expectNoAxeViolations(page, label);
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `${name}-${colorScheme}-${size.width}x${size.height}.png`),
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(DEFAULT_VIEWPORT);
}
