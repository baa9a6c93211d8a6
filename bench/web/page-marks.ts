import type { Page } from 'playwright-core';

interface Marks {
  usable?: number;
  editorShown?: number;
}

/**
 * Installed in each page before its scripts: notes the frame in which each mark first holds, in
 * the page's own clock (0 is the navigation's start). A string, as tsx's keepNames would wrap a
 * function's inner functions in a helper pages lack.
 */
const RECORD_MARKS = `{
  const marks = (window.benchMarks = {});
  const shown = (element) => element?.checkVisibility() === true;
  const tick = (now) => {
    if (marks.usable === undefined) {
      const run = [...document.querySelectorAll('button')].find((button) =>
        /^Run(\\s|$)/.test(button.textContent.trim()),
      );
      if (shown(document.querySelector('h1')) && shown(run) && !run.disabled) marks.usable = now;
    }
    if (marks.editorShown === undefined && shown(document.querySelector('.monaco-editor .view-lines')))
      marks.editorShown = now;
    if (marks.usable === undefined || marks.editorShown === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}`;

/** Every document the page loads from now on records its marks. */
export async function recordMarks(page: Page): Promise<void> {
  await page.addInitScript({ content: RECORD_MARKS });
}

async function mark(page: Page, name: keyof Marks): Promise<number> {
  const handle = await page.waitForFunction(
    (key) => (window as unknown as { benchMarks: Marks }).benchMarks[key],
    name,
  );
  return (await handle.jsonValue()) as number;
}

/** Navigation start to the lesson's h1 and its first Run button visible and enabled. */
export const lessonUsable = (page: Page) => mark(page, 'usable');

/**
 * Navigation start to a key pressed in Monaco showing in its text; the key is pressed as soon as
 * the editor's lines are visible, so the figure includes Monaco's first keystroke.
 */
export async function editorReady(page: Page): Promise<number> {
  await mark(page, 'editorShown');
  const lines = page.locator('.monaco-editor .view-lines').first();
  const text = await lines.textContent();
  await lines.click();
  await page.keyboard.press('x');
  const changed = await page.waitForFunction(
    (before) =>
      document.querySelector('.monaco-editor .view-lines')?.textContent !== before &&
      performance.now(),
    text,
    { polling: 'raf' },
  );
  return (await changed.jsonValue()) as number;
}

/**
 * From the `.` of a `redis.` typed on a new line after the starter's `void redis;` (inside a
 * function given the client) to the first suggestion drawn, in the page's own clock.
 */
export async function firstCompletion(page: Page): Promise<number> {
  const line = page.locator('.monaco-editor .view-line', { hasText: 'void redis' }).first();
  await line.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('redis');
  await page.evaluate(() => {
    const marks = window as unknown as { benchDot?: number };
    addEventListener(
      'keydown',
      (event) => {
        if (event.key === '.') marks.benchDot ??= performance.now();
      },
      { capture: true },
    );
  });
  await page.keyboard.press('.');
  const shown = await page.waitForFunction(
    () => {
      const dot = (window as unknown as { benchDot?: number }).benchDot;
      const row = document.querySelector('.suggest-widget.visible .monaco-list-row');
      return dot !== undefined && row !== null && performance.now() - dot;
    },
    undefined,
    { polling: 'raf' },
  );
  return (await shown.jsonValue()) as number;
}
