import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** An exercise on its lesson page, which may have other exercises too. */
export const panel = (page: Page, id = 'set-and-get') =>
  page.locator(`section[aria-labelledby="exercise-${id}"]`);

/** The lines of the exercise's own editor (a comparison with the reference has editors too). */
export const editorLines = (page: Page, id = 'set-and-get') =>
  panel(page, id).getByTestId('code-editor').locator('.view-lines');

/**
 * The text Monaco shows, line after line. Monaco reuses a line's element as it scrolls or grows,
 * so their order in the page is not the lines' order: each is placed by its `top`.
 */
export const editorText = (page: Page, id = 'set-and-get') =>
  editorLines(page, id).evaluate((lines) =>
    [...lines.querySelectorAll<HTMLElement>('.view-line')]
      .sort((a, b) => Number.parseFloat(a.style.top) - Number.parseFloat(b.style.top))
      .map((line) => line.textContent)
      .join(''),
  );

/** How Monaco shows a text: one line per div, spaces as no-break spaces. */
export const shown = (code: string) => code.replace(/\n/g, '').replace(/ /g, '\u00a0');

/**
 * Replaces the editor's text the way a learner would: select all, paste over it. (Typing would
 * let Monaco auto-close brackets and indent, changing the code.) The page's context needs the
 * clipboard permissions.
 */
export async function replaceCode(page: Page, code: string, exercise = 'set-and-get') {
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await editorLines(page, exercise).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => editorText(page, exercise)).toBe(shown(code));
}
