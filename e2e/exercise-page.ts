import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** An exercise on its lesson page, which may have other exercises too. */
export const panel = (page: Page, id = 'set-and-get') =>
  page.locator(`section[aria-labelledby="exercise-${id}"]`);

export const editorText = (page: Page, id = 'set-and-get') =>
  panel(page, id).locator('.monaco-editor .view-lines').textContent();

/** How Monaco shows a text: one line per div, spaces as no-break spaces. */
export const shown = (code: string) => code.replace(/\n/g, '').replace(/ /g, '\u00a0');

/**
 * Replaces the editor's text the way a learner would: select all, paste over it. (Typing would
 * let Monaco auto-close brackets and indent, changing the code.) The page's context needs the
 * clipboard permissions.
 */
export async function replaceCode(page: Page, code: string, exercise = 'set-and-get') {
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await panel(page, exercise).locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => editorText(page, exercise)).toBe(shown(code));
}
