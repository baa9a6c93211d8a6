import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousViolations } from './accessibility.ts';

/** Where the browser tests leave their screenshots, for a person to look at. */
export const SCREENSHOTS = new URL('../test-results/screenshots/', import.meta.url).pathname;

/**
 * A screenshot of the page in each theme and an axe-core scan in each (serious and critical
 * violations, unless told which); it ends in the light. The toggle takes the focus and, clicked,
 * is scrolled into view: `before` puts back what the screenshot is of (a focus, a scroll).
 */
export async function inBothThemes(
  page: Page,
  name: string,
  {
    fullPage = true,
    violations = seriousViolations,
    before,
  }: {
    fullPage?: boolean;
    violations?: typeof seriousViolations;
    before?: () => Promise<void>;
  } = {},
) {
  for (const theme of ['dark', 'light'] as const) {
    // The toggle is named for the theme it switches to.
    await page.getByRole('button', { name: new RegExp(`^${theme} theme`, 'i') }).click();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme);
    await before?.();
    await page.screenshot({ path: `${SCREENSHOTS}${name}-${theme}.png`, fullPage });
    expect(await violations(page), `${name} in the ${theme} theme`).toEqual([]);
  }
}
