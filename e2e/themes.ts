import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousViolations } from './accessibility.ts';

/** Where the browser tests leave their screenshots, for a person to look at. */
export const SCREENSHOTS = new URL('../test-results/screenshots/', import.meta.url).pathname;

/**
 * A screenshot of the page in each theme and an axe-core scan in each (serious and critical
 * violations, unless told which); it ends in the light. The toggle takes the focus: `refocus`
 * gets it back before each screenshot, for what shows only while focused (the console's list).
 */
export async function inBothThemes(
  page: Page,
  name: string,
  {
    fullPage = true,
    violations = seriousViolations,
    refocus,
  }: { fullPage?: boolean; violations?: typeof seriousViolations; refocus?: Locator } = {},
) {
  for (const theme of ['dark', 'light'] as const) {
    // The toggle is named for the theme it switches to.
    await page.getByRole('button', { name: new RegExp(`^${theme} theme`, 'i') }).click();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme);
    await refocus?.focus();
    await page.screenshot({ path: `${SCREENSHOTS}${name}-${theme}.png`, fullPage });
    expect(await violations(page), `${name} in the ${theme} theme`).toEqual([]);
  }
}
